using System.Diagnostics;

namespace Course.Notebooks;

/// <summary>The <c>run</c> and <c>list</c> commands: execute and render lessons, and show what has run.</summary>
public static class RunCommand
{
    /// <summary>Above this a lesson is reported as over its budget (the kit's limit per lesson on 2 cores).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <paramref name="notebooks"/> in order, writing NAME.ipynb and NAME.html per notebook and the course index
    /// to <paramref name="outDir"/>, and records each run in the folder's history. Returns the exit code (0: all passed).
    /// </summary>
    /// <param name="notebooks">The notebooks to run, in order.</param>
    /// <param name="lessons">The course's lessons (for the site's links and index).</param>
    /// <param name="solutions">Whether these are the instructor versions.</param>
    /// <param name="outDir">The output folder.</param>
    /// <param name="cellTimeout">How long a cell may run before the run stops.</param>
    /// <param name="console">Where progress and the summary go.</param>
    /// <param name="singlePage">Each page self-contained (everything inline, no site files) instead of a page of the
    /// course site linking the shared files in <c>assets/</c>.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> notebooks, IReadOnlyList<Lesson> lessons, bool solutions, string outDir, TimeSpan cellTimeout, TextWriter console, bool singlePage = false)
    {
        string? assets = singlePage ? null : CourseSite.AssetsFolder;
        var pages = new Dictionary<string, RenderedPage>();
        string? plotly = null;
        Directory.CreateDirectory(outDir);
        var summary = new List<(string Name, TimeSpan Time, bool Ok)>();
        var total = Stopwatch.StartNew();
        bool timedOut = false;
        bool interactive = !Console.IsOutputRedirected;
        var site = new CourseSite(lessons, solutions, outDir, notebooks.Select(Path.GetFileNameWithoutExtension).ToList()!);
        foreach (var nb in notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(nb);
            console.WriteLine($"▶ {Path.GetRelativePath(KitPaths.Root, nb)}");
            using var progress = new CellProgress(console, interactive);
            var runner = new NotebookRunner { CellTimeout = cellTimeout, OnCellStart = progress.Start, OnCell = progress.Done };
            var result = await runner.RunAsync(nb);
            await File.WriteAllTextAsync(Path.Combine(outDir, name + ".ipynb"), Rendering.ToIpynb(result));
            var rendered = Rendering.ToHtml(result, name, site.PageFor(name), assets);
            await File.WriteAllTextAsync(Path.Combine(outDir, name + ".html"), rendered.Html);
            pages[name] = rendered;
            plotly ??= rendered.PlotlyJs;
            if (assets is not null) site.CopyDownloads(name);
            RunHistory.Save(outDir, new RunRecord(Path.GetFileName(nb), Math.Round(result.Elapsed.TotalSeconds, 1), DateTimeOffset.Now, result.Succeeded));
            if (!result.Succeeded) console.WriteLine($"  ✗ {result.FailureSummary}");
            summary.Add((Path.GetFileName(nb), result.Elapsed, result.Succeeded));
            if (result.TimedOut) { timedOut = true; break; }
        }
        if (assets is not null)
        {
            site.WriteAssets(plotly);
            site.UpdateIndex(pages);
        }
        await File.WriteAllTextAsync(Path.Combine(outDir, CourseSite.IndexFile), site.IndexHtml(RunHistory.Load(outDir), assets));
        console.WriteLine();
        console.WriteLine($"{"notebook",-36} {"time",8}  status");
        foreach (var (n, t, ok) in summary)
            console.WriteLine(FormattableString.Invariant($"{n,-36} {t.TotalSeconds,7:0.0}s  {(ok ? "ok" : "FAILED")}{(t > Budget ? $"  (over the {Budget.TotalSeconds:0} s budget)" : "")}"));
        console.WriteLine(FormattableString.Invariant($"{"total",-36} {total.Elapsed.TotalSeconds,7:0.0}s  rendered to {outDir}"));
        console.WriteLine($"open {Path.Combine(outDir, CourseSite.IndexFile)} for the course index.");
        int code = summary.All(s => s.Ok) && !timedOut ? 0 : 1;
        // A timed-out cell's thread cannot be aborted: end the process so it cannot hang the build.
        console.Flush();
        if (timedOut) Environment.Exit(code);
        return code;
    }

    /// <summary>Prints the lessons with their exercise count and last run.</summary>
    public static void List(IReadOnlyList<Lesson> lessons, bool solutions, IReadOnlyDictionary<string, RunRecord> history, TextWriter console)
    {
        console.WriteLine($"{"lesson",-22} {"title",-28} {"exercises",9}  last run");
        foreach (var l in lessons)
        {
            var last = history.TryGetValue(l.RenderedStem(solutions), out var r)
                ? FormattableString.Invariant($"{r.Finished.ToLocalTime():yyyy-MM-dd HH:mm}  {r.Seconds,5:0.0} s  {(r.Succeeded ? "ok" : "FAILED")}") : "never";
            console.WriteLine(FormattableString.Invariant($"{l.Name,-22} {Truncate(l.Title, 28),-28} {l.Exercises,9}  {last}"));
        }
        console.WriteLine($"{lessons.Sum(l => l.Exercises)} exercises in {lessons.Count} lessons. Run one with: course run {lessons.FirstOrDefault()?.Number ?? "01"}");
    }

    private static string Truncate(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}
