using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Course.Lessons;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Course.Notebooks;

/// <summary>A rendered page: its HTML, the plotly.js its set-up cell carried (null without charts), and its sections
/// (id, number, title and plain text) for the site's sidebar and search.</summary>
public sealed record RenderedPage(string Html, string? PlotlyJs, IReadOnlyList<SiteSection> Sections);

/// <summary>One section of a lesson page: the id of its heading (empty for the text before the first heading), its
/// number ("2.3"), its title and its prose as plain text.</summary>
public sealed record SiteSection(string Id, string Number, string Title, string Text);

/// <summary>Writes an executed notebook as .ipynb and as an offline HTML page, on its own or as a page of the site.</summary>
public static partial class Rendering
{
    /// <summary>The marker on the script element that carries plotly.js (see Course.Plotting.OfflinePlotly).</summary>
    public const string PlotlyMarker = "data-course-plotly";

    // Feedback pages quote untrusted text (a submission's exception messages): raw HTML in it stays text.
    private static readonly MarkdownPipeline SafeMarkdown = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>A learner's feedback page (Markdown from <c>Gradebook.Feedback</c>) as a small HTML page.</summary>
    public static string FeedbackHtml(string markdown, string student) => GradingPage(markdown, $"Feedback for {student}");

    /// <summary>A grading page (feedback, the class report): <paramref name="markdown"/> rendered with raw HTML
    /// refused (it quotes submissions), then <paramref name="trustedHtml"/>, which the grader drew itself.</summary>
    public static string GradingPage(string markdown, string title, string trustedHtml = "") =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{System.Net.WebUtility.HtmlEncode(title)}</title>" +
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}</style></head><body>\n" +
        Markdig.Markdown.ToHtml(markdown, SafeMarkdown) + trustedHtml + "</body></html>\n";

    /// <summary>The executed notebook as Jupyter JSON (nbformat 4), outputs included, opening with a note that it is a
    /// rendered copy (its relative library paths resolve only from <c>notebooks/</c>).</summary>
    public static string ToIpynb(NotebookResult result)
    {
        var note = new InteractiveDocumentElement($"*A rendered copy of `{System.IO.Path.GetFileName(result.Path)}`, with its outputs, to read. " +
            "To run the lesson, open the notebook of that name in the kit's `notebooks/` folder.*", "markdown");
        var elements = result.Cells.Select(c => new InteractiveDocumentElement(c.Cell.Source, c.Cell.Kernel,
            c.Outputs.Select(ToDocumentOutput).ToList())).Prepend(note).ToList();
        // Read-only in Jupyter too: cells marked not editable and not deletable, which JupyterLab and Notebook honour.
        var json = System.Text.Json.Nodes.JsonNode.Parse(Notebook.ToJupyterJson(new InteractiveDocument(elements), "csharp"))!;
        foreach (var cell in json["cells"]!.AsArray())
        {
            if (cell!["metadata"] is not System.Text.Json.Nodes.JsonObject metadata) cell["metadata"] = metadata = [];
            metadata["editable"] = false;
            metadata["deletable"] = false;
        }
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static InteractiveDocumentOutputElement ToDocumentOutput(CellOutput o) => o.Kind switch
    {
        "stdout" or "stderr" => new TextElement(o.Text, o.Kind),
        "error" => new ErrorElement("Error", o.Text, []),
        _ => new DisplayElement(o.Data.ToDictionary(kv => kv.Key, kv => (object)kv.Value)),
    };

    /// <summary>Markdown as HTML with the pipeline the lesson pages use (tables, heading ids, math).</summary>
    public static string MarkdownHtml(string markdown) => PageHtml.Markdown(markdown);

    /// <summary>
    /// The executed notebook as an HTML page: markdown rendered, code with its outputs, and charts that draw with no
    /// network. With <paramref name="page"/> (a lesson of the course) the page also gets numbered sections,
    /// previous/next links, a link to the index, a table of contents and links for references to other lessons.
    /// </summary>
    /// <param name="result">The executed notebook.</param>
    /// <param name="title">The page's title when it is not a lesson's.</param>
    /// <param name="page">The lesson's place in the course, or null for a notebook outside the lessons.</param>
    /// <param name="assets">The site's shared folder relative to the page: plotly.js, KaTeX and the style are linked
    /// from there (<see cref="CourseSite.WriteAssets"/>), and a lesson page gets the site's sidebar, search and download
    /// links. Null for a self-contained page, everything inline, to hand one lesson out alone.</param>
    public static RenderedPage ToHtml(NotebookResult result, string title, SitePage? page = null, string? assets = null)
    {
        string? plotly = null, template = null;
        var body = new StringBuilder();
        var sections = new List<SiteSection>();
        var prose = new StringBuilder();
        (string Id, string Number, string Title) current = ("", "", page?.Title ?? title);
        foreach (var c in result.Cells)
        {
            if (!c.Cell.IsCode)
            {
                var md = MarkdownHtml(c.Cell.Source);
                if (page is not null)
                {
                    md = CourseSite.LinkCrossReferences(md, page);
                    // Each level-2 heading gets the lesson's section number; the prose under it is that section's text
                    // in the site's search index.
                    md = Heading2().Replace(md, m =>
                    {
                        sections.Add(new SiteSection(current.Id, current.Number, current.Title, PlainText(prose.ToString())));
                        prose.Clear();
                        current = (m.Groups[1].Value, $"{int.Parse(page.Number, System.Globalization.CultureInfo.InvariantCulture)}.{sections.Count(s => s.Id.Length > 0) + 1}", AnyTag().Replace(m.Groups[2].Value, ""));
                        return $"<h2 id=\"{m.Groups[1].Value}\"><span class=\"secno\">{current.Number}</span> {m.Groups[2].Value}</h2>";
                    });
                }
                prose.Append(' ').Append(AnyHeading().Replace(md, " "));
                body.Append("<section class=\"md\">").Append(md).Append("</section>\n");
                continue;
            }
            var outputs = new StringBuilder();
            if (c.Skipped) outputs.Append("<div class=\"skipped\">not run: an earlier cell failed</div>");
            foreach (var o in c.Outputs)
            {
                if (o.Kind == "display" && o.Data.TryGetValue("text/html", out var html))
                {
                    if (html.Contains(PlotlyMarker)) { plotly ??= ScriptBody().Match(html).Groups[1].Value; continue; }
                    template ??= TemplateIn(html);
                    outputs.Append(PageHtml.Output(template is null ? html : html.Replace(TemplateKey + template, TemplateReference, StringComparison.Ordinal)));
                }
                else outputs.Append(PageHtml.Text(o.Text, error: o.Kind is "error" or "stderr"));
            }
            body.Append(PageHtml.CellSection(c.Cell.Number, c.Elapsed, c.Cell.Source, outputs.ToString()));
        }
        sections.Add(new SiteSection(current.Id, current.Number, current.Title, PlainText(prose.ToString())));
        var head = new StringBuilder();
        if (plotly is not null)
            head.Append(assets is null ? $"<script type=\"text/javascript\">{plotly}</script>" : $"<script src=\"{assets}/{CourseSite.PlotlyFile}\"></script>");
        if (template is not null) head.Append($"<script type=\"text/javascript\">window.coursePlotlyTemplate = {template};</script>");
        var (mathHead, mathTail) = PageHtml.Math(body.ToString(), assets);
        head.Append(mathHead);
        var main = page is null ? body.ToString()
            : Navigation(page, "top") + (assets is null ? "" : Downloads(page)) + Contents(body.ToString()) + body + Navigation(page, "bottom");
        var tail = mathTail + (assets is null ? "" : CourseSite.SiteScripts(assets));
        return new RenderedPage(PageHtml.Document(page?.Title ?? title, main, head.ToString(), tail, assets), plotly, sections.Where(s => s.Id.Length > 0 || s.Text.Length > 0).ToList());
    }

    /// <summary>A page of the site around <paramref name="mainHtml"/>, with the kit's style, <paramref name="head"/> added to
    /// the head and <paramref name="tail"/> (scripts that need the page) after the main content.</summary>
    public static string Page(string title, string mainHtml, string head, string tail = "", string? assets = null) => PageHtml.Document(title, mainHtml, head, tail, assets);

    // The files a learner can take away: the notebook the page was run from, the run with its outputs, the lesson as a
    // program. Copied beside the page by the run (CourseSite.CopyDownloads).
    private static string Downloads(SitePage page) =>
        "<p class=\"downloads\">Download this lesson: " + string.Join(" · ", page.Downloads.Select(d => $"<a href=\"{WebUtility.HtmlEncode(d.File)}\" download>{WebUtility.HtmlEncode(d.Label)}</a>")) +
        " (they run from the kit's <code>notebooks/</code> folder)</p>\n";

    // Rendered HTML as one line of text: tags dropped, entities decoded, white space collapsed.
    private static string PlainText(string html) => Space().Replace(WebUtility.HtmlDecode(AnyTag().Replace(html, " ")), " ").Trim();

    private static string Navigation(SitePage page, string where)
    {
        static string Link((string? File, string Title)? to, string rel, string arrowBefore, string arrowAfter) => to switch
        {
            { File: { } file } t => $"<a rel=\"{rel}\" class=\"{rel}\" href=\"{file}\">{arrowBefore}{WebUtility.HtmlEncode(t.Title)}{arrowAfter}</a>",
            { } t => $"<span class=\"{rel} missing\" title=\"not rendered in this folder\">{arrowBefore}{WebUtility.HtmlEncode(t.Title)}{arrowAfter}</span>",
            null => "<span></span>",
        };
        return $"<nav class=\"pager {where}\">{Link(page.Previous, "prev", "← ", "")}<a class=\"index\" href=\"{CourseSite.IndexFile}\">course index</a>{Link(page.Next, "next", "", " →")}</nav>\n";
    }

    // The page's sections (its level-2 headings, which Markdig gives ids) as a table of contents.
    private static string Contents(string body)
    {
        // Headings may hold links or code: the entry keeps their text only (an anchor inside an anchor is invalid).
        var items = Heading2().Matches(body).Select(m => $"<li><a href=\"#{m.Groups[1].Value}\">{AnyTag().Replace(m.Groups[2].Value, "")}</a></li>").ToList();
        return items.Count == 0 ? "" : $"<nav class=\"toc\"><details open><summary>On this page</summary><ol>{string.Concat(items)}</ol></details></nav>\n";
    }

    [GeneratedRegex(@"<h2 id=""([^""]+)"">(.*?)</h2>")]
    private static partial Regex Heading2();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"<h[12][^>]*>.*?</h[12]>", RegexOptions.Singleline)]
    private static partial Regex AnyHeading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    // Every chart of the kit carries Plotly.NET's default template, about 8.5 KB of JSON, written the same way each
    // time (Course.Plotting.OfflinePlotly). On a page it is defined once, in the head, as the first chart wrote it,
    // and every chart with the same template refers to that (lesson 03's 90 charts carried 0.8 MB of copies); a chart
    // with another template keeps its own. The notebook's own outputs keep theirs: each is drawn on its own.
    private const string TemplateKey = "\"template\":";
    private const string TemplateReference = "\"template\":window.coursePlotlyTemplate";

    // The template object of the first chart in html (its JSON text, braces matched outside strings), or null.
    private static string? TemplateIn(string html)
    {
        int start = html.IndexOf(TemplateKey + "{", StringComparison.Ordinal);
        if (start < 0 || !html.Contains("renderPlotly_", StringComparison.Ordinal)) return null;
        start += TemplateKey.Length;
        int depth = 0;
        bool inString = false;
        for (int i = start; i < html.Length; i++)
        {
            char c = html[i];
            if (inString) { if (c == '\\') i++; else if (c == '"') inString = false; continue; }
            if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return html[start..(i + 1)];
        }
        return null;
    }

    [GeneratedRegex(@"<script[^>]*data-course-plotly[^>]*>(.*)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBody();
}
