namespace Course.Notebooks.Grading;

/// <summary>
/// A private copy of the engine's folder for learner processes under <see cref="Isolation.Process"/>. There a learner's
/// process runs as the grader's user and can write the files its own command line names: the engine's assembly, which
/// the grader and the check process have mapped into memory, so that rewriting it in place would kill them with
/// SIGBUS (a submission that did so ended the whole grading run, and the test process with it). Learner processes start
/// from the copy, made once per grader; after each one, any file of the copy whose length or write time changed is
/// copied again from the engine, before the next submission runs. Under namespaces the engine is read-only to
/// children and no copy is made.
/// </summary>
internal sealed class EngineCopy
{
    private readonly string source, folder;
    private readonly Dictionary<string, (long Length, DateTime Written)> stamps = [];

    private EngineCopy(string source, string folder)
    {
        this.source = source;
        this.folder = folder;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target); // keeps the file's mode, so an app host stays executable
            stamps[target] = Stamp(target);
        }
    }

    /// <summary>Copies the running engine's folder (<see cref="AppContext.BaseDirectory"/>, tens of megabytes) to a new
    /// temporary folder.</summary>
    public static EngineCopy Create()
    {
        var folder = Directory.CreateTempSubdirectory("course-engine-").FullName;
        // Removed when the grading process ends, as the grader keeps it for all the submissions it grades.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        };
        return new(Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), folder);
    }

    /// <summary>The command that starts the engine from the copy: <paramref name="exe"/> with <paramref name="prefix"/>
    /// (as the grader would start itself) with every path inside the engine's folder moved into the copy.</summary>
    public (string Exe, string[] Prefix) Command(string exe, string[] prefix) => (Moved(exe), prefix.Select(Moved).ToArray());

    /// <summary>Puts back every file of the copy that changed or went missing; true when one had.</summary>
    public bool RestoreIfChanged()
    {
        bool changed = false;
        foreach (var (target, stamp) in stamps)
        {
            if (File.Exists(target) && Stamp(target) == stamp) continue;
            changed = true;
            File.Copy(Path.Combine(source, Path.GetRelativePath(folder, target)), target, overwrite: true);
            stamps[target] = Stamp(target);
        }
        return changed;
    }

    private string Moved(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.Combine(folder, Path.GetRelativePath(source, full)) : path;
    }

    private static (long, DateTime) Stamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc);
    }
}
