using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver in the test process (Kestrel on loopback): it keeps every request it gets — headers and the exact
/// body bytes — and answers what the test queued (200 "ok" when nothing is queued, or the status set by <see cref="AnswerAlways"/>).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(DateTime At, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body, string? RetryAfter)> _answers = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private int _always = 200;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyList<Received> Requests => _received.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.AnswerAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.Single().Replace("[::]", "127.0.0.1") + "/hook";
        return receiver;
    }

    public void AnswerNext(int status, string body = "", string? retryAfter = null) => _answers.Enqueue((status, body, retryAfter));

    public void AnswerAlways(int status) => _always = status;

    private async Task AnswerAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        _received.Enqueue(new Received(DateTime.UtcNow,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), buffer.ToArray()));
        var (status, body, retryAfter) = _answers.TryDequeue(out var answer) ? answer : (_always, _always < 300 ? "ok" : "", null);
        context.Response.StatusCode = status;
        if (retryAfter is not null) context.Response.Headers.RetryAfter = retryAfter;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>The requests received once <paramref name="count"/> of them match, or a failure after <paramref name="seconds"/>.</summary>
    public async Task<List<Received>> WaitForAsync(int count, Func<Received, bool>? matching = null, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = _received.Where(r => matching?.Invoke(r) ?? true).ToList();
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{found.Count} of {count} webhook requests received within {seconds} s");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
