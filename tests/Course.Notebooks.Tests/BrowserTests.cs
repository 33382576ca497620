using Microsoft.Playwright;

namespace Course.Notebooks.Tests;

/// <summary>
/// The rendered lessons' charts draw and their formulas typeset in a real browser with the network blocked: Playwright drives Debian's
/// Chromium (a browser download never works offline). Skipped, with instructions, where no Chromium is installed.
/// </summary>
[Collection("rendered lessons")]
public class BrowserTests(RenderedLessons rendered)
{
    // Clicks a link and waits until the new page's document is parsed: its title arrives with the head, long before
    // the body (each page carries plotly.js in its head).
    private static async Task Follow(IPage page, ILocator link)
    {
        var href = await link.GetAttributeAsync("href");
        await link.ClickAsync();
        await page.WaitForURLAsync("**/" + href, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    [SkippableFact]
    public async Task The_course_index_leads_to_every_lesson_and_each_page_to_its_neighbours()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        await Browser.With(async browser =>
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(Path.Combine(rendered.SolutionsOut, "index.html")).AbsoluteUri);
            var lessons = LessonCatalog.All(Kit.Notebooks);
            Assert.Equal(lessons.Count, await page.Locator("table.lessons tbody a").CountAsync());
            // Into the first lesson, then forward with "next" through every page, then back with "prev", reading each title.
            await Follow(page, page.Locator("table.lessons tbody a").First);
            for (int i = 0; i < lessons.Count; i++)
            {
                Assert.Equal($"Lesson {lessons[i].Number}: {lessons[i].Title}", await page.TitleAsync());
                Assert.True(await page.Locator("nav.toc li a").CountAsync() >= 3, $"lesson {lessons[i].Number} has no table of contents");
                if (i + 1 < lessons.Count) await Follow(page, page.Locator("nav.pager.top a[rel=next]"));
            }
            Assert.Equal(0, await page.Locator("nav.pager.top a[rel=next]").CountAsync());
            await Follow(page, page.Locator("nav.pager.bottom a[rel=prev]"));
            Assert.Equal($"Lesson {lessons[^2].Number}: {lessons[^2].Title}", await page.TitleAsync());
            // A table-of-contents entry lands on its section; a cross-reference opens the lesson it names; the index link returns.
            var firstSection = await page.Locator("nav.toc li a").First.GetAttributeAsync("href");
            await page.Locator("nav.toc li a").First.ClickAsync();
            Assert.EndsWith(firstSection!, page.Url);
            var xref = page.Locator("a.xref").First;
            var target = await xref.GetAttributeAsync("href");
            await Follow(page, xref);
            Assert.EndsWith(target!, page.Url);
            await Follow(page, page.Locator("nav.pager.top a.index"));
            Assert.EndsWith("index.html", page.Url);
        });
    }

    /// <summary>Classic Jupyter Notebook and nbconvert's HTML export put require.js on the page; plotly.js's UMD
    /// wrapper then registers with it instead of setting <c>window.Plotly</c>, and charts stay blank. A page with an
    /// AMD loader (one that records every <c>define</c> call) must still draw every chart.</summary>
    [SkippableFact]
    public async Task Charts_draw_when_the_page_has_an_AMD_loader_as_classic_Jupyter_does()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        await Browser.With(async browser =>
        {
            var source = Path.Combine(rendered.SolutionsOut, "02-hierarchical.solution.html");
            var text = File.ReadAllText(source);
            int expected = Browser.ChartsIn(text);
            const string loader = "<script>window.amdCalls = 0; window.define = function () { window.amdCalls++; }; window.define.amd = { jQuery: true };</script>";
            int head = text.IndexOf("<head>", StringComparison.Ordinal);
            Assert.True(head >= 0, "the rendered page has no <head>");
            // Beside the rendered pages, so the copy finds the site's shared files.
            var page = Path.Combine(rendered.SolutionsOut, "with-amd.html");
            File.WriteAllText(page, text.Insert(head + "<head>".Length, loader));
            var tab = await browser.NewPageAsync();
            await tab.GotoAsync(new Uri(page).AbsoluteUri);
            Assert.Equal(expected, await Browser.DrawnCharts(tab, expected));
            // plotly.js and KaTeX both kept to their browser globals: formulas typeset, nothing registered with the loader.
            int formulas = await tab.EvaluateAsync<int>("document.querySelectorAll('.math').length");
            Assert.True(formulas > 0 && formulas == await tab.EvaluateAsync<int>("document.querySelectorAll('.math .katex').length"));
            Assert.Equal(0, await tab.EvaluateAsync<int>("window.amdCalls"));
            File.Delete(page);
        });
    }

    [SkippableFact]
    public async Task The_sidebar_lists_every_lesson_and_search_finds_a_term_of_one_lesson_from_any_page()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        var lessons = LessonCatalog.All(Kit.Notebooks);
        await Browser.With(async browser =>
        {
            // From the first lesson's page: "cophenetic" occurs in the prose of lesson 02 only.
            var (page, errors, blocked) = await Browser.OpenOffline(browser, Path.Combine(rendered.SolutionsOut, lessons[0].RenderedStem(true) + ".html"));
            await page.WaitForSelectorAsync("nav.sidebar ol.lessons");
            Assert.Equal(lessons.Count, await page.Locator("nav.sidebar ol.lessons > li").CountAsync());
            Assert.Equal(1, await page.Locator("nav.sidebar ol.lessons > li.current").CountAsync());
            // Every section of the current lesson is listed with its number, as its headings are.
            var headings = await page.Locator("main h2 .secno").AllTextContentsAsync();
            Assert.True(headings.Count >= 3, $"{headings.Count} numbered sections");
            Assert.Equal(headings.Select((_, i) => $"1.{i + 1}"), headings);
            Assert.Equal(headings.Count, await page.Locator("nav.sidebar li.current ol.sections li").CountAsync());
            await page.Locator("#site-search").FillAsync("cophenetic");
            var results = page.Locator("nav.sidebar .search-results li a");
            await results.First.WaitForAsync();
            var targets = await results.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.StartsWith(lessons[1].RenderedStem(true) + ".html", t));
            await results.First.ClickAsync();
            await page.WaitForURLAsync("**/" + targets[0], new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.Equal($"Lesson {lessons[1].Number}: {lessons[1].Title}", await page.TitleAsync());
            // A word in no lesson says so.
            await page.Locator("#site-search").FillAsync("zyzzogeton");
            Assert.Contains("No section mentions", await page.Locator("nav.sidebar .search-results").TextContentAsync());
            Assert.Empty(errors);
            Assert.Empty(blocked);
        });
    }

    /// <summary>Every chart draws and every formula typesets offline, with no script error; and every explorable
    /// figure (a chart with a slider over frames) changes when its slider is moved: the test clicks the end of each
    /// slider's rail, as a learner would, and compares the plotted data and the title before and after. One pass over
    /// the pages for both, as loading them is most of the time.</summary>
    [SkippableFact]
    public async Task Every_chart_draws_offline_in_chromium_and_every_slider_changes_its_chart()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        int sliders = 0;
        var lessonsWithSliders = new HashSet<string>();
        await Browser.With(async browser =>
        {
            var (context, external) = await Browser.Offline(browser);
            foreach (var nb in Kit.SolutionNotebooks)
            {
                var html = Path.Combine(rendered.SolutionsOut, Path.GetFileNameWithoutExtension(nb) + ".html");
                int expected = Browser.ChartsIn(File.ReadAllText(html));
                Assert.True(expected >= 5, $"{Path.GetFileName(html)} has {expected} charts; a lesson should draw several.");
                var page = await context.NewPageAsync();
                await page.SetViewportSizeAsync(1400, 900);
                var errors = new List<string>();
                page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
                page.PageError += (_, e) => errors.Add(e);
                await page.GotoAsync(new Uri(html).AbsoluteUri);
                int drawn = await Browser.DrawnCharts(page, expected);
                Assert.Equal(expected, drawn);
                // Formulas typeset offline by the embedded KaTeX: every math element holds rendered KaTeX markup.
                int formulas = await page.EvaluateAsync<int>("document.querySelectorAll('.math').length");
                int typeset = await page.EvaluateAsync<int>("document.querySelectorAll('.math .katex').length");
                Assert.True(formulas > 0 && typeset == formulas, $"{typeset} of {formulas} formulas typeset in {Path.GetFileName(html)}");
                const string state = "gd => JSON.stringify([gd.layout.title, gd.data.map(t => [t.x, t.y, t.z, t.marker && t.marker.color])])";
                var plots = page.Locator(".js-plotly-plot");
                for (int i = 0; i < await plots.CountAsync(); i++)
                {
                    var plot = plots.Nth(i);
                    if (!await plot.EvaluateAsync<bool>("gd => !!(gd.layout.sliders && gd.layout.sliders.length)")) continue;
                    sliders++;
                    lessonsWithSliders.Add(Path.GetFileName(nb)[..2]);
                    await plot.ScrollIntoViewIfNeededAsync();
                    var before = await plot.EvaluateAsync<string>(state);
                    int active = await plot.EvaluateAsync<int>("gd => gd.layout.sliders[0].active || 0");
                    int steps = await plot.EvaluateAsync<int>("gd => gd.layout.sliders[0].steps.length");
                    var rail = await plot.Locator("g.slider-container rect.slider-rail-touch-rect").BoundingBoxAsync();
                    Assert.NotNull(rail);
                    // The far end from where it starts: the last step, or the first when it starts at the last.
                    double x = active == steps - 1 ? rail!.X + 3 : rail!.X + rail.Width - 3;
                    await page.Mouse.ClickAsync((float)x, (float)(rail.Y + rail.Height / 2));
                    await page.WaitForTimeoutAsync(400);
                    Assert.True(before != await plot.EvaluateAsync<string>(state), $"{Path.GetFileName(html)}: moving slider {sliders} did not change its chart");
                }
                Assert.True(errors.Count == 0, $"console errors in {Path.GetFileName(html)}: {string.Join("; ", errors)}");
                await page.CloseAsync();
            }
            Assert.Empty(external);
        });
        // The issue's list: Lloyd's iterations, DBSCAN's eps, HDBSCAN's minimum cluster size, PCA's components, t-SNE's
        // iterations and perplexity, UMAP's two knobs, a β-VAE traversal and a GAN's training, in six lessons.
        Assert.True(sliders >= 8 && lessonsWithSliders.Count >= 6, $"{sliders} explorable figures in the course, in lessons {string.Join(", ", lessonsWithSliders.Order())}");
    }
}
