namespace RetailPerformer.Users.ListInvitations;

public sealed record ListInvitationsResponse(IReadOnlyList<InvitationResponse> Invitations, PageMeta Meta);

public sealed record ListInvitationsRequest : ISortedQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] public string? Sort { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "order")] public string? Order { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }
}

internal sealed class ListInvitationsRequestValidator : AbstractValidator<ListInvitationsRequest>
{
    public ListInvitationsRequestValidator()
    {
        this.ValidSort(ListInvitationsEndpoint.Sort);
        RuleFor(x => x.Status).OneOf("status", "pending", "accepted", "expired", "void");
    }
}

internal static class ListInvitationsEndpoint
{
    public static readonly ListSort Sort = new("created_at", true, "id DESC", new Dictionary<string, string>
    {
        ["created_at"] = "created_at", ["email"] = "email", ["expires_at"] = "expires_at",
    });

    public static void MapListInvitations(this RouteGroupBuilder group) =>
        group.MapGet("", Handle)
            .Validate<PageQuery>()
            .Validate<ListInvitationsRequest>()
            .SortedBy(Sort)
            .WithExample(null, UserExamples.Invitations)
            .WithName("ListInvitations")
            .WithSummary("List invitations (the outbox)")
            .WithDescription("Newest first: status (pending, accepted, expired, void once a newer one was sent) and delivery status (sent, outbox when no SMTP server is configured, failed with its error). Filter: `status`. " + Sort.Description + ".");

    private static async Task<Ok<ListInvitationsResponse>> Handle(
        [AsParameters] PageQuery paging, [AsParameters] ListInvitationsRequest query, AppUser gerant, NpgsqlDataSource dataSource, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The statuses of InvitationRow.ToResponse, in SQL.
        const string where = """
            WHERE tenant_id = @TenantId AND (@Status::text IS NULL
                OR (@Status = 'accepted' AND used_at IS NOT NULL)
                OR (@Status = 'void' AND used_at IS NULL AND voided_at IS NOT NULL)
                OR (@Status = 'expired' AND used_at IS NULL AND voided_at IS NULL AND expires_at <= @now)
                OR (@Status = 'pending' AND used_at IS NULL AND voided_at IS NULL AND expires_at > @now))
            """;
        var filter = new { gerant.TenantId, query.Status, now, limit = paging.PageSize, offset = paging.Offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM users.invitations {where}", filter);
        var rows = await connection.QueryAsync<InvitationRow>($"""
            SELECT {InvitationRow.Columns} FROM users.invitations {where}
            ORDER BY {Sort.OrderBy(query.Sort, query.Order)} LIMIT @limit OFFSET @offset
            """, filter);
        var invitations = rows.Select(r => r.ToResponse(now)).ToList();
        return TypedResults.Ok(new ListInvitationsResponse(invitations, PageMeta.For(paging, total)));
    }
}
