using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// A request's id as its problem answer shows it (<c>trace_id</c>: the W3C trace id when the request is traced, else the
/// server's own identifier — what ASP.NET's problem details write), so that what a caller quotes is what the logs hold.
/// </summary>
public static class RequestIds
{
    public static string Of(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;
}
