using System.Reflection;

namespace RetailPerformer.Host.ApiReference;

/// <summary>The Scalar page at <c>/scalar</c> and its bundle, both embedded in this assembly.</summary>
internal static class ApiReferenceEndpoints
{
    public const string PagePath = "/scalar";

    public static void MapApiReference(this IEndpointRouteBuilder routes)
    {
        var page = ReadResource("scalar.html");
        var bundle = ReadResource("scalar.standalone.js");
        var group = routes.MapGroup(PagePath).ExcludeFromDescription().AllowAnonymous();
        // Matches /scalar and /scalar/ alike.
        group.MapGet("", () => Results.Bytes(page, "text/html; charset=utf-8"));
        group.MapGet("/standalone.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(bundle, "text/javascript; charset=utf-8");
        });
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the host assembly");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
