namespace RetailPerformer.Users.Invitations;

public sealed record InvitationResponse(
    Guid Id, Guid UserId, string Email, string Status, string DeliveryStatus, string? DeliveryError,
    DateTime CreatedAt, DateTime ExpiresAt, DateTime? UsedAt, DateTime? DeliveredAt);

public sealed record ListInvitationsResponse(IReadOnlyList<InvitationResponse> Invitations, PageMeta Meta);

internal static class ListInvitationsEndpoint
{
    public static void MapListInvitations(this RouteGroupBuilder group) =>
        group.MapGet("", Handle)
            .Validate<PageQuery>()
            .WithName("ListInvitations")
            .WithSummary("List invitations (the outbox)")
            .WithDescription("Newest first: status (pending, accepted, expired, void once a newer one was sent) and delivery status (sent, outbox when no SMTP server is configured, failed with its error).");

    internal sealed record Row
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string Email { get; init; } = "";
        public string DeliveryStatus { get; init; } = "";
        public string? DeliveryError { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime ExpiresAt { get; init; }
        public DateTime? UsedAt { get; init; }
        public DateTime? DeliveredAt { get; init; }
        public DateTime? VoidedAt { get; init; }

        public InvitationResponse ToResponse(DateTime now) => new(Id, UserId, Email,
            UsedAt is not null ? "accepted" : VoidedAt is not null ? "void" : ExpiresAt <= now ? "expired" : "pending",
            DeliveryStatus, DeliveryError, CreatedAt, ExpiresAt, UsedAt, DeliveredAt);
    }

    public const string RowColumns = "id, user_id, email, delivery_status, delivery_error, created_at, expires_at, used_at, delivered_at, voided_at";

    public static Task<Row> ReadAsync(NpgsqlConnection connection, Guid tenantId, Guid id) =>
        connection.QuerySingleAsync<Row>($"SELECT {RowColumns} FROM users.invitations WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id });

    private static async Task<Ok<ListInvitationsResponse>> Handle(
        [AsParameters] PageQuery paging, AppUser gerant, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users.invitations WHERE tenant_id = @TenantId", new { gerant.TenantId });
        var rows = await connection.QueryAsync<Row>($"""
            SELECT {RowColumns}
            FROM users.invitations WHERE tenant_id = @TenantId ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset
            """, new { gerant.TenantId, limit = paging.PageSize, offset = paging.Offset });
        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = rows.Select(r => r.ToResponse(now)).ToList();
        return TypedResults.Ok(new ListInvitationsResponse(invitations, PageMeta.For(paging, total)));
    }
}
