namespace Course.Benchmarks;

/// <summary>The command line: <c>[workload-name ...] [--repeats N] [--warmup N] [--python PATH]</c>.</summary>
/// <param name="Workloads">The workloads to run, in catalogue order; all when none is named.</param>
/// <param name="Repeats">Timed runs per side; the table shows their median.</param>
/// <param name="Warmup">Untimed runs per side before the timed ones.</param>
/// <param name="Python">Interpreter for the scikit-learn side.</param>
public sealed record BenchmarkOptions(IReadOnlyList<IWorkload> Workloads, int Repeats, int Warmup, string Python)
{
    /// <summary>Printed for <c>--help</c> and after a usage error.</summary>
    public static string Usage =>
        $"""
        usage: dotnet run --project tests/Course.Benchmarks -c Release -- [workload-name ...] [--repeats N] [--warmup N] [--python PATH]
               dotnet run --project tests/Course.Benchmarks -c Release -- --lessons [NN ...]

          workload-name   one or more of: {string.Join(", ", WorkloadCatalog.All.Select(w => w.Name))} (default: all)
          --repeats N     timed runs per side, median reported (default 5)
          --warmup N      untimed runs per side first (default 1; ours goes on until the JIT settles)
          --python PATH   interpreter with numpy and scikit-learn (default {PythonReference.DefaultInterpreter})
          --lessons NN    time the learner notebooks (all, or those numbered) in the engine and in dotnet repl,
                          against 60 s and 90 s, with the library the last build left for the notebooks
        """;

    /// <summary>Parses <paramref name="args"/>; null means <c>--help</c> was asked for.</summary>
    /// <exception cref="ArgumentException">an unknown option or workload, or a bad number.</exception>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var names = new List<string>();
        int repeats = 5, warmup = 1;
        string python = PythonReference.DefaultInterpreter;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": return null;
                case "--repeats": repeats = Count(args, ref i, minimum: 1); break;
                case "--warmup": warmup = Count(args, ref i, minimum: 0); break;
                case "--python": python = Value(args, ref i); break;
                case var a when a.StartsWith('-'): throw new ArgumentException($"unknown option '{a}'.");
                default: names.Add(args[i]); break;
            }
        }
        var unknown = names.Where(n => WorkloadCatalog.All.All(w => w.Name != n)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown workload(s): {string.Join(", ", unknown)}.");
        var selected = names.Count == 0 ? WorkloadCatalog.All : WorkloadCatalog.All.Where(w => names.Contains(w.Name)).ToList();
        return new BenchmarkOptions(selected, repeats, warmup, python);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count) throw new ArgumentException($"{args[i]} needs a value.");
        return args[++i];
    }

    private static int Count(IReadOnlyList<string> args, ref int i, int minimum)
    {
        string option = args[i], value = Value(args, ref i);
        if (!int.TryParse(value, out int n) || n < minimum) throw new ArgumentException($"{option} needs a whole number >= {minimum}, not '{value}'.");
        return n;
    }
}
