using System.Diagnostics;
using Course.Notebooks;
using Course.Notebooks.Grading;

// The kit's command line: run and render lessons, regenerate learner notebooks, grade submissions.
// Usage is printed by `course help`; the README shows the commands learners and instructors need.
const string Usage = """
    course run [NOTEBOOK...] [--solutions] [--out DIR] [--cell-timeout SECONDS]
        Executes lessons headless (default: every learner notebook in notebooks/), shows progress per cell,
        writes NAME.ipynb and NAME.html (offline, interactive charts) to DIR (default notebooks/_rendered),
        prints the time per notebook and exits 1 if any cell fails. --solutions runs the instructor versions.
    course strip [--check]
        Regenerates every learner notebook from its .solution.dib; --check only reports drift (exit 1).
    course grade PATH [--out DIR] [--jobs N] [--cell-timeout SECONDS] [--timeout SECONDS]
        Grades one learner notebook (prints its table) or every NN-*.dib under a folder of submissions, one
        folder per learner (writes gradebook.csv, gradebook.md and feedback/LEARNER.md to DIR, default PATH).
        Runs only the set-up, the exercise cells and the kit's checks, each notebook in its own sandboxed
        process; --jobs grades N notebooks at once (default 1).
    course release DIR
        Writes the learner handout to DIR (a new or empty folder): learner notebooks, the library's sources,
        data, README, dev container; no solutions, no tests.
    """;

// The kernel redirects Console.Out while a cell runs (to capture the cell's output), and a cell that overran its time
// limit is still running: report through the process's real streams, captured before any kernel exists.
var console = Console.Out;
var consoleError = Console.Error;
var argsList = args.ToList();
string Option(string name, string fallback)
{
    int i = argsList.IndexOf(name);
    if (i < 0) return fallback;
    if (i + 1 >= argsList.Count) throw new ArgumentException($"{name} needs a value.");
    var v = argsList[i + 1];
    argsList.RemoveRange(i, 2);
    return v;
}
bool Flag(string name) => argsList.Remove(name);

try
{
    var command = argsList.Count > 0 ? argsList[0] : "help";
    if (argsList.Count > 0) argsList.RemoveAt(0);
    var cellTimeout = TimeSpan.FromSeconds(int.Parse(Option("--cell-timeout", "120")));
    switch (command)
    {
        case "run":
        {
            bool solutions = Flag("--solutions");
            var outDir = Path.GetFullPath(Option("--out", KitPaths.Rendered));
            var notebooks = argsList.Count > 0 ? argsList.Select(Path.GetFullPath).ToList()
                : Directory.EnumerateFiles(KitPaths.Notebooks, "*.dib")
                    .Where(p => p.EndsWith(SolutionStripper.SolutionSuffix, StringComparison.Ordinal) == solutions)
                    .Order(StringComparer.Ordinal).ToList();
            if (notebooks.Count == 0) { consoleError.WriteLine("no notebooks found."); return 1; }
            if (KitPaths.LibraryMissing() is { } missing) { consoleError.WriteLine($"error: {missing}"); return 2; }
            return await RunAll(notebooks, outDir, cellTimeout, console);
        }
        case "strip":
        {
            bool check = Flag("--check");
            int drift = 0;
            foreach (var sol in SolutionStripper.SolutionNotebooks(KitPaths.Notebooks))
            {
                var learner = SolutionStripper.LearnerPath(sol);
                var expected = SolutionStripper.Strip(File.ReadAllText(sol), Path.GetFileName(sol));
                bool same = File.Exists(learner) && File.ReadAllText(learner).Replace("\r\n", "\n") == expected;
                if (same) { console.WriteLine($"up to date  {Path.GetFileName(learner)}"); continue; }
                drift++;
                if (check) console.WriteLine($"DRIFT       {Path.GetFileName(learner)} differs from its stripped solution; run `course strip`.");
                else { File.WriteAllText(learner, expected); console.WriteLine($"written     {Path.GetFileName(learner)}"); }
            }
            return check && drift > 0 ? 1 : 0;
        }
        case "grade":
        {
            var timeout = TimeSpan.FromSeconds(int.Parse(Option("--timeout", "300")));
            int jobs = int.Parse(Option("--jobs", "1"));
            var outOption = Option("--out", "");
            if (argsList.Count == 0) throw new ArgumentException("grade needs a notebook or a folder of submissions.");
            if (jobs < 1) throw new ArgumentException("--jobs must be at least 1.");
            if (KitPaths.LibraryMissing() is { } missing) { consoleError.WriteLine($"error: {missing}"); return 2; }
            var target = Path.GetFullPath(argsList[0]);
            var outDir = outOption.Length > 0 ? Path.GetFullPath(outOption) : Directory.Exists(target) ? target : "";
            return await GradeCommand.RunAsync(target, outDir, new GraderOptions(cellTimeout, timeout, jobs), console, consoleError);
        }
        case "release":
        {
            if (argsList.Count == 0) throw new ArgumentException("release needs the folder to write the handout to.");
            var written = Handout.Write(Path.GetFullPath(argsList[0]));
            console.WriteLine($"handout written to {Path.GetFullPath(argsList[0])} ({written} files); zip it or push it for your learners.");
            return 0;
        }
        case "exec":
        {
            // The child side of `grade`: its plan arrives on standard input; it ends the process itself.
            var realStdout = Console.OpenStandardOutput();
            await GradingChild.RunAsync(Console.In, realStdout);
            return 0;
        }
        default:
            console.WriteLine(Usage);
            return command is "help" or "--help" or "-h" ? 0 : 2;
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or IOException)
{
    consoleError.WriteLine($"error: {e.Message}");
    return 2;
}

static async Task<int> RunAll(List<string> notebooks, string outDir, TimeSpan cellTimeout, TextWriter console)
{
    Directory.CreateDirectory(outDir);
    var summary = new List<(string Name, TimeSpan Time, string Status)>();
    var total = Stopwatch.StartNew();
    bool timedOut = false;
    foreach (var nb in notebooks)
    {
        var name = Path.GetFileNameWithoutExtension(nb);
        console.WriteLine($"▶ {Path.GetFileName(nb)}");
        var runner = new NotebookRunner
        {
            CellTimeout = cellTimeout,
            OnCell = c => console.WriteLine($"  cell {c.Cell.Number,3} (line {c.Cell.Line,4})  {c.Elapsed.TotalSeconds,6:0.0} s  {(c.Error is null ? "ok" : "FAILED")}"),
        };
        var result = await runner.RunAsync(nb);
        await File.WriteAllTextAsync(Path.Combine(outDir, name + ".ipynb"), Rendering.ToIpynb(result));
        await File.WriteAllTextAsync(Path.Combine(outDir, name + ".html"), Rendering.ToHtml(result, name));
        if (!result.Succeeded) console.WriteLine($"  ✗ {result.FailureSummary}");
        summary.Add((Path.GetFileName(nb), result.Elapsed, result.Succeeded ? "ok" : "FAILED"));
        if (result.TimedOut) { timedOut = true; break; }
    }
    console.WriteLine();
    console.WriteLine($"{"notebook",-36} {"time",8}  status");
    foreach (var (n, t, s) in summary) console.WriteLine($"{n,-36} {t.TotalSeconds,7:0.0}s  {s}{(t.TotalSeconds > 90 ? "  (over the 90 s budget)" : "")}");
    console.WriteLine($"{"total",-36} {total.Elapsed.TotalSeconds,7:0.0}s  rendered to {outDir}");
    int code = summary.All(s => s.Status == "ok") && !timedOut ? 0 : 1;
    // A timed-out cell's thread cannot be aborted: end the process so it cannot hang the build.
    console.Flush();
    if (timedOut) Environment.Exit(code);
    return code;
}
