using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RetailPerformer.Shared.Data;
using RetailPerformer.Users.AcceptInvitation;
using RetailPerformer.Users.ChangePassword;
using RetailPerformer.Users.CreateManager;
using RetailPerformer.Users.CreateSeller;
using RetailPerformer.Users.DeleteUser;
using RetailPerformer.Users.GetUser;
using RetailPerformer.Users.InvitationPage;
using RetailPerformer.Users.ListInvitations;
using RetailPerformer.Users.ListUsers;
using RetailPerformer.Users.Login;
using RetailPerformer.Users.Me;
using RetailPerformer.Users.Register;
using RetailPerformer.Users.ResendInvitation;
using RetailPerformer.Users.UpdateUser;
using RetailPerformer.Shared.Contracts.Users;

namespace RetailPerformer.Users;

/// <summary>The Users module's one public door: gérants, managers and sellers, sign-in, invitations.</summary>
public static class UsersModule
{
    public const string Schema = "users";

    public static IServiceCollection AddUsersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleMigrations(Schema, typeof(UsersModule).Assembly);
        services.AddValidatorsFrom(typeof(UsersModule).Assembly);
        services.AddSingleton(SignInSettings.Read(configuration));
        services.AddSingleton<Passwords>();
        services.AddSingleton<AnonymousRequestLimit>();
        services.AddSingleton<SignInThrottle>();
        services.AddHostedService<SignInThrottleSweeper>();
        services.AddSingleton<IUserSessions, UserSessions>();
        services.AddSingleton<IStaffDirectory, StaffDirectory>();
        services.AddKeyedSingleton<IStaffDirectory>(StandbyReads.Key, (provider, _) => new StaffDirectory(provider.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(StandbyReads.Key), provider.GetRequiredService<TimeProvider>()));   // reads a standby may serve
        services.AddSingleton(SmtpSettings.Read(configuration));
        services.AddSingleton<SmtpMail>();
        services.AddSingleton<InvitationMailer>();
        services.AddSingleton<IGerantNotices, GerantNotices>();
        services.AddSingleton(InvitationSettings.From(configuration));
        services.AddSingleton<InvitationService>();
        services.AddHostedService<InvitationRetries>();
        services.AddSingleton<PersonCreation>();
        return services;
    }

    public static IEndpointRouteBuilder MapUsersModule(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Auth");
        auth.MapRegister();
        auth.MapLogin();
        auth.MapMe();
        auth.MapChangePassword();
        auth.MapAcceptInvitation();

        var invitations = routes.MapGroup("/api/gerant/invitations").WithTags("Invitations").RequireAuthorization(Policies.Gerant);
        invitations.MapListInvitations();
        invitations.MapResendInvitation();
        routes.MapInvitationPage();

        routes.MapIntegrationEndpoints("People", (group, family) =>
        {
            group.MapCreateManager(family);
            group.MapCreateSeller(family);
            group.MapUpdateUser(family);
            group.MapDeleteUser(family);
            group.MapGetUser(family);
            group.MapListUsers(family);
        });
        return routes;
    }
}
