using Plotly.NET;

namespace Course.Plotting;

/// <summary>Charts side by side in one HTML row (wrapping on a narrow screen): the way to compare embeddings of the
/// same data, each still a full interactive chart.</summary>
public static class Panels
{
    /// <summary>The charts in a flex row, each at its own size.</summary>
    public static string Row(params GenericChart[] charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Length == 0) throw new ArgumentException("give at least one chart.", nameof(charts));
        return "<div style=\"display:flex;flex-wrap:wrap;gap:4px;align-items:flex-start\">"
            + string.Concat(charts.Select(c => $"<div>{OfflinePlotly.ChartHtml(c)}</div>")) + "</div>";
    }
}
