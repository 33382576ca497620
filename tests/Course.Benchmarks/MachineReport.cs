using System.Numerics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Course.Benchmarks;

/// <summary>
/// What the numbers were measured on, printed before them: a timing means little without the CPU, the thread count
/// of each side, the BLAS scikit-learn called and how busy the machine was.
/// </summary>
public static class MachineReport
{
    /// <summary>Prints the machine, our runtime and the Python side's environment.</summary>
    public static void Print(PythonReference python)
    {
        Console.WriteLine("Machine");
        Console.WriteLine(Field("CPU", CpuModel()));
        Console.WriteLine(Field("Environment.ProcessorCount", Environment.ProcessorCount.ToString()));
        Console.WriteLine(Field("load average (1/5/15 min)", LoadAverage()));
        Console.WriteLine("Ours (C#)");
        Console.WriteLine(Field("runtime", $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}"));
        Console.WriteLine(Field("threads", $"Parallel.For on the thread pool: up to {Environment.ProcessorCount} cores"));
        Console.WriteLine(Field("SIMD", $"Vector512 {(Vector512.IsHardwareAccelerated ? "yes" : "no")}, Vector256 {(Vector256.IsHardwareAccelerated ? "yes" : "no")}, Vector<double> = {Vector<double>.Count} lanes"));
        Console.WriteLine(Field("GC", $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}"));

        var env = python.Environment;
        Console.WriteLine("Reference (Python)");
        Console.WriteLine(Field("interpreter", $"{python.Interpreter} (Python {Str(env, "python")}), numpy {Str(env, "numpy")}, scikit-learn {Str(env, "sklearn")}"));
        Console.WriteLine(Field("threads", $"scikit-learn OpenMP threads {Str(env, "sklearn_openmp_threads")}, os.cpu_count() {Str(env, "cpu_count")}"));
        if (env.TryGetProperty("threadpools", out var pools))
        {
            if (pools.ValueKind != JsonValueKind.Array) Console.WriteLine(Field("threadpoolctl", pools.ToString()));
            else foreach (var p in pools.EnumerateArray())
                Console.WriteLine(Field("threadpoolctl", $"{Str(p, "user_api")}: {Str(p, "internal_api")}{(p.TryGetProperty("version", out var version) ? $" {version}" : "")}, {Str(p, "num_threads")} threads, {Str(p, "filepath")}"));
        }
        var libraries = env.TryGetProperty("native_libraries", out var libs) ? libs.EnumerateArray().Select(l => l.GetString()!).ToList() : [];
        foreach (var lib in libraries) Console.WriteLine(Field("native library", lib));
        if (IsReferenceBlas(libraries))
            Console.WriteLine(Field("note", "BLAS is the unoptimised reference (netlib) libblas, not OpenBLAS/MKL/BLIS: scikit-learn's\n")
                              + Field("", "distance step (dgemm) is slower here than with pip's wheels or libopenblas0."));
        var variables = env.TryGetProperty("variables", out var v) ? v.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ToList() : [];
        Console.WriteLine(Field("inherited variables", variables.Count == 0 ? "none of OPENBLAS_*, OMP_*, MKL_*, GOMP*, KMP_*, BLIS*" : string.Join(" ", variables)));
        Console.WriteLine();
    }

    // One aligned "label  value" line.
    private static string Field(string label, string value) => $"  {label,-27}{value}";

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to tell a quiet machine from a busy one.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    // OpenBLAS, MKL and BLIS announce themselves by file name; Debian's netlib build is plain libblas.so.3 under blas/.
    private static bool IsReferenceBlas(List<string> libraries) =>
        libraries.Any(l => l.Contains("/blas/libblas.so")) &&
        !libraries.Any(l => l.Contains("openblas") || l.Contains("mkl") || l.Contains("blis"));

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"));
            if (line is not null) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.ToString() : "?";
}
