namespace RetailPerformer.Shared.Http;

/// <summary>
/// Messages the contract and the seeds quote word for word. Code and tests both use these constants,
/// so an integrator's string comparison keeps working.
/// </summary>
public static class ProblemMessages
{
    public static string InsufficientPermissions(string scope) => $"Insufficient permissions. Requires '{scope}'";
    public const string StoreNotInKeyList = "API key does not have access to this store (not in store_ids list)";
    public const string RestrictedKeyCannotCreateStores = "API key is restricted to specific stores and cannot create stores";
    public const string NoFieldsToUpdate = "No fields to update";
    public const string EmailAlreadyRegistered = "Email already registered";
    public const string StoreNotFound = "Store not found";
    public const string UserNotFound = "User not found";
    public const string ManagerNotFoundInStore = "Manager not found in this store";
    public const string NoAccessibleStore = "No store is accessible with this API key";
    public const string StoreDeleted = "Magasin supprimé avec succès";
    public const string ManagerDeleted = "Manager supprimé avec succès";
    public const string SellerDeleted = "Seller supprimé avec succès";
    public const string GerantCannotBeDeleted = "A gérant cannot be deleted through the API";
    public const string UserAlreadyDeleted = "User already deleted";
    public const string KpiSynchronized = "KPI synchronized successfully";
    public const string KpiEntryCreated = "KPI entry created successfully";
    public const string KpiCreated = "KPI created successfully";
    public const string InvalidCredentials = "Invalid email or password";
    public const string TooManyLoginAttempts = "Too many sign-in attempts on this account; retry after the delay in Retry-After";
    public const string RateLimited = "Rate limit exceeded for this API key; retry after the delay in Retry-After";
    public const string DatabaseUnavailable = "The database is unavailable; retry after the delay in Retry-After";
    public const string RequestBodyRequired = "A JSON request body is required";
}
