using RetailPerformer.Shared.Contracts.Stores;

namespace RetailPerformer.Keys.CreateApiKey;

/// <param name="StoreIds">null or <c>["*"]</c>: every store of the tenant; otherwise ids of the tenant's stores.</param>
/// <param name="RateLimitPerSecond">The key's own sustained rate (bursts of twice as many); absent: the product's default.</param>
[RequestSchema]
public sealed record CreateApiKeyRequest([property: Required] string? Name, [property: Required, ScopeNames] List<string?>? Permissions, List<string?>? StoreIds, int? ExpiresInDays, int? RateLimitPerSecond = null);

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyRequest>
{
    public const int MaximumExpiryDays = 3650;
    public const int MaximumStoreIds = 1000;

    public CreateApiKeyValidator(ApiKeyRateLimiter.Settings rates)
    {
        RuleFor(x => x.RateLimitPerSecond).InclusiveBetween(1, rates.MaximumPermitsPerSecond)
            .WithMessage($"'rate_limit_per_second' must be between 1 and {rates.MaximumPermitsPerSecond}");
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100).NoControlCharacters();
        RuleFor(x => x.Permissions).NotEmpty().WithMessage("'permissions' must list at least one permission");
        RuleForEach(x => x.Permissions)
            .Must(p => Scopes.TryCanonicalize(p, out _))
            .WithMessage((_, p) => $"Unknown permission '{p}'. Known: {string.Join(", ", Scopes.AcceptedNames)}");
        RuleFor(x => x.StoreIds)
            .Must(ids => ids is null || ids.Count > 0).WithMessage("'store_ids' must be null, [\"*\"] or a non-empty list of store ids")
            .Must(ids => ids is null || !ids.Contains("*") || ids.Count == 1).WithMessage("'*' stands alone in 'store_ids'")
            .Must(ids => ids is null || ids.Count <= MaximumStoreIds).WithMessage($"'store_ids' holds at most {MaximumStoreIds} ids");
        RuleForEach(x => x.StoreIds)
            .Must(id => id == "*" || Guid.TryParse(id, out _))
            .WithMessage((_, id) => $"'{id}' is not a store id");
        RuleFor(x => x.ExpiresInDays).InclusiveBetween(1, MaximumExpiryDays);
    }

    /// <summary>Canonical, de-duplicated scopes of a request that passed validation.</summary>
    public static string[] CanonicalPermissions(IEnumerable<string?> permissions) =>
        permissions.Select(p => Scopes.TryCanonicalize(p, out var c) ? c : throw new InvalidOperationException("validated"))
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>null for "every store", else the distinct ids.</summary>
    public static Guid[]? StoreRestriction(List<string?>? storeIds) =>
        storeIds is null || storeIds is ["*"] ? null : storeIds.Select(id => Guid.Parse(id!)).Distinct().ToArray();
}

internal static class CreateApiKeyEndpoint
{
    public static void MapCreateApiKey(this RouteGroupBuilder group) =>
        group.MapPost("", Handle)
            .Validate<CreateApiKeyRequest>()
            .NoStore()
            .Idempotent()
            .WithExample(ApiKeyExamples.CreateRequest, ApiKeyExamples.Secret)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("The secret (rp_live_…) is in this answer only; the store keeps its SHA-256. Permissions accept canonical names and v1.2 aliases and are stored canonical. `rate_limit_per_second` sets the key's own rate (bursts of twice as many), up to the product's maximum; absent, the product's default applies. Every integration answer to the key says its budget (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`).")
            .DocumentsInvalidField("permissions[0]", "Unknown permission 'write:everything'. Known: " + string.Join(", ", Scopes.AcceptedNames));

    private static async Task<Results<Created<ApiKeySecretResponse>, ProblemHttpResult>> Handle(
        CreateApiKeyRequest request, AppUser gerant, NpgsqlDataSource dataSource, IStoreDirectory stores, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var storeIds = CreateApiKeyValidator.StoreRestriction(request.StoreIds);
        if (storeIds is not null)
        {
            var unknown = await stores.UnknownAsync(gerant.TenantId, storeIds, cancellationToken);
            if (unknown.Count > 0)
                return Problems.BadRequest($"Unknown store ids: {string.Join(", ", unknown)}");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (secret, row) = await ApiKeyQueries.InsertAsync(connection, transaction, gerant.TenantId, gerant.UserId, request.Name!.Trim(),
            CreateApiKeyValidator.CanonicalPermissions(request.Permissions!), storeIds, request.ExpiresInDays, request.RateLimitPerSecond,
            clock.GetUtcNow().UtcDateTime);
        await transaction.CommitAsync(cancellationToken);

        return TypedResults.Created($"/api/gerant/api-keys/{row.Id}",
            new ApiKeySecretResponse(secret, ApiKeySecretResponse.ShownOnce, ApiKeyResponse.From(row)));
    }
}
