using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace Course.Plotting;

/// <summary>Charts side by side in one HTML row: the way to compare embeddings of the same data, each still a full
/// interactive chart. The row fits the page's content column: charts narrow (to 70 % at most) to share a row, and
/// go on to further rows only when that is not enough, so a row of three never wraps two and one.</summary>
public static class Panels
{
    /// <summary>The width of the content column of the kit's pages (980 px less the padding) and about that of a
    /// notebook's output area in VS Code: a row of charts is laid out to fit it.</summary>
    public const int ColumnWidth = 932;

    private const int Gap = 4;
    private const double SmallestScale = 0.7;

    /// <summary>The charts in rows that fit <see cref="ColumnWidth"/>: as many to a row as fit at 70 % or more of
    /// their width, each row narrowed together to fit (never widened; heights stay).</summary>
    public static string Row(params GenericChart[] charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Length == 0) throw new ArgumentException("give at least one chart.", nameof(charts));
        var sizes = charts.Select(Size).ToArray();
        int perRow = charts.Length;
        while (perRow > 1 && Scale(sizes.Select(s => s.Width).OrderDescending().Take(perRow).ToList()) < SmallestScale) perRow--;
        var html = new System.Text.StringBuilder();
        for (int start = 0; start < charts.Length; start += perRow)
        {
            var row = Enumerable.Range(start, Math.Min(perRow, charts.Length - start)).ToList();
            double scale = Math.Min(1, Scale(row.Select(i => sizes[i].Width).ToList()));
            html.Append($"<div style=\"display:flex;gap:{Gap}px;align-items:flex-start\">");
            foreach (var i in row)
            {
                // Narrower, not shorter: a shorter chart could no longer hold its legend beside the plot.
                var chart = scale < 1 ? charts[i].WithSize((int)(sizes[i].Width * scale), sizes[i].Height) : charts[i];
                html.Append("<div>").Append(OfflinePlotly.ChartHtml(chart)).Append("</div>");
            }
            html.Append("</div>");
        }
        return html.ToString();
    }

    /// <summary>Figures already laid out as HTML (sliders, <see cref="Slider.Html"/>) side by side, at the sizes they
    /// were drawn at: give each its share of <see cref="ColumnWidth"/> when you draw it. A figure that does not fit goes
    /// on to the next line rather than overflowing the column.</summary>
    public static string Row(params string[] figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Length == 0) throw new ArgumentException("give at least one figure.", nameof(figures));
        if (figures.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("a figure is empty.", nameof(figures));
        return $"<div style=\"display:flex;flex-wrap:wrap;gap:{Gap}px;align-items:flex-start\">"
            + string.Concat(figures.Select(f => "<div>" + f + "</div>")) + "</div>";
    }

    // The factor that makes charts of these widths fill the column with gaps between them.
    private static double Scale(IReadOnlyList<int> widths) => (ColumnWidth - Gap * (widths.Count - 1)) / (double)widths.Sum();

    // A chart's size as set by WithSize, or plotly.js's default 700 x 450.
    private static (int Width, int Height) Size(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        var w = layout.TryGetTypedPropertyValue<int>("width");
        var h = layout.TryGetTypedPropertyValue<int>("height");
        return (FSharpOption<int>.get_IsSome(w) ? w.Value : 700, FSharpOption<int>.get_IsSome(h) ? h.Value : 450);
    }
}
