using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Course.Lessons;

namespace Course.Notebooks;

/// <summary>Where one rendered lesson sits in the course: its title, neighbours and the pages lessons link to.</summary>
/// <param name="Number">The lesson's two digits.</param>
/// <param name="Title">"Lesson 02: Hierarchical clustering".</param>
/// <param name="Previous">The previous lesson's page (null File when that page is not rendered in the folder) and title; null for the first.</param>
/// <param name="Next">The next lesson's, likewise; null for the last.</param>
/// <param name="LessonFiles">Each rendered lesson's page by number ("04" → "04-pca.html"), for cross-references in the prose.</param>
/// <param name="Downloads">The files beside the page a learner can take away (file name, label).</param>
public sealed record SitePage(string Number, string Title, (string? File, string Title)? Previous, (string? File, string Title)? Next, IReadOnlyDictionary<string, string> LessonFiles,
    IReadOnlyList<(string File, string Label)> Downloads);

/// <summary>
/// The rendered lessons as a small offline site: <c>index.html</c> with the module map and every lesson's run time
/// and exercise count, and per page numbered sections, a table of contents, previous/next links, links for "lesson
/// NN" in the prose and the lesson's files to download. Pages link one copy of plotly.js, KaTeX, the style and the
/// site's script in <see cref="AssetsFolder"/>; the script adds a sidebar with every lesson and its sections and a
/// search over all lessons' prose, from an index the runs keep (<see cref="UpdateIndex"/>). Links go only to pages
/// that exist in the output folder or are being rendered by the same run, so a run of one lesson into an empty folder
/// has no dead links.
/// </summary>
public sealed partial class CourseSite(IReadOnlyList<Lesson> lessons, bool solutions, string outDir, IReadOnlyCollection<string> renderedNow)
{
    /// <summary>The index page's file name in the output folder.</summary>
    public const string IndexFile = "index.html";

    /// <summary>The folder of the files every page shares, relative to the pages.</summary>
    public const string AssetsFolder = "assets";

    /// <summary>plotly.js, under <see cref="AssetsFolder"/>.</summary>
    public const string PlotlyFile = "plotly.js";

    private const string IndexScript = "site-index.js";
    private const string IndexPrefix = "window.courseSite = ";

    private bool Available(Lesson l) => renderedNow.Contains(l.RenderedStem(solutions)) || File.Exists(Path.Combine(outDir, l.RenderedStem(solutions) + ".html"));

    /// <summary>The place of the page rendered as <paramref name="stem"/>, or null for a notebook outside the lessons (a script).</summary>
    public SitePage? PageFor(string stem)
    {
        int i = lessons.ToList().FindIndex(l => l.RenderedStem(solutions) == stem);
        if (i < 0) return null;
        (string?, string)? Neighbour(int j) => j >= 0 && j < lessons.Count
            ? (Available(lessons[j]) ? lessons[j].RenderedStem(solutions) + ".html" : null, $"{lessons[j].Number} {lessons[j].Title}") : null;
        var files = lessons.Where(Available).ToDictionary(l => l.Number, l => l.RenderedStem(solutions) + ".html");
        return new SitePage(lessons[i].Number, $"Lesson {lessons[i].Number}: {lessons[i].Title}", Neighbour(i - 1), Neighbour(i + 1), files, Downloads(lessons[i]).Select(d => (d.File, d.Label)).ToList());
    }

    // The notebook the page is run from, the run with its outputs, and the lesson as a program when it has one.
    private IEnumerable<(string File, string Label, string? Source)> Downloads(Lesson lesson)
    {
        var notebook = lesson.PathFor(solutions);
        yield return (Path.GetFileName(notebook), "the notebook (.dib)", notebook);
        yield return (lesson.RenderedStem(solutions) + ".ipynb", "with its outputs (.ipynb)", null);
        var app = Path.ChangeExtension(lesson.LearnerPath, ".cs");
        if (File.Exists(app)) yield return (Path.GetFileName(app), "as a program (.cs)", app);
    }

    /// <summary>Copies the rendered lesson's source files beside its page (the notebook and the lesson app; the .ipynb
    /// with outputs is written by the run).</summary>
    public void CopyDownloads(string stem)
    {
        var lesson = lessons.FirstOrDefault(l => l.RenderedStem(solutions) == stem);
        if (lesson is null) return;
        foreach (var (file, _, source) in Downloads(lesson))
            if (source is not null) File.Copy(source, Path.Combine(outDir, file), overwrite: true);
    }

    /// <summary>The scripts at the end of every page of the site: the index of lessons and sections, then the script
    /// that builds the sidebar and the search from it.</summary>
    public static string SiteScripts(string assets) => $"<script src=\"{assets}/{IndexScript}\"></script><script src=\"{assets}/site.js\"></script>";

    /// <summary>Writes the files the pages share into <see cref="AssetsFolder"/>: the style (the page's and the
    /// site's), KaTeX, the typesetting and site scripts, and plotly.js when a page of this run carried it (a run
    /// without charts keeps the copy already there).</summary>
    public void WriteAssets(string? plotlyJs)
    {
        var folder = Directory.CreateDirectory(Path.Combine(outDir, AssetsFolder)).FullName;
        foreach (var (name, text) in PageHtml.SharedFiles())
            File.WriteAllText(Path.Combine(folder, name), name == "course.css" ? text + "\n" + PageHtml.Resource("site.css") : text);
        File.WriteAllText(Path.Combine(folder, "site.js"), PageHtml.Resource("site.js"));
        if (plotlyJs is not null) File.WriteAllText(Path.Combine(folder, PlotlyFile), plotlyJs);
    }

    /// <summary>Updates the site's index (<c>assets/site-index.js</c>) with the pages rendered now: each lesson's
    /// number, title, page and sections. Lessons rendered by earlier runs into the folder keep their entries while their
    /// page is there.</summary>
    public void UpdateIndex(IReadOnlyDictionary<string, RenderedPage> renderedPages)
    {
        var path = Path.Combine(outDir, AssetsFolder, IndexScript);
        var old = new Dictionary<string, JsonNode>();
        if (File.Exists(path) && File.ReadAllText(path) is var text && text.StartsWith(IndexPrefix, StringComparison.Ordinal))
        {
            try
            {
                foreach (var entry in JsonNode.Parse(text[IndexPrefix.Length..].TrimEnd().TrimEnd(';'))?["lessons"]?.AsArray() ?? [])
                    if (entry?["file"]?.GetValue<string>() is { } file) old[file] = entry.DeepClone();
            }
            catch (JsonException) { }   // a damaged index is rebuilt from the pages of this run
        }
        var entries = new JsonArray();
        foreach (var lesson in lessons)
        {
            var stem = lesson.RenderedStem(solutions);
            var file = stem + ".html";
            if (renderedPages.TryGetValue(stem, out var page))
                entries.Add(new JsonObject
                {
                    ["number"] = lesson.Number, ["title"] = lesson.Title, ["file"] = file,
                    ["sections"] = new JsonArray(page.Sections.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["n"] = s.Number, ["title"] = s.Title, ["text"] = s.Text }).ToArray()),
                });
            else if (old.TryGetValue(file, out var kept) && File.Exists(Path.Combine(outDir, file))) entries.Add(kept);
        }
        var json = new JsonObject { ["index"] = IndexFile, ["lessons"] = entries };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, IndexPrefix + json.ToJsonString() + ";\n");
    }

    /// <summary>The index page: every lesson with its exercises and last run in this folder, then the module map.</summary>
    /// <param name="history">The runs recorded in the folder.</param>
    /// <param name="assets">As for the lesson pages: the shared folder, or null for a page with its style inline.</param>
    public string IndexHtml(IReadOnlyDictionary<string, RunRecord> history, string? assets = null)
    {
        var body = new StringBuilder();
        body.Append($"<h1>Unsupervised learning in C#{(solutions ? " (instructor versions)" : "")}</h1>\n");
        body.Append("<p>Each lesson below is one page with interactive charts and typeset formulas; no network needed. ");
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
        return Rendering.Page($"Unsupervised learning in C#: course index", body.ToString(), "", assets is null ? "" : SiteScripts(assets), assets);
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
