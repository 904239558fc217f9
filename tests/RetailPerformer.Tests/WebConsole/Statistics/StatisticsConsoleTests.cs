using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole.Statistics;

/// <summary>"Statistiques" in a real Chromium at 375 px: exactly what my-stats answers for the same period, and the daily chart.</summary>
public sealed class StatisticsConsoleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_page_shows_exactly_what_my_stats_returns_for_the_same_period()
    {
        var page = await Browser.PageAsync(api);
        var (email, tenantId) = await ConsolePeople.SignUpAsync(api, page);
        // Two stores, three sellers, KPI on a few days (set up through the API with a key of the same gérant).
        var token = await TestTenant.SignInAsync(api, email, ConsolePeople.Password);
        var gerant = TestTenant.WithBearer(api, token);
        var created = await (await gerant.PostJson("/api/gerant/api-keys", new { name = "Setup", permissions = new[] { "stores:write", "users:write", "kpi:write", "stats:read" } }))
            .ShouldBe(HttpStatusCode.Created);
        var key = TestTenant.WithKey(api, created.Str("key"));
        var days = new[] { "2025-11-03", "2025-11-04", "2025-11-20" };
        foreach (var (name, sellers) in new[] { ("Skyco Marseille", 2), ("Skyco Lyon", 1) })
        {
            var store = (await (await key.PostJson("/api/v1/integrations/stores", new { name, location = "France" })).ShouldBe(HttpStatusCode.Created)).Id("store_id");
            var ids = await Seed.SellersAsync(api, tenantId, store, null, sellers);
            foreach (var (day, i) in days.Select((d, i) => (d, i)))
                await (await key.PostJson("/api/v1/integrations/kpi/sync", new
                {
                    store_id = store, date = day,
                    kpi_entries = ids.Select((s, j) => new { seller_id = s, ca_journalier = 100.10m * (i + 1) + j, nb_ventes = 3 + j, nb_articles = 7, prospects = i }).ToArray(),
                })).ShouldBe(HttpStatusCode.OK);
        }

        await page.GotoAsync("/statistiques");
        await page.GetByLabel("Du", new() { Exact = true }).FillAsync("2025-11-01");
        await page.GetByLabel("Au", new() { Exact = true }).FillAsync("2025-11-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await page.Locator("tfoot tr").WaitForAsync();
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);
        await Browser.ScreenshotAsync(page, "console-statistics");

        var stats = await (await key.GetAsync("/api/v1/integrations/my-stats?start_date=2025-11-01&end_date=2025-11-30")).ShouldBe(HttpStatusCode.OK);
        var expected = stats.GetProperty("stores").EnumerateArray().Select(s => (s.Str("store_id"), s.GetProperty("metrics")))
            .Append(("", stats.GetProperty("total_all_stores")));
        foreach (var (storeId, metrics) in expected)
        {
            var row = storeId == "" ? page.Locator("tfoot tr") : page.Locator($"tbody tr[data-store='{storeId}']");
            foreach (var metric in metrics.EnumerateObject())
            {
                var shown = await row.Locator($"[data-field={metric.Name}]").GetAttributeAsync("data-value");
                var value = metric.Value.ValueKind == System.Text.Json.JsonValueKind.Null ? "null" : metric.Value.GetRawText();
                decimal.Parse(shown == "null" ? "-1" : shown!, CultureInfo.InvariantCulture)
                    .ShouldBe(decimal.Parse(value == "null" ? "-1" : value, CultureInfo.InvariantCulture), $"{storeId} {metric.Name}");
            }
        }
        (await page.Locator("tbody tr").CountAsync()).ShouldBe(2);

        // The chart: one bar per day of the period, the days' CA of both stores together.
        (await page.Locator("rect.bar").CountAsync()).ShouldBe(30);
        var nov4 = await page.Locator("rect.bar[data-day='2025-11-04']").GetAttributeAsync("data-ca");
        decimal.Parse(nov4!, CultureInfo.InvariantCulture).ShouldBe((200.20m + 201.20m) + 200.20m);
        (await page.Locator("rect.bar[data-day='2025-11-05']").GetAttributeAsync("data-ca")).ShouldBe("0");

        // A period the API refuses is its message.
        await page.GotoAsync("/statistiques?du=2025-11-30&au=2025-11-01");
        await page.GetByRole(AriaRole.Alert).GetByText("'start_date' must not be after 'end_date'").WaitForAsync();
    }
}
