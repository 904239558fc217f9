using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RetailPerformer.Users.Data;

/// <summary>
/// Creates invitations inside the creation's transaction (so a person never exists without the
/// invitation that was promised) and delivers them once that transaction has committed. A delivery
/// failure never undoes the creation: it is recorded on the invitation for the gérant to see.
/// </summary>
internal sealed class InvitationService(NpgsqlDataSource dataSource, InvitationMailer mailer, Passwords passwords, TimeProvider clock)
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);
    public const string InvalidToken = "This invitation is unknown, expired or already used";

    public sealed record Pending(Guid TenantId, Guid Id, string Token, DateTime ExpiresAt);

    public async Task<Pending> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, Guid userId, string email)
    {
        var token = NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new Pending(tenantId, Guid.CreateVersion7(), token, now + Validity);
        await connection.ExecuteAsync("""
            INSERT INTO users.invitations (tenant_id, id, user_id, email, token_hash, expires_at, created_at)
            VALUES (@TenantId, @Id, @userId, @email, @hash, @ExpiresAt, @now)
            """, new { pending.TenantId, pending.Id, userId, email, hash = Hash(token), pending.ExpiresAt, now }, transaction);
        return pending;
    }

    /// <summary>True when the email was handed to an SMTP server (the truth behind <c>invitation_sent</c>).</summary>
    public async Task<bool> DeliverAsync(Pending invitation, string name, string email, string role, CancellationToken cancellationToken)
    {
        var (status, error) = await mailer.DeliverAsync(name, email, role, invitation.Token, invitation.ExpiresAt, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            UPDATE users.invitations SET delivery_status = @status, delivery_error = @error, delivered_at = @now
            WHERE tenant_id = @TenantId AND id = @Id
            """, new { status = status.ToString().ToLowerInvariant(), error, now = clock.GetUtcNow().UtcDateTime, invitation.TenantId, invitation.Id });
        return status == DeliveryStatus.Sent;
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
            batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE users.invitations SET used_at = $1 WHERE tenant_id = $2 AND id = $3")
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
