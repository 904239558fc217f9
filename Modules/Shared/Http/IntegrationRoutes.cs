using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using RetailPerformer.Shared.Auth;

namespace RetailPerformer.Shared.Http;

public static class IntegrationRoutes
{
    /// <summary>Maps <paramref name="map"/> under both prefixes, under the reference page's <paramref name="tag"/>; every route there needs an API key (<see cref="ApiKeyGate"/>).</summary>
    public static void MapIntegrationEndpoints(this IEndpointRouteBuilder routes, string tag, Action<RouteGroupBuilder, IntegrationFamily> map)
    {
        foreach (var family in IntegrationFamily.All)
        {
            var group = routes.MapGroup(family.Prefix)
                .RequireApiKey()
                .WithTags(family.Tag(tag))
                .WithMetadata(family)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
            ((IEndpointConventionBuilder)group).Finally(endpoint =>
            {
                // A creation's typed result documents both 201 and 200; each family answers one of them.
                DocumentOnlyThisFamilysCreation(endpoint, family);
                // Every POST of the integration API honours Idempotency-Key.
                if (endpoint.Metadata.OfType<HttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Post)))
                    endpoint.Metadata.Add(IdempotentMetadata.Instance);
            });
            map(group, family);
        }
    }

    /// <summary>201 + Location under v1; 200 with the same body under the unversioned family.</summary>
    public static Results<Created<T>, Ok<T>, ProblemHttpResult> Created<T>(HttpContext context, string relativeLocation, T body)
    {
        var family = IntegrationFamily.Of(context);
        return family.CreatedReturns201
            ? TypedResults.Created($"{family.Prefix}/{relativeLocation}", body)
            : TypedResults.Ok(body);
    }

    private static void DocumentOnlyThisFamilysCreation(EndpointBuilder endpoint, IntegrationFamily family)
    {
        var answers = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().ToList();
        var created = answers.FirstOrDefault(a => a.StatusCode == StatusCodes.Status201Created);
        var ok = answers.FirstOrDefault(a => a.StatusCode == StatusCodes.Status200OK);
        if (created is null || ok is null || created.Type != ok.Type) return;
        endpoint.Metadata.Remove(created);
        endpoint.Metadata.Remove(ok);
        // Listed after the validation answer, where the reference page has always shown a creation's success.
        var validation = endpoint.Metadata.ToList().FindIndex(m => m is IProducesResponseTypeMetadata { StatusCode: StatusCodes.Status400BadRequest });
        endpoint.Metadata.Insert(validation + 1, family.CreatedReturns201 ? created : ok);
    }
}
