using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Http;

/// <summary>What a route tells the reference page about its bodies and its errors.</summary>
public static class OpenApiExampleExtensions
{
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder builder, string? request, string? response) =>
        builder.WithMetadata(new ExampleBodies(request, response));

    /// <summary>Documents that the route may answer <paramref name="status"/> with <paramref name="detail"/> (the slice's own constant).</summary>
    public static RouteHandlerBuilder DocumentsProblem(this RouteHandlerBuilder builder, int status, string detail) =>
        builder.ProducesProblem(status).WithMetadata(new ProblemExample(status, detail));

    /// <summary>Documents a 400 naming <paramref name="field"/> with <paramref name="message"/> (a validator's rule).</summary>
    public static RouteHandlerBuilder DocumentsInvalidField(this RouteHandlerBuilder builder, string field, string message) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest).WithMetadata(new ProblemExample(StatusCodes.Status400BadRequest, message, field));
}
