using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace RetailPerformer.Users.Data;

/// <summary>
/// Creates invitations inside the creation's transaction (so a person never exists without the invitation that was
/// promised) and makes the first attempt at the email once that transaction has committed (its outcome is the answer's
/// <c>invitation_sent</c>). The invitation row is the email's outbox entry: it holds the code, protected, and when the
/// next attempt is due, so a failed email is retried on <see cref="InvitationSettings.Retries"/> by
/// <see cref="InvitationRetries"/> on any host, and an email a stopped host never sent is sent by another. A delivery
/// failure never undoes the creation: it is recorded on the invitation for the gérant to see.
/// </summary>
internal sealed class InvitationService(
    NpgsqlDataSource dataSource, InvitationMailer mailer, Passwords passwords, IDataProtectionProvider protection, SmtpSettings smtp,
    InvitationSettings settings, TimeProvider clock)
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);
    public const string InvalidToken = "This invitation is unknown, expired or already used";

    private readonly IDataProtector _codes = protection.CreateProtector("RetailPerformer.Users.InvitationCode");

    public sealed record Pending(Guid TenantId, Guid Id, string Token, DateTime ExpiresAt);

    /// <summary>How long an attempt keeps its invitation from every other host: the send's timeout and a margin.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(smtp.TimeoutSeconds + 30);

    public async Task<Pending> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Guid userId, string email)
    {
        var token = NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new Pending(tenantId, Guid.CreateVersion7(), token, now + Validity);
        // The first attempt is this host's, right after the commit: due for the others only once its lease is over.
        await connection.ExecuteAsync("""
            INSERT INTO users.invitations (tenant_id, id, user_id, email, token_hash, expires_at, created_at, next_attempt_at, pending_code)
            VALUES (@TenantId, @Id, @userId, @email, @hash, @ExpiresAt, @now, now() + @lease, @code)
            """, new { pending.TenantId, pending.Id, userId, email, hash = Hash(token), pending.ExpiresAt, now, lease = Lease, code = _codes.Protect(token) },
            transaction);
        return pending;
    }

    /// <summary>The first attempt. True when the email was handed to an SMTP server (the truth behind <c>invitation_sent</c>).</summary>
    public async Task<bool> DeliverAsync(Pending invitation, string name, string email, string role, CancellationToken cancellationToken)
    {
        var (status, failure) = await mailer.DeliverAsync(name, email, role, invitation.Token, invitation.ExpiresAt, cancellationToken);
        await RecordAsync(invitation.TenantId, invitation.Id, attempt: 1, status, failure);
        return status == DeliveryStatus.Sent;
    }

    /// <summary>The code a retried email carries, from its protected form.</summary>
    public string CodeOf(string pendingCode) => _codes.Unprotect(pendingCode);

    /// <summary>
    /// An attempt's outcome: sent (or written to the log), retried after the schedule's wait, or given up when the schedule
    /// is spent or the failure is permanent. Times are the database's, as in the claim. An invitation used or voided in the
    /// meantime is not retried, and its code is erased whatever the outcome unless another attempt is planned.
    /// </summary>
    public async Task RecordAsync(Guid tenantId, Guid id, int attempt, DeliveryStatus status, MailFailure? failure)
    {
        var retryIn = status == DeliveryStatus.Failed && failure is { Permanent: false } ? settings.Retries.After(attempt) : null;
        var state = status == DeliveryStatus.Failed && retryIn is not null ? "pending" : status.ToString().ToLowerInvariant();
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            UPDATE users.invitations SET
                delivery_status = @state, delivery_error = @error, delivery_attempts = @attempt,
                delivered_at = CASE WHEN @state IN ('sent', 'outbox') THEN now() END,
                next_attempt_at = CASE WHEN @retry AND used_at IS NULL AND voided_at IS NULL THEN now() + @wait END,
                pending_code = CASE WHEN @retry AND used_at IS NULL AND voided_at IS NULL THEN pending_code END
            WHERE tenant_id = @tenantId AND id = @id
            """, new { state, error = failure?.Reason, attempt, retry = retryIn is not null, wait = retryIn ?? TimeSpan.Zero, tenantId, id });
    }

    /// <summary>The invited person, while the invitation can still be accepted; else null.</summary>
    public async Task<UserRow?> FindInvitedAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserRow>($"""
            SELECT {UserRow.Columns} FROM users.users
            WHERE (tenant_id, id) = (SELECT tenant_id, user_id FROM users.invitations
                                     WHERE token_hash = @hash AND used_at IS NULL AND voided_at IS NULL AND expires_at > @now)
            """, new { hash = Hash(token), now = clock.GetUtcNow().UtcDateTime });
    }

    /// <summary>
    /// Sets the invited person's password: the JSON endpoint and the page the emailed link opens both come here.
    /// Single use even under concurrent accepts (the invitation row is locked); a void (resent), expired or used
    /// invitation, or a person who is no longer active, is refused. Returns the person, or the problem's detail.
    /// </summary>
    public async Task<(UserRow? Person, string? Problem)> AcceptAsync(string token, string password, CancellationToken cancellationToken)
    {
        // Hashing is slow: done before any lock is taken, and only for a token that can still be accepted.
        if (await FindInvitedAsync(token, cancellationToken) is null) return (null, InvalidToken);
        var passwordHash = await passwords.HashAsync(password, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var invitation = await connection.QuerySingleOrDefaultAsync<(Guid TenantId, Guid Id, Guid UserId, DateTime ExpiresAt, DateTime? UsedAt, DateTime? VoidedAt)>("""
            SELECT tenant_id, id, user_id, expires_at, used_at, voided_at FROM users.invitations WHERE token_hash = @hash FOR UPDATE
            """, new { hash = Hash(token) }, transaction);
        if (invitation.Id == Guid.Empty || invitation.UsedAt is not null || invitation.VoidedAt is not null || invitation.ExpiresAt <= now)
            return (null, InvalidToken);

        var user = await connection.QuerySingleAsync<UserRow>(
            $"SELECT {UserRow.Columns} FROM users.users WHERE tenant_id = @TenantId AND id = @UserId FOR UPDATE",
            new { invitation.TenantId, invitation.UserId }, transaction);
        if (user.Status != UserStatuses.Active) return (null, $"This account is {user.Status}");

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "UPDATE users.users SET password_hash = $1, security_stamp = $2, updated_at = $3 WHERE tenant_id = $4 AND id = $5")
            {
                Parameters = { new() { Value = passwordHash }, new() { Value = Passwords.NewSecurityStamp() }, new() { Value = now },
                               new() { Value = invitation.TenantId }, new() { Value = invitation.UserId } },
            });
            // Accepted: no email of it is sent any more, and its code is not kept.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "UPDATE users.invitations SET used_at = $1, next_attempt_at = NULL, pending_code = NULL WHERE tenant_id = $2 AND id = $3")
            {
                Parameters = { new() { Value = now }, new() { Value = invitation.TenantId }, new() { Value = invitation.Id } },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (user, null);
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
