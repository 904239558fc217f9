namespace RetailPerformer.Users.ListInvitations;

public sealed record ListInvitationsResponse(IReadOnlyList<InvitationResponse> Invitations, PageMeta Meta);

internal static class ListInvitationsEndpoint
{
    public static void MapListInvitations(this RouteGroupBuilder group) =>
        group.MapGet("", Handle)
            .Validate<PageQuery>()
            .WithName("ListInvitations")
            .WithSummary("List invitations (the outbox)")
            .WithDescription("Newest first: status (pending, accepted, expired, void once a newer one was sent) and delivery status (sent, outbox when no SMTP server is configured, failed with its error).");

    private static async Task<Ok<ListInvitationsResponse>> Handle(
        [AsParameters] PageQuery paging, AppUser gerant, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users.invitations WHERE tenant_id = @TenantId", new { gerant.TenantId });
        var rows = await connection.QueryAsync<InvitationRow>($"""
            SELECT {InvitationRow.Columns}
            FROM users.invitations WHERE tenant_id = @TenantId ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset
            """, new { gerant.TenantId, limit = paging.PageSize, offset = paging.Offset });
        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = rows.Select(r => r.ToResponse(now)).ToList();
        return TypedResults.Ok(new ListInvitationsResponse(invitations, PageMeta.For(paging, total)));
    }
}
