using System.IO.Compression;

namespace Course.Notebooks.Grading;

/// <summary>
/// Unpacks the notebooks of a learner's zip file without trusting it. The archive is refused whole when it is not a
/// zip or lists more than <see cref="MaxEntries"/> entries (a zip of ten thousand files is an attack, not a lesson).
/// Of its entries only notebooks are written, each to a folder of its own under the destination named by the entry's
/// position, so no entry's path decides where a file lands; entries whose path climbs out (<c>..</c>, an absolute
/// path, a drive), symbolic links, nested zips, macOS resource forks and files over <see cref="SubmissionFiles.MaxFileBytes"/>
/// (counted as they are written, not as the archive claims) or beyond <see cref="MaxTotalBytes"/> in all are skipped,
/// each with its reason. A written file keeps the entry's time, which late flags read.
/// </summary>
public static class SubmissionArchive
{
    /// <summary>Most entries an archive may list.</summary>
    public const int MaxEntries = 1000;
    /// <summary>Most bytes written from one archive.</summary>
    public const long MaxTotalBytes = 64L << 20;

    /// <summary>Unpacks the notebooks (by <paramref name="isNotebook"/>) of <paramref name="zip"/> into
    /// <paramref name="into"/> (created). <paramref name="shownAs"/> names the archive in skipped entries.</summary>
    public static (IReadOnlyList<(string Name, string Path)> Notebooks, IReadOnlyList<SkippedEntry> Skipped) Unpack(
        string zip, string into, string shownAs, Func<string, bool> isNotebook)
    {
        var notebooks = new List<(string, string)>();
        var skipped = new List<SkippedEntry>();
        ZipArchive archive;
        try { archive = ZipFile.OpenRead(zip); }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (notebooks, [new SkippedEntry(shownAs, $"not a readable zip file ({e.Message})")]);
        }
        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
                return (notebooks, [new SkippedEntry(shownAs, $"a zip of {archive.Entries.Count:N0} entries, more than {MaxEntries:N0}: not unpacked")]);
            long written = 0;
            int others = 0;
            for (int i = 0; i < archive.Entries.Count; i++)
            {
                var entry = archive.Entries[i];
                string path = entry.FullName, shown = $"{shownAs}!{SubmissionFiles.Clean(path)}";
                if (path.EndsWith('/') && entry.Length == 0) continue; // a folder
                string name = path.Split('/', '\\')[^1];
                string? why =
                    path.Split('/', '\\').Any(part => part == "..") || path.StartsWith('/') || path.StartsWith('\\') || path.Contains(':')
                        ? "a path leading out of the zip's folder"
                    : ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000 ? "a symbolic link inside the zip: only regular files are graded"
                    : name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "a zip inside the zip: not unpacked"
                    : path.StartsWith("__MACOSX/", StringComparison.Ordinal) || name.StartsWith("._", StringComparison.Ordinal) ? "a macOS resource fork, not a notebook"
                    : name != SubmissionFiles.Clean(name) || name.Length == 0 ? "a file name with control characters"
                    : null;
                if (why is null && !isNotebook(name)) { others++; continue; }
                if (why is null && written >= MaxTotalBytes) why = $"beyond the {MaxTotalBytes >> 20} MiB unpacked from this zip";
                if (why is null)
                {
                    var target = Path.Combine(Directory.CreateDirectory(Path.Combine(into, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName, name);
                    long size;
                    try { size = Copy(entry, target, Math.Min(SubmissionFiles.MaxFileBytes, MaxTotalBytes - written)); }
                    catch (Exception e) when (e is InvalidDataException or IOException) { size = -2; why = $"cannot be unpacked ({e.Message})"; }
                    if (size < 0) File.Delete(target);
                    if (size == -1) why = $"larger than {SubmissionFiles.MaxFileBytes >> 20} MiB unpacked, or past the zip's {MaxTotalBytes >> 20} MiB";
                    if (size >= 0)
                    {
                        written += size;
                        try { File.SetLastWriteTimeUtc(target, entry.LastWriteTime.UtcDateTime); }
                        catch (ArgumentOutOfRangeException) { } // a time outside what the file system holds: the unpacking time stands
                        notebooks.Add((name, target));
                    }
                }
                if (why is not null) skipped.Add(new SkippedEntry(shown, why));
            }
            if (others > 0) skipped.Add(new SkippedEntry(shownAs, $"{others} file(s) in the zip that are not notebooks (.dib, .ipynb, .cs)"));
        }
        return (notebooks, skipped);
    }

    // Copies at most limit bytes; -1 (and a partial file) when the entry holds more, whatever its header says.
    private static long Copy(ZipArchiveEntry entry, string target, long limit)
    {
        using var from = entry.Open();
        using var to = File.Create(target);
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = from.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += n;
            if (total > limit) return -1;
            to.Write(buffer, 0, n);
        }
        return total;
    }
}
