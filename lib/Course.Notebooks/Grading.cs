using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Course.Notebooks;

/// <summary>One exercise's grade.</summary>
public sealed record Grade(string Id, string Status, string Message);

/// <summary>The grades of one submitted notebook.</summary>
public sealed record Submission(string Student, string Path, IReadOnlyList<Grade> Grades, string? Problem)
{
    /// <summary>Exercises passed.</summary>
    public int Passed => Grades.Count(g => g.Status == "passed");
}

/// <summary>
/// Grades learner notebooks. Submissions are untrusted code, so each runs in its own child process (this program's
/// <c>exec</c> command) with a time limit per cell and one for the whole notebook; the child is killed with its
/// process tree when it overruns, and a crash, hang or exception marks only that submission. Isolation covers hangs,
/// crashes and interference between submissions, not a deliberately forged result: the child runs as the grader's user.
/// </summary>
public static partial class Grading
{
    /// <summary>Exercise ids announced by the check cells' first line, <c>// Check exercise 01.2</c>.</summary>
    public static IReadOnlyList<string> ExerciseIds(IEnumerable<Cell> cells) =>
        cells.Where(c => c.IsCode).Select(c => CheckMarker().Match(c.Source)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The results a finished run printed, plus failures of check cells that did not get to print one.</summary>
    public static IReadOnlyList<Grade> FromRun(NotebookResult run)
    {
        var grades = new Dictionary<string, Grade>();
        foreach (var line in run.StdoutLines)
        {
            var m = ResultLine().Match(line);
            if (m.Success) grades[m.Groups[1].Value] = new Grade(m.Groups[1].Value, m.Groups[2].Value == "FAILED" ? "failed" : m.Groups[2].Value == "passed" ? "passed" : "not attempted", m.Groups[3].Value.Trim());
        }
        foreach (var c in run.Cells.Where(c => c.Cell.IsCode))
        {
            var marker = CheckMarker().Match(c.Cell.Source);
            if (!marker.Success || grades.ContainsKey(marker.Groups[1].Value)) continue;
            string why = c.Error ?? (c.Skipped ? "the check did not run" : "the check printed no result");
            grades[marker.Groups[1].Value] = new Grade(marker.Groups[1].Value, "failed", why);
        }
        return grades.Values.ToList();
    }

    /// <summary>Grades one notebook in a child process; never throws for a bad submission.</summary>
    public static async Task<Submission> GradeAsync(string path, string student, IReadOnlyList<string> expected, TimeSpan cellTimeout, TimeSpan notebookTimeout)
    {
        var resultsFile = System.IO.Path.GetTempFileName();
        try
        {
            var (exe, prefix) = SelfCommand();
            var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var a in prefix) psi.ArgumentList.Add(a);
            foreach (var a in new[] { "exec", System.IO.Path.GetFullPath(path), "--results", resultsFile, "--cell-timeout", ((int)cellTimeout.TotalSeconds).ToString(), "--workdir", KitPaths.Notebooks })
                psi.ArgumentList.Add(a);
            using var child = Process.Start(psi)!;
            child.StandardInput.Close();
            // The submission's output is not used (its grades come through the results file), but it must be drained
            // so a chatty notebook cannot block on a full pipe.
            var stdout = child.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var stderr = child.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(notebookTimeout);
            string? problem = null;
            try { await child.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                problem = $"grading stopped after {notebookTimeout.TotalSeconds:0} s";
            }
            // A process the submission started may hold the pipes open after the child exits: never wait long for them.
            try { await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            string errors = stderr.IsCompletedSuccessfully ? stderr.Result : "";
            var grades = new List<Grade>();
            var text = File.Exists(resultsFile) ? await File.ReadAllTextAsync(resultsFile) : "";
            if (text.Length > 0)
            {
                try
                {
                    var parsed = JsonSerializer.Deserialize<ChildReport>(text) ?? throw new JsonException("empty report");
                    grades.AddRange(parsed.Grades ?? []);
                    problem ??= parsed.Problem;
                }
                catch (JsonException e) { problem ??= $"the grading report was unreadable ({e.Message})"; }
            }
            else problem ??= $"the notebook could not be run (exit code {child.ExitCode}): {Tail(errors)}";
            // Every expected exercise gets a grade, whatever the notebook did to its check cells.
            var byId = grades.Where(g => expected.Contains(g.Id)).ToDictionary(g => g.Id);
            var final = expected.Select(id => byId.TryGetValue(id, out var g) ? g : new Grade(id, problem is null ? "not attempted" : "failed", problem ?? "no check cell for this exercise")).ToList();
            return new Submission(student, path, final, problem);
        }
        finally { File.Delete(resultsFile); }
    }

    /// <summary>What the child writes for its parent.</summary>
    public sealed record ChildReport(IReadOnlyList<Grade> Grades, string? Problem);

    /// <summary>The child side: run a submission and write its grades.</summary>
    public static async Task<int> ExecAsync(string path, string resultsFile, TimeSpan cellTimeout, string? workdir)
    {
        var runner = new NotebookRunner { CellTimeout = cellTimeout, ContinueOnError = true, WorkingDirectory = workdir };
        var run = await runner.RunAsync(path);
        string? problem = run.TimedOutCell is { } hung ? $"{System.IO.Path.GetFileName(path)}, cell {hung.Cell.Number} (line {hung.Cell.Line}): {hung.Error}" : null;
        await File.WriteAllTextAsync(resultsFile, JsonSerializer.Serialize(new ChildReport(FromRun(run), problem)));
        return 0;
    }

    /// <summary>The gradebook as CSV: one row per submission, one column per exercise, then the score.</summary>
    public static string Csv(IReadOnlyList<Submission> subs, IReadOnlyList<string> ids)
    {
        var sb = new StringBuilder("student,file," + string.Join(",", ids.Select(i => "ex " + i)) + ",passed,total,problem\n");
        foreach (var s in subs)
            sb.Append(CsvField(s.Student)).Append(',').Append(CsvField(System.IO.Path.GetFileName(s.Path))).Append(',')
              .Append(string.Join(",", ids.Select(i => s.Grades.FirstOrDefault(g => g.Id == i)?.Status ?? "")))
              .Append($",{s.Passed},{ids.Count},").Append(CsvField(s.Problem ?? "")).Append('\n');
        return sb.ToString();
    }

    /// <summary>The gradebook as a Markdown table, with each failure's message below it.</summary>
    public static string Markdown(IReadOnlyList<Submission> subs, IReadOnlyList<string> ids)
    {
        var sb = new StringBuilder("| student | " + string.Join(" | ", ids) + " | score |\n|---|" + string.Concat(ids.Select(_ => "---|")) + "---|\n");
        foreach (var s in subs)
            sb.Append($"| {s.Student} | ").Append(string.Join(" | ", ids.Select(i => Symbol(s.Grades.FirstOrDefault(g => g.Id == i)?.Status)))).Append($" | {s.Passed}/{ids.Count} |\n");
        sb.Append("\n✅ passed · ❌ failed · ⬜ not attempted\n");
        var failures = subs.SelectMany(s => s.Grades.Where(g => g.Status == "failed").Select(g => $"- {s.Student}, exercise {g.Id}: {g.Message}")).ToList();
        if (failures.Count > 0) sb.Append("\n### Failures\n").Append(string.Join("\n", failures)).Append('\n');
        return sb.ToString();
    }

    private static string Symbol(string? status) => status switch { "passed" => "✅", "failed" => "❌", _ => "⬜" };
    private static string CsvField(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    private static string Tail(string s) => s.Length > 400 ? s[^400..] : s;

    private static (string Exe, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath!;
        var entry = typeof(Grading).Assembly.Location;
        return System.IO.Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [entry]) : (process, []);
    }

    [GeneratedRegex(@"^\s*//\s*Check exercise (\d+\.\d+)", RegexOptions.Multiline)]
    private static partial Regex CheckMarker();

    [GeneratedRegex(@"^\[exercise (\d+\.\d+)\] (passed|FAILED|not attempted yet): (.*)$")]
    private static partial Regex ResultLine();
}
