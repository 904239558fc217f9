using Microsoft.Playwright;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A real Chromium driven by Playwright, for the web console's tests: the machine's own (Debian's <c>chromium</c>, which
/// scripts/prerequisites installs; <c>RP_CHROMIUM</c> names another), launched once per test run, one fresh context
/// (cookies, clipboard) per page, 375 px wide like a phone, French.
/// </summary>
public static class Browser
{
    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    public static async Task<IPage> PageAsync(ApiFactory api)
    {
        var context = await (await Shared.Value).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = api.Client().BaseAddress!.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 375, Height = 812 },
            Locale = "fr-FR",
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The page is readable at 375 px: nothing wider than the screen (a table may scroll inside its own box).</summary>
    public static async Task ShouldFitAPhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (width > 375) throw new Xunit.Sdk.XunitException($"{page.Url} is {width} px wide at 375 px");
    }

    /// <summary>Every input, select and button of the page has a name a screen reader says (a label, or its text).</summary>
    public static async Task ShouldLabelEveryControlAsync(IPage page)
    {
        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                .filter(e => e.labels?.length === 0 && !e.getAttribute('aria-label') && !(e.tagName === 'BUTTON' && e.textContent.trim()))
                .map(e => e.outerHTML)
            """);
        if (unnamed.Length > 0) throw new Xunit.Sdk.XunitException($"{page.Url}: controls without a label: {string.Join(" ", unnamed)}");
    }

    /// <summary>Where <c>scripts/screenshots</c> asked the console's tests to leave their pictures (RP_SCREENSHOTS), or null.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("RP_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);   // process-wide: the same patience for Expect(…) as for actions (a busy CI machine)
        var chromium = Environment.GetEnvironmentVariable("RP_CHROMIUM") is { Length: > 0 } named ? named
            : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
            : throw new InvalidOperationException("No Chromium here: run scripts/prerequisites (Debian: apt-get install chromium) or set RP_CHROMIUM");
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // As root (CI), Chromium refuses to start inside its sandbox.
            Args = ["--no-sandbox", "--lang=fr-FR"],
        });
    }
}
