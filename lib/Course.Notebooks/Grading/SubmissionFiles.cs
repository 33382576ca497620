using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Course.Notebooks.Grading;

/// <summary>A notebook to grade: its learner (a unique, safe id), its path, and its name as the learner gave it (an LMS
/// export's prefix taken off). <paramref name="Aliases"/> are other names a roster may know the learner by (an LMS's
/// name and id); <paramref name="MarkedLate"/> is set when the LMS marked the file late.</summary>
public sealed record FoundNotebook(string Student, string Path, string Name, IReadOnlyList<string> Aliases, bool MarkedLate = false)
{
    /// <summary>A notebook known by its file name alone.</summary>
    public FoundNotebook(string student, string path) : this(student, path, System.IO.Path.GetFileName(path), []) { }
}

/// <summary>Something in the submissions that is not graded, and why (listed in the gradebook).</summary>
public sealed record SkippedEntry(string Path, string Why);

/// <summary>
/// Finds the notebooks of a class folder (one folder per learner, or notebooks at its top) without trusting it: only
/// regular files are read (symbolic links, FIFOs and devices are refused, and links are never followed, so a link
/// to the kit's solutions or to a classmate's folder, or a loop, is not graded as the learner's work), nothing above
/// <see cref="MaxDepth"/> folders or <see cref="MaxFileBytes"/> is read, and every learner id is made safe: control
/// and bidirectional-formatting characters removed, long names shortened with a hash, names that collide after that
/// (or that only differ by case or by characters a file name cannot hold) kept apart with a hash of the original.
/// </summary>
public static class SubmissionFiles
{
    /// <summary>Folders below a learner's folder that are searched.</summary>
    public const int MaxDepth = 6;
    /// <summary>Largest notebook read.</summary>
    public const long MaxFileBytes = 16L << 20;
    /// <summary>Longest learner id kept as is.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The notebooks under <paramref name="root"/> that <paramref name="isNotebook"/> accepts (by name), with
    /// what was skipped. <paramref name="exclude"/> (the grader's own output folder, when inside) is not searched.</summary>
    /// <remarks>Zip files are unpacked (<see cref="SubmissionArchive"/>) into <paramref name="unpackInto"/>, or skipped
    /// when it is null. A learner is a folder at the top (a Moodle submission folder named as
    /// <see cref="LmsNames.OfFolder"/> reads), or, for a file or zip at the top, the learner an LMS export's name gives
    /// (<see cref="LmsNames.OfFile"/>), else the file's name.</remarks>
    /// <param name="root">The submissions folder.</param>
    /// <param name="isNotebook">Whether a file name is a notebook's.</param>
    /// <param name="exclude">A folder not to search (the grader's output), or null.</param>
    /// <param name="unpackInto">Where zips are unpacked, or null to skip them.</param>
    /// <param name="learner">When set, every notebook at the top of <paramref name="root"/> is this learner's, and
    /// folders below are not searched.</param>
    public static (IReadOnlyList<FoundNotebook> Found, IReadOnlyList<SkippedEntry> Skipped) InFolder(string root, Func<string, bool> isNotebook, string? exclude = null, string? unpackInto = null, string? learner = null)
    {
        var found = new List<(string Raw, string Path, string Name, IReadOnlyList<string> Aliases, bool Late)>();
        var skipped = new List<SkippedEntry>();
        var pending = new Stack<(DirectoryInfo Dir, int Depth, LmsName? Student)>();
        int zips = 0;
        pending.Push((new DirectoryInfo(root), 0, learner is null ? null : new LmsName(learner, "", "", false)));
        while (pending.Count > 0)
        {
            var (dir, depth, student) = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = dir.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { skipped.Add(new(Relative(root, dir.FullName), $"cannot be listed ({e.Message})")); continue; }
            foreach (var entry in entries)
            {
                var relative = Relative(root, entry.FullName);
                if (exclude is not null && Path.GetFullPath(entry.FullName).TrimEnd(Path.DirectorySeparatorChar) == exclude) continue;
                if (entry.LinkTarget is not null) { skipped.Add(new(relative, "a symbolic link: only regular files are graded, and links are not followed")); continue; }
                if (entry is DirectoryInfo sub)
                {
                    if (learner is not null) continue;
                    // Jupyter's autosaves and rendered copies are not the learner's work.
                    // Nor are a repository's history and build output (a learner's whole repository, as Classroom downloads it).
                    if (entry.Name is ".ipynb_checkpoints" or "_rendered" or ".git" or "bin" or "obj") continue;
                    if (depth >= MaxDepth) { skipped.Add(new(relative, $"deeper than {MaxDepth} folders")); continue; }
                    pending.Push((sub, depth + 1, student ?? LmsNames.OfFolder(entry.Name) ?? new LmsName(entry.Name, "", "", false)));
                    continue;
                }
                bool zip = entry.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
                var lms = LmsNames.OfFile(entry.Name);
                string name = lms?.File ?? entry.Name;
                if (!zip && !isNotebook(name)) continue;
                if (!IsRegularFile(entry.FullName)) { skipped.Add(new(relative, "not a regular file (a FIFO, socket or device)")); continue; }
                var owner = student ?? lms ?? new LmsName(System.IO.Path.GetFileNameWithoutExtension(name), "", "", false);
                var raw = owner.LmsId.Length > 0 ? LmsNames.LearnerId(owner) : owner.Learner;
                IReadOnlyList<string> aliases = owner.LmsId.Length > 0 ? [owner.LmsId, owner.Learner] : [];
                bool late = owner.MarkedLate || lms?.MarkedLate == true;
                if (zip)
                {
                    if (unpackInto is null) { skipped.Add(new(relative, "a zip file (not unpacked here)")); continue; }
                    var (notebooks, refused) = SubmissionArchive.Unpack(entry.FullName, System.IO.Path.Combine(unpackInto, (zips++).ToString(System.Globalization.CultureInfo.InvariantCulture)), relative, isNotebook);
                    skipped.AddRange(refused);
                    found.AddRange(notebooks.Select(n => (raw, n.Path, n.Name, aliases, late)));
                    continue;
                }
                if (((FileInfo)entry).Length > MaxFileBytes) { skipped.Add(new(relative, $"larger than {MaxFileBytes >> 20} MiB")); continue; }
                found.Add((raw, entry.FullName, name, aliases, late));
            }
        }
        var ids = SafeIds(found.Select(f => f.Raw).Distinct().ToList());
        return (found.Select(f => new FoundNotebook(ids[f.Raw], f.Path, f.Name, f.Aliases, f.Late)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList(), skipped);
    }

    /// <summary>A safe, unique id for each raw learner name (see the class summary).</summary>
    public static IReadOnlyDictionary<string, string> SafeIds(IReadOnlyList<string> raw)
    {
        var cleaned = raw.ToDictionary(r => r, Clean);
        // Kept apart: ids equal after cleaning, or whose feedback file names would be equal (case-insensitively, as
        // on Windows and macOS file systems).
        var clashing = cleaned.GroupBy(kv => Gradebook.FileName(kv.Value).ToLowerInvariant()).Where(g => g.Count() > 1).SelectMany(g => g.Select(kv => kv.Key)).ToHashSet();
        return cleaned.ToDictionary(kv => kv.Key, kv => clashing.Contains(kv.Key) ? $"{kv.Value}-{Hash(kv.Key)}" : kv.Value);
    }

    /// <summary>The id for one raw name: printable characters only, at most <see cref="MaxIdLength"/> (longer names
    /// keep their start and a hash of the whole).</summary>
    public static string Clean(string raw)
    {
        var sb = new StringBuilder();
        foreach (var c in raw.Normalize(NormalizationForm.FormC))
            if (!char.IsControl(c) && !IsBidiControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format) sb.Append(c);
        var id = sb.ToString().Trim();
        if (id.Length == 0) id = "learner-" + Hash(raw);
        return id.Length > MaxIdLength ? id[..(MaxIdLength - 9)] + "-" + Hash(raw) : id;
    }

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..8];

    private static string Relative(string root, string path) => System.IO.Path.GetRelativePath(root, path);

    /// <summary>Whether <paramref name="path"/> is a regular file, not following a final symbolic link.</summary>
    public static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var attributes = File.GetAttributes(path);
            return (attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint | FileAttributes.Device)) == 0;
        }
        // .NET exposes no file type (a FIFO reads as a "Normal" file, and opening one blocks until a writer comes), and
        // a package for this one call would bring a native library of its own (Mono.Unix, last released in 2021). The
        // runtime's own native shim has lstat with a fixed layout: Flags, then Mode with the S_IFMT type bits.
        var status = new byte[512];
        if (LStat(path, status) != 0) return false;
        int mode = BitConverter.ToInt32(status, 4);
        return (mode & 0xF000) == 0x8000;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);
}
