namespace RetailPerformer.Users.People.CreateSeller;

public sealed record CreateSellerRequest(string? Name, string? Email, string? ManagerId, string? Phone, string? ExternalId, bool? SendInvitation)
    : IPersonFields;

public sealed record CreateSellerResponse(bool Success, Guid SellerId, PersonResponse Seller);

internal sealed class CreateSellerValidator : AbstractValidator<CreateSellerRequest>
{
    public CreateSellerValidator() => this.ValidPersonFields();
}

internal static class CreateSellerEndpoint
{
    public static void MapCreateSeller(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapPost("/stores/{store_id}/sellers", Handle)
            .RequireApiKey(Scopes.UsersWrite)
            .RequireStoreAccess()
            .Validate<CreateSellerRequest>()
            .WithExample(SeedExamples.CreateSellerRequest, SeedExamples.CreateSellerResponse)
            .WithName(family.Name("CreateSeller"))
            .WithSummary("Create a seller in a store")
            .WithDescription("As managers, plus `manager_id`: it must be an active manager of that store (else 404); without it, the store's longest-serving active manager is assigned (none if the store has no manager yet).")
            .Produces<CreateSellerResponse>(family.CreatedReturns201 ? StatusCodes.Status201Created : StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> Handle(
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
                if (managerId is null) return Problems.NotFound(ProblemMessages.ManagerNotFoundInStore);
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
