using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Users.Data;
using Shouldly;
using System.Diagnostics;
using System.Net;

namespace RetailPerformer.Tests.Users.Login;

public sealed class LoginTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Login_returns_a_token_its_lifetime_and_the_user()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var body = await (await api.Client().PostJson("/api/auth/login", new { email = tenant.Email.ToUpperInvariant(), password = TestTenant.Password }))
            .ShouldBe(HttpStatusCode.OK);

        body.Str("token").Length.ShouldBeGreaterThan(40);
        body.Str("expiresIn").ShouldBe("1h");
        var user = body.GetProperty("user");
        user.Id("id").ShouldBe(tenant.GerantId);
        user.Str("role").ShouldBe("gerant");
        user.Str("email").ShouldBe(tenant.Email);
    }

    [Fact]
    public async Task Login_with_an_unknown_email_is_401_and_the_password_never_reaches_the_log()
    {
        const string password = "my-very-secret-password";
        await (await api.Client().PostJson("/api/auth/login", new { email = TestTenant.UniqueEmail(), password }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, UserMessages.InvalidCredentials);
        api.Logs.Contain(password).ShouldBeFalse();
        api.Logs.Contain(TestTenant.Password).ShouldBeFalse();
    }

    [Fact]
    public async Task Twenty_parallel_wrong_attempts_on_one_account_check_one_password_the_others_are_429_with_retry_after()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            api.Client().PostJson("/api/auth/login", new { email = tenant.Email, password = "wrong-password" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(1);
        var throttled = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        throttled.Count.ShouldBe(19);
        throttled.ShouldAllBe(a => a.Headers.RetryAfter != null);
    }

    [Fact]
    public async Task X_forwarded_for_is_ignored_unless_the_proxy_is_trusted()
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await api.Client().Post("/api/auth/login", new { email = tenant.Email, password = "wrong-password" }, FromAddress.New()))
            .ShouldBe(HttpStatusCode.Unauthorized);
        // Claiming another address changes nothing: both attempts come from this connection's address.
        await (await api.Client().Post("/api/auth/login", new { email = tenant.Email, password = TestTenant.Password }, FromAddress.New()))
            .ShouldBe(HttpStatusCode.TooManyRequests);
    }
}

public sealed class SignInThrottleTests(SignInGuardedApiFactory api) : IClassFixture<SignInGuardedApiFactory>
{
    private async Task<double> TimeLogin(string email)
    {
        var watch = Stopwatch.StartNew();
        (await api.Client().Post("/api/auth/login", new { email, password = "wrong-password" }, FromAddress.New())).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private async Task<string> KeyOfANewTenantAsync()
    {
        var email = await FromAddress.RegisterAsync(api);
        var token = (await (await api.Client().Post("/api/auth/login", new { email, password = TestTenant.Password }, FromAddress.New()))
            .ShouldBe(HttpStatusCode.OK)).Str("token");
        var created = await (await TestTenant.WithBearer(api, token).PostJson("/api/gerant/api-keys", new { name = "k", permissions = new[] { "stats:read" } }))
            .ShouldBe(HttpStatusCode.Created);
        return created.Str("key");
    }

    [Fact]
    public async Task An_attacker_failing_from_one_address_does_not_keep_the_real_user_out_from_another()
    {
        var email = await FromAddress.RegisterAsync(api);
        var attacker = FromAddress.New();
        await (await api.Client().Post("/api/auth/login", new { email, password = "wrong-password" }, attacker))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, UserMessages.InvalidCredentials);
        var throttled = await api.Client().Post("/api/auth/login", new { email, password = "wrong-password" }, attacker);
        await throttled.ShouldBeProblem(HttpStatusCode.TooManyRequests, UserMessages.TooManyLoginAttempts);
        throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 5);

        // The real user, elsewhere, signs in at once.
        await (await api.Client().Post("/api/auth/login", new { email, password = TestTenant.Password }, FromAddress.New())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failures_from_many_addresses_hit_the_account_ceiling_for_everyone_until_the_minute_is_over()
    {
        var email = await FromAddress.RegisterAsync(api);
        for (var i = 0; i < 4; i++)
            await (await api.Client().Post("/api/auth/login", new { email, password = "wrong-password" }, FromAddress.New()))
                .ShouldBe(HttpStatusCode.Unauthorized);

        var ceiling = await api.Client().Post("/api/auth/login", new { email, password = TestTenant.Password }, FromAddress.New());
        await ceiling.ShouldBeProblem(HttpStatusCode.TooManyRequests, UserMessages.TooManyLoginAttempts);
        ceiling.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
    }

    [Fact]
    public async Task An_unknown_email_is_answered_exactly_like_a_known_one()
    {
        var known = await FromAddress.RegisterAsync(api);
        var unknown = TestTenant.UniqueEmail();
        foreach (var email in new[] { known, unknown })
        {
            var address = FromAddress.New();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
                statuses.Add((await api.Client().Post("/api/auth/login", new { email, password = "wrong-password" }, address)).StatusCode);
            statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], email);
        }
    }

    [Fact]
    public async Task A_wrong_password_on_a_known_account_takes_as_long_as_one_on_an_unknown_email()
    {
        // Two accounts, four failures each: under this host's ceiling of four a minute per account.
        string[] known = [await FromAddress.RegisterAsync(api), await FromAddress.RegisterAsync(api)];
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        // Interleaved, each attempt from a fresh address (no throttle, no address limit): only the email differs.
        for (var i = 0; i < 8; i++)
        {
            knownTimes.Add(await TimeLogin(known[i % 2]));
            unknownTimes.Add(await TimeLogin(TestTenant.UniqueEmail()));
        }
        var ratio = Median(knownTimes) / Median(unknownTimes);
        // Without the decoy hash an unknown email answers ~50 times faster; the bound leaves room for a noisy machine.
        ratio.ShouldBeInRange(1 / 3.0, 3.0, $"known {Median(knownTimes):F1} ms, unknown {Median(unknownTimes):F1} ms");
    }

    [Fact]
    public async Task One_address_making_too_many_anonymous_auth_requests_gets_429_before_any_password_is_checked()
    {
        var address = FromAddress.New();
        for (var i = 0; i < 6; i++)
            await (await api.Client().Post("/api/auth/login", new { email = TestTenant.UniqueEmail(), password = "wrong-password" }, address))
                .ShouldBe(HttpStatusCode.Unauthorized);

        var limited = await api.Client().Post("/api/auth/register", new { name = "x", email = TestTenant.UniqueEmail(), password = TestTenant.Password }, address);
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests, "Too many authentication requests from this address; retry after the delay in Retry-After");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        // Another address is not affected.
        await (await api.Client().Post("/api/auth/login", new { email = TestTenant.UniqueEmail(), password = "wrong-password" }, FromAddress.New()))
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_flood_of_sign_ins_from_many_addresses_is_bounded_the_excess_is_503_with_retry_after()
    {
        var key = await KeyOfANewTenantAsync();
        var flood = Enumerable.Range(0, 24).Select(_ =>
            api.Client().Post("/api/auth/login", new { email = TestTenant.UniqueEmail(), password = "wrong-password" }, FromAddress.New())).ToList();
        // The integration API keeps answering meanwhile.
        var me = await TestTenant.WithKey(api, key).GetAsync("/api/v1/integrations/me");
        var answers = await Task.WhenAll(flood);

        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        var busy = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        busy.ShouldNotBeEmpty();
        foreach (var answer in busy)
        {
            await answer.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "Too many sign-ins are being checked right now; retry after the delay in Retry-After");
            answer.Headers.RetryAfter.ShouldNotBeNull();
        }
        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(answers.Length - busy.Count);
    }
}

public sealed class PasswordBudgetTests(PasswordBudgetApiFactory api) : IClassFixture<PasswordBudgetApiFactory>
{
    [Fact]
    public async Task Beyond_the_hosts_password_budget_a_sign_in_is_503_before_any_database_work()
    {
        // Whatever the earlier sign-ups of this host spent, the budget is exhausted after a few attempts.
        HttpResponseMessage? busy = null;
        string? checkedEmail = null;
        for (var i = 0; i < 5 && busy is null; i++)
        {
            var email = TestTenant.UniqueEmail();
            var answer = await api.Client().PostJson("/api/auth/login", new { email, password = "wrong-password" });
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable) busy = answer;
            else checkedEmail = email;
        }
        busy.ShouldNotBeNull();
        const string throttleRows = "SELECT count(*) FROM users.sign_in_throttle WHERE email_hash = sha256(convert_to($1, 'UTF8'))";
        if (checkedEmail is not null) (await api.Scalar<long>(throttleRows, checkedEmail)).ShouldBe(1);
        var refusedEmail = TestTenant.UniqueEmail();
        var refused = await api.Client().PostJson("/api/auth/login", new { email = refusedEmail, password = "wrong-password" });
        await refused.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, "Too many sign-ins are being checked right now; retry after the delay in Retry-After");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 2);
        // Refused before the throttle was even asked: no row for this email.
        (await api.Scalar<long>(throttleRows, refusedEmail)).ShouldBe(0);
    }
}

/// <summary>The auth seed's delay, waited out by moving the host's clock (<see cref="ClockedApiFactory"/>).</summary>
public sealed class SignInDelayTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task After_a_failed_login_another_attempt_within_5_seconds_is_429_then_succeeds_after_the_delay()
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await api.Client().PostJson("/api/auth/login", new { email = tenant.Email, password = "wrong-password" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, UserMessages.InvalidCredentials);

        var throttled = await api.Client().PostJson("/api/auth/login", new { email = tenant.Email, password = TestTenant.Password });
        await throttled.ShouldBe(HttpStatusCode.TooManyRequests);
        var retryAfter = throttled.Headers.RetryAfter!.Delta!.Value;
        retryAfter.TotalSeconds.ShouldBeInRange(1, 5);

        api.Clock.Advance(retryAfter);
        await (await api.Client().PostJson("/api/auth/login", new { email = tenant.Email, password = TestTenant.Password })).ShouldBe(HttpStatusCode.OK);
    }
}
