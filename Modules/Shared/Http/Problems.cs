using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace RetailPerformer.Shared.Http;

/// <summary>Every error answer is an RFC 9457 problem-details document built here.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status);

    public static ProblemHttpResult BadRequest(string detail) => Status(StatusCodes.Status400BadRequest, detail);
    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, detail);
    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, detail);

    /// <summary>400 listing each invalid field, keyed by its JSON (snake_case) path.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors,
            detail: "One or more fields are invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)),
            title: "Invalid request");

    /// <summary>For code outside an endpoint (middleware, exception handler): the same 400 as <see cref="Validation"/>.</summary>
    public static async Task WriteValidationAsync(HttpContext context, IDictionary<string, string[]> errors)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid request",
                Detail = "One or more fields are invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)),
            },
        });
    }

    /// <summary>For code outside an endpoint (authentication, middleware): writes the problem directly.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
