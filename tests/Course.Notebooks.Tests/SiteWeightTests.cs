using System.Text.RegularExpressions;

namespace Course.Notebooks.Tests;

/// <summary>
/// The rendered site weighs what its content weighs: plotly.js, KaTeX and the style are written once into
/// <c>assets/</c>, a lesson page without its charts' data stays under 1 MB, no chart carries more than its limit
/// (raw samples are binned before they reach the page), and the whole site stays within 25 MB.
/// </summary>
[Collection("rendered lessons")]
public partial class SiteWeightTests(RenderedLessons rendered)
{
    private const long PageLimit = 1 << 20;          // a page's own HTML, charts' data aside
    private const long ChartLimit = 2_000_000;       // one figure's data (lesson 05's image explorer carries a thumbnail per point: 1.6 MB)
    private const long SiteLimit = 25L << 20;        // pages, index and assets

    [Fact]
    public void Pages_link_the_shared_files_and_stay_within_their_weight()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        var faults = new List<string>();
        var assets = Path.Combine(rendered.SolutionsOut, "assets");
        foreach (var file in new[] { "plotly.js", "course.css", "katex.css", "katex.js", "math.js", "site.js", "site-index.js" })
            if (!File.Exists(Path.Combine(assets, file))) faults.Add($"assets/{file} is missing");
        long site = Directory.GetFiles(assets).Sum(f => new FileInfo(f).Length);
        foreach (var nb in Kit.SolutionNotebooks)
        {
            var name = Path.GetFileNameWithoutExtension(nb) + ".html";
            var html = File.ReadAllText(Path.Combine(rendered.SolutionsOut, name));
            site += new FileInfo(Path.Combine(rendered.SolutionsOut, name)).Length;
            if (html.Contains("data-course-plotly", StringComparison.Ordinal) || html.Contains("function (define, module, exports)", StringComparison.Ordinal))
                faults.Add($"{name} inlines plotly.js or KaTeX");
            var charts = ChartScript().Matches(html).Select(m => m.Length).ToList();
            foreach (var (size, i) in charts.Select((s, i) => (s, i)).Where(c => c.s > ChartLimit))
                faults.Add($"{name}: figure {i + 1} carries {size / 1e6:F1} MB (limit {ChartLimit / 1e6:F1} MB)");
            long own = System.Text.Encoding.UTF8.GetByteCount(html) - charts.Sum();
            if (own > PageLimit) faults.Add($"{name}: {own / 1e6:F2} MB without its charts' data (limit {PageLimit / 1e6:F2} MB)");
        }
        site += new FileInfo(Path.Combine(rendered.SolutionsOut, "index.html")).Length;
        if (site > SiteLimit) faults.Add($"the site weighs {site / 1e6:F1} MB (limit {SiteLimit / 1e6:F1} MB)");
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    // One figure's script: a chart as Plotly.NET writes it (its render function with the data and layout, and the call
    // that draws it), or the data an interactive figure of the kit carries (the image explorer's thumbnails). The site's
    // own scripts are linked files (src), not inline.
    [GeneratedRegex(@"<script type=""text/javascript"">.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ChartScript();
}
