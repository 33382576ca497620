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

    /// <summary>The records in <paramref name="folder"/> by notebook file name; empty when none (or unreadable).</summary>
    public static Dictionary<string, RunRecord> Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return new();
        try
        {
            var records = JsonSerializer.Deserialize<List<RunRecord>>(File.ReadAllText(path), Options) ?? [];
            return records.Where(r => r?.Notebook is not null).GroupBy(r => r.Notebook).ToDictionary(g => g.Key, g => g.Last());
        }
        catch (JsonException)
        {
            return new(); // a hand-edited or truncated file only loses the history, never the run
        }
    }

    /// <summary>Adds <paramref name="record"/> to the history in <paramref name="folder"/>, replacing the notebook's previous one.</summary>
    public static void Save(string folder, RunRecord record)
    {
        var all = Load(folder);
        all[record.Notebook] = record;
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(all.Values.OrderBy(r => r.Notebook, StringComparer.Ordinal).ToList(), Options));
    }
}
