using Microsoft.Playwright;

namespace Course.Notebooks.Tests;

/// <summary>Headless Chromium for the tests that look at pages as a learner would (Playwright driving Debian's
/// Chromium: a browser download never works offline), with the network blocked and charts counted the same way.</summary>
internal static class Browser
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The Chromium to use ($COURSE_CHROMIUM or the system's), or null.</summary>
    public static string? Chromium => Environment.GetEnvironmentVariable("COURSE_CHROMIUM") ?? Candidates.FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="body"/> with Chromium, its background traffic off; skips the test where none is installed.</summary>
    public static async Task With(Func<IBrowser, Task> body)
    {
        Skip.If(Chromium is null, "No Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium) or set COURSE_CHROMIUM to a Chrome/Chromium executable.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await body(browser);
    }

    /// <summary>A context where only local files and data URIs load; every other request is aborted and listed.</summary>
    public static async Task<(IBrowserContext Context, List<string> Blocked)> Offline(IBrowser browser)
    {
        var context = await browser.NewContextAsync();
        var blocked = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal)) await route.ContinueAsync();
            else { lock (blocked) blocked.Add(route.Request.Url); await route.AbortAsync(); }
        });
        return (context, blocked);
    }

    /// <summary>Opens a local page in a new offline context (<see cref="Offline"/>), collecting its script errors.</summary>
    public static async Task<(IPage Page, List<string> Errors, List<string> Blocked)> OpenOffline(IBrowser browser, string path)
    {
        var (context, blocked) = await Offline(browser);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        return (page, errors, blocked);
    }

    /// <summary>How many charts a page's HTML asks Plotly.NET to draw (one render function per chart).</summary>
    public static int ChartsIn(string html) => System.Text.RegularExpressions.Regex.Matches(html, @"var renderPlotly_[0-9a-f]+ = function").Count;

    /// <summary>How many charts drew on <paramref name="page"/>, waiting up to a minute for <paramref name="expected"/>.</summary>
    public static async Task<int> DrawnCharts(IPage page, int expected)
    {
        try { await page.WaitForFunctionAsync($"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}", null, new() { Timeout = 60_000 }); }
        catch (TimeoutException) { }
        return await page.EvaluateAsync<int>("document.querySelectorAll('.js-plotly-plot').length");
    }
}
