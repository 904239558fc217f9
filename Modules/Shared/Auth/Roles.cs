namespace RetailPerformer.Shared.Auth;

public static class Roles
{
    public const string Gerant = "gerant";
    public const string Manager = "manager";
    public const string Seller = "seller";
}
