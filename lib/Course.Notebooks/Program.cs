using System.Diagnostics;
using Course.Notebooks;

// The kit's command line: run and render lessons, regenerate learner notebooks, grade submissions.
// Usage is printed by `course help`; the README shows the commands learners and instructors need.
const string Usage = """
    course run [NOTEBOOK...] [--solutions] [--out DIR] [--cell-timeout SECONDS]
        Executes lessons headless (default: every learner notebook in notebooks/), shows progress per cell,
        writes NAME.ipynb and NAME.html (offline, interactive charts) to DIR (default notebooks/_rendered),
        prints the time per notebook and exits 1 if any cell fails. --solutions runs the instructor versions.
    course strip [--check]
        Regenerates every learner notebook from its .solution.dib; --check only reports drift (exit 1).
    course grade PATH [--out DIR] [--cell-timeout SECONDS] [--timeout SECONDS]
        Grades one learner notebook (prints its table) or every .dib under a folder of submissions
        (writes gradebook.csv and gradebook.md to DIR, default PATH). Each notebook runs in its own process.
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
            var outOption = Option("--out", "");
            if (argsList.Count == 0) throw new ArgumentException("grade needs a notebook or a folder of submissions.");
            var target = Path.GetFullPath(argsList[0]);
            return await Grade(target, outOption.Length > 0 ? outOption : Directory.Exists(target) ? target : "", cellTimeout, timeout, console, consoleError);
        }
        case "exec":
        {
            var results = Option("--results", "");
            var workdir = Option("--workdir", "");
            int code = await Grading.ExecAsync(argsList[0], results, cellTimeout, workdir.Length > 0 ? workdir : null);
            // End the process even if the submission left a thread running (a hung cell, a foreground thread).
            Environment.Exit(code);
            return code;
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

static async Task<int> Grade(string target, string outDir, TimeSpan cellTimeout, TimeSpan timeout, TextWriter console, TextWriter consoleError)
{
    var files = Directory.Exists(target)
        ? Directory.EnumerateFiles(target, "*.dib", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
        : [target];
    var subs = new List<Course.Notebooks.Submission>();
    var allIds = new List<string>();
    foreach (var file in files)
    {
        var expected = ExpectedIds(file, consoleError);
        allIds.AddRange(expected.Where(i => !allIds.Contains(i)));
        string student = Directory.Exists(target) && Path.GetDirectoryName(file) != target.TrimEnd('/')
            ? Path.GetRelativePath(target, Path.GetDirectoryName(file)!) : Path.GetFileNameWithoutExtension(file);
        consoleError.WriteLine($"grading {Path.GetRelativePath(Directory.Exists(target) ? target : Path.GetDirectoryName(target)!, file)} ...");
        subs.Add(await Grading.GradeAsync(file, student, expected, cellTimeout, timeout));
    }
    var md = Grading.Markdown(subs, allIds);
    console.WriteLine(md);
    if (!string.IsNullOrEmpty(outDir))
    {
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, "gradebook.csv"), Grading.Csv(subs, allIds));
        await File.WriteAllTextAsync(Path.Combine(outDir, "gradebook.md"), md);
        console.WriteLine($"gradebook written to {Path.Combine(outDir, "gradebook.csv")} and gradebook.md");
    }
    return 0;
}

// The exercises a submission should have come from the kit's own (trusted) solution notebook for that lesson,
// matched by the two-digit lesson prefix of the file name; a submission cannot remove an exercise by deleting it.
static IReadOnlyList<string> ExpectedIds(string file, TextWriter consoleError)
{
    var prefix = Path.GetFileName(file).Split('-')[0];
    var solution = prefix.Length > 0 && prefix.All(char.IsAsciiDigit)
        ? Directory.EnumerateFiles(KitPaths.Notebooks, prefix + "-*" + SolutionStripper.SolutionSuffix).FirstOrDefault()
        : null;
    if (solution is null)
        consoleError.WriteLine($"warning: {Path.GetFileName(file)} matches no lesson (name it like 01-kmeans.dib); its exercises are read from the submission itself.");
    return Grading.ExerciseIds(DibFile.Read(solution ?? file));
}
