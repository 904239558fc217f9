using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetailPerformer.Users.Data;

/// <summary>
/// Sends the invitation emails that are due again, on every host at once, as webhook deliveries are sent: a host claims up
/// to 20 with <c>FOR UPDATE SKIP LOCKED</c> and pushes their next attempt past the send's timeout in the claim's own short
/// transaction (its lease), then sends outside any transaction and records the outcome
/// (<see cref="InvitationService.RecordAsync"/>). An invitation whose person is no longer active, or that expired, is given
/// up with the reason; one accepted or replaced is no longer due (both erase its next attempt and its code).
/// </summary>
internal sealed class InvitationRetries(
    NpgsqlDataSource dataSource, InvitationService invitations, InvitationMailer mailer, InvitationSettings settings,
    RetailPerformer.Shared.Operations.ProductMeter meter, TimeProvider clock, ILogger<InvitationRetries> logger) : BackgroundService
{
    private const int ClaimSize = 20;

    /// <summary>Emails due that no host has claimed yet, as last seen (the backlog <c>/metrics</c> shows).</summary>
    private long _due;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        meter.ReportBacklog("invitation_emails", () => Interlocked.Read(ref _due));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ClaimAsync(stoppingToken);
                Interlocked.Exchange(ref _due, claimed.Count < ClaimSize ? 0 : await CountDueAsync(stoppingToken));
                if (claimed.Count > 0)
                {
                    await Task.WhenAll(claimed.Select(SendAsync));
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never takes the host down: what was claimed comes due again when its lease ends, here or elsewhere.
                logger.LogWarning(ex, "Invitations: retrying paused: {Reason}", ex.Message);
            }
            try { await Task.Delay(settings.Poll, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>An invitation claimed for this attempt, with what the email needs.</summary>
    private sealed class Claimed
    {
        public Guid TenantId { get; init; }
        public Guid Id { get; init; }
        public int DeliveryAttempts { get; init; }
        public string? PendingCode { get; init; }
        public DateTime ExpiresAt { get; init; }
        public bool Expired { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string PersonStatus { get; init; } = "";
    }

    private async Task<List<Claimed>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QueryAsync<Claimed>("""
            WITH due AS (
                SELECT tenant_id, id FROM users.invitations WHERE next_attempt_at <= now() AND used_at IS NULL AND voided_at IS NULL
                ORDER BY next_attempt_at LIMIT @size FOR UPDATE SKIP LOCKED
            )
            UPDATE users.invitations i SET next_attempt_at = now() + @lease
            FROM due, users.users u
            WHERE (i.tenant_id, i.id) = (due.tenant_id, due.id) AND (u.tenant_id, u.id) = (i.tenant_id, i.user_id)
            RETURNING i.tenant_id, i.id, i.delivery_attempts, i.pending_code, i.expires_at, i.expires_at <= now() AS expired,
                      i.email, u.name, u.role, u.status AS person_status
            """, new { size = ClaimSize, lease = invitations.Lease });
        return claimed.ToList();
    }

    private async Task<long> CountDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM users.invitations WHERE next_attempt_at <= now() AND used_at IS NULL AND voided_at IS NULL");
    }

    private async Task SendAsync(Claimed invitation)
    {
        var attempt = invitation.DeliveryAttempts + 1;
        try
        {
            var giveUp = invitation.PersonStatus != UserStatuses.Active ? $"Not sent: this account is {invitation.PersonStatus}"
                : invitation.Expired ? "Not sent: the invitation expired before its email could be delivered"
                : invitation.PendingCode is null ? "Not sent: the invitation's code is no longer kept"
                : null;
            if (giveUp is not null)
            {
                // Not an attempt: nothing was sent.
                await invitations.RecordAsync(invitation.TenantId, invitation.Id, invitation.DeliveryAttempts, DeliveryStatus.Failed,
                    new MailFailure(giveUp, Permanent: true));
                return;
            }
            string code;
            try { code = invitations.CodeOf(invitation.PendingCode!); }
            catch (CryptographicException)
            {
                // A host whose data-protection keys are not the ones that protected the code: tried again (on another host).
                await invitations.RecordAsync(invitation.TenantId, invitation.Id, attempt, DeliveryStatus.Failed,
                    new MailFailure("The invitation's code cannot be read on this host (data-protection keys differ)", Permanent: false));
                return;
            }
            var (status, failure) = await mailer.DeliverAsync(invitation.Name, invitation.Email, invitation.Role, code, invitation.ExpiresAt,
                CancellationToken.None);
            await invitations.RecordAsync(invitation.TenantId, invitation.Id, attempt, status, failure);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Sent (perhaps) but not recorded: tried again when the lease ends.
            logger.LogWarning("Invitations: attempt {Attempt} of invitation {Invitation} not recorded: {Reason}", attempt, invitation.Id, ex.Message);
        }
    }
}
