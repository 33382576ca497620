using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Notebooks.Tests;

/// <summary>
/// The render-quality guard, run on every rendered lesson: what a learner would find unreadable or heavy on a page.
/// The site weighs what its content weighs (plotly.js, KaTeX and the style once in <c>assets/</c>, a page without its
/// figures' data under 1 MB, no figure over 2 MB, the whole site within 25 MB); every chart fits the content column,
/// alone or in a row of panels; no legend needs scrolling; no histogram carries its raw values; no two neighbouring
/// frames of a slider are the same (the Chromium test that moves each slider is in BrowserTests); a chart of
/// quantities names its axes. Each fault is listed
/// with its page and chart, so one run shows them all. (On the pages of fb5386c, before this guard, it listed 45:
/// eleven panel rows of lessons 01-04 and seven of lesson 05 wrapping, 22 scrolling legends in lesson 05, raw-value
/// histograms in lessons 05 and 06, and every page inlining plotly.js and KaTeX.)
/// </summary>
[Collection("rendered lessons")]
public partial class RenderQualityTests(RenderedLessons rendered)
{
    private const int Column = 932;                  // the pages' content column: 980 px less the padding
    private const long PageLimit = 1 << 20;          // a page's own HTML, its figures' data aside
    private const long FigureLimit = 2_000_000;      // one figure's data (lesson 05's image explorer carries a thumbnail per point: 1.6 MB)
    private const long SiteLimit = 25L << 20;        // pages, index and assets

    [Fact]
    public void Every_page_is_light_and_every_chart_fits_the_column_with_a_legend_that_does_not_scroll()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        var faults = Audit(rendered.SolutionsOut, Kit.SolutionNotebooks.Select(nb => Path.GetFileNameWithoutExtension(nb) + ".html").ToList());
        Assert.True(faults.Count == 0, $"{faults.Count} faults:\n" + string.Join("\n", faults));
    }

    /// <summary>The guard must be able to fail: a page written the way the kit used to write them shows each fault.</summary>
    [Fact]
    public void The_guard_finds_each_fault_on_a_page_that_has_it()
    {
        var dir = Directory.CreateTempSubdirectory("course-guard").FullName;
        string Figure(int width, int height, string data) =>
            $"<div><div id=\"a\"></div><script type=\"text/javascript\">var renderPlotly_0a = function() {{\n    var data = {data};\n    var layout = {{\"width\":{width},\"height\":{height}}};\n    var config = {{}};\n}};</script></div>";
        string Chart(int width, int height, string data) => $"<div class=\"out\">{Figure(width, height, data)}</div>";
        string Named(int n) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => $"{{\"type\":\"scatter\",\"name\":\"class {i}\",\"x\":[1],\"y\":[2]}}")) + "]";
        var page = "<!DOCTYPE html><html><head><script type=\"text/javascript\" data-course-plotly=\"1\">plotly</script></head><body><main>"
            + Chart(1000, 400, Named(1))                                                     // wider than the column
            + Chart(300, 300, Named(10))                                                     // ten legend entries beside 120 px of plot
            + Chart(600, 400, "[{\"type\":\"histogram\",\"x\":[1,2,3]}]")                    // raw values, and axes without titles
            + "<div class=\"out\"><div style=\"display:flex;gap:4px;align-items:flex-start\">" + Figure(480, 300, Named(1)) + Figure(480, 300, Named(1)) + "</div></div>"   // a row of 964 px
            + "<div class=\"out\"><div><script type=\"text/javascript\">var renderPlotly_0b = function() {\n    var data = [];\n    var layout = {};\n    var config = {};\n    var frames = [{\"name\":\"f0\",\"data\":[{\"x\":[1]}]},{\"name\":\"f1\",\"data\":[{\"x\":[1]}]}];\n    Plotly.newPlot('b', {});\n};</script></div></div>"   // two equal frames
            + "<p>" + new string('x', 1_100_000) + "</p></main></body></html>";
        File.WriteAllText(Path.Combine(dir, "01-x.html"), page);
        var faults = Audit(dir, ["01-x.html"]);
        Assert.Contains(faults, f => f.Contains("inlines plotly.js"));
        Assert.Contains(faults, f => f.Contains("1000 px wide"));
        Assert.Contains(faults, f => f.Contains("10 legend entries"));
        Assert.Contains(faults, f => f.Contains("raw values"));
        Assert.Contains(faults, f => f.Contains("its y axis has no title"));
        Assert.Contains(faults, f => f.Contains("its x axis has no title"));
        Assert.Contains(faults, f => f.Contains("a row of 2 charts"));
        Assert.Contains(faults, f => f.Contains("without its figures' data"));
        Assert.Contains(faults, f => f.Contains("assets/plotly.js is missing"));
        Assert.Contains(faults, f => f.Contains("frames 1 and 2 draw the same data"));
    }

    private static List<string> Audit(string folder, IReadOnlyList<string> pages)
    {
        var faults = new List<string>();
        var assets = Path.Combine(folder, "assets");
        foreach (var file in new[] { "plotly.js", "course.css", "katex.css", "katex.js", "math.js", "site.js", "site-index.js" })
            if (!File.Exists(Path.Combine(assets, file))) faults.Add($"assets/{file} is missing");
        long site = Directory.Exists(assets) ? Directory.GetFiles(assets).Sum(f => new FileInfo(f).Length) : 0;
        foreach (var name in pages)
        {
            var path = Path.Combine(folder, name);
            var html = File.ReadAllText(path);
            site += new FileInfo(path).Length;
            if (html.Contains("data-course-plotly", StringComparison.Ordinal) || html.Contains("function (define, module, exports)", StringComparison.Ordinal))
                faults.Add($"{name} inlines plotly.js or KaTeX");
            var figures = FigureScript().Matches(html).Select(m => (long)System.Text.Encoding.UTF8.GetByteCount(m.Value)).ToList();
            foreach (var (size, i) in figures.Select((s, i) => (s, i)).Where(f => f.s > FigureLimit))
                faults.Add($"{name}: figure {i + 1} carries {size / 1e6:F1} MB (limit {FigureLimit / 1e6:F1} MB)");
            long own = System.Text.Encoding.UTF8.GetByteCount(html) - figures.Sum();
            if (own > PageLimit) faults.Add($"{name}: {own / 1e6:F2} MB without its figures' data (limit {PageLimit / 1e6:F2} MB)");
            int n = 0;
            foreach (Match m in ChartJson().Matches(html))
            {
                n++;
                var data = JsonNode.Parse(m.Groups[1].Value)!.AsArray();
                // The site's pages refer to the template plotly.js's script defines (Rendering): JSON but for that name.
                var layout = JsonNode.Parse(m.Groups[2].Value.Replace("window.coursePlotlyTemplate", "null", StringComparison.Ordinal))!.AsObject();
                int width = (int?)layout["width"] ?? 700, height = (int?)layout["height"] ?? 450;
                string title = layout["title"]?["text"]?.ToString() ?? "";
                string which = $"{name}: chart {n}{(title.Length > 0 ? $" '{title[..Math.Min(50, title.Length)]}'" : "")}";
                if (width > Column) faults.Add($"{which} is {width} px wide (the column is {Column})");
                if ((bool?)layout["showlegend"] != false)
                {
                    int entries = data.Where(t => (bool?)t!["showlegend"] != false && t!["name"] is not null)
                        .Select(t => t!["legendgroup"]?.ToString() ?? t!["name"]!.ToString()).Distinct().Count();
                    // plotly.js scrolls a legend taller than the plot area (19 px an entry; default margins 100 above, 80 below).
                    int plot = height - ((int?)layout["margin"]?["t"] ?? 100) - ((int?)layout["margin"]?["b"] ?? 80);
                    if (entries > 1 && entries * 19 > plot) faults.Add($"{which}: {entries} legend entries beside {plot} px of plot (the legend scrolls)");
                }
                // A chart of quantities (bars, histograms, curves: every trace one of them) names both axes, unless its x
                // axis names its own ticks (a dendrogram's leaves) or hides them (a condensed tree's positions).
                bool quantities = data.Count > 0 && data.All(t => t!["type"]?.ToString() is "bar" or "histogram" || ((t["type"]?.ToString() ?? "scatter") == "scatter" && (t["mode"]?.ToString() ?? "").Contains("lines", StringComparison.Ordinal)));
                if (quantities)
                {
                    static string AxisTitle(JsonNode? axis) => (axis?["title"] is JsonObject o ? o["text"]?.ToString() : axis?["title"]?.ToString()) ?? "";
                    var (x, y) = (layout["xaxis"], layout["yaxis"]);
                    bool namedTicks = x?["ticktext"] is not null || (bool?)x?["showticklabels"] == false || (bool?)x?["visible"] == false;
                    if (AxisTitle(y).Length == 0 && (bool?)y?["visible"] != false) faults.Add($"{which}: its y axis has no title");
                    if (AxisTitle(x).Length == 0 && !namedTicks) faults.Add($"{which}: its x axis has no title");
                }
                foreach (var t in data.Where(t => t!["type"]?.ToString() == "histogram"))
                    faults.Add($"{which}: a histogram carries its {(t!["x"] ?? t["y"])?.AsArray().Count} raw values (bin them: Charts.Histograms)");
            }
            // An explorable figure's frames must differ from each other, or dragging its slider shows nothing.
            int sliders = 0;
            foreach (Match m in SliderFrames().Matches(html))
            {
                sliders++;
                var frames = JsonNode.Parse(m.Groups[1].Value)!.AsArray().Select(f => f!["data"]!.ToJsonString()).ToList();
                for (int i = 1; i < frames.Count; i++)
                    if (frames[i] == frames[i - 1]) faults.Add($"{name}: slider {sliders}: frames {i} and {i + 1} draw the same data");
            }
            // Each row of panels (Panels.Row) must fit the column side by side.
            foreach (Match row in PanelRow().Matches(html))
            {
                var widths = LayoutWidth().Matches(row.Value).Select(w => int.Parse(w.Groups[1].Value)).ToList();
                if (widths.Count > 1 && widths.Sum() + 4 * (widths.Count - 1) > Column)
                    faults.Add($"{name}: a row of {widths.Count} charts ({string.Join(" + ", widths)} px) is wider than the {Column} px column");
            }
        }
        if (File.Exists(Path.Combine(folder, "index.html"))) site += new FileInfo(Path.Combine(folder, "index.html")).Length;
        if (site > SiteLimit) faults.Add($"the site weighs {site / 1e6:F1} MB (limit {SiteLimit / 1e6:F1} MB)");
        return faults;
    }

    // One figure's script: a chart as Plotly.NET writes it (its render function with the data and layout, and the call
    // that draws it), or the data an interactive figure of the kit carries (the image explorer's thumbnails). The site's
    // own scripts are linked files (src), not inline.
    [GeneratedRegex(@"<script type=""text/javascript"">.*?</script>", RegexOptions.Singleline)]
    private static partial Regex FigureScript();

    [GeneratedRegex(@"var data = (\[.*?\]);\s*var layout = (\{.*?\});\s*var config", RegexOptions.Singleline)]
    private static partial Regex ChartJson();

    // The frames of a figure with a slider (Course.Plotting.Slider).
    [GeneratedRegex(@"var frames = (\[.*?\]);\s*Plotly\.newPlot", RegexOptions.Singleline)]
    private static partial Regex SliderFrames();

    // A row of Panels.Row: its charts up to the row's end (the next row or the end of the output).
    [GeneratedRegex(@"<div style=""display:flex;(?:flex-wrap:wrap;)?gap:4px;align-items:flex-start"">.*?(?=<div style=""display:flex;(?:flex-wrap:wrap;)?gap:4px|</div></div>\s*</section>|<div class=""out"">|$)", RegexOptions.Singleline)]
    private static partial Regex PanelRow();

    [GeneratedRegex(@"""width"":(\d+),""height"":\d+")]
    private static partial Regex LayoutWidth();
}
