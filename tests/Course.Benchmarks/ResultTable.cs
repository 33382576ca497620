using System.Globalization;
using System.Text;

namespace Course.Benchmarks;

/// <summary>
/// The final table: one line per side per workload, then a line with the time ratio and the quality difference.
/// Metric columns are the union of every workload's metric names, so a new workload's metrics appear without
/// changes here.
/// </summary>
public static class ResultTable
{
    /// <summary>The table as text, ready to print.</summary>
    public static string Format(IReadOnlyList<WorkloadResult> results, int repeats)
    {
        var metricNames = results.SelectMany(r => r.Ours.Metrics.Keys.Concat(r.Reference.Metrics.Keys)).Distinct().ToList();
        bool perIteration = metricNames.Contains("n_iter");
        var header = new List<string> { "workload", "side", "median s", "min s" };
        header.AddRange(metricNames);
        if (perIteration) header.Add("ms/iter");

        var rows = new List<string[]>();
        var notes = new Dictionary<int, string>(); // row index after which a summary line goes
        foreach (var r in results)
        {
            rows.Add(Row(r.Workload.Name, "ours", r.Ours, metricNames, perIteration));
            rows.Add(Row("", r.Workload.ReferenceName, r.Reference, metricNames, perIteration));
            string quality = r.QualityRelativeDifference is { } q
                ? $"; {r.Workload.QualityMetric} (ours - {r.Workload.ReferenceName}) / {r.Workload.ReferenceName} = {q.ToString("+0.00e+00;-0.00e+00;0", CultureInfo.InvariantCulture)}"
                : "";
            notes[rows.Count - 1] = $"{r.Workload.ReferenceName}/ours time = {r.SpeedRatio:F2} ({r.Verdict}){quality}";
        }

        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[c].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Line(header, widths));
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        for (int i = 0; i < rows.Count; i++)
        {
            text.AppendLine(Line(rows[i], widths));
            if (notes.TryGetValue(i, out var note)) text.AppendLine($"{new string(' ', widths[0])}  => {note}");
        }
        text.AppendLine($"Times are wall-clock medians of {repeats} runs after warm-up; ms/iter = median / n_iter, fixed costs and any seeding included.");
        text.Append("reference/ours > 1 means ours is faster. Metrics are from the last timed run.");
        return text.ToString();
    }

    private static string[] Row(string name, string side, SideResult s, List<string> metricNames, bool perIteration)
    {
        var cells = new List<string> { name, side, s.Median.ToString("F3", CultureInfo.InvariantCulture), s.Min.ToString("F3", CultureInfo.InvariantCulture) };
        foreach (var m in metricNames)
            cells.Add(s.Metrics.TryGetValue(m, out var v) ? FormatMetric(m, v) : "-");
        if (perIteration) cells.Add(s.SecondsPerIteration is { } t ? (t * 1000).ToString("F2", CultureInfo.InvariantCulture) : "-");
        return cells.ToArray();
    }

    /// <summary>Counts as integers; other values with three decimals, enough to see where two inertias part.</summary>
    public static string FormatMetric(string name, double value) =>
        name == "n_iter" ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) is >= 1e-3 and < 1e12 ? value.ToString("F3", CultureInfo.InvariantCulture)
        : value.ToString("G6", CultureInfo.InvariantCulture);

    // Text left-aligned (the first two columns), numbers right-aligned.
    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
