using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RetailPerformer.Users.Invitations;

/// <summary>
/// Creates invitations inside the creation's transaction (so a person never exists without the
/// invitation that was promised) and delivers them once that transaction has committed. A delivery
/// failure never undoes the creation: it is recorded on the invitation for the gérant to see.
/// </summary>
internal sealed class InvitationService(NpgsqlDataSource dataSource, InvitationMailer mailer, TimeProvider clock)
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

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

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
