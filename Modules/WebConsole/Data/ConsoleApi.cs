using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RetailPerformer.WebConsole.Data;

/// <summary>
/// The console's way to act: the host's own JSON API, over loopback, as the signed-in person (their bearer token). No
/// second copy of a rule: what the API checks, refuses and says is what the console shows. The person's own address
/// travels with the call (<see cref="ConsoleHop"/>), so sign-in throttles count them, not the host.
/// </summary>
internal sealed class ConsoleApi(HttpClient http, IServer server, IHttpContextAccessor accessor, Microsoft.AspNetCore.Components.NavigationManager navigation)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public Task<ApiAnswer> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<ApiAnswer> PostAsync(string path, object? body, string? token) => SendAsync(HttpMethod.Post, path, body, token);

    public Task<ApiAnswer> PatchAsync(string path, object? body, string? token) => SendAsync(HttpMethod.Patch, path, body, token);

    public Task<ApiAnswer> PutAsync(string path, object? body, string? token) => SendAsync(HttpMethod.Put, path, body, token);

    public Task<ApiAnswer> DeleteAsync(string path, string? token) => SendAsync(HttpMethod.Delete, path, null, token);

    /// <summary>Every item of a paged list (<c>meta.pages</c>), 100 at a time; null when the session is over.</summary>
    public async Task<List<JsonElement>?> GetAllAsync(string path, string items, string? token)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var answer = await GetAsync($"{path}{(path.Contains('?') ? '&' : '?')}limit=100&page={page}", token);
            if (SessionIsOver(answer)) return null;
            if (!answer.Succeeded) return all;
            all.AddRange(answer.Body.GetProperty(items).EnumerateArray());
            if (page >= answer.Body.GetProperty("meta").GetProperty("pages").GetInt64()) return all;
        }
    }

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(OwnAddress(), path));
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (accessor.HttpContext is { } context) ConsoleHop.Forward(request, context);
        using var response = await http.SendAsync(request, accessor.HttpContext?.RequestAborted ?? CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new ApiAnswer(response.StatusCode, json);
    }

    // Per server, not per process: several hosts in one process (the tests' do) each reach their own API.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IServer, Uri> OwnAddresses = new();

    /// <summary>Where this host listens (its first address; a wildcard one is reached on loopback), worked out once per host.</summary>
    private Uri OwnAddress() => OwnAddresses.GetValue(server, FindOwnAddress);

    private static Uri FindOwnAddress(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("The host listens nowhere: the console cannot reach its API");
        var uri = new Uri(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"));
        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>
    /// Whether the API refused the session's token (password changed, person suspended or deleted, an hour gone): then
    /// the person is sent to sign in again, told why, and the page stops there.
    /// </summary>
    public bool SessionIsOver(ApiAnswer answer)
    {
        if (answer.Status != HttpStatusCode.Unauthorized) return false;
        navigation.NavigateTo("/deconnexion?expiree=1");
        return true;
    }
}
