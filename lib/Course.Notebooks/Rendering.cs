using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Course.Notebooks;

/// <summary>Writes an executed notebook as .ipynb and as one self-contained, offline HTML page.</summary>
public static partial class Rendering
{
    /// <summary>The marker on the script element that carries plotly.js (see Course.Plotting.OfflinePlotly).</summary>
    public const string PlotlyMarker = "data-course-plotly";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    // Feedback pages quote untrusted text (a submission's exception messages): raw HTML in it stays text.
    private static readonly MarkdownPipeline SafeMarkdown = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>A learner's feedback page (Markdown from <c>Gradebook.Feedback</c>) as a small HTML page.</summary>
    public static string FeedbackHtml(string markdown, string student) =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Feedback for {System.Net.WebUtility.HtmlEncode(student)}</title>" +
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}</style></head><body>\n" +
        Markdig.Markdown.ToHtml(markdown, SafeMarkdown) + "</body></html>\n";

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
    public static string MarkdownHtml(string markdown) => Markdig.Markdown.ToHtml(markdown, Markdown);

    /// <summary>
    /// The executed notebook as one HTML page: markdown rendered, code with its outputs, and plotly.js embedded once
    /// in the head (taken from the set-up cell's output), so every chart is interactive with no network. With
    /// <paramref name="page"/> (a lesson of the course) the page also gets previous/next links, a link to the index,
    /// a table of contents and links for references to other lessons.
    /// </summary>
    public static string ToHtml(NotebookResult result, string title, SitePage? page = null)
    {
        string? plotly = null;
        var body = new StringBuilder();
        foreach (var c in result.Cells)
        {
            if (!c.Cell.IsCode)
            {
                var md = MarkdownHtml(c.Cell.Source);
                body.Append("<section class=\"md\">").Append(page is null ? md : CourseSite.LinkCrossReferences(md, page)).Append("</section>\n");
                continue;
            }
            body.Append($"<section class=\"cell\" id=\"cell-{c.Cell.Number}\"><div class=\"label\">cell {c.Cell.Number}{(c.Elapsed > TimeSpan.Zero ? FormattableString.Invariant($" · {c.Elapsed.TotalSeconds:0.0} s") : "")}</div>");
            body.Append("<pre class=\"code\"><code>").Append(WebUtility.HtmlEncode(c.Cell.Source)).Append("</code></pre>");
            if (c.Skipped) body.Append("<div class=\"skipped\">not run: an earlier cell failed</div>");
            foreach (var o in c.Outputs)
            {
                if (o.Kind == "display" && o.Data.TryGetValue("text/html", out var html))
                {
                    if (html.Contains(PlotlyMarker)) { plotly ??= ScriptBody().Match(html).Groups[1].Value; continue; }
                    body.Append("<div class=\"out\">").Append(html).Append("</div>");
                }
                else
                {
                    string cls = o.Kind is "error" or "stderr" ? "err" : "text";
                    body.Append($"<pre class=\"{cls}\">").Append(WebUtility.HtmlEncode(o.Text)).Append("</pre>");
                }
            }
            body.Append("</section>\n");
        }
        var head = new StringBuilder();
        if (plotly is not null) head.Append("<script type=\"text/javascript\">").Append(plotly).Append("</script>");
        bool math = body.ToString().Contains("class=\"math\"", StringComparison.Ordinal);
        // KaTeX is a UMD bundle like plotly.js: shadowing define/module/exports makes it set window.katex even on a
        // page with an AMD loader (see OfflinePlotly.ScriptTag in Course.Kit).
        if (math) head.Append("<style>").Append(KatexCss.Value).Append("</style><script>(function (define, module, exports) {\n").Append(Resource("katex.min.js")).Append("\n}).call(window);</script>");
        var main = page is null ? body.ToString() : Navigation(page, "top") + Contents(body.ToString()) + body + Navigation(page, "bottom");
        return Page(page?.Title ?? title, main, head.ToString(), math ? "<script>" + TypesetMath + "</script>" : "");
    }

    /// <summary>A page of the site around <paramref name="mainHtml"/>, with the kit's style, <paramref name="head"/> added to
    /// the head and <paramref name="tail"/> (scripts that need the page) after the main content.</summary>
    public static string Page(string title, string mainHtml, string head, string tail = "") =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title><style>{Css}</style>{head}</head><body><main>\n{mainHtml}</main>{tail}</body></html>\n";

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

    // Markdig writes $...$ as <span class="math">\(...\)</span> and $$ blocks as <div class="math">\[...\]</div>; a
    // formula alone in its paragraph ($$ ... $$ on one line) is shown as display math too, as VS Code does.
    private const string TypesetMath = """
        document.querySelectorAll('.math').forEach(function (el) {
          var tex = el.textContent.trim().replace(/^\\[\(\[]/, '').replace(/\\[\)\]]$/, '');
          var display = el.tagName === 'DIV' || (el.parentElement.tagName === 'P' && el.parentElement.childNodes.length === 1);
          katex.render(tex, el, { displayMode: display, throwOnError: false });
        });
        """;

    private static readonly Lazy<string> KatexCss = new(() =>
        // Fonts inline as data URIs (woff2 only, which every current browser reads) so the page stays self-contained.
        FontSource().Replace(Resource("katex.min.css"), m =>
            $"src:url(data:font/woff2;base64,{Convert.ToBase64String(ResourceBytes("katex/fonts/" + m.Groups[1].Value + ".woff2"))}) format(\"woff2\")"));

    private static string Resource(string name) => System.Text.Encoding.UTF8.GetString(ResourceBytes(name));

    private static byte[] ResourceBytes(string name)
    {
        using var s = typeof(Rendering).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    [GeneratedRegex(@"src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\(""woff2""\)(,url\([^)]*\) format\(""[a-z]+""\))*")]
    private static partial Regex FontSource();

    [GeneratedRegex(@"<script[^>]*data-course-plotly[^>]*>(.*)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBody();

    private const string Css = """
        body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#fafafa;color:#222}
        main{max-width:980px;margin:0 auto;padding:24px}
        .md{line-height:1.55}.md code{background:#eee;padding:1px 4px;border-radius:3px}
        .md table{border-collapse:collapse}.md td,.md th{border:1px solid #ccc;padding:4px 8px}
        .cell{margin:14px 0;border-left:3px solid #6a8;padding-left:10px}
        .label{font-size:11px;color:#888}
        pre{overflow-x:auto;padding:8px;border-radius:4px;font-size:13px}
        pre.code{background:#f0f3f7}pre.text{background:#fff;border:1px solid #eee;white-space:pre-wrap}
        pre.err{background:#fee;color:#900;white-space:pre-wrap}.skipped{color:#a60;font-size:12px}
        .out{overflow-x:auto;margin:6px 0}
        nav.pager{display:flex;justify-content:space-between;gap:12px;margin:8px 0 16px;font-size:14px}
        nav.pager.bottom{margin-top:32px;border-top:1px solid #ddd;padding-top:12px}
        nav.toc{background:#fff;border:1px solid #e3e3e3;border-radius:4px;padding:6px 14px;font-size:14px}
        nav.toc ol{margin:6px 0;columns:2}a.xref{text-decoration:underline dotted}.missing{color:#999}
        table.lessons{border-collapse:collapse}table.lessons td,table.lessons th,main>table td,main>table th{border:1px solid #ccc;padding:4px 8px;text-align:left}
        main>table{border-collapse:collapse}.failed{color:#b00}
        """;
}
