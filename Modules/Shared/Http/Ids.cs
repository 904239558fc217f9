using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Auth;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Shared.Http;

/// <summary>Ids are UUIDs; anything else names nothing that exists (404, not 400: integrators' own ids such as "store-123" are simply unknown).</summary>
public static class Ids
{
    public static bool TryParse(string? value, out Guid id) => Guid.TryParse(value, out id);
}
