using Microsoft.Playwright;

namespace Course.Notebooks.Tests;

/// <summary>
/// The rendered lessons' charts draw and their formulas typeset in a real browser with the network blocked: Playwright drives Debian's
/// Chromium (a browser download never works offline). Skipped, with instructions, where no Chromium is installed.
/// </summary>
[Collection("rendered lessons")]
public class BrowserTests(RenderedLessons rendered)
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    [SkippableFact]
    public async Task Every_chart_draws_offline_in_chromium()
    {
        var chromium = Environment.GetEnvironmentVariable("COURSE_CHROMIUM") ?? Candidates.FirstOrDefault(File.Exists);
        Skip.If(chromium is null, "No Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium) or set COURSE_CHROMIUM to a Chrome/Chromium executable.");
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync();
        var external = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal)) await route.ContinueAsync();
            else { external.Add(route.Request.Url); await route.AbortAsync(); }
        });
        foreach (var nb in Kit.SolutionNotebooks)
        {
            var html = Path.Combine(rendered.SolutionsOut, Path.GetFileNameWithoutExtension(nb) + ".html");
            int expected = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(html), @"var renderPlotly_[0-9a-f]+ = function").Count;
            Assert.True(expected >= 5, $"{Path.GetFileName(html)} has {expected} charts; a lesson should draw several.");
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.PageError += (_, e) => errors.Add(e);
            await page.GotoAsync(new Uri(html).AbsoluteUri);
            await page.WaitForFunctionAsync($"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}", null, new() { Timeout = 60_000 });
            int drawn = await page.EvaluateAsync<int>("document.querySelectorAll('.js-plotly-plot').length");
            Assert.Equal(expected, drawn);
            // Formulas typeset offline by the embedded KaTeX: every math element holds rendered KaTeX markup.
            int formulas = await page.EvaluateAsync<int>("document.querySelectorAll('.math').length");
            int typeset = await page.EvaluateAsync<int>("document.querySelectorAll('.math .katex').length");
            Assert.True(formulas > 0 && typeset == formulas, $"{typeset} of {formulas} formulas typeset in {Path.GetFileName(html)}");
            Assert.True(errors.Count == 0, $"console errors in {Path.GetFileName(html)}: {string.Join("; ", errors)}");
            await page.CloseAsync();
        }
        Assert.Empty(external);
    }
}
