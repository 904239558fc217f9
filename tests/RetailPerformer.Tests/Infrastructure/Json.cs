using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace RetailPerformer.Tests.Infrastructure;

public static class Json
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsync(url, JsonContent.Create(body));

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsync(url, JsonContent.Create(body));

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonElement> Body(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts the status, and for an error that the answer is problem details; returns the body.</summary>
    public static async Task<JsonElement> ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        if ((int)status >= 400)
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts a problem-details answer with this status and detail.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.ShouldBe(status);
        body.GetProperty("detail").GetString().ShouldBe(detail);
        return body;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
    public static Guid Id(this JsonElement element, string property) => Guid.Parse(element.GetProperty(property).GetString()!);
}
