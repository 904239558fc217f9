namespace RetailPerformer.Shared.Http;

/// <summary>
/// Messages the contract and the seeds quote word for word that more than one module answers (each module keeps its
/// own in its <c>Data/</c> folder: <c>UserMessages</c>, <c>StoreMessages</c>, <c>KpiMessages</c>). Code and tests both use these constants,
/// so an integrator's string comparison keeps working.
/// </summary>
public static class ProblemMessages
{
    public static string InsufficientPermissions(string scope) => $"Insufficient permissions. Requires '{scope}'";
    public const string StoreNotInKeyList = "API key does not have access to this store (not in store_ids list)";
    public const string StoreNotFound = "Store not found";
    public const string UserNotFound = "User not found";
    public const string ApiKeyNotFound = "API key not found";
    public const string NoAccessibleStore = "No store is accessible with this API key";
    public const string RateLimited = "Rate limit exceeded for this API key; retry after the delay in Retry-After";
    public const string DatabaseUnavailable = "The database is unavailable; retry after the delay in Retry-After";
    public const string RequestBodyRequired = "A JSON request body is required";
}
