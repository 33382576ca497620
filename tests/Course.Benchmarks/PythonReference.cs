using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Course.Benchmarks;

/// <summary>
/// The scikit-learn side: a Python interpreter with numpy and scikit-learn, driven through <c>reference/harness.py</c>
/// in a subprocess. The subprocess inherits our environment unchanged (OPENBLAS_*, OMP_* included), so it sees the
/// same thread settings a user's Python would.
/// </summary>
public sealed class PythonReference
{
    /// <summary>The fix printed when Python or scikit-learn is missing.</summary>
    public const string InstallHint = "Install them with: apt-get install python3-sklearn (Debian/Ubuntu; it brings python3 and numpy).";

    private readonly string harness;

    /// <summary>The interpreter that runs the reference side.</summary>
    public string Interpreter { get; }

    /// <summary>What the probe reported: versions, thread counts, BLAS and OpenMP libraries, inherited variables.</summary>
    public JsonElement Environment { get; }

    private PythonReference(string interpreter, string harness, JsonElement environment)
    {
        Interpreter = interpreter; this.harness = harness; Environment = environment;
    }

    /// <summary>
    /// The interpreter to use when none is given: Debian's <c>/usr/bin/python3</c>, where <c>apt-get install
    /// python3-sklearn</c> puts scikit-learn, even when a pyenv or venv <c>python3</c> comes first on PATH.
    /// </summary>
    public static string DefaultInterpreter => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Checks that <paramref name="interpreter"/> runs and imports numpy and scikit-learn.</summary>
    /// <exception cref="ReferenceUnavailableException">it does not; the message says why and how to fix it.</exception>
    public static PythonReference Open(string interpreter, string referenceFolder)
    {
        string harness = Path.Combine(referenceFolder, "harness.py");
        if (!File.Exists(harness)) throw new FileNotFoundException($"The Python harness is missing from the output folder: {harness}.");
        var (exit, stdout, stderr) = Execute(interpreter, [harness, "--probe"]);
        var json = LastJsonLine(stdout);
        if (exit != 0 || json is not { } doc || !doc.RootElement.TryGetProperty("environment", out var env))
        {
            string why = json is { } d && d.RootElement.TryGetProperty("error", out var e) ? e.GetString()! : Tail(stderr + stdout);
            throw new ReferenceUnavailableException($"{interpreter} cannot import numpy and scikit-learn ({why}). {InstallHint}");
        }
        return new PythonReference(interpreter, harness, env.Clone());
    }

    /// <summary>Runs <paramref name="workload"/>'s Python module on the arrays in <paramref name="dataPath"/>.</summary>
    /// <exception cref="InvalidOperationException">the Python side failed; the message holds its error output.</exception>
    public SideResult Run(IWorkload workload, string dataPath, int warmup, int repeats)
    {
        string module = Path.Combine(Path.GetDirectoryName(harness)!, workload.ReferenceScript);
        var (exit, stdout, stderr) = Execute(Interpreter,
        [
            harness, "--module", module, "--data", dataPath,
            "--params", JsonSerializer.Serialize(workload.ReferenceParameters),
            "--warmup", warmup.ToString(), "--repeats", repeats.ToString(),
        ]);
        // Warnings (e.g. scikit-learn's) are worth seeing but are not failures.
        if (stderr.Length > 0) Console.Error.Write(stderr);
        var doc = LastJsonLine(stdout);
        if (exit != 0 || doc is null)
            throw new InvalidOperationException($"The Python side of '{workload.Name}' failed (exit {exit}): {Tail(stderr + stdout)}");
        var root = doc.RootElement;
        var seconds = root.GetProperty("seconds").EnumerateArray().Select(s => s.GetDouble()).ToArray();
        var metrics = root.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return new SideResult(seconds, metrics) { WarmupRuns = warmup };
    }

    private static (int Exit, string Stdout, string Stderr) Execute(string interpreter, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ReferenceUnavailableException($"Could not start {interpreter}. {InstallHint}");
        }
        catch (Win32Exception e)
        {
            throw new ReferenceUnavailableException($"Could not start {interpreter}: {e.Message}. {InstallHint}");
        }
        using (process)
        {
            // Both pipes are drained concurrently: a child that fills one while we block on the other would hang.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    private static JsonDocument? LastJsonLine(string stdout)
    {
        // The harness prints one JSON object last; anything a library prints before it is ignored.
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (line is null) return null;
        try { return JsonDocument.Parse(line); }
        catch (JsonException) { return null; }
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length <= 2000 ? text : "..." + text[^2000..];
    }
}

/// <summary>Python, numpy or scikit-learn is missing, so the reference side cannot run.</summary>
public sealed class ReferenceUnavailableException(string message) : Exception(message);
