using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using RetailPerformer.Shared.Data;

namespace RetailPerformer.Shared.Auth;

/// <summary>
/// One rate budget per key for all hosts together, kept in PostgreSQL (<c>platform.rate_budgets</c>), without a database
/// round trip per request: a host leases a slice of a key's tokens at a time (<see cref="LeaseSize"/>) and spends it in
/// memory; only when its slice is spent does it ask for another. So N hosts admit at most the key's budget plus one slice
/// per host (tokens a host leased and has not spent yet). An empty bucket is remembered until its next token is due, so a
/// key refused keeps being refused without asking. While the database does not answer, a key falls back to this host's
/// own bucket for a few seconds (requests go on, after at most a second's wait; the budget is per host meanwhile) and a
/// warning is logged.
/// </summary>
public sealed class RateLeases : IDisposable
{
    /// <summary>How long a fallback to the host's own bucket lasts before the database is asked again.</summary>
    private static readonly TimeSpan FallbackFor = TimeSpan.FromSeconds(5);
    /// <summary>How long requests wait for a lease before the host's own bucket decides (a database that hangs rather than refuses).</summary>
    private static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(1);
    /// <summary>Keys idle this long are forgotten here, and their rows (full again long since) removed.</summary>
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);

    private readonly NpgsqlDataSource _database;
    private readonly TimeProvider _clock;
    private readonly double _leaseSeconds;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Guid, KeyLease> _keys = new();
    private readonly Timer _sweeper;
    private long _lastWarning;

    public RateLeases(NpgsqlDataSource database, TimeProvider clock, double leaseSeconds, ILogger<RateLeases> logger)
    {
        _database = database;
        _clock = clock;
        _leaseSeconds = leaseSeconds > 0 ? leaseSeconds : throw new InvalidOperationException("RateLimiting:LeaseSeconds must be above 0");
        _logger = logger;
        _sweeper = new Timer(_ => _ = SweepAsync(), null, IdleAfter, IdleAfter);
    }

    /// <summary>
    /// The tokens a host leases at a time: what the key earns in <c>RateLimiting:LeaseSeconds</c> (0.1 s by default), at
    /// least one, at most a tenth of its burst — the most any host can hold unspent, so the most N hosts overshoot by.
    /// </summary>
    public int LeaseSize(double permitsPerSecond, int burst) =>
        (int)Math.Clamp(Math.Ceiling(permitsPerSecond * _leaseSeconds), 1, Math.Max(1, burst / 10));

    /// <summary>
    /// Takes one request from the key's shared budget; this host's own buckets (<paramref name="local"/>) decide while the
    /// database is unreachable. Completes synchronously while the host's slice lasts (or the key is known to be out of
    /// tokens), and allocates nothing then.
    /// </summary>
    public ValueTask<RateDecision> TakeAsync(ApiKeyCaller caller, double permitsPerSecond, int burst, RateBuckets<Guid> local)
    {
        var lease = _keys.GetOrAdd(caller.KeyId, static _ => new KeyLease());
        var budget = new Budget(this, caller, permitsPerSecond, burst);
        return lease.TryDecide(budget, local) is { } decided ? new(decided) : LeaseThenDecideAsync(lease, budget, local);
    }

    private async ValueTask<RateDecision> LeaseThenDecideAsync(KeyLease lease, Budget budget, RateBuckets<Guid> local)
    {
        while (true)
        {
            Task leasing;
            lock (lease)
            {
                if (lease.TryDecide(budget, local) is { } decided) return decided;
                // One lease at a time per key on this host: the requests that find the slice spent wait for the same one.
                leasing = lease.Leasing ??= LeaseAsync(lease, budget);
            }
            try
            {
                // Npgsql's cancellation does not cut a connection's opening short: a database that accepts and never
                // answers would hold the request for the connection timeout. The request stops waiting instead.
                await leasing.WaitAsync(LeaseTimeout);
            }
            catch (TimeoutException exception)
            {
                FallBack(lease, exception);
                continue;
            }
            lock (lease)
            {
                if (lease.Leasing == leasing) lease.Leasing = null;
            }
        }
    }

    private async Task LeaseAsync(KeyLease lease, Budget budget)
    {
        using var timeout = new CancellationTokenSource(LeaseTimeout);   // a statement that hangs is cancelled on the server
        try
        {
            await using var command = _database.CreateCommand("SELECT granted, ahead_us FROM platform.lease_rate_budget($1, $2, $3, $4, $5, $6)");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = budget.Caller.TenantId });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = budget.Caller.KeyId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Microseconds(_clock.GetUtcNow()) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LeaseSize(budget.PermitsPerSecond, budget.Burst) });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = budget.IntervalMicroseconds });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = budget.IntervalMicroseconds * budget.Burst });
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            var granted = reader.GetInt32(0);
            var ahead = reader.GetInt64(1);
            lock (lease) lease.Record(granted, ahead, budget, _clock);
        }
        catch (Exception exception) when (DatabaseSetup.IsUnavailable(exception) || exception is NpgsqlException
                                          || (exception is OperationCanceledException && timeout.IsCancellationRequested))
        {
            FallBack(lease, exception);
        }
    }

    private void FallBack(KeyLease lease, Exception exception)
    {
        lock (lease) lease.FallbackUntil = _clock.GetTimestamp() + Ticks(FallbackFor);
        WarnAtMostEveryFewSeconds(exception);
    }

    private void WarnAtMostEveryFewSeconds(Exception exception)
    {
        var now = _clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if (last != 0 && now - last < Ticks(FallbackFor)) return;
        if (Interlocked.CompareExchange(ref _lastWarning, now, last) != last) return;
        _logger.LogWarning(exception, "Rate budgets: the database did not answer; each key is limited by this host's own bucket for {Seconds} s", FallbackFor.TotalSeconds);
    }

    private static long Microseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / 10;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _clock.TimestampFrequency);

    private async Task SweepAsync()
    {
        var idleSince = _clock.GetTimestamp() - Ticks(IdleAfter);
        foreach (var (key, lease) in _keys)
        {
            // A request racing with the removal spends at most what was left of the slice: tokens already paid for.
            if (lease.IdleSince(idleSince)) _keys.TryRemove(key, out _);
        }
        try
        {
            // Rows full again an hour ago are what a new row would be; any host may remove them.
            await using var command = _database.CreateCommand("DELETE FROM platform.rate_budgets WHERE full_at_us < $1");
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Microseconds(_clock.GetUtcNow() - TimeSpan.FromHours(1)) });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception exception)
        {
            _logger.LogDebug(exception, "Rate budgets: idle rows not removed this time");
        }
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>A key's rate as the bucket counts it: one token per interval, the burst's worth at most.</summary>
    private readonly record struct Budget(RateLeases Owner, ApiKeyCaller Caller, double PermitsPerSecond, int Burst)
    {
        public long IntervalMicroseconds => Math.Max(1, (long)(1_000_000 / PermitsPerSecond));
        public long IntervalTicks => Math.Max(1, (long)(Owner._clock.TimestampFrequency / PermitsPerSecond));
        public long Now => Owner._clock.GetTimestamp();
    }

    /// <summary>What this host knows of one key's shared budget: its unspent slice, and when the bucket is full again.</summary>
    private sealed class KeyLease
    {
        private long _tokens;
        /// <summary>When the shared bucket is full again, as of the last lease (this host's timestamps).</summary>
        private long _fullAt;
        /// <summary>Until when the bucket is known to be empty (its next token's moment).</summary>
        private long _emptyUntil;
        public long FallbackUntil;
        public Task? Leasing;

        /// <summary>Granted from the slice, refused while the bucket is known empty, the host's own while falling back; else null: lease.</summary>
        public RateDecision? TryDecide(Budget budget, RateBuckets<Guid> local)
        {
            while (true)
            {
                var tokens = Volatile.Read(ref _tokens);
                if (tokens <= 0) break;
                if (Interlocked.CompareExchange(ref _tokens, tokens - 1, tokens) == tokens) return Granted(budget, tokens - 1);
            }
            var now = budget.Now;
            if (now < Volatile.Read(ref FallbackUntil)) return local.Take(budget.Caller.KeyId, budget.PermitsPerSecond, budget.Burst);
            var emptyUntil = Volatile.Read(ref _emptyUntil);
            if (now < emptyUntil) return Refused(budget, now, emptyUntil);
            return null;
        }

        /// <summary>A lease's answer, under the lock: <paramref name="granted"/> tokens (0: the bucket is empty).</summary>
        public void Record(int granted, long aheadMicroseconds, Budget budget, TimeProvider clock)
        {
            var now = clock.GetTimestamp();
            var ahead = (long)(aheadMicroseconds * (double)clock.TimestampFrequency / 1_000_000);
            Volatile.Write(ref _fullAt, now + ahead);
            if (granted > 0)
            {
                Interlocked.Add(ref _tokens, granted);
                return;
            }
            // Empty: its next token comes once the bucket is less than full-capacity ahead by one interval.
            Volatile.Write(ref _emptyUntil, now + ahead - budget.IntervalTicks * budget.Burst + budget.IntervalTicks);
        }

        public bool IdleSince(long timestamp) => Leasing is null && Volatile.Read(ref _fullAt) < timestamp;

        private RateDecision Granted(Budget budget, long leftInSlice)
        {
            var interval = budget.IntervalTicks;
            var ahead = Math.Max(0, Volatile.Read(ref _fullAt) - budget.Now);
            var inBucket = Math.Max(0, (interval * budget.Burst - ahead) / interval);
            return new RateDecision(true, budget.Burst, (int)Math.Min(budget.Burst, leftInSlice + inBucket), TimeSpan.Zero, Seconds(ahead, budget));
        }

        private RateDecision Refused(Budget budget, long now, long emptyUntil) =>
            new(false, budget.Burst, 0, Seconds(emptyUntil - now, budget), Seconds(Math.Max(0, Volatile.Read(ref _fullAt) - now), budget));

        private static TimeSpan Seconds(long ticks, Budget budget) => TimeSpan.FromSeconds((double)ticks / budget.Owner._clock.TimestampFrequency);
    }
}
