using Microsoft.AspNetCore.Builder;

namespace RetailPerformer.Shared.Http;

public static class OpenApiExampleExtensions
{
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder builder, string? request, string? response) =>
        builder.WithMetadata(new ExampleBodies(request, response));
}
