using System.Security.Cryptography;
using System.Collections.Concurrent;

namespace Course.Data;

/// <summary>
/// Finds the kit's <c>datasets/</c> folder and opens its files after checking each against the SHA-256 recorded here,
/// so a truncated download or an edited file fails loudly instead of training on wrong data.
/// </summary>
public static class DatasetFiles
{
    /// <summary>SHA-256 of every shipped file, by path relative to <c>datasets/</c> (also listed in datasets/README.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> Checksums = new Dictionary<string, string>
    {
        ["iris.csv"] = "9cc1c345c71bcc9b486b74cbf6063fa66f4bb5e0f603a4b3c3471ec2e5e8e355",
        ["wine_data.csv"] = "bafc97afa2272002ba7475929632cf1425754f8055d1be1b3b11bd63d110d866",
        ["digits.csv.gz"] = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a",
        ["fashion-mnist/t10k-images-idx3-ubyte.gz"] = "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
        ["fashion-mnist/t10k-labels-idx1-ubyte.gz"] = "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
    };

    // Path -> (length, last write) of the version whose checksum was verified: a file changed afterwards is hashed again.
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Written)> Checked = new();

    /// <summary>
    /// The <c>datasets/</c> folder: <c>$COURSE_DATASETS</c> when set, else the first <c>datasets/</c> holding
    /// <c>README.md</c> found walking up from the current directory or from this library's location.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">no such folder was found.</exception>
    public static string Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("COURSE_DATASETS");
            if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : throw new DirectoryNotFoundException($"COURSE_DATASETS points to '{env}', which does not exist.");
            foreach (var start in new[] { Directory.GetCurrentDirectory(), Path.GetDirectoryName(typeof(DatasetFiles).Assembly.Location) ?? "" })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "datasets");
                    if (File.Exists(Path.Combine(candidate, "README.md"))) return candidate;
                }
            }
            throw new DirectoryNotFoundException("the kit's datasets/ folder was not found above the current directory or the library; set COURSE_DATASETS to its path.");
        }
    }

    /// <summary>The full path of a shipped file (under <paramref name="root"/>, default <see cref="Root"/>) after verifying its
    /// checksum (again whenever the file's length or modification time changes, so an edited file is never served unchecked).</summary>
    /// <exception cref="InvalidDataException">the file's SHA-256 differs from the recorded one.</exception>
    public static string Verified(string relativePath, string? root = null)
    {
        if (!Checksums.TryGetValue(relativePath, out var expected))
            throw new ArgumentException($"'{relativePath}' is not a file the kit ships; known files: {string.Join(", ", Checksums.Keys)}.", nameof(relativePath));
        var path = Path.Combine(root ?? Root, relativePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"dataset file missing: {path}", path);
        var info = new FileInfo(path);
        var version = (info.Length, info.LastWriteTimeUtc);
        if (!Checked.TryGetValue(path, out var seen) || seen != version)
        {
            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (actual != expected)
            {
                Checked.TryRemove(path, out _);
                throw new InvalidDataException($"checksum mismatch for {relativePath}: expected SHA-256 {expected}, found {actual}. Restore the file from the repository.");
            }
            Checked[path] = version;
        }
        return path;
    }
}
