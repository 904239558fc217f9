using System.Security.Cryptography;
using RetailPerformer.Shared.Data;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Users.Data;

/// <summary>
/// Sends the invitation emails that are due again, on every host at once, as webhook deliveries are sent
/// (<see cref="QueueWorker{TClaimed}"/>): a host claims up to 20 with <c>FOR UPDATE SKIP LOCKED</c> and pushes their next
/// attempt past the send's timeout in the claim's own short transaction (its lease), then sends outside any transaction and records the outcome
/// (<see cref="InvitationService.RecordAsync"/>). An invitation whose person is no longer active, or that expired, is given
/// up with the reason; one accepted or replaced is no longer due (both erase its next attempt and its code).
/// </summary>
internal sealed class InvitationRetries(
    NpgsqlDataSource dataSource, InvitationService invitations, InvitationMailer mailer, InvitationSettings settings,
    RetailPerformer.Shared.Operations.ProductMeter meter, TimeProvider clock, ILogger<InvitationRetries> logger)
    : QueueWorker<InvitationRetries.Claimed>(meter, clock, logger)
{

    protected override string Queue => "invitation_emails";

    protected override TimeSpan Poll => settings.Poll;

    protected override Task WorkAsync(Claimed invitation, CancellationToken stoppingToken) => SendAsync(invitation);

    /// <summary>An invitation claimed for this attempt, with what the email needs.</summary>
    internal sealed class Claimed
    {
        public Guid TenantId { get; init; }
        public Guid Id { get; init; }
        public int DeliveryAttempts { get; init; }
        public string? PendingCode { get; init; }
        public DateTime ExpiresAt { get; init; }
        public bool Expired { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string PersonStatus { get; init; } = "";
    }

    protected override async Task<List<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QueryAsync<Claimed>("""
            WITH due AS (
                SELECT tenant_id, id FROM users.invitations WHERE next_attempt_at <= now() AND used_at IS NULL AND voided_at IS NULL
                ORDER BY next_attempt_at LIMIT @size FOR UPDATE SKIP LOCKED
            )
            UPDATE users.invitations i SET next_attempt_at = now() + @lease
            FROM due, users.users u
            WHERE (i.tenant_id, i.id) = (due.tenant_id, due.id) AND (u.tenant_id, u.id) = (i.tenant_id, i.user_id)
            RETURNING i.tenant_id, i.id, i.delivery_attempts, i.pending_code, i.expires_at, i.expires_at <= now() AS expired,
                      i.email, u.name, u.role, u.status AS person_status
            """, new { size = ClaimSize, lease = invitations.Lease });
        return claimed.ToList();
    }

    protected override async Task<long> CountDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM users.invitations WHERE next_attempt_at <= now() AND used_at IS NULL AND voided_at IS NULL");
    }

    private async Task SendAsync(Claimed invitation)
    {
        var attempt = invitation.DeliveryAttempts + 1;
        try
        {
            var giveUp = invitation.PersonStatus != UserStatuses.Active ? $"Not sent: this account is {invitation.PersonStatus}"
                : invitation.Expired ? "Not sent: the invitation expired before its email could be delivered"
                : invitation.PendingCode is null ? "Not sent: the invitation's code is no longer kept"
                : null;
            if (giveUp is not null)
            {
                // Not an attempt: nothing was sent.
                await invitations.RecordAsync(invitation.TenantId, invitation.Id, invitation.DeliveryAttempts, DeliveryStatus.Failed,
                    new MailFailure(giveUp, Permanent: true));
                return;
            }
            string code;
            try { code = invitations.CodeOf(invitation.PendingCode!); }
            catch (CryptographicException)
            {
                // A host whose data-protection keys are not the ones that protected the code: tried again (on another host).
                await invitations.RecordAsync(invitation.TenantId, invitation.Id, attempt, DeliveryStatus.Failed,
                    new MailFailure("The invitation's code cannot be read on this host (data-protection keys differ)", Permanent: false));
                return;
            }
            var (status, failure) = await mailer.DeliverAsync(invitation.Name, invitation.Email, invitation.Role, code, invitation.ExpiresAt,
                CancellationToken.None);
            await invitations.RecordAsync(invitation.TenantId, invitation.Id, attempt, status, failure);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Sent (perhaps) but not recorded: tried again when the lease ends.
            Logger.LogWarning("Invitations: attempt {Attempt} of invitation {Invitation} not recorded: {Reason}", attempt, invitation.Id, ex.Message);
        }
    }
}
