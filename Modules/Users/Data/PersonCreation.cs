using RetailPerformer.Shared.Contracts.Webhooks;
using Microsoft.Extensions.Logging;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Contracts.Stores;

namespace RetailPerformer.Users.Data;

/// <summary>What creating a manager and creating a seller have in common: the store check, the insert, the invitation.</summary>
internal sealed class PersonCreation(NpgsqlDataSource dataSource, IStoreDirectory stores, InvitationService invitations, IEventOutbox outbox, TimeProvider clock,
    ILogger<PersonCreation> logger)
{
    public const string StoreInactive = "This store is deleted: people cannot be added to it";

    public sealed record Outcome(UserRow? Person, bool InvitationSent, ProblemHttpResult? Problem);

    /// <summary>The store the path names, if it is an active store of the caller's tenant; else the problem to answer.</summary>
    public async Task<(Guid StoreId, ProblemHttpResult? Problem)> ResolveStoreAsync(ApiKeyCaller caller, string storeIdText, CancellationToken cancellationToken)
    {
        if (!Ids.TryParse(storeIdText, out var storeId)) return (Guid.Empty, Problems.NotFound(ProblemMessages.StoreNotFound));
        var store = await stores.FindAsync(caller.TenantId, storeId, cancellationToken);
        if (store is null) return (storeId, Problems.NotFound(ProblemMessages.StoreNotFound));
        if (!store.Active) return (storeId, Problems.BadRequest(StoreInactive));
        return (storeId, null);
    }

    public async Task<Outcome> CreateAsync(ApiKeyCaller caller, string role, Guid storeId, IPersonFields fields, Guid? managerId,
        bool sendInvitation, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = Emails.Clean(fields.Email!);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Held until commit: a deletion of the store waits for this person and suspends them too, or it came first
        // and the store is seen deleted here.
        await StoreLocks.ShareAsync(connection, transaction, storeId);
        if (await stores.FindAsync(caller.TenantId, storeId, cancellationToken) is not { Active: true })
            return new Outcome(null, false, Problems.BadRequest(StoreInactive));

        UserRow? person;
        try
        {
            person = await connection.QuerySingleOrDefaultAsync<UserRow>($"""
            INSERT INTO users.users (tenant_id, id, role, name, email, email_normalized, phone, external_id, store_id, manager_id,
                                     security_stamp, created_at, updated_at)
            VALUES (@TenantId, @id, @role, @name, {Emails.StoredSql("@email")}, {Emails.ComparedSql("@normalized")}, @Phone, {UserText.NfcSql("@externalId")}, @storeId, @managerId, @stamp, @now, @now)
            ON CONFLICT (email_normalized) WHERE status <> 'deleted' DO NOTHING
            RETURNING {UserRow.Columns}
            """,
            new
            {
                caller.TenantId, id = Guid.CreateVersion7(), role, name = fields.Name!.Trim(), email, normalized = Emails.Normalize(email),
                // Canonical and NFC, as a store's: the unique index then compares what an integration means.
                fields.Phone, externalId = UserText.CanonicalOrNull(fields.ExternalId),
                storeId, managerId, stamp = Passwords.NewSecurityStamp(), now,
            }, transaction);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == UserMessages.ExternalIdIndex)
        {
            return new Outcome(null, false, Problems.BadRequest(UserMessages.ExternalIdAlreadyUsed));
        }
        if (person is null) return new Outcome(null, false, Problems.BadRequest(UserMessages.EmailAlreadyRegistered));

        var invitation = sendInvitation ? await invitations.CreateAsync(connection, transaction, caller.TenantId, person.Id, email) : null;
        await outbox.AddAsync(new SharedTransaction(connection, transaction), caller.TenantId, EventTypes.UserCreated, UserEvents.Of(person), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var sent = false;
        if (invitation is not null)
        {
            try
            {
                sent = await invitations.DeliverAsync(invitation, person.Name, email, role, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The person exists and the invitation stays pending: never fail the creation for the email.
                logger.LogWarning(ex, "Could not record the delivery of invitation {InvitationId}", invitation.Id);
            }
        }
        return new Outcome(person, sent, null);
    }
}
