using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Course.Notebooks.Grading;

/// <summary>How a submission's process is fenced off from the grader and from other submissions.</summary>
public enum Isolation
{
    /// <summary>Linux namespaces set up by bubblewrap (<c>bwrap</c>, Debian's <c>bubblewrap</c>; no root needed where
    /// unprivileged user namespaces are allowed): the child sees a file system of its own, made of the system's
    /// folders, the .NET runtime, the kit and the engine, all read-only, with the kit's solutions, tests and history and
    /// every submission hidden, and a private empty <c>/tmp</c>; it sees only its own processes (it cannot signal the
    /// grader, and every process it starts dies with it), has no network, no shared memory or Unix socket of another
    /// process, and a cleared environment.</summary>
    Namespaces,
    /// <summary>A plain child process in its own process group, killed with that group after each notebook; on Linux the
    /// grader also adopts (as a child subreaper) and kills any process that left the group to outlive it. Its
    /// environment is cleared too. Used where bubblewrap or namespaces are unavailable (Windows, macOS, containers
    /// without user namespaces), or when <c>COURSE_GRADE_ISOLATION=process</c>: it does not hide files.</summary>
    Process,
}

/// <summary>The limits one submission's process runs under; each hit is reported in the learner's feedback.</summary>
public static class SubmissionLimits
{
    /// <summary>Managed memory (the .NET GC's hard limit): 2 GiB.</summary>
    public const long MemoryBytes = 2L << 30;
    /// <summary>Native memory, libtorch's included (the data segment limit, where the system has <c>prlimit</c>): 4 GiB.</summary>
    public const long NativeMemoryBytes = 4L << 30;
    /// <summary>Largest file it may write (in its private temporary folder): 64 MiB.</summary>
    public const long FileBytes = 64L << 20;
    /// <summary>What it may write to its standard streams, together: 16 MiB.</summary>
    public const long OutputBytes = 16L << 20;

    /// <summary>The sentence for feedback when <paramref name="bytes"/> of something was exceeded.</summary>
    public static string Words(long bytes) => bytes >= 1L << 30 ? $"{bytes >> 30} GiB" : $"{bytes >> 20} MiB";
}

/// <summary>Starts grading children under the strongest <see cref="Isolation"/> the machine allows and ends them.</summary>
public sealed class Sandbox
{
    private const string Bwrap = "bwrap";

    // The environment a child gets: nothing of the grader's (its variables may hold secrets or paths), only what .NET
    // needs, diagnostics off (their Unix sockets would let one process reach another) and the GC's memory limit.
    private static readonly string[] Passed = ["PATH", "DOTNET_ROOT", "LANG", "SystemRoot", "windir", "COMSPEC", "TEMP", "TMP", "USERPROFILE", "HOME", "LOCALAPPDATA", "APPDATA", "ProgramData"];

    // The checks' assembly and what could carry its code (symbols may embed sources).
    private static readonly string[] ChecksAssembly = ["Course.Exercises.dll", "Course.Exercises.pdb"];

    private readonly string kitRoot;
    private readonly IReadOnlyList<string> hidden;
    private readonly HashSet<int> live = [];

    /// <summary>The isolation in use.</summary>
    public Isolation Mode { get; }

    private Sandbox(Isolation mode, string kitRoot, IReadOnlyList<string> hidden)
    {
        Mode = mode;
        this.kitRoot = kitRoot;
        this.hidden = hidden;
        // Orphans of a child (a process that called setsid to leave its group) become the grader's children instead
        // of init's, so the grader can find and end them.
        if (mode == Isolation.Process && OperatingSystem.IsLinux()) Posix.prctl(Posix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    /// <summary>Probes the machine once: namespaces when a trial child can be started in bubblewrap's sandbox, else
    /// processes. The child sees <paramref name="kitRoot"/> read-only without its solutions, tests and history, and
    /// none of <paramref name="hidden"/> (the submissions).</summary>
    public static Sandbox Create(string kitRoot, IReadOnlyList<string> hidden)
    {
        kitRoot = Path.GetFullPath(kitRoot);
        var hide = hidden.Select(Path.GetFullPath).Concat(new[] { "notebooks", "tests", ".git", "submissions", "lib" }.Select(d => Path.Combine(kitRoot, d)))
            .Where(Directory.Exists).Distinct().ToList();
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("COURSE_GRADE_ISOLATION") == "process") return new Sandbox(Isolation.Process, kitRoot, hide);
        try
        {
            var probe = new Sandbox(Isolation.Namespaces, kitRoot, hide).Start("true", [], Path.GetTempPath(), new Dictionary<string, string>());
            if (!probe.WaitForExit(10_000)) { probe.Kill(entireProcessTree: true); return new Sandbox(Isolation.Process, kitRoot, hide); }
            return new Sandbox(probe.ExitCode == 0 ? Isolation.Namespaces : Isolation.Process, kitRoot, hide);
        }
        catch (System.ComponentModel.Win32Exception) { return new Sandbox(Isolation.Process, kitRoot, hide); } // no bwrap
    }

    /// <summary>Starts <paramref name="exe"/> with its standard streams redirected, in <paramref name="workdir"/>
    /// (with namespaces: in an empty folder of its private <c>/tmp</c> instead), with a cleared environment plus
    /// <paramref name="environment"/>, under <see cref="SubmissionLimits"/>.</summary>
    public Process Start(string exe, IEnumerable<string> args, string workdir, IReadOnlyDictionary<string, string> environment) =>
        Launch(exe, args, workdir, environment, sandboxed: true);

    /// <summary>Starts the grader's own process for the kit's checks: outside the sandbox (it runs no learner code and
    /// must load the checks the sandbox hides), with the same cleared environment, ended by <see cref="End"/> like
    /// the others.</summary>
    public Process StartTrusted(string exe, IEnumerable<string> args, string workdir, IReadOnlyDictionary<string, string> environment) =>
        Launch(exe, args, workdir, environment, sandboxed: false);

    private Process Launch(string exe, IEnumerable<string> args, string workdir, IReadOnlyDictionary<string, string> environment, bool sandboxed)
    {
        var env = new Dictionary<string, string>();
        foreach (var name in Passed) if (Environment.GetEnvironmentVariable(name) is { } v) env[name] = v;
        env["DOTNET_EnableDiagnostics"] = "0";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (sandboxed) env["DOTNET_GCHeapHardLimit"] = "0x" + SubmissionLimits.MemoryBytes.ToString("X");
        foreach (var (k, v) in environment) env[k] = v;
        // The command line: [bwrap and its arguments] [prlimit and the limits] exe args.
        var command = new List<string>();
        bool namespaces = sandboxed && Mode == Isolation.Namespaces;
        if (namespaces)
        {
            env["HOME"] = env["TMPDIR"] = "/tmp";
            env.Remove("TEMP"); env.Remove("TMP");
            command.Add(Bwrap);
            command.AddRange(BwrapArguments(env));
        }
        if (sandboxed && OperatingSystem.IsLinux() && File.Exists("/usr/bin/prlimit"))
            command.AddRange(["/usr/bin/prlimit", $"--data={SubmissionLimits.NativeMemoryBytes}", $"--fsize={SubmissionLimits.FileBytes}", "--core=0", "--"]);
        command.Add(exe);
        command.AddRange(args);
        var psi = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workdir, UseShellExecute = false,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        // bwrap clears the environment inside the sandbox itself (--clearenv); a plain process gets it cleared here.
        if (!namespaces)
        {
            psi.Environment.Clear();
            foreach (var (k, v) in env) psi.Environment[k] = v;
        }
        var child = Spawner.Start(psi);
        lock (live) live.Add(child.Id);
        return child;
    }

    // bubblewrap's --die-with-parent kills the sandbox when the *thread* that started it ends (Linux's parent-death
    // signal follows the thread that forked), and the thread pool retires idle threads after about 20 s: a child
    // started from a pool thread died with signal 9 in the middle of a long call. Every child is started from one
    // thread that lives as long as the grader.
    private static class Spawner
    {
        private static readonly System.Collections.Concurrent.BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Queue = [];

        static Spawner()
        {
            var thread = new Thread(() =>
            {
                foreach (var (info, started) in Queue.GetConsumingEnumerable())
                    try { started.SetResult(Process.Start(info)!); }
                    catch (Exception e) { started.SetException(e); }
            }) { IsBackground = true, Name = "grader: starts children" };
            thread.Start();
        }

        public static Process Start(ProcessStartInfo info)
        {
            var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
            Queue.Add((info, started));
            return started.Task.GetAwaiter().GetResult();
        }
    }

    // bubblewrap's command line: a new root of read-only binds, the hidden folders as empty tmpfs, a private /tmp
    // holding the working folder, every namespace unshared, the environment replaced, a new session (no terminal).
    private List<string> BwrapArguments(Dictionary<string, string> env)
    {
        var a = new List<string> { "--unshare-all", "--die-with-parent", "--new-session", "--clearenv" };
        foreach (var (k, v) in env) a.AddRange(["--setenv", k, v]);
        foreach (var system in new[] { "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" })
        {
            var info = new DirectoryInfo(system);
            if (info.LinkTarget is { } target) a.AddRange(["--symlink", target, system]);
            else if (info.Exists) a.AddRange(["--ro-bind", system, system]);
        }
        a.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/tmp/work", "--chdir", "/tmp/work"]);
        // Folders the child needs, read-only: the .NET runtime, the kit (its data), the kit's built libraries and the
        // engine that runs it. A later mount covers an earlier one, so the hidden folders inside the kit come after
        // it, then the built libraries (which may be a link to another copy of the kit's, as in a handout sharing its
        // instructor's build), then the engine (which may live in the kit's tests/ folder when the tests grade).
        foreach (var keep in new[] { DotnetRoot(), kitRoot }.OfType<string>().Distinct()) a.AddRange(["--ro-bind", keep, keep]);
        foreach (var hide in hidden) a.AddRange(["--tmpfs", hide]);
        var bin = Path.Combine(kitRoot, "lib", "Course.Kit", "bin");
        var built = new DirectoryInfo(bin).ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } linked ? linked.FullName : bin;
        if (Directory.Exists(built))
        {
            a.AddRange(["--ro-bind", built, bin]);
            // The checks and their reference code: only the grader's check process loads them.
            foreach (var file in ChecksAssembly.Select(f => Path.Combine(bin, f)).Where(f => File.Exists(Path.Combine(built, Path.GetFileName(f)))))
                a.AddRange(["--ro-bind", "/dev/null", file]);
        }
        var engine = Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar);
        a.AddRange(["--ro-bind", engine, engine, "--remount-ro", "/", "--"]);
        return a;
    }

    // The folder holding the dotnet host and shared/ (where the running runtime came from).
    private static string? DotnetRoot()
    {
        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var root = runtime.Parent?.Parent?.Parent; // <root>/shared/Microsoft.NETCore.App/<version>
        return root is { Exists: true } ? root.FullName : null;
    }

    /// <summary>Ends the child and everything it started. With namespaces, ending the namespace's first process ends
    /// them all; otherwise the child's process group (it made one at start-up) and its process tree are killed.</summary>
    public void End(Process child)
    {
        // The group takes the whole tree with it; the tree is walked only where there is no group (namespaces, Windows,
        // or a child that died before it made its group).
        bool groupKilled = Mode == Isolation.Process && !OperatingSystem.IsWindows() && Posix.kill(-child.Id, 9) == 0;
        if (!groupKilled)
            try { if (!child.HasExited) child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
        lock (live)
        {
            live.Remove(child.Id);
            if (Mode == Isolation.Process && OperatingSystem.IsLinux()) KillAdopted();
        }
    }

    // Every process whose parent is the grader but which the grader did not start (an adopted orphan), with its
    // descendants. Read from /proc: pid and parent pid of every process.
    private void KillAdopted()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (name) ": state, ppid, ...
                parents[pid] = int.Parse(fields[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        int me = Environment.ProcessId;
        var doomed = new Stack<int>(parents.Where(p => p.Value == me && !live.Contains(p.Key)).Select(p => p.Key));
        while (doomed.Count > 0)
        {
            int pid = doomed.Pop();
            Posix.kill(pid, 9);
            foreach (var (c, parent) in parents) if (parent == pid) doomed.Push(c);
        }
    }
}
