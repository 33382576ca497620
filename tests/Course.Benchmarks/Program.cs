using System.Globalization;

namespace Course.Benchmarks;

/// <summary>
/// Times the kit's algorithms against scikit-learn's on the same data, on this machine, in one run, and prints each
/// workload's times, their ratio and how the results compare. See README.md.
/// </summary>
public static class Program
{
    /// <summary>Exit codes: 0 done, 1 a workload failed, 2 bad command line, 3 Python or scikit-learn missing.</summary>
    public static int Main(string[] args)
    {
        // The lessons' run times need no Python: `--lessons [NN ...]` times them in the engine and in dotnet repl.
        if (args.Length > 0 && args[0] == "--lessons") return LessonTimes.Run(args[1..]);
        BenchmarkOptions? options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}\n\n{BenchmarkOptions.Usage}");
            return 2;
        }
        if (options is null)
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        // Checked first, so a machine without scikit-learn fails in a second rather than after our side has run.
        PythonReference python;
        try
        {
            python = PythonReference.Open(options.Python, Path.Combine(AppContext.BaseDirectory, "reference"));
        }
        catch (ReferenceUnavailableException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 3;
        }
        MachineReport.Print(python);

        var results = new List<WorkloadResult>();
        foreach (var workload in options.Workloads)
        {
            try
            {
                results.Add(Run(workload, python, options));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        }

        Console.WriteLine($"Results (load average now {MachineReport.LoadAverage()})");
        Console.WriteLine(ResultTable.Format(results, options.Repeats));
        return 0;
    }

    private static WorkloadResult Run(IWorkload workload, PythonReference python, BenchmarkOptions options)
    {
        Console.WriteLine($"== {workload.Name}: {workload.Description}");
        var inputs = workload.Prepare();
        string data = Path.Combine(Path.GetTempPath(), $"course-benchmarks-{Environment.ProcessId}-{workload.Name}.npz");
        try
        {
            NpzWriter.Write(data, inputs);
            var ours = Timing.Measure(workload, inputs, options.Warmup, options.Repeats);
            Console.WriteLine($"   ours     {Seconds(ours)}");
            var reference = python.Run(workload, data, options.Warmup, options.Repeats);
            Console.WriteLine($"   {workload.ReferenceName,-8} {Seconds(reference)}");
            return new WorkloadResult(workload, ours, reference);
        }
        finally
        {
            File.Delete(data);
        }
    }

    private static string Seconds(SideResult s) =>
        string.Create(CultureInfo.InvariantCulture, $"median {s.Median:F3} s of [{string.Join(", ", s.Seconds.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}] after {s.WarmupRuns} warm-up run(s); ")
        + string.Join(", ", s.Metrics.Select(m => $"{m.Key} {ResultTable.FormatMetric(m.Key, m.Value)}"));
}
