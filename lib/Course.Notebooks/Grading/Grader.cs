using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Course.Grading;

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
    private readonly EngineCopy? engine;

    /// <summary>A grader whose children see the kit read-only and none of <paramref name="submissions"/> (the folders
    /// the submissions were read from: each child gets its cells from the grader) where the machine allows.</summary>
    public Grader(GraderOptions options, IReadOnlyList<string> submissions)
    {
        this.options = options;
        sandbox = Sandbox.Create(KitPaths.Root, submissions);
        // Without namespaces a submission runs as the grader's user: non-dumpable, the grader's /proc entries (its
        // pipes to the check process, its memory) are closed to it.
        if (sandbox.Mode == Isolation.Process) Posix.NotDumpable();
        if (sandbox.Mode == Isolation.Process) engine = EngineCopy.Create();
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
        var plan = SubmissionPlan.For(lesson, submission.Cells, KitPaths.Root, fileLines: !submission.File.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase));
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
            if (engine?.RestoreIfChanged() == true) review.Add("changed the kit's files");
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

    // One message from one of the two processes, or the end of its output (Frame null).
    private sealed record Message(bool FromLearner, (byte Kind, byte[] Payload)? Frame, string? Broken = null);

    // Runs the exercises with a learner process (sandboxed: the submission's cells, answering calls to its functions)
    // and a check process (the kit's checks, calling those functions): the grader relays each call and its answer
    // between them, times every call, and takes results only from the check process, whose channel the learner's
    // process cannot reach.
    private async Task<ChildOutcome> RunChildAsync(IReadOnlyList<string> setup, IReadOnlyList<PlannedExercise> exercises, TimeSpan budget)
    {
        var results = new List<Grade>();
        if (budget <= TimeSpan.Zero) return new ChildOutcome(results, null, null, TimeLimit());
        var workdir = Directory.CreateTempSubdirectory("course-grade-").FullName;
        var (exe, prefix) = SelfCommand();
        long printed = 0;
        var environment = new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "PASSIVE" };
        // Without namespaces the learner's process starts from the engine's private copy (see EngineCopy).
        var (learnerExe, learnerPrefix) = engine?.Command(exe, prefix) ?? (exe, prefix);
        using var learner = sandbox.Start(learnerExe, [.. learnerPrefix, "exec"], workdir, environment);
        using var checker = sandbox.StartTrusted(exe, [.. prefix, "check-host"], workdir, environment);
        // Output over the limit stops the wait at once, even while a call is still running.
        using var overflow = new CancellationTokenSource();
        void Count(long bytes) { if (Interlocked.Add(ref printed, bytes) > SubmissionLimits.OutputBytes) overflow.Cancel(); }
        var stderr = BoundedHeadAndTail(learner.StandardError, chars => Count(chars));
        _ = checker.StandardError.ReadToEndAsync(); // the check process's own failures, drained so it never blocks on them
        try
        {
            await WriteLine(learner.StandardInput.BaseStream, JsonSerializer.Serialize(new ChildPlan((int)options.CellTimeout.TotalSeconds, setup, exercises)));
            var checkPlan = JsonSerializer.Serialize(new { Exercises = exercises.Select(e => new { e.Id, e.Check, e.Functions }) });
            await WriteLine(checker.StandardInput.BaseStream, JsonSerializer.Serialize(new CheckHostCommand.Start(KitPaths.KitBin, checkPlan)));
            var messages = Channel.CreateUnbounded<Message>();
            _ = Pump(learner.StandardOutput.BaseStream, true, messages.Writer, bytes => Count(bytes));
            _ = Pump(checker.StandardOutput.BaseStream, false, messages.Writer, _ => { });
            return await Relay(messages.Reader, learner, checker, exercises, results, budget, () => Interlocked.Read(ref printed), stderr, overflow.Token);
        }
        finally
        {
            sandbox.End(learner);
            sandbox.End(checker);
            try { Directory.Delete(workdir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        string TimeLimit() => $"grading stopped after the notebook's time limit of {options.NotebookTimeout.TotalSeconds:0} s.";
    }

    private async Task<ChildOutcome> Relay(ChannelReader<Message> messages, Process learner, Process checker, IReadOnlyList<PlannedExercise> exercises,
        List<Grade> results, TimeSpan budget, Func<long> printed, Task<string> stderr, CancellationToken overflow)
    {
        var toLearner = learner.StandardInput.BaseStream;
        var toChecker = checker.StandardInput.BaseStream;
        var clock = Stopwatch.StartNew();
        string? current = null;   // the exercise whose cells or check are running
        bool checking = false;    // its check has started
        Stopwatch? call = null;   // a call to the learner's function is under way
        while (true)
        {
            if (printed() > SubmissionLimits.OutputBytes) return TooMuchOutput();
            var wait = budget - clock.Elapsed;
            // Which limit this wait ends at is decided here, not by re-reading the clocks when it ends: the timer may
            // fire a few milliseconds before the stopwatch says the call's limit is reached, and a hung call was then
            // taken for the notebook's limit (every exercise of the submission failed instead of the hung one).
            bool callLimit = call is not null && options.CellTimeout - call.Elapsed < wait;
            if (callLimit) wait = options.CellTimeout - call!.Elapsed;
            Message m;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(overflow))
            {
                timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                try { m = await messages.ReadAsync(timeout.Token); }
                catch (OperationCanceledException)
                {
                    if (printed() > SubmissionLimits.OutputBytes) return TooMuchOutput();
                    if (callLimit)
                        return new ChildOutcome(results, current, $"your code did not finish within the {options.CellTimeout.TotalSeconds:0} s time limit per call (an endless loop, or far too slow).", null);
                    return new ChildOutcome(results, current, null, $"grading stopped after the notebook's time limit of {options.NotebookTimeout.TotalSeconds:0} s.");
                }
            }
            if (m.Broken is not null)
                return m.FromLearner
                    ? new ChildOutcome(results, current, $"your code wrote to the grader's channel ({m.Broken}); grading stopped it.", null)
                    : new ChildOutcome(results, current, $"the kit's check stopped: {m.Broken}", null);
            if (m.Frame is not { } frame)
            {
                if (!m.FromLearner)
                    return new ChildOutcome(results, current, current is null ? null : "the kit's check process ended while checking this exercise.", current is null ? "the kit's check process ended before grading." : null);
                // The learner's process ended: after its last exercise, after reporting a cell over its time limit, or
                // early (a crash, Environment.Exit, a signal).
                learner.WaitForExit(5000);
                int code = learner.HasExited ? learner.ExitCode : -1;
                // The error stream's reader may still be draining when the output stream closes (under load the
                // runtime's "Stack overflow" line was missed): give it a bounded moment, as a process it started may
                // hold the stream open.
                await Task.WhenAny(stderr, Task.Delay(TimeSpan.FromSeconds(2)));
                string tail = stderr.IsCompletedSuccessfully ? stderr.Result : "";
                return new ChildOutcome(results, current, $"the process ended {(current is null ? "before its exercises ran" : "while this exercise ran")} (exit code {code}{Signal(code)}){Hint(code, tail)}", null);
            }
            var (kind, payload) = frame;
            if (m.FromLearner)
            {
                string text() => Frames.Text(payload);
                switch (kind)
                {
                    case Frames.Hello: break;
                    case Frames.SetupFailed: return new ChildOutcome(results, null, null, $"the kit's set-up cell failed: {text()}");
                    case Frames.Begin when current is null && Expected(text()): current = text(); checking = false; break;
                    case Frames.Ready when current == text() && !checking:
                        checking = true;
                        await Send(toChecker, Frames.Go, payload);
                        break;
                    case Frames.Unavailable when current is not null && text().StartsWith(current + "\n", StringComparison.Ordinal) && !checking:
                        results.Add(new Grade(current, GradeStatus.Failed, CellDidNotRun(text()[(current.Length + 1)..])));
                        current = null;
                        break;
                    case Frames.TimedOut when current == text():
                        results.Add(new Grade(current, GradeStatus.Failed, $"your code did not finish within the {options.CellTimeout.TotalSeconds:0} s time limit per cell (an endless loop, or far too slow)."));
                        return new ChildOutcome(results, null, null, null);
                    case Frames.Answer when call is not null:
                        call = null;
                        await Send(toChecker, Frames.Answer, payload);
                        break;
                    case Frames.Done when current is null: return new ChildOutcome(results, null, null, null);
                    default:
                        return new ChildOutcome(results, current, $"your code wrote to the grader's channel (an unexpected message '{(char)kind}'); grading stopped it.", null);
                }
            }
            else
            {
                switch (kind)
                {
                    case Frames.Call when checking && call is null:
                        call = Stopwatch.StartNew();
                        await Send(toLearner, Frames.Call, payload);
                        break;
                    case Frames.Result when checking && JsonSerializer.Deserialize<CheckResult>(payload) is { } r && r.Id == current:
                        var status = r.Status switch { "Passed" => GradeStatus.Passed, "NotAttempted" => GradeStatus.NotAttempted, _ => GradeStatus.Failed };
                        // Part of the points for a failed check that passed some of its several cases (read from the check process only).
                        double? credit = status == GradeStatus.Failed && r.Cases > 1 && r.CasesPassed is > 0 && r.CasesPassed < r.Cases ? (double)r.CasesPassed / r.Cases : null;
                        results.Add(new Grade(r.Id, status, Explained(r.Message), credit));
                        current = null; checking = false;
                        await Send(toLearner, Frames.Next, []);
                        break;
                    default:
                        return new ChildOutcome(results, current, $"the kit's check sent an unexpected message '{(char)kind}'.", null);
                }
            }
        }

        ChildOutcome TooMuchOutput() => new ChildOutcome(results, current, $"your code printed more than {SubmissionLimits.Words(SubmissionLimits.OutputBytes)} (the limit per submission); grading stopped it.", null);

        bool Expected(string id) => exercises.Any(e => e.Id == id) && results.All(r => r.Id != id);
    }

    private sealed record CheckResult(string Id, string Status, string Message, int Cases = 0, int CasesPassed = 0);

    private static string CellDidNotRun(string error) =>
        $"your cell did not run: {error}" + (error.Contains("CS0103", StringComparison.Ordinal) ? " Grading runs only the set-up and each exercise's own cell: define any helper inside the exercise's cell." : "");

    // Frames from one process into the channel, then its end; a malformed frame ends the conversation with a reason.
    private static async Task Pump(Stream from, bool learner, ChannelWriter<Message> to, Action<int> count)
    {
        try
        {
            while (await Frames.ReadAsync(from) is { } frame)
            {
                count(frame.Payload.Length + 5);
                await to.WriteAsync(new Message(learner, frame));
            }
            await to.WriteAsync(new Message(learner, null));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ObjectDisposedException)
        {
            await to.WriteAsync(new Message(learner, null, e.Message));
        }
    }

    // A process that has died or stopped reading must not stall the grader: a failed write is left to the reader of
    // its output, which reports how it ended.
    private static async Task Send(Stream to, byte kind, byte[] payload)
    {
        try { await Task.Run(() => Frames.Write(to, kind, payload)); }
        catch (IOException) { }
    }

    private static async Task WriteLine(Stream to, string line)
    {
        await to.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        await to.FlushAsync();
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
