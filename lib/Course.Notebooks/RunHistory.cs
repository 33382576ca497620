using System.Text.Json;

namespace Course.Notebooks;

/// <summary>When a notebook last ran, how long it took and whether it passed.</summary>
public sealed record RunRecord(string Notebook, double Seconds, DateTimeOffset Finished, bool Succeeded);

/// <summary>
/// The record of runs kept beside the rendered pages (<c>runs.json</c> in the output folder), so that <c>list</c>
/// and the course index can show every lesson's last run even when a run covered only one lesson.
/// </summary>
public static class RunHistory
{
    private const string FileName = "runs.json";
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The records in <paramref name="folder"/> by rendered name (the notebook's file name without its
    /// extension, so a lesson run as .dib or as .ipynb is one entry, as its pages are); empty when none or unreadable.</summary>
    public static Dictionary<string, RunRecord> Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return new();
        try
        {
            var records = JsonSerializer.Deserialize<List<RunRecord?>>(File.ReadAllText(path), Options) ?? [];
            return records.OfType<RunRecord>().Where(r => r.Notebook is not null)
                .GroupBy(r => Key(r.Notebook)).ToDictionary(g => g.Key, g => g.Last());
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new(); // a hand-edited, truncated or unreadable file only loses the history, never the run
        }
    }

    /// <summary>The key a notebook's record is kept under: its file name without the extension.</summary>
    public static string Key(string notebook) => Path.GetFileNameWithoutExtension(notebook);

    /// <summary>Adds <paramref name="record"/> to the history in <paramref name="folder"/>, replacing the notebook's previous one.</summary>
    public static void Save(string folder, RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var all = Load(folder);
        all[Key(record.Notebook)] = record;
        // Written beside and moved into place, so a run stopped mid-write (a timed-out cell ends the process) leaves
        // the previous history whole.
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(all.Values.OrderBy(r => r.Notebook, StringComparer.Ordinal).ToList(), Options));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
