using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Course.Notebooks;

/// <summary>Where one rendered lesson sits in the course: its title, neighbours and the pages lessons link to.</summary>
/// <param name="Number">The lesson's two digits.</param>
/// <param name="Title">"Lesson 02: Hierarchical clustering".</param>
/// <param name="Previous">The previous lesson's page (null File when that page is not rendered in the folder) and title; null for the first.</param>
/// <param name="Next">The next lesson's, likewise; null for the last.</param>
/// <param name="LessonFiles">Each rendered lesson's page by number ("04" → "04-pca.html"), for cross-references in the prose.</param>
public sealed record SitePage(string Number, string Title, (string? File, string Title)? Previous, (string? File, string Title)? Next, IReadOnlyDictionary<string, string> LessonFiles);

/// <summary>
/// The rendered lessons as a small offline site: <c>index.html</c> with the module map and every lesson's run time
/// and exercise count, and per page a table of contents, previous/next links and links for "lesson NN" in the prose.
/// Links go only to pages that exist in the output folder or are being rendered by the same run, so a run of one
/// lesson into an empty folder has no dead links.
/// </summary>
public sealed partial class CourseSite(IReadOnlyList<Lesson> lessons, bool solutions, string outDir, IReadOnlyCollection<string> renderedNow)
{
    /// <summary>The index page's file name in the output folder.</summary>
    public const string IndexFile = "index.html";

    private bool Available(Lesson l) => renderedNow.Contains(l.RenderedStem(solutions)) || File.Exists(Path.Combine(outDir, l.RenderedStem(solutions) + ".html"));

    /// <summary>The place of the page rendered as <paramref name="stem"/>, or null for a notebook outside the lessons (a script).</summary>
    public SitePage? PageFor(string stem)
    {
        int i = lessons.ToList().FindIndex(l => l.RenderedStem(solutions) == stem);
        if (i < 0) return null;
        (string?, string)? Neighbour(int j) => j >= 0 && j < lessons.Count
            ? (Available(lessons[j]) ? lessons[j].RenderedStem(solutions) + ".html" : null, $"{lessons[j].Number} {lessons[j].Title}") : null;
        var files = lessons.Where(Available).ToDictionary(l => l.Number, l => l.RenderedStem(solutions) + ".html");
        return new SitePage(lessons[i].Number, $"Lesson {lessons[i].Number}: {lessons[i].Title}", Neighbour(i - 1), Neighbour(i + 1), files);
    }

    /// <summary>The index page: every lesson with its exercises and last run in this folder, then the module map.</summary>
    public string IndexHtml(IReadOnlyDictionary<string, RunRecord> history)
    {
        var body = new StringBuilder();
        body.Append($"<h1>Unsupervised learning in C#{(solutions ? " (instructor versions)" : "")}</h1>\n");
        body.Append("<p>Each lesson below is one self-contained page: interactive charts and typeset formulas, no network needed. ");
        body.Append("Pages are rendered by <code>course run</code>; a lesson not run yet into this folder is listed without a link.</p>\n");
        body.Append("<table class=\"lessons\"><thead><tr><th>lesson</th><th>exercises</th><th>run time</th><th>last run</th></tr></thead><tbody>\n");
        foreach (var l in lessons)
        {
            var title = WebUtility.HtmlEncode($"{l.Number} {l.Title}");
            if (history.TryGetValue(l.RenderedStem(solutions), out var r) && Available(l))
                body.Append(FormattableString.Invariant($"<tr><td><a href=\"{l.RenderedStem(solutions)}.html\">{title}</a></td><td>{l.Exercises}</td><td>{r.Seconds:0.0} s</td><td>{r.Finished.ToLocalTime():yyyy-MM-dd HH:mm} · {(r.Succeeded ? "passed" : "<b class=\"failed\">failed</b>")}</td></tr>\n"));
            else
                body.Append($"<tr><td>{title}</td><td>{l.Exercises}</td><td></td><td>not run yet</td></tr>\n");
        }
        body.Append($"</tbody><tfoot><tr><td>{lessons.Count} lessons</td><td>{lessons.Sum(l => l.Exercises)}</td><td>{lessons.Sum(l => history.TryGetValue(l.RenderedStem(solutions), out var r) ? r.Seconds : 0):0} s</td><td></td></tr></tfoot></table>\n");
        if (ModuleMap() is { } map) body.Append("<h2 id=\"module-map\">Which method when</h2>\n").Append(LinkLessonCells(map, history));
        return Rendering.Page($"Unsupervised learning in C#: course index", body.ToString(), "");
    }

    /// <summary>The README's module map ("## Which method when" table) as HTML, or null when the README has none.</summary>
    private static string? ModuleMap()
    {
        var readme = Path.Combine(KitPaths.Root, "README.md");
        if (!File.Exists(readme)) return null;
        var section = File.ReadAllLines(readme).SkipWhile(l => !l.StartsWith("## Which method when", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        return section.Count == 0 ? null : Rendering.MarkdownHtml(string.Join("\n", section));
    }

    // The module map's lesson numbers become links to the lessons rendered into this folder.
    private string LinkLessonCells(string html, IReadOnlyDictionary<string, RunRecord> history)
    {
        var rendered = lessons.Where(l => history.ContainsKey(l.RenderedStem(solutions)) && Available(l)).ToDictionary(l => l.Number, l => l.RenderedStem(solutions) + ".html");
        return LessonCell().Replace(html, m => rendered.TryGetValue(m.Groups[1].Value, out var f) ? $"<td><a href=\"{f}\">{m.Groups[1].Value}</a></td>" : m.Value);
    }

    /// <summary>
    /// Links "lesson 04" and "lessons 06–08" (their first number) in rendered prose to the lessons' pages, leaving code, links,
    /// headings and the page's own number alone.
    /// </summary>
    public static string LinkCrossReferences(string html, SitePage page)
    {
        var parts = Tag().Split(html);
        var output = new StringBuilder();
        int protectedDepth = 0;
        foreach (var part in parts)
        {
            if (part.StartsWith('<'))
            {
                if (ProtectedOpen().IsMatch(part)) protectedDepth++;
                else if (ProtectedClose().IsMatch(part)) protectedDepth = Math.Max(0, protectedDepth - 1);
                output.Append(part);
                continue;
            }
            output.Append(protectedDepth > 0 ? part : CrossReference().Replace(part, m =>
                m.Groups[2].Value != page.Number && page.LessonFiles.TryGetValue(m.Groups[2].Value, out var f)
                    ? $"<a class=\"xref\" href=\"{f}\">{m.Value}</a>" : m.Value));
        }
        return output.ToString();
    }

    [GeneratedRegex(@"<td>(\d\d)</td>")]
    private static partial Regex LessonCell();

    [GeneratedRegex(@"(<[^>]*>)")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^<(a|code|pre|h[1-6]|script|style)[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex ProtectedOpen();

    [GeneratedRegex(@"^</(a|code|pre|h[1-6]|script|style)>", RegexOptions.IgnoreCase)]
    private static partial Regex ProtectedClose();

    [GeneratedRegex(@"\b([Ll]essons?) (0[1-9])\b")]
    private static partial Regex CrossReference();
}
