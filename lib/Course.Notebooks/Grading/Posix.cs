using System.Runtime.InteropServices;

namespace Course.Notebooks.Grading;

/// <summary>The few POSIX calls the grader needs and .NET does not offer: process groups, signals to a group, and
/// process attributes. Linux only where noted.</summary>
internal static class Posix
{
    /// <summary><c>prctl</c>'s option: mark the process a child subreaper (Linux).</summary>
    public const int PR_SET_CHILD_SUBREAPER = 36;
    /// <summary><c>prctl</c>'s option: whether the process is dumpable; 0 also makes its <c>/proc</c> entries
    /// unreadable to other processes of the same user (Linux).</summary>
    public const int PR_SET_DUMPABLE = 4;

    [DllImport("libc", SetLastError = true)]
    public static extern int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    public static extern int setpgid(int pid, int pgid);

    /// <summary>Makes this process non-dumpable where the system allows (Linux): no other process of the same user
    /// can open its <c>/proc</c> entries (its pipes, its memory).</summary>
    public static void NotDumpable()
    {
        if (OperatingSystem.IsLinux()) prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}
