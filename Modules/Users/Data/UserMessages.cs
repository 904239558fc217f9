namespace RetailPerformer.Users.Data;

/// <summary>The Users module's messages that the contract and the seeds quote word for word (code and tests use these constants).</summary>
internal static class UserMessages
{
    public const string NoFieldsToUpdate = "No fields to update";
    public const string EmailAlreadyRegistered = "Email already registered";
    public const string ExternalIdAlreadyUsed = "A person with this external_id already exists";
    /// <summary>The unique index behind <see cref="ExternalIdAlreadyUsed"/> (migration 0004).</summary>
    public const string ExternalIdIndex = "users_live_external_id";
    public const string ManagerNotFoundInStore = "Manager not found in this store";
    public const string ManagerDeleted = "Manager supprimé avec succès";
    public const string SellerDeleted = "Seller supprimé avec succès";
    public const string GerantCannotBeDeleted = "A gérant cannot be deleted through the API";
    public const string UserAlreadyDeleted = "User already deleted";
    public const string InvalidCredentials = "Invalid email or password";
    public const string TooManyLoginAttempts = "Too many sign-in attempts on this account; retry after the delay in Retry-After";
}
