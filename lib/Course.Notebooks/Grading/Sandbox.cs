using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Course.Notebooks.Grading;

/// <summary>How a submission's process is fenced off from the grader and from other submissions.</summary>
public enum Isolation
{
    /// <summary>Linux namespaces (util-linux <c>unshare</c>, no root needed where unprivileged user namespaces are
    /// allowed): the child sees only its own processes (it cannot signal the grader, and every process it starts dies
    /// with it), has no network, and sees the kit and the submissions folder read-only.</summary>
    Namespaces,
    /// <summary>A plain child process in its own process group, killed with that group after each notebook; on Linux the
    /// grader also adopts (as a child subreaper) and kills any process that left the group to outlive it. Used where
    /// namespaces are unavailable (Windows, macOS, containers without user namespaces), or when
    /// <c>COURSE_GRADE_ISOLATION=process</c>.</summary>
    Process,
}

/// <summary>Starts grading children under the strongest <see cref="Isolation"/> the machine allows and ends them.</summary>
public sealed class Sandbox
{
    // Inside the namespaces: make each listed folder read-only (a bind mount onto itself, remounted read-only), then
    // become the child. Fails closed: if a mount fails the child does not run.
    private const string MountScript = "while [ \"$1\" != -- ]; do mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" || exit 97; shift; done; shift; exec \"$@\"";
    private static readonly string[] UnshareFlags = ["--user", "--map-root-user", "--pid", "--fork", "--kill-child", "--mount", "--mount-proc", "--net"];

    private readonly IReadOnlyList<string> readOnly;
    private readonly HashSet<int> live = [];

    /// <summary>The isolation in use.</summary>
    public Isolation Mode { get; }

    private Sandbox(Isolation mode, IReadOnlyList<string> readOnly)
    {
        Mode = mode;
        this.readOnly = readOnly;
        // Orphans of a child (a process that called setsid to leave its group) become the grader's children instead
        // of init's, so the grader can find and end them.
        if (mode == Isolation.Process && OperatingSystem.IsLinux()) prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    /// <summary>Probes the machine once: namespaces when a trial child can be started in them with
    /// <paramref name="readOnly"/> mounted read-only, else processes.</summary>
    public static Sandbox Create(IReadOnlyList<string> readOnly)
    {
        var dirs = readOnly.Select(Path.GetFullPath).Where(Directory.Exists).Distinct().ToList();
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("COURSE_GRADE_ISOLATION") == "process") return new Sandbox(Isolation.Process, dirs);
        try
        {
            var probe = new Sandbox(Isolation.Namespaces, dirs).Start("true", [], Path.GetTempPath(), new Dictionary<string, string>());
            if (!probe.WaitForExit(10_000)) { probe.Kill(entireProcessTree: true); return new Sandbox(Isolation.Process, dirs); }
            return new Sandbox(probe.ExitCode == 0 ? Isolation.Namespaces : Isolation.Process, dirs);
        }
        catch (System.ComponentModel.Win32Exception) { return new Sandbox(Isolation.Process, dirs); } // no unshare
    }

    /// <summary>Starts <paramref name="exe"/> with its standard streams redirected.</summary>
    public Process Start(string exe, IEnumerable<string> args, string workdir, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(Mode == Isolation.Namespaces ? "unshare" : exe)
        {
            WorkingDirectory = workdir, UseShellExecute = false,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (Mode == Isolation.Namespaces)
        {
            foreach (var a in UnshareFlags.Concat(["--", "sh", "-c", MountScript, "sh"]).Concat(readOnly).Append("--").Append(exe)) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var child = Process.Start(psi)!;
        lock (live) live.Add(child.Id);
        return child;
    }

    /// <summary>Ends the child and everything it started. With namespaces, ending the namespace's first process ends
    /// them all; otherwise the child's process group (it made one at start-up) and its process tree are killed.</summary>
    public void End(Process child)
    {
        // The group takes the whole tree with it; the tree is walked only where there is no group (namespaces, Windows,
        // or a child that died before it made its group).
        bool groupKilled = Mode == Isolation.Process && !OperatingSystem.IsWindows() && kill(-child.Id, 9) == 0;
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
            kill(pid, 9);
            foreach (var (c, parent) in parents) if (parent == pid) doomed.Push(c);
        }
    }

    private const int PR_SET_CHILD_SUBREAPER = 36;

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
