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

    public const string ValidationTitle = "Invalid request";

    private static string ValidationDetail(IDictionary<string, string[]> errors) =>
        "One or more fields are invalid: " + string.Join("; ", errors.SelectMany(e => e.Value));

    /// <summary>400 listing each invalid field, keyed by its JSON (snake_case) path.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: ValidationDetail(errors), title: ValidationTitle);

    /// <summary>For code outside an endpoint (middleware, exception handler): the same 400 as <see cref="Validation"/>.</summary>
    public static Task WriteValidationAsync(HttpContext context, IDictionary<string, string[]> errors) =>
        WriteAsync(context, new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest, Title = ValidationTitle, Detail = ValidationDetail(errors),
        });

    /// <summary>For code outside an endpoint (authentication, middleware): writes the problem directly.</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail) =>
        WriteAsync(context, new ProblemDetails { Status = status, Detail = detail });

    private static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = problem.Status!.Value;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary><c>Retry-After</c> in whole seconds, at least one (a client must never be told to retry at once).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
}
