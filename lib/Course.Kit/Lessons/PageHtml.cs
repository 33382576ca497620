using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace Course.Lessons;

/// <summary>
/// The pieces of the kit's offline HTML pages: Markdown with math, the page frame and its style, and KaTeX inlined
/// (fonts as data URIs) when a page has formulas. One source compiled twice: into Course.Kit, whose lesson apps
/// (<c>LessonApp</c>) write their pages with it, and as a linked file into the engine (Course.Notebooks),
/// which renders notebooks but never loads Course.Kit in its own process (the kernel loads it from the kit's bin).
/// Internal in both, so no program sees two types of one name. Each assembly embeds the KaTeX files under the same
/// names (Assets/katex).
/// </summary>
internal static partial class PageHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Markdown as HTML with the pipeline the lesson pages use (tables, heading ids, math).</summary>
    public static string Markdown(string markdown) => Markdig.Markdown.ToHtml(markdown, Pipeline);

    /// <summary>A page of the site around <paramref name="mainHtml"/>, with the kit's style, <paramref name="head"/> added to
    /// the head and <paramref name="tail"/> (scripts that need the page) after the main content.</summary>
    /// <param name="title">The page's title.</param>
    /// <param name="mainHtml">The page's content.</param>
    /// <param name="head">Added to the head.</param>
    /// <param name="tail">Added after the content.</param>
    /// <param name="assets">The folder of the site's shared files relative to the page (<see cref="SharedFiles"/>),
    /// or null for a self-contained page with its style inline.</param>
    public static string Document(string title, string mainHtml, string head, string tail = "", string? assets = null) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)}</title>{(assets is null ? $"<style>{Css}</style>" : $"<link rel=\"stylesheet\" href=\"{assets}/course.css\">")}{head}</head><body><main>\n{mainHtml}</main>{tail}</body></html>\n";

    /// <summary>What a page whose body is <paramref name="bodyHtml"/> adds to its head and tail for its formulas: KaTeX
    /// and the script that typesets them, or nothing when the body has no math.</summary>
    /// <param name="bodyHtml">The page's main content.</param>
    /// <param name="assets">As in <see cref="Document"/>: links to the shared files, or null to inline KaTeX.</param>
    public static (string Head, string Tail) Math(string bodyHtml, string? assets = null)
    {
        if (!bodyHtml.Contains("class=\"math\"", StringComparison.Ordinal)) return ("", "");
        if (assets is not null)
            return ($"<link rel=\"stylesheet\" href=\"{assets}/katex.css\"><script src=\"{assets}/katex.js\"></script>", $"<script src=\"{assets}/math.js\"></script>");
        return ("<style>" + KatexCss.Value + "</style><script>" + KatexJs.Value + "</script>", "<script>" + TypesetMath + "</script>");
    }

    /// <summary>The files pages written with an assets folder link to, by file name: the style, KaTeX (its fonts
    /// inside its style sheet) and the script that typesets formulas. Written once per site, so a page weighs what
    /// its own content weighs.</summary>
    public static IReadOnlyList<(string Name, string Text)> SharedFiles() =>
        [("course.css", Css), ("katex.css", KatexCss.Value), ("katex.js", KatexJs.Value), ("math.js", TypesetMath)];

    // KaTeX is a UMD bundle like plotly.js: shadowing define/module/exports makes it set window.katex even on a page
    // with an AMD loader (see OfflinePlotly.ScriptTag in Course.Kit).
    private static readonly Lazy<string> KatexJs = new(() => "(function (define, module, exports) {\n" + Resource("katex.min.js") + "\n}).call(window);");

    /// <summary>A cell of a rendered lesson: its number, time, code and outputs (already HTML).</summary>
    public static string CellSection(int number, TimeSpan elapsed, string code, string outputsHtml) =>
        $"<section class=\"cell\" id=\"cell-{number}\"><div class=\"label\">cell {number}{(elapsed > TimeSpan.Zero ? FormattableString.Invariant($" · {elapsed.TotalSeconds:0.0} s") : "")}</div>" +
        "<pre class=\"code\"><code>" + WebUtility.HtmlEncode(code) + "</code></pre>" + outputsHtml + "</section>\n";

    /// <summary>Text output (stdout; <paramref name="error"/> for stderr and exceptions) as a block of the page.</summary>
    public static string Text(string text, bool error) =>
        $"<pre class=\"{(error ? "err" : "text")}\">" + WebUtility.HtmlEncode(text) + "</pre>";

    /// <summary>A displayed value's HTML as a block of the page.</summary>
    public static string Output(string html) => "<div class=\"out\">" + html + "</div>";

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

    /// <summary>A text resource embedded in the assembly this file is compiled into (the kit's, or the notebook
    /// engine's, which compiles this file too and embeds the site's own scripts beside KaTeX).</summary>
    internal static string Resource(string name) => System.Text.Encoding.UTF8.GetString(ResourceBytes(name));

    private static byte[] ResourceBytes(string name)
    {
        using var s = typeof(PageHtml).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    [GeneratedRegex(@"src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\(""woff2""\)(,url\([^)]*\) format\(""[a-z]+""\))*")]
    private static partial Regex FontSource();

    private const string Css = """
        body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#fafafa;color:#222}
        main{max-width:980px;margin:0 auto;padding:24px}
        .md{line-height:1.55}.md code{background:#eee;padding:1px 4px;border-radius:3px}
        .md table{border-collapse:collapse}.md td,.md th{border:1px solid #ccc;padding:4px 8px}
        .cell{margin:14px 0;border-left:3px solid #6a8;padding-left:10px}
        .label{font-size:11px;color:#888}
        pre{overflow-x:auto;padding:8px;border-radius:4px;font-size:13px}
        pre.code{background:#f0f3f7;white-space:pre-wrap;overflow-wrap:anywhere}pre.text{background:#fff;border:1px solid #eee;white-space:pre-wrap}
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
