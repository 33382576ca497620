using System.Diagnostics;

namespace Course.Notebooks.Tests;

/// <summary>Paths of the kit and a way to run its commands as child processes, as a learner would.</summary>
internal static class Kit
{
    public static string Root => KitPaths.Root;
    public static string Notebooks => KitPaths.Notebooks;

    public static IReadOnlyList<string> SolutionNotebooks => SolutionStripper.SolutionNotebooks(Notebooks).ToList();
    public static IReadOnlyList<string> LearnerNotebooks => SolutionNotebooks.Select(SolutionStripper.LearnerPath).ToList();

    /// <summary>Runs the engine (course.dll beside the tests) with the kit root as the current directory.</summary>
    public static (int Code, string Output) Course(TimeSpan timeout, params string[] args)
        => Course(timeout, new Dictionary<string, string>(), args);

    /// <summary>Runs the engine as above with variables added to its environment.</summary>
    public static (int Code, string Output) Course(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
        => Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), .. args], Root, timeout, environment);

    /// <summary>The device the lesson runs force with <c>COURSE_DEVICE</c>: <c>COURSE_TEST_DEVICE</c> when set (say
    /// <c>cuda</c> on a machine with a GPU and TorchSharp's CUDA package), else <c>cpu</c>.</summary>
    public static string TestDevice => Environment.GetEnvironmentVariable("COURSE_TEST_DEVICE") is { Length: > 0 } d ? d : "cpu";

    /// <summary>Whether this machine can run a command with no network (bubblewrap with a network namespace of its
    /// own), as a learner offline would; asked once.</summary>
    public static bool CanGoOffline => canGoOffline.Value;

    private static readonly Lazy<bool> canGoOffline = new(() =>
    {
        try { return Run("bwrap", ["--dev-bind", "/", "/", "--unshare-net", "--", "true"], Root, TimeSpan.FromSeconds(30)).Code == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; } // no bwrap
    });

    /// <summary>Runs <paramref name="exe"/> with no network at all (see <see cref="CanGoOffline"/>): every file
    /// stays visible, only the network namespace is new and empty.</summary>
    public static (int Code, string Output) RunOffline(string exe, IEnumerable<string> args, string workdir, TimeSpan timeout)
        => Run("bwrap", ["--dev-bind", "/", "/", "--unshare-net", "--", exe, .. args], workdir, timeout);

    public static (int Code, string Output) Run(string exe, IEnumerable<string> args, string workdir, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = workdir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s.\n{stdout.Result}\n{stderr.Result}");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
