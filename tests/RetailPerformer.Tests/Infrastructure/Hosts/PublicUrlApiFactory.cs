namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host published under another address than the one it listens on (a reverse proxy's): links must use it.</summary>
public sealed class PublicUrlApiFactory : ApiFactory
{
    public const string PublicUrl = "https://rp.example.test";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["App:PublicUrl"] = PublicUrl + "/" };
}
