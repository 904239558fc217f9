using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Http;

/// <summary>Where an integration route finds the store it reaches.</summary>
public abstract record StoreFrom
{
    /// <summary>A <c>{store_id}</c> path value.</summary>
    public sealed record Route(string Name = "store_id") : StoreFrom;

    /// <summary>A field of the JSON body (read after binding, so the filter comes after <c>Validate</c>).</summary>
    public sealed record Body<TRequest>(Func<TRequest, string?> StoreId) : StoreFrom
    {
        internal override string? Read(EndpointFilterInvocationContext invocation) =>
            invocation.Arguments.OfType<TRequest>().FirstOrDefault() is { } request ? StoreId(request) : null;
    }

    /// <summary>
    /// The store of the person a <c>{user_id}</c> path value names (the v1.0 notice's rule: a restricted key reaches the
    /// people of its stores, and no store-less person but the key's own gérant).
    /// </summary>
    public sealed record Person(string Name = "user_id") : StoreFrom;

    /// <summary>The store id as the request gives it (route and body); a person's store is looked up instead.</summary>
    internal virtual string? Read(EndpointFilterInvocationContext invocation) => null;
}
