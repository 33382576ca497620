using System.Runtime.InteropServices;
using System.Text.Json;

namespace Course.Notebooks.Grading;

/// <summary>
/// The child side of grading (<c>course exec</c>, started by <see cref="Grader"/>): reads its plan from standard input,
/// runs the kit's set-up, then each exercise's cells and the kit's check, and reports each outcome at once on the
/// real standard output, prefixed with the plan's nonce. Results earned before the process dies are already with the
/// grader. The submission's own printing goes to the kernel's capture (or, if it writes the raw stream, lacks the nonce).
/// </summary>
public static class GradingChild
{
    /// <summary>Runs the plan read from <paramref name="input"/>; never returns normally (the process ends, because a
    /// cell that overran its limit keeps a thread running).</summary>
    public static async Task RunAsync(TextReader input, Stream realStdout)
    {
        // A process group of its own, so the grader can end everything the submission started (POSIX only).
        if (!OperatingSystem.IsWindows()) setpgid(0, 0);
        var report = new StreamWriter(realStdout) { AutoFlush = true };
        var plan = JsonSerializer.Deserialize<ChildPlan>(await input.ReadToEndAsync()) ?? throw new FormatException("empty grading plan");
        var limit = TimeSpan.FromSeconds(plan.CellTimeoutSeconds);
        void Emit(ChildEvent e) { lock (report) report.WriteLine(e.ToLine(plan.Nonce)); }

        using var session = new KernelSession();
        int n = 0;
        Cell Next(string source) => new(++n, "csharp", source, 0);
        foreach (var setup in plan.Setup)
        {
            var cr = await session.RunAsync(Next(setup), limit);
            if (cr.Error is not null) { Emit(new ChildEvent("setup-failed", Message: cr.Error)); Environment.Exit(4); }
        }
        foreach (var exercise in plan.Exercises)
        {
            Emit(new ChildEvent("start", exercise.Id));
            string? cellError = null;
            foreach (var source in exercise.Cells)
            {
                var cr = await session.RunAsync(Next(source), limit);
                if (cr.TimedOut) { Emit(TimedOut(exercise.Id, limit)); Environment.Exit(Grader.TimedOutExit); }
                cellError ??= cr.Error;
            }
            var check = await session.RunAsync(Next(exercise.Check), limit);
            if (check.TimedOut) { Emit(TimedOut(exercise.Id, limit)); Environment.Exit(Grader.TimedOutExit); }
            Emit(FromCheck(exercise.Id, check, cellError, plan.KitBin));
        }
        Emit(new ChildEvent("done"));
        Environment.Exit(0);
    }

    private static ChildEvent TimedOut(string id, TimeSpan limit) =>
        new("result", id, GradeStatus.Failed, $"your code did not finish within the {limit.TotalSeconds:0} s time limit per cell (an endless loop, or far too slow).");

    // Only the kit's own result object counts: its type is checked by name and by the assembly it was loaded from.
    private static ChildEvent FromCheck(string id, CellResult check, string? cellError, string kitBin)
    {
        var value = check.ReturnValue;
        var type = value?.GetType();
        if (type is { FullName: "Course.Exercises.ExerciseResult" } && type.Assembly.GetName().Name == "Course.Kit"
            && Path.GetFullPath(type.Assembly.Location) == Path.GetFullPath(Path.Combine(kitBin, "Course.Kit.dll"))
            && type.GetProperty("Id")?.GetValue(value) as string == id)
        {
            var status = type.GetProperty("Status")!.GetValue(value)!.ToString() switch
            {
                "Passed" => GradeStatus.Passed,
                "NotAttempted" => GradeStatus.NotAttempted,
                _ => GradeStatus.Failed,
            };
            return new ChildEvent("result", id, status, type.GetProperty("Message")!.GetValue(value) as string ?? "");
        }
        string why = cellError is not null
            ? $"your cell did not run: {cellError}" + (cellError.Contains("CS0103", StringComparison.Ordinal) ? " Grading runs only the set-up and each exercise's own cell: define any helper inside the exercise's cell." : "")
            : $"the check could not call your code: {check.Error ?? "it produced no result"} Keep the function's name and signature as given.";
        return new ChildEvent("result", id, GradeStatus.Failed, why);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setpgid(int pid, int pgid);
}
