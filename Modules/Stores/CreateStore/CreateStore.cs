using RetailPerformer.Shared.Contracts.Webhooks;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Stores.CreateStore;

[RequestSchema]
public sealed record CreateStoreRequest([property: Required] string? Name, [property: Required] string? Location, string? Address, string? Phone, string? OpeningHours, string? ExternalId);

public sealed record CreateStoreResponse(bool Success, Guid StoreId, StoreResponse Store);

internal sealed class CreateStoreValidator : AbstractValidator<CreateStoreRequest>
{
    public CreateStoreValidator()
    {
        RuleFor(x => x.Name).Must(n => UserText.CanonicalOrNull(n) is not null).WithMessage("'name' must not be empty").MaximumLength(200).NoControlCharacters();
        RuleFor(x => x.Location).NotEmpty().MaximumLength(200).NoControlCharacters();
        RuleFor(x => x.Address).MaximumLength(500);
        RuleFor(x => x.Phone).MaximumLength(50);
        RuleFor(x => x.OpeningHours).MaximumLength(500);
        RuleFor(x => x.ExternalId).MaximumLength(200).NoControlCharacters();
    }
}

internal static class CreateStoreEndpoint
{
    /// <summary>The seeds' request body (integration guide v1.2), for the reference page.</summary>
    public const string RequestExample = """
        {"name": "Skyco Marseille", "location": "13001 Marseille", "address": "12 Rue de la République, 13001 Marseille",
         "phone": "+33 4 91 00 00 00", "opening_hours": "Lun-Sam: 9h-19h", "external_id": "STORE_MRS_001"}
        """;


    public const string DuplicateName = "A store with this name already exists";
    public const string DuplicateExternalId = "A store with this external_id already exists";

    public static void MapCreateStore(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapPost("/stores", Handle)
            .RequireApiKey(Scopes.StoresWrite)
            .Validate<CreateStoreRequest>()
            .WithExample(RequestExample, StoreExamples.Created)
            .WithName(family.Name("CreateStore"))
            .WithSummary("Create a store")
            .WithDescription("`name` and `location` required. A duplicate among the tenant's active stores (same name, case-insensitively, or same external_id, compared after Unicode NFC normalisation and removal of invisible characters) is refused. A key restricted to some stores cannot create stores.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, DuplicateName)
            .DocumentsProblem(StatusCodes.Status400BadRequest, DuplicateExternalId)
            .DocumentsProblem(StatusCodes.Status403Forbidden, StoreMessages.RestrictedKeyCannotCreateStores);

    private static async Task<Results<Created<CreateStoreResponse>, Ok<CreateStoreResponse>, ProblemHttpResult>> Handle(
        CreateStoreRequest request, ApiKeyCaller caller, NpgsqlDataSource dataSource, IEventOutbox outbox, TimeProvider clock, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (caller.IsRestricted) return Problems.Forbidden(StoreMessages.RestrictedKeyCannotCreateStores);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var row = await connection.QuerySingleAsync<StoreRow>($"""
                INSERT INTO stores.stores (tenant_id, id, name, location, address, phone, opening_hours, external_id, gerant_id, created_at, updated_at)
                VALUES (@TenantId, @id, {UserText.NfcSql("@name")}, @location, @Address, @Phone, @OpeningHours, {UserText.NfcSql("@externalId")}, @GerantId, @now, @now)
                RETURNING {StoreRow.Columns}
                """,
                new
                {
                    // Stored in canonical form (and NFC, in the statement), which the unique indexes then compare: "Café"
                    // typed two ways, or with a zero-width space pasted in, is a duplicate.
                    caller.TenantId, id = Guid.CreateVersion7(), name = UserText.Canonical(request.Name!), location = request.Location!.Trim(),
                    request.Address, request.Phone, request.OpeningHours, externalId = UserText.CanonicalOrNull(request.ExternalId), caller.GerantId, now,
                }, transaction);
            await outbox.AddAsync(new SharedTransaction(connection, transaction), caller.TenantId, EventTypes.StoreCreated, StoreEvents.Of(row), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return IntegrationRoutes.Created(context, $"stores/{row.Id}", new CreateStoreResponse(true, row.Id, StoreResponse.From(row)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.BadRequest(e.ConstraintName == "stores_active_external_id" ? DuplicateExternalId : DuplicateName);
        }
    }
}
