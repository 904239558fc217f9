namespace RetailPerformer.Stores.Data;

/// <summary>The Stores module's messages that the contract and the seeds quote word for word (code and tests use these constants).</summary>
internal static class StoreMessages
{
    public const string RestrictedKeyCannotCreateStores = "API key is restricted to specific stores and cannot create stores";
    public const string StoreDeleted = "Magasin supprimé avec succès";
}
