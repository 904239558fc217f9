namespace RetailPerformer.Users.ListInvitations;

public sealed record ListInvitationsResponse(IReadOnlyList<InvitationResponse> Invitations, PageMeta Meta);

public sealed record ListInvitationsRequest : ISortedQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] public string? Sort { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "order")] public string? Order { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] public string? Status { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "delivery_status")] public string? DeliveryStatus { get; init; }
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "user_id")] public string? UserId { get; init; }
}

internal sealed class ListInvitationsRequestValidator : AbstractValidator<ListInvitationsRequest>
{
    public ListInvitationsRequestValidator()
    {
        this.ValidSort(ListInvitationsEndpoint.Sort);
        RuleFor(x => x.Status).OneOf("status", "pending", "accepted", "expired", "void");
        RuleFor(x => x.DeliveryStatus).OneOf("delivery_status", "pending", "sent", "outbox", "failed");
        RuleFor(x => x.UserId).Must(id => id is null || Ids.TryParse(id, out _)).WithMessage("'user_id' must be a person's id");
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
            .WithDescription("""
                Newest first: `status` (pending, accepted, expired, void once a newer one was sent) and the email's `delivery_status`: `pending` while
                an attempt is planned (`next_attempt_at`; after a failure `delivery_error` says why — a failed email is retried about 5 s, 1 min, 10 min,
                1 h, 4 h, 8 h and 12 h later), `sent`, `outbox` when no SMTP server is configured (written to the host's log), `failed` once given up
                (retries spent, or refused for good by the mail server). Filters: `status`, `delivery_status`, `user_id`.
                """ + Sort.Description + ".");

    private static async Task<Ok<ListInvitationsResponse>> Handle(
        [AsParameters] PageQuery paging, [AsParameters] ListInvitationsRequest query, AppUser gerant, NpgsqlDataSource dataSource, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The statuses of InvitationRow.ToResponse, in SQL.
        const string where = """
            WHERE tenant_id = @TenantId AND (@userId::uuid IS NULL OR user_id = @userId)
              AND (@DeliveryStatus::text IS NULL OR delivery_status = @DeliveryStatus)
              AND (@Status::text IS NULL
                OR (@Status = 'accepted' AND used_at IS NOT NULL)
                OR (@Status = 'void' AND used_at IS NULL AND voided_at IS NOT NULL)
                OR (@Status = 'expired' AND used_at IS NULL AND voided_at IS NULL AND expires_at <= @now)
                OR (@Status = 'pending' AND used_at IS NULL AND voided_at IS NULL AND expires_at > @now))
            """;
        var filter = new { gerant.TenantId, query.Status, query.DeliveryStatus, userId = query.UserId is null ? (Guid?)null : Guid.Parse(query.UserId), now, limit = paging.PageSize, offset = paging.Offset };
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
