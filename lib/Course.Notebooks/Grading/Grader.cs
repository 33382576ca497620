using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Course.Notebooks.Grading;

/// <summary>Limits and parallelism for a grading run.</summary>
/// <param name="CellTimeout">Limit per cell (learner's cell or check).</param>
/// <param name="NotebookTimeout">Limit for one submission, all its exercises and restarts included.</param>
/// <param name="Jobs">Submissions graded at once.</param>
public sealed record GraderOptions(TimeSpan CellTimeout, TimeSpan NotebookTimeout, int Jobs = 1);

/// <summary>A submitted notebook, read once before any submission runs (so none can rewrite another's file).</summary>
public sealed record SubmittedNotebook(string Student, string File, string Lesson, IReadOnlyList<Cell> Cells);

/// <summary>
/// Grades submissions, each in its own child process (<see cref="GradingChild"/>) inside a <see cref="Sandbox"/> and a
/// private empty working folder. The grader owns everything that decides a grade: the plan (set-up, exercise cells,
/// fully qualified checks), the channel (lines carrying a per-child secret), the time limits and the gradebook. When a
/// child dies mid-exercise (time limit, <c>Environment.Exit</c>, a crash), that exercise fails with a message saying
/// what happened, the results already reported stand, and a new child continues with the exercises after it.
/// </summary>
public sealed class Grader
{
    private readonly GraderOptions options;
    private readonly Sandbox sandbox;
    private readonly KitGuard guard = KitGuard.Capture();

    /// <summary>A grader whose children see the kit read-only and none of <paramref name="submissions"/> (the folders
    /// the submissions were read from: each child gets its cells from the grader) where the machine allows.</summary>
    public Grader(GraderOptions options, IReadOnlyList<string> submissions)
    {
        this.options = options;
        sandbox = Sandbox.Create(KitPaths.Root, submissions);
    }

    /// <summary>The isolation the machine allowed.</summary>
    public Isolation Isolation => sandbox.Mode;

    /// <summary>Submissions graded at once: <see cref="GraderOptions.Jobs"/> with namespaces, one otherwise. Without
    /// namespaces a child could rewrite the kit's assemblies; one at a time, <see cref="KitGuard"/> restores them
    /// before the next submission loads them and flags the one that did it.</summary>
    public int Jobs => sandbox.Mode == Isolation.Namespaces ? Math.Max(1, options.Jobs) : 1;

    /// <summary>Grades every submission (<see cref="Jobs"/> at a time); results in input order.
    /// <paramref name="progress"/> hears about each one as it finishes.</summary>
    public async Task<IReadOnlyList<LessonGrade>> GradeAllAsync(IReadOnlyList<SubmittedNotebook> submissions, IReadOnlyDictionary<string, LessonExercises> lessons, Action<LessonGrade>? progress = null)
    {
        using var slots = new SemaphoreSlim(Jobs);
        var tasks = submissions.Select(async s =>
        {
            await slots.WaitAsync();
            try
            {
                var grade = await GradeAsync(s, lessons[s.Lesson]);
                progress?.Invoke(grade);
                return grade;
            }
            finally { slots.Release(); }
        }).ToList();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Grades one submission; never throws for anything the submission does.</summary>
    public async Task<LessonGrade> GradeAsync(SubmittedNotebook submission, LessonExercises lesson)
    {
        var plan = SubmissionPlan.For(lesson, submission.Cells, KitPaths.Root);
        var grades = plan.Settled.ToDictionary(g => g.Id);
        var remaining = new Queue<PlannedExercise>(plan.Run);
        var clock = Stopwatch.StartNew();
        string? problem = null;
        var review = plan.Review.ToList();
        while (remaining.Count > 0 && problem is null)
        {
            var left = options.NotebookTimeout - clock.Elapsed;
            var outcome = await RunChildAsync(plan.Setup, remaining.ToList(), left);
            foreach (var g in outcome.Results) grades[g.Id] = g;
            while (remaining.Count > 0 && grades.ContainsKey(remaining.Peek().Id)) remaining.Dequeue();
            if (guard.RestoreIfChanged()) { review.Add("changed the kit's files"); problem = "the kit's library files changed while this submission ran; they were restored and the submission needs review."; }
            if (outcome.Problem is { } p) problem = p;
            else if (outcome.Died is { } death)
            {
                if (outcome.Current is { } current) grades[current] = new Grade(current, GradeStatus.Failed, death);
                else if (outcome.Results.Count == 0) problem = death; // died before any exercise: a restart would too
            }
        }
        var final = lesson.Exercises.Select(e => grades.TryGetValue(e.Id, out var g) ? g
            : new Grade(e.Id, GradeStatus.Failed, problem ?? "the exercise was not checked")).ToList();
        return new LessonGrade(submission.Student, submission.Lesson, submission.File, final, review.Distinct().ToList(), problem);
    }

    private sealed record ChildOutcome(List<Grade> Results, string? Current, string? Died, string? Problem);

    private async Task<ChildOutcome> RunChildAsync(IReadOnlyList<string> setup, IReadOnlyList<PlannedExercise> exercises, TimeSpan budget)
    {
        var results = new List<Grade>();
        if (budget <= TimeSpan.Zero) return new ChildOutcome(results, null, null, TimeLimit());
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var workdir = Directory.CreateTempSubdirectory("course-grade-").FullName;
        var (exe, prefix) = SelfCommand();
        string? current = null, fatal = null;
        bool done = false, ended = false;
        long printed = 0;
        using var overflow = new CancellationTokenSource();
        void Count(int chars) { if (Interlocked.Add(ref printed, chars) > SubmissionLimits.OutputBytes) overflow.Cancel(); }
        using var child = sandbox.Start(exe, [.. prefix, "exec"], workdir, new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "PASSIVE" });
        try
        {
            await child.StandardInput.WriteAsync(JsonSerializer.Serialize(new ChildPlan(nonce, (int)options.CellTimeout.TotalSeconds, setup, exercises, KitPaths.KitBin)));
            child.StandardInput.Close();
            var stderr = BoundedHeadAndTail(child.StandardError, Count);
            var reading = Task.Run(async () =>
            {
                await foreach (var line in BoundedLines(child.StandardOutput, Count))
                {
                    if (ChildEvent.Parse(line, nonce) is not { } e) continue;
                    switch (e.Event)
                    {
                        case "start" when exercises.Any(x => x.Id == e.Id): current = e.Id; break;
                        case "result" when e.Id == current && e.Status is { } status:
                            results.Add(new Grade(e.Id!, status, Explained(e.Message ?? ""))); current = null; break;
                        case "setup-failed": fatal = $"the kit's set-up cell failed: {e.Message}"; break;
                        case "done": done = true; break;
                    }
                }
            });
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(overflow.Token);
            cts.CancelAfter(budget);
            bool timedOut = false;
            try { await child.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { timedOut = !overflow.IsCancellationRequested; }
            sandbox.End(child);
            ended = true;
            // A process the submission started may hold the pipes open: never wait long for them.
            try { await Task.WhenAll(reading, stderr).WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
            if (timedOut) return new ChildOutcome(results, current, null, TimeLimit());
            if (overflow.IsCancellationRequested)
                return new ChildOutcome(results, current, $"your code printed more than {SubmissionLimits.Words(SubmissionLimits.OutputBytes)} (the limit per submission); grading stopped it.", null);
            if (fatal is not null) return new ChildOutcome(results, current, null, fatal);
            if (done || (current is null && child.ExitCode == TimedOutExit)) return new ChildOutcome(results, null, null, null);
            string tail = stderr.IsCompletedSuccessfully ? stderr.Result : "";
            return new ChildOutcome(results, current, $"the process ended while this exercise ran (exit code {child.ExitCode}{Signal(child.ExitCode)}){Hint(child.ExitCode, tail)}", null);
        }
        finally
        {
            if (!ended) sandbox.End(child); // only when something above threw
            try { Directory.Delete(workdir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        string TimeLimit() => $"grading stopped after the notebook's time limit of {options.NotebookTimeout.TotalSeconds:0} s.";
    }

    /// <summary>The exit code of a child that reported a cell over its time limit (see <see cref="GradingChild"/>).</summary>
    internal const int TimedOutExit = 3;

    // Running out of memory under the submission's limits reads as an exception of the runtime or of libtorch: say which limit.
    private static string Explained(string message) =>
        message.Contains("OutOfMemoryException", StringComparison.Ordinal) || message.Contains("can't allocate memory", StringComparison.Ordinal)
            ? $"your code used more than {SubmissionLimits.Words(SubmissionLimits.MemoryBytes)} of memory (the limit per submission): {message}"
            : message;

    private static string Signal(int code) => code > 128 && code < 160 ? $", signal {code - 128}" : "";

    private static string Hint(int code, string stderr)
    {
        if (code == 0) return ": did your code call Environment.Exit?";
        if (stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)) return ": a stack overflow (endless recursion?).";
        var tail = stderr.Trim();
        return tail.Length == 0 ? ": the process crashed." : $": the process crashed; its last words: {tail[Math.Max(0, tail.Length - 200)..]}";
    }

    // Lines of at most 64 KiB (longer ones are cut), so a submission writing without end cannot exhaust the grader.
    private static async IAsyncEnumerable<string> BoundedLines(StreamReader reader, Action<int> count)
    {
        var buffer = new char[8192];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            count(read);
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == '\n') { yield return line.ToString().TrimEnd('\r'); line.Clear(); }
                else if (line.Length < 65536) line.Append(buffer[i]);
            }
        }
        if (line.Length > 0) yield return line.ToString();
    }

    // The first and last 2 KiB of the child's error stream: the runtime names a stack overflow in its first line, and
    // a crash's last words come at the end.
    private static async Task<string> BoundedHeadAndTail(StreamReader reader, Action<int> count)
    {
        var buffer = new char[8192];
        var head = new StringBuilder();
        var tail = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            count(read);
            int toHead = Math.Min(read, 2048 - head.Length);
            head.Append(buffer, 0, toHead);
            tail.Append(buffer, toHead, read - toHead);
            if (tail.Length > 2048) tail.Remove(0, tail.Length - 2048);
        }
        return head + (tail.Length > 0 ? " … " + tail : "");
    }

    private static (string Exe, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath!;
        var entry = typeof(Grader).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [entry]) : (process, []);
    }
}
