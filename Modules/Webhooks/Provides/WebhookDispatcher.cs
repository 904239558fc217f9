using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RetailPerformer.Shared.Contracts.Users;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Contracts.Webhooks;

namespace RetailPerformer.Webhooks.Provides;

/// <summary>
/// Sends due deliveries, on every host at once (<see cref="QueueWorker{TClaimed}"/>): a host claims up to 20 with <c>FOR UPDATE SKIP LOCKED</c> and pushes
/// their next attempt past the send's timeout in the claim's own short transaction (its lease), so another host skips
/// them while they are in flight; the HTTP call happens outside any transaction. Each attempt is logged; a 2xx
/// delivers; a timeout, a network failure, a 5xx or a 429 is retried on <see cref="WebhookSettings.Retries"/>
/// (a longer <c>Retry-After</c> honoured) and given up when it is spent; any other answer gives up at once.
/// An endpoint failing for <see cref="WebhookSettings.DisableAfter"/> is disabled, with the reason its gérant reads.
/// </summary>
internal sealed class WebhookDispatcher(
    NpgsqlDataSource dataSource, WebhookSettings settings, WebhookSecrets secrets, EndpointAddresses addresses, IGerantNotices gerants,
    RetailPerformer.Shared.Operations.ProductMeter meter, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : QueueWorker<WebhookDispatcher.Claimed>(meter, clock, logger)
{
    private const int ResponseExcerptBytes = 1024;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectCallback = addresses.ConnectAsync,
        AllowAutoRedirect = false,   // a redirect is an answer (not followed): it could lead anywhere
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    }) { Timeout = Timeout.InfiniteTimeSpan };

    protected override string Queue => "webhook_deliveries";

    protected override TimeSpan Poll => settings.Poll;

    protected override Task WorkAsync(Claimed delivery, CancellationToken stoppingToken) => DeliverAsync(delivery, stoppingToken);

    /// <summary>A delivery claimed for this attempt, with its event and endpoint.</summary>
    internal sealed class Claimed
    {
        public Guid Id { get; init; }
        public Guid TenantId { get; init; }
        public int Attempts { get; init; }
        public Guid EndpointId { get; init; }
        public Guid EventId { get; init; }
        public string Type { get; init; } = "";
        public DateTime OccurredAt { get; init; }
        public string Data { get; init; } = "";
        public string Url { get; init; } = "";
        public bool Enabled { get; init; }
        public string Secret { get; init; } = "";
        public string? PreviousSecret { get; init; }
        public DateTime? PreviousSecretUntil { get; init; }
    }

    /// <summary>Due deliveries, by the database's clock (hosts' clocks may differ; the database's is the one every host reads).</summary>
    protected override async Task<List<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QueryAsync<Claimed>("""
            WITH due AS (
                SELECT id FROM webhooks.deliveries WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT @size FOR UPDATE SKIP LOCKED
            )
            UPDATE webhooks.deliveries d SET next_attempt_at = now() + @lease, attempts = d.attempts + 1
            FROM due, webhooks.events ev, webhooks.endpoints en
            WHERE d.id = due.id AND ev.id = d.event_id AND en.id = d.endpoint_id
            RETURNING d.id, d.tenant_id, d.attempts, d.endpoint_id, ev.id AS event_id, ev.type, ev.occurred_at, ev.data::text AS data,
                      en.url, en.enabled, en.secret, en.previous_secret, en.previous_secret_until
            """, new { size = ClaimSize, lease = settings.Timeout + TimeSpan.FromSeconds(30) });
        return claimed.ToList();
    }

    protected override async Task<long> CountDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM webhooks.deliveries WHERE status = 'pending' AND next_attempt_at <= now()");
    }

    private async Task DeliverAsync(Claimed delivery, CancellationToken stoppingToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        if (!delivery.Enabled && delivery.Type != EventTypes.Test)
        {
            await RecordAsync(delivery, new Attempt(now, null, 0, null, "The endpoint is disabled"), retry: false, stoppingToken);
            return;
        }
        var body = Body(delivery);
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        List<string> signing;
        try
        {
            signing = [secrets.Unprotect(delivery.Secret)];
            if (delivery.PreviousSecret is not null && delivery.PreviousSecretUntil > now) signing.Add(secrets.Unprotect(delivery.PreviousSecret));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A host whose data-protection keys are not the ones that protected the secret: nothing is sent unsigned;
            // the attempt counts as failed and is retried (on a host that has the keys, once they are shared).
            await RecordAsync(delivery, new Attempt(now, null, 0, null, "The endpoint's secret cannot be read on this host (data-protection keys differ)"),
                retry: true, CancellationToken.None);
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", delivery.EventId.ToString());
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString());
        request.Headers.TryAddWithoutValidation("webhook-signature", Signatures.Header(signing, delivery.EventId.ToString(), timestamp, body));
        request.Headers.UserAgent.ParseAdd("RetailPerformer-Webhooks/1.0");

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.Timeout);
        Attempt attempt;
        bool retry;
        TimeSpan? retryAfter = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            attempt = new Attempt(now, (short)status, Elapsed(started), excerpt, null);
            retry = status is >= 500 or 429;
            retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - Clock.GetUtcNow(),
                _ => null,
            };
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            attempt = new Attempt(now, null, Elapsed(started), null, $"No answer within {settings.Timeout.TotalSeconds:0.#} s");
            retry = true;
        }
        catch (HttpRequestException ex)
        {
            attempt = new Attempt(now, null, Elapsed(started), null, ex.Message);
            retry = ex.Message != EndpointAddresses.NotAllowed;
        }
        try
        {
            await RecordAsync(delivery, attempt, retry, CancellationToken.None, retryAfter);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The attempt was made but not recorded: the delivery is tried again when its lease ends.
            Logger.LogWarning("Webhooks: attempt {Attempt} of delivery {Delivery} not recorded: {Reason}", delivery.Attempts, delivery.Id, ex.Message);
        }
    }

    private sealed record Attempt(DateTime At, short? Status, float DurationMs, string? Response, string? Error)
    {
        public bool Delivered => Status is >= 200 and < 300;
    }

    private static float Elapsed(long started) => (float)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The event as sent: <c>{"id", "type", "timestamp", "data"}</c>, UTF-8, the bytes the signature covers.</summary>
    private static byte[] Body(Claimed delivery)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", delivery.EventId);
            json.WriteString("type", delivery.Type);
            json.WriteString("timestamp", DateTime.SpecifyKind(delivery.OccurredAt, DateTimeKind.Utc));
            json.WritePropertyName("data");
            json.WriteRawValue(delivery.Data, skipInputValidation: true);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ResponseExcerptBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0) read += n;
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "");
    }

    /// <summary>The attempt, the delivery's new state and the endpoint's run of failures, in one transaction.</summary>
    private async Task RecordAsync(Claimed delivery, Attempt attempt, bool retry, CancellationToken cancellationToken, TimeSpan? retryAfter = null)
    {
        // Every time here is the database's (now(): the transaction's start), as in the claim.
        string state;
        var wait = TimeSpan.Zero;
        if (attempt.Delivered) state = "delivered";
        else if (retry && settings.Retries.After(delivery.Attempts, retryAfter) is { } next)
        {
            state = "pending";
            wait = next;
        }
        else state = "failed";

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The endpoint first, then the delivery: the order in which a deletion of the endpoint takes them (the endpoint, then
        // its deliveries by cascade), so that the two never deadlock. A success on a healthy endpoint changes nothing there
        // and takes no lock: the endpoint's row is not a point every delivery queues on.
        DateTime? disabled = null;
        if (delivery.Type != EventTypes.Test)
        {
            disabled = await connection.QuerySingleOrDefaultAsync<DateTime?>("""
                UPDATE webhooks.endpoints SET
                    failing_since = CASE WHEN @delivered THEN NULL ELSE coalesce(failing_since, now()) END,
                    enabled = enabled AND (@delivered OR coalesce(failing_since, now()) > now() - @disableAfter),
                    disabled_reason = CASE WHEN enabled AND NOT @delivered AND coalesce(failing_since, now()) <= now() - @disableAfter
                        THEN 'Disabled on ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC: every delivery failed since '
                             || to_char(coalesce(failing_since, now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'
                        ELSE disabled_reason END,
                    updated_at = CASE WHEN enabled AND NOT @delivered AND coalesce(failing_since, now()) <= now() - @disableAfter THEN now() ELSE updated_at END
                WHERE id = @EndpointId AND (NOT @delivered OR failing_since IS NOT NULL)
                RETURNING CASE WHEN NOT enabled AND updated_at = now() THEN failing_since END
                """, new { delivered = attempt.Delivered, disableAfter = settings.DisableAfter, delivery.EndpointId }, transaction);
        }
        await connection.ExecuteAsync("""
            WITH attempt AS (
                INSERT INTO webhooks.attempts (id, tenant_id, delivery_id, attempted_at, status_code, duration_ms, response_body, error)
                VALUES (@attemptId, @TenantId, @Id, @At, @Status, @DurationMs, @Response, @Error)
            )
            UPDATE webhooks.deliveries SET status = @state, next_attempt_at = now() + @wait, last_status = @Status, last_error = @Error,
                   delivered_at = CASE WHEN @state = 'delivered' THEN now() END
            WHERE id = @Id
            """, new
            {
                attemptId = Guid.CreateVersion7(), delivery.TenantId, delivery.Id, attempt.At, attempt.Status, attempt.DurationMs, attempt.Response,
                attempt.Error, state, wait,
            }, transaction);
        await transaction.CommitAsync(cancellationToken);
        if (disabled is { } since) await TellTheGerantAsync(delivery, since);
    }

    /// <summary>The console says it too (the endpoint's <c>disabled_reason</c>); the email reaches a gérant who is not looking.</summary>
    private async Task TellTheGerantAsync(Claimed delivery, DateTime failingSince)
    {
        Logger.LogWarning("Webhooks: endpoint {Endpoint} of tenant {Tenant} disabled: failing since {Since:u}", delivery.EndpointId, delivery.TenantId, failingSince);
        try
        {
            await gerants.NotifyAsync(delivery.TenantId, "Retail Performer : webhook désactivé", $"""
                Bonjour,

                Votre webhook {delivery.Url} a été désactivé : tous les envois échouaient depuis le {failingSince:dd/MM/yyyy HH:mm} UTC.
                Les événements ne lui sont plus envoyés.

                Corrigez le service qui le reçoit, puis réactivez le webhook dans la console (page « Webhooks ») : son historique
                des envois permet de renvoyer les événements manqués.
                """);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            Logger.LogWarning("Webhooks: the gérant of tenant {Tenant} could not be told: {Reason}", delivery.TenantId, ex.Message);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
