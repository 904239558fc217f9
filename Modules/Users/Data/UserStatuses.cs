namespace RetailPerformer.Users.Data;

internal static class UserStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Deleted = "deleted";
}
