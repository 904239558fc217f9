using RetailPerformer.Shared.Data;

namespace RetailPerformer.Users.Data;

/// <summary>
/// The auth seed's rule — after a failed attempt, one attempt every 5 seconds — kept per account <em>and</em> client
/// address, so that an attacker failing on purpose from one address never locks the real user out from another; plus
/// a per-account ceiling (<see cref="SignInSettings.AccountFailuresPerMinute"/>) for attacks spread over many addresses.
/// </summary>
/// <remarks>
/// An attempt is <em>claimed</em> before the password is checked, in one statement: the claim blocks that
/// (account, address) for the delay, and only the caller whose claim succeeded checks the password. So parallel
/// attempts cannot slip through between a check and its recording: of twenty at once, one is checked, nineteen are
/// 429. A correct password releases the claim. Keyed by a hash of the normalised email whether or not an account
/// has it, so an unknown email goes through the same statements and answers (nothing tells it from a known one).
/// </remarks>
internal sealed class SignInThrottle(NpgsqlDataSource dataSource, SignInSettings settings, TimeProvider clock)
{
    /// <summary>The auth seed's delay after a failure.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CeilingWindow = TimeSpan.FromMinutes(1);

    /// <param name="Email">As <see cref="Emails.Normalize"/> makes it; hashed (after NFC) by PostgreSQL, see <see cref="EmailKey"/>.</param>
    public readonly record struct Attempt(string Email, string Client);

    public static Attempt For(string normalizedEmail, string client) => new(normalizedEmail, client);

    /// <summary>The row key of parameter <c>$1</c> (the normalised email): its hash, never the email itself.</summary>
    private const string EmailKey = "sha256(convert_to(normalize($1, NFC), 'UTF8'))";

    /// <summary>null when this caller may check one password now; else how long to wait.</summary>
    public async Task<TimeSpan?> TryClaimAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var command = dataSource.CreateCommand($"""
            WITH ceiling AS (
                SELECT window_start + $5 AS until FROM users.sign_in_failures
                WHERE email_hash = {EmailKey} AND failures >= $6 AND window_start + $5 > $3
            ), claim AS (
                INSERT INTO users.sign_in_throttle AS t (email_hash, client, next_attempt)
                SELECT {EmailKey}, $2, $4 WHERE NOT EXISTS (SELECT 1 FROM ceiling)
                ON CONFLICT (email_hash, client) DO UPDATE SET next_attempt = EXCLUDED.next_attempt WHERE t.next_attempt <= $3
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM claim),
                   greatest((SELECT until FROM ceiling),
                            (SELECT next_attempt FROM users.sign_in_throttle WHERE email_hash = {EmailKey} AND client = $2))
            """);
        command.WithValues(attempt.Email, attempt.Client, now, now + RetryDelay, CeilingWindow, settings.AccountFailuresPerMinute);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetBoolean(0)) return null;
        // A claim that lost the race to a concurrent one may not see that one's row: it waits the whole delay.
        var until = reader.IsDBNull(1) ? now + RetryDelay : reader.GetDateTime(1);
        return until > now ? until - now : RetryDelay;
    }

    /// <summary>A wrong password: this (account, address) waits the delay from now, and the account's failures count.</summary>
    public async Task RecordFailureAsync(Attempt attempt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"UPDATE users.sign_in_throttle SET next_attempt = $3 WHERE email_hash = {EmailKey} AND client = $2",
            attempt.Email, attempt.Client, now + RetryDelay));
        batch.BatchCommands.Add(Command($"""
            INSERT INTO users.sign_in_failures AS f (email_hash, window_start, failures) VALUES ({EmailKey}, $2, 1)
            ON CONFLICT (email_hash) DO UPDATE SET
                failures     = CASE WHEN f.window_start + $3 <= $2 THEN 1 ELSE f.failures + 1 END,
                window_start = CASE WHEN f.window_start + $3 <= $2 THEN $2 ELSE f.window_start END
            """, attempt.Email, now, CeilingWindow));
        // Recorded even if the caller has gone: a failure must count.
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>A correct password releases the claim (the account's failure count stays: it is the ceiling's).</summary>
    public async Task ReleaseAsync(Attempt attempt)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM users.sign_in_throttle WHERE email_hash = {EmailKey} AND client = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = attempt.Email });
        command.Parameters.Add(new NpgsqlParameter { Value = attempt.Client });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Rows whose delay and window are long over (run by <see cref="SignInThrottleSweeper"/>).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(10);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("DELETE FROM users.sign_in_throttle WHERE next_attempt < $1", before));
        batch.BatchCommands.Add(Command("DELETE FROM users.sign_in_failures WHERE window_start < $1", before));
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }
}
