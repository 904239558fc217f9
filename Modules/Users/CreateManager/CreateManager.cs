namespace RetailPerformer.Users.CreateManager;

[RequestSchema]
public sealed record CreateManagerRequest([property: Required] string? Name, [property: Required] string? Email, string? Phone, string? ExternalId, bool? SendInvitation) : IPersonFields;

public sealed record CreateManagerResponse(bool Success, Guid ManagerId, PersonResponse Manager);

internal sealed class CreateManagerValidator : AbstractValidator<CreateManagerRequest>
{
    public CreateManagerValidator() => this.ValidPersonFields();
}

internal static class CreateManagerEndpoint
{
    /// <summary>The seeds' request body (integration guide v1.2), for the reference page.</summary>
    public const string RequestExample = """
        {"name": "Sophie Martin", "email": "sophie.martin@example.com", "phone": "+33 6 12 34 56 78", "external_id": "MGR_MRS_001", "send_invitation": true}
        """;

    /// <summary>The seeds' answer (integration guide v1.2), for the reference page.</summary>
    public const string ResponseExample = """
        {"success": true, "manager_id": "72468398-620f-42d1-977c-bd250f4d440a",
         "manager": {"id": "72468398-620f-42d1-977c-bd250f4d440a", "name": "Sophie Martin", "email": "sophie.martin@example.com",
                     "role": "manager", "status": "active", "phone": "+33 6 12 34 56 78", "store_id": "c2dd1ada-d0a2-4a90-be81-644b7cb78bc7",
                     "manager_id": null, "external_id": "MGR_MRS_001", "created_at": "2025-12-08T10:00:00Z", "updated_at": "2025-12-08T10:00:00Z",
                     "invitation_sent": true}}
        """;

    public static void MapCreateManager(this RouteGroupBuilder group, IntegrationFamily family) =>
        group.MapPost("/stores/{store_id}/managers", Handle)
            .RequireApiKey(Scopes.UsersWrite)
            .RequireStoreAccess(new StoreFrom.Route())
            .Validate<CreateManagerRequest>()
            .WithExample(RequestExample, ResponseExample)
            .WithName(family.Name("CreateManager"))
            .WithSummary("Create a manager in a store")
            .WithDescription("The store comes from the path only (a store_id in the body is ignored). Email unique across the product. `send_invitation` (default true) emails a single-use invitation; `invitation_sent` says whether it was handed to an SMTP server. `external_id` (the id your system gives the person) is unique among the tenant's people who are not deleted: a taken one is 400.")
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.EmailAlreadyRegistered)
            .DocumentsProblem(StatusCodes.Status400BadRequest, PersonCreation.StoreInactive)
            .DocumentsProblem(StatusCodes.Status400BadRequest, UserMessages.ExternalIdAlreadyUsed)
            .DocumentsProblem(StatusCodes.Status404NotFound, ProblemMessages.StoreNotFound);

    private static async Task<Results<Created<CreateManagerResponse>, Ok<CreateManagerResponse>, ProblemHttpResult>> Handle(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "store_id")] string storeId, CreateManagerRequest request, ApiKeyCaller caller,
        PersonCreation creation, HttpContext context, CancellationToken cancellationToken)
    {
        var (store, storeProblem) = await creation.ResolveStoreAsync(caller, storeId, cancellationToken);
        if (storeProblem is not null) return storeProblem;

        var outcome = await creation.CreateAsync(caller, Roles.Manager, store, request, managerId: null, request.SendInvitation ?? true, cancellationToken);
        if (outcome.Problem is not null) return outcome.Problem;
        var manager = PersonResponse.From(outcome.Person!, outcome.InvitationSent);
        return IntegrationRoutes.Created(context, $"users/{manager.Id}", new CreateManagerResponse(true, manager.Id, manager));
    }
}
