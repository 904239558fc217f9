namespace RetailPerformer.Users.CreateSeller;

[RequestSchema]
public sealed record CreateSellerRequest([property: Required] string? Name, [property: Required] string? Email, [property: ApiFormat(ApiFormatAttribute.Uuid)] string? ManagerId, string? Phone, string? ExternalId, bool? SendInvitation)
    : IPersonFields;

public sealed record CreateSellerResponse(bool Success, Guid SellerId, PersonResponse Seller);

internal sealed class CreateSellerValidator : AbstractValidator<CreateSellerRequest>
{
    public CreateSellerValidator() => this.ValidPersonFields();
}

internal static class CreateSellerEndpoint
{
    /// <summary>The seeds' request body (integration guide v1.2), for the reference page.</summary>
    public const string RequestExample = """
        {"name": "Lucas Bernard", "email": "lucas.bernard@example.com", "manager_id": "72468398-620f-42d1-977c-bd250f4d440a",
         "phone": "+33 6 98 76 54 32", "external_id": "SELLER_MRS_012", "send_invitation": true}
        """;

    /// <summary>The seeds' answer (integration guide v1.2), for the reference page.</summary>
    public const string ResponseExample = """
        {"success": true, "seller_id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba",
         "seller": {"id": "2a1c816b-fd21-463a-8a8f-bfe98616aeba", "name": "Lucas Bernard", "email": "lucas.bernard@example.com",
                    "role": "seller", "status": "active", "phone": "+33 6 98 76 54 32", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
                    "manager_id": "72468398-620f-42d1-977c-bd250f4d440a", "external_id": "SELLER_MRS_012",
                    "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z", "invitation_sent": true}}
        """;

    public static void MapCreateSeller(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapPost("/stores/{store_id}/sellers", Handle)
            .RequireApiKey(Scopes.UsersWrite)
            .RequireStoreAccess(new StoreFrom.Route())
            .Validate<CreateSellerRequest>()
            .WithExample(RequestExample, ResponseExample)
            .WithName(family.Name("CreateSeller"))
            .WithSummary("Create a seller in a store")
            .WithDescription("As managers, plus `manager_id`: it must be an active manager of that store (else 404); without it, the store's longest-serving active manager is assigned (none if the store has no manager yet).")
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.EmailAlreadyRegistered)
            .DocumentsProblem(StatusCodes.Status400BadRequest, PersonCreation.StoreInactive)
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.ExternalIdAlreadyUsed)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.StoreNotFound)
            .DocumentsProblem(StatusCodes.Status404NotFound, UserMessages.ManagerNotFoundInStore);

    private static async Task<Results<Created<CreateSellerResponse>, Ok<CreateSellerResponse>, ProblemHttpResult>> Handle(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "store_id")] string storeId, CreateSellerRequest request, ApiKeyCaller caller,
        PersonCreation creation, NpgsqlDataSource dataSource, HttpContext context, CancellationToken cancellationToken)
    {
        var (store, storeProblem) = await creation.ResolveStoreAsync(caller, storeId, cancellationToken);
        if (storeProblem is not null) return storeProblem;

        Guid? managerId;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            if (request.ManagerId is { } requested)
            {
                managerId = Ids.TryParse(requested, out var id)
                    ? await connection.QuerySingleOrDefaultAsync<Guid?>("""
                        SELECT id FROM users.users
                        WHERE tenant_id = @TenantId AND id = @id AND role = 'manager' AND store_id = @store AND status = 'active'
                        """, new { caller.TenantId, id, store })
                    : null;
                if (managerId is null) return Problems.NotFound(UserMessages.ManagerNotFoundInStore);
            }
            else
            {
                managerId = await connection.QuerySingleOrDefaultAsync<Guid?>("""
                    SELECT id FROM users.users
                    WHERE tenant_id = @TenantId AND store_id = @store AND role = 'manager' AND status = 'active'
                    ORDER BY created_at, id LIMIT 1
                    """, new { caller.TenantId, store });
            }
        }

        var outcome = await creation.CreateAsync(caller, Roles.Seller, store, request, managerId, request.SendInvitation ?? true, cancellationToken);
        if (outcome.Problem is not null) return outcome.Problem;
        var seller = PersonResponse.From(outcome.Person!, outcome.InvitationSent);
        return IntegrationRoutes.Created(context, $"users/{seller.Id}", new CreateSellerResponse(true, seller.Id, seller));
    }
}
