using System.Text;
using System.Text.Json;
using Course.Grading;

namespace Course.Notebooks.Grading;

/// <summary>
/// The learner's process of grading (<c>course exec</c>, started by <see cref="Grader"/> in its sandbox): reads its
/// plan (one JSON line on standard input), runs the kit's set-up, then for each exercise the section's cells and a
/// call of <c>Course.Grading.LearnerHost.Serve</c> with the exercise's functions, through which the check (in the
/// grader's other process) calls them. It reports progress as frames on the real standard output (<see cref="Frames"/>)
/// and holds no check and no result: the learner's code here can change only what its own functions return.
/// </summary>
public static class GradingChild
{
    /// <summary>Runs the plan read from <paramref name="input"/>; never returns normally (the process ends, because a
    /// cell that overran its limit keeps a thread running).</summary>
    public static async Task RunAsync(Stream input, Stream output)
    {
        // A process group of its own, so the grader can end everything the submission started (POSIX only).
        if (!OperatingSystem.IsWindows()) Posix.setpgid(0, 0);
        var plan = JsonSerializer.Deserialize<ChildPlan>(ReadLine(input)) ?? throw new FormatException("empty grading plan");
        var limit = TimeSpan.FromSeconds(plan.CellTimeoutSeconds);
        using var session = new KernelSession();
        // The kit's cells are numbered 0: they are not the learner's, so a frame in them names no cell of the learner's.
        Cell Next(string source) => new(0, "csharp", source, 0);
        foreach (var setup in plan.Setup)
        {
            var cr = await session.RunAsync(Next(setup), limit);
            if (cr.Error is not null) { Frames.Write(output, Frames.SetupFailed, cr.Error); Environment.Exit(4); }
        }
        Frames.Write(output, Frames.Hello, "");
        foreach (var exercise in plan.Exercises)
        {
            Frames.Write(output, Frames.Begin, exercise.Id);
            string? cellError = null;
            for (int i = 0; i < exercise.Cells.Count; i++)
            {
                // The learner's cells are compiled under their own numbers, so an exception names the learner's cell.
                int learners = exercise.LearnerCells is { } numbers && i < numbers.Count ? numbers[i] : 0;
                int line = exercise.LearnerLines is { } lines && i < lines.Count ? lines[i] : 0;
                var cr = await session.RunAsync(learners > 0 ? new Cell(learners, "csharp", exercise.Cells[i], line) : Next(exercise.Cells[i]), limit);
                if (cr.TimedOut) { Frames.Write(output, Frames.TimedOut, exercise.Id); Environment.Exit(Grader.TimedOutExit); }
                cellError ??= cr.Error;
            }
            // No time limit here: the grader limits each call and the whole submission.
            var serve = await session.RunAsync(Next(ServeCell(exercise)), Timeout.InfiniteTimeSpan);
            if (serve.Error is not null) Frames.Write(output, Frames.Unavailable, exercise.Id + "\n" + (cellError ?? serve.Error));
        }
        Frames.Write(output, Frames.Done, "");
        Environment.Exit(0);
    }

    // The exercise's functions as the delegates their method groups make (C#'s natural function types), by name;
    // fully qualified, so no name a learner declares can stand in for the kit's.
    private static string ServeCell(PlannedExercise exercise) =>
        $"global::Course.Grading.LearnerHost.Serve(\"{exercise.Id}\", new global::System.Collections.Generic.Dictionary<string, global::System.Delegate> {{ "
        + string.Join(", ", exercise.Functions.Select(f => $"[\"{f}\"] = {f}")) + " });";

    /// <summary>Reads one line (to a newline, not included) byte by byte, so nothing after it is taken from the stream
    /// that later carries frames. At most 256 MiB.</summary>
    public static string ReadLine(Stream input)
    {
        var bytes = new MemoryStream();
        int b;
        while ((b = input.ReadByte()) >= 0 && b != '\n')
        {
            bytes.WriteByte((byte)b);
            if (bytes.Length > 256 << 20) throw new InvalidDataException("the plan is too long.");
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
