namespace RetailPerformer.Tests.Infrastructure;

/// <summary>A host whose request log holds two records waiting to be written: any burst overflows it.</summary>
public sealed class TinyRequestLogApiFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RequestLog:BufferSize"] = "2" };
}
