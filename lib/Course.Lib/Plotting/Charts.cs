using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Course.Plotting;

/// <summary>
/// The few chart shapes the lessons draw again and again, built on Plotly.NET so they stay interactive (zoom, hover,
/// toggle a cluster by clicking its legend entry). Anything else: use <c>Plotly.NET.CSharp.Chart</c> directly.
/// </summary>
public static class Charts
{
    /// <summary>A 2-D scatter coloured by label (one legend entry per label, -1 shown as "noise"), with optional
    /// centroids drawn as crosses. Uses the first two columns of <paramref name="x"/>.</summary>
    public static GenericChart Clusters(Matrix x, IReadOnlyList<int> labels, Matrix? centroids = null, string title = "", IReadOnlyList<string>? labelNames = null, int width = 650, int height = 500)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(x.Rows, labels.Count, nameof(labels));
        if (centroids is not null && centroids.Cols < 2) throw new ArgumentException("centroids need at least 2 columns.", nameof(centroids));
        if (x.Cols < 2) throw new ArgumentException("a 2-D scatter needs at least 2 columns.", nameof(x));
        var traces = new List<GenericChart>();
        foreach (var g in Enumerable.Range(0, x.Rows).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            string name = g.Key < 0 ? "noise" : labelNames is not null && g.Key < labelNames.Count ? labelNames[g.Key] : $"cluster {g.Key}";
            double[] xs = g.Select(i => x[i, 0]).ToArray(), ys = g.Select(i => x[i, 1]).ToArray();
            traces.Add(g.Key < 0
                ? Chart.Point<double, double, string>(x: xs, y: ys, Name: name, MarkerColor: Color.fromString("lightgrey"), Opacity: 0.75)
                : Chart.Point<double, double, string>(x: xs, y: ys, Name: name, Opacity: 0.75));
        }
        if (centroids is not null)
            traces.Add(Chart.Point<double, double, string>(x: centroids.Column(0), y: centroids.Column(1), Name: "centroids",
                MarkerSymbol: StyleParam.MarkerSymbol.X, MarkerColor: Color.fromString("black")));
        return Chart.Combine(traces).Titled(title).WithSize(width, height);
    }

    /// <summary>A line chart of y against x with markers, e.g. an elbow curve or a loss history.</summary>
    public static GenericChart Line(IReadOnlyList<double> x, IReadOnlyList<double> y, string title = "", string xTitle = "", string yTitle = "", string name = "")
        => Chart.Line<double, double, string>(x: x.ToArray(), y: y.ToArray(), Name: name, ShowMarkers: true)
            .Titled(title).WithXAxisStyle<double, double, string>(TitleText: xTitle).WithYAxisStyle<double, double, string>(TitleText: yTitle).WithSize(650, 400);

    /// <summary>Rousseeuw's silhouette plot: each cluster's per-point silhouettes sorted as horizontal bars, with the
    /// mean as a dashed line. Points below 0 sit closer to another cluster than to their own.</summary>
    public static GenericChart SilhouettePlot(IReadOnlyList<double> samples, IReadOnlyList<int> labels, string title = "")
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(samples.Count, labels.Count, nameof(labels));
        var traces = new List<GenericChart>();
        int offset = 0;
        foreach (var g in Enumerable.Range(0, samples.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var values = g.Select(i => samples[i]).OrderByDescending(v => v).ToArray();
            var positions = Enumerable.Range(offset, values.Length).Select(p => (double)p).ToArray();
            traces.Add(Chart.Bar<double, double, string>(values: values, Keys: positions, Name: $"cluster {g.Key}"));
            offset += values.Length + 10;
        }
        double mean = samples.Average();
        traces.Add(Chart.Line<double, double, string>(x: [mean, mean], y: [0.0, offset], Name: $"mean {mean:F3}", LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("red")));
        return Chart.Combine(traces).Titled(title).WithXAxisStyle<double, double, string>(TitleText: "silhouette").WithSize(650, 500);
    }

    /// <summary>Sets the chart's title (Plotly.NET.CSharp 0.14 has no C# wrapper for it).</summary>
    public static GenericChart Titled(this GenericChart chart, string title)
        => Plotly.NET.Chart.withTitle(title, Microsoft.FSharp.Core.FSharpOption<Font>.None).Invoke(chart);
}
