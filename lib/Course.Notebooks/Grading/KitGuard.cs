namespace Course.Notebooks.Grading;

/// <summary>
/// The kit's assemblies (their bytes) as they were when grading began. Under <see cref="Isolation.Process"/> a submission could
/// overwrite them to make every later check pass; the grader compares them after each child and puts them back.
/// (Under namespaces the kit is read-only to children and this never fires.)
/// </summary>
internal sealed class KitGuard
{
    private readonly Dictionary<string, byte[]> original;

    private KitGuard(Dictionary<string, byte[]> original) => this.original = original;

    public static KitGuard Capture() => new(Directory.EnumerateFiles(KitPaths.KitBin, "Course.*.dll").ToDictionary(p => p, File.ReadAllBytes));

    /// <summary>Restores any changed or deleted assembly; true when one had changed.</summary>
    public bool RestoreIfChanged()
    {
        bool changed = false;
        lock (original)
        foreach (var (path, bytes) in original)
        {
            bool same;
            try { same = File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes); }
            catch (IOException) { same = false; }
            if (same) continue;
            changed = true;
            File.WriteAllBytes(path, bytes);
        }
        return changed;
    }
}
