using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace Course.Notebooks.Grading;

/// <summary>
/// <c>course check-host</c>, the grader's process for the kit's checks: reads its plan (one JSON line), loads
/// <c>Course.Exercises.dll</c> and its dependencies from the graded kit's built library into a load context of their
/// own (the grader does not reference the kit, and its own copies of shared packages must not be mixed in), and hands
/// over to <c>Course.Exercises.CheckHost.Run</c>. Learner code never runs here.
/// </summary>
public static class CheckHostCommand
{
    /// <summary>What the grader sends first: the built library to load and the check host's own plan.</summary>
    /// <param name="KitBin">The kit's <c>lib/Course.Kit/bin</c>.</param>
    /// <param name="Plan">The plan as <c>Course.Exercises.CheckHost</c> reads it (JSON).</param>
    public sealed record Start(string KitBin, string Plan);

    /// <summary>Runs the check host on this process's standard streams; returns its exit code.</summary>
    public static int Run()
    {
        // Not dumpable: another process of the same user (a submission graded without namespaces) cannot open this
        // one's /proc entries, so it can neither write into its result channel nor read its memory.
        Posix.NotDumpable();
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        var start = JsonSerializer.Deserialize<Start>(GradingChild.ReadLine(input)) ?? throw new InvalidDataException("no start line");
        var context = new KitLoadContext(start.KitBin);
        var exercises = context.LoadFromAssemblyPath(Path.Combine(start.KitBin, "Course.Exercises.dll"));
        var run = exercises.GetType("Course.Exercises.CheckHost")?.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException("Course.Exercises.CheckHost.Run");
        try { run.Invoke(null, [start.Plan, input, output]); }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            Console.Error.WriteLine(inner);
            return 5;
        }
        return 0;
    }

    // The kit's assemblies from its bin folder, everything else (the framework) from the default context.
    private sealed class KitLoadContext(string bin) : AssemblyLoadContext("course kit")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(bin, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
