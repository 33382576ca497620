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
    /// centroids drawn as crosses, and optional hover text per point. Uses the first two columns of <paramref name="x"/>.
    /// With <paramref name="legend"/> false the legend goes and the margins shrink, for small multiples in a
    /// <see cref="Panels.Row(GenericChart[])"/> (colours still follow the labels, so equal labels match across panels). A legend that
    /// would not fit beside the plot gives way to each class's name written at the median of its points.
    /// <paramref name="centroidPaths"/> (K-means's <c>History</c>: the centroids at each iteration) draws each
    /// centroid's path, its points in its cluster's colour.</summary>
    public static GenericChart Clusters(Matrix x, IReadOnlyList<int> labels, Matrix? centroids = null, string title = "", IReadOnlyList<string>? labelNames = null, int width = 650, int height = 500, IReadOnlyList<string>? hoverText = null, bool legend = true,
        IReadOnlyList<Matrix>? centroidPaths = null)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(x.Rows, labels.Count, nameof(labels));
        if (centroids is not null && centroids.Cols < 2) throw new ArgumentException("centroids need at least 2 columns.", nameof(centroids));
        if (x.Cols < 2) throw new ArgumentException("a 2-D scatter needs at least 2 columns.", nameof(x));
        if (hoverText is not null) Guard.SameLength(x.Rows, hoverText.Count, nameof(hoverText));
        // A legend whose entries do not fit beside the plot would scroll (ten classes in a 300-pixel small multiple):
        // then each class is named on the plot, at the median of its points, in its colour, and the legend goes.
        bool named = legend && labels.Where(l => l >= 0).Distinct().Count() is var classes && classes > 1 && LegendScrolls(classes, height);
        if (named) legend = false;
        var traces = new List<GenericChart>();
        foreach (var g in Enumerable.Range(0, x.Rows).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            string name = g.Key < 0 ? "noise" : labelNames is not null && g.Key < labelNames.Count ? labelNames[g.Key] : $"cluster {g.Key}";
            double[] xs = g.Select(i => x[i, 0]).ToArray(), ys = g.Select(i => x[i, 1]).ToArray();
            var text = hoverText is null ? g.Select(i => $"point {i}").ToArray() : g.Select(i => hoverText[i]).ToArray();
            traces.Add(g.Key < 0
                ? Chart.Point<double, double, string>(x: xs, y: ys, Name: name, MarkerColor: Color.fromString("lightgrey"), Opacity: 0.75, MultiText: text, ShowLegend: legend)
                // The colour follows the label itself, not the trace's position: a noise trace, or a label missing from one
                // panel, must not shift the colours of the others (truth and result side by side must match).
                : Chart.Point<double, double, string>(x: xs, y: ys, Name: name, MarkerColor: Color.fromString(Palette.Of(g.Key)), Opacity: 0.75, MultiText: text, ShowLegend: legend));
        }
        if (centroidPaths is { Count: > 0 })
            for (int j = 0; j < centroidPaths[0].Rows; j++)
            {
                int c = j;
                traces.Add(Chart.Line<double, double, string>(x: centroidPaths.Select(m => m[c, 0]).ToArray(), y: centroidPaths.Select(m => m[c, 1]).ToArray(),
                    Name: $"centroid {c}'s path", ShowMarkers: true, LineColor: Color.fromString("#333"), MarkerColor: Color.fromString(Palette.Of(c)), ShowLegend: false,
                    MultiText: Enumerable.Range(0, centroidPaths.Count).Select(i => $"centroid {c} after {i} iteration{(i == 1 ? "" : "s")}").ToArray()));
            }
        if (centroids is not null)
            traces.Add(Chart.Point<double, double, string>(x: centroids.Column(0), y: centroids.Column(1), Name: "centroids",
                MarkerSymbol: StyleParam.MarkerSymbol.X, MarkerColor: Color.fromString("black"), ShowLegend: legend));
        var chart = Chart.Combine(traces).Titled(title).WithSize(width, height);
        if (named) chart = NameClassesOnPlot(chart, x, labels, labelNames);
        return legend ? chart : ThinMargins(chart);
    }

    /// <summary>Whether a legend of <paramref name="entries"/> names would scroll in a chart <paramref name="height"/>
    /// pixels tall: plotly.js gives each entry about 19 pixels beside the plot area, the height less its default
    /// margins (100 above, 80 below), and scrolls a longer legend.</summary>
    public static bool LegendScrolls(int entries, int height) => entries * 19 > height - 180;

    // Each class's name at the median of its points, in the class's colour on a light ground.
    private static GenericChart NameClassesOnPlot(GenericChart chart, Matrix x, IReadOnlyList<int> labels, IReadOnlyList<string>? labelNames)
    {
        static double Median(IEnumerable<double> v) { var s = v.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
        var annotations = Enumerable.Range(0, x.Rows).Where(i => labels[i] >= 0).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => (object)new Dictionary<string, object>
        {
            ["x"] = Median(g.Select(i => x[i, 0])), ["y"] = Median(g.Select(i => x[i, 1])),
            ["text"] = labelNames is not null && g.Key < labelNames.Count ? labelNames[g.Key] : $"{g.Key}",
            ["showarrow"] = false, ["bgcolor"] = "rgba(255,255,255,0.75)",
            ["font"] = new Dictionary<string, object> { ["color"] = Palette.Of(g.Key), ["size"] = 12 },
        }).ToArray();
        var layout = new Plotly.NET.Layout();
        layout.SetProperty("annotations", annotations);
        layout.SetProperty("showlegend", false);
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }

    /// <summary>A 3-D scatter coloured by label, from the first three columns of <paramref name="x"/>: data whose
    /// shape a 2-D map must flatten (linked rings, a Swiss roll), shown as it is, to be turned with the mouse. Colours
    /// follow the labels as in <see cref="Clusters"/>, so a 3-D view and its 2-D maps match.</summary>
    public static GenericChart Clusters3D(Matrix x, IReadOnlyList<int> labels, string title = "", IReadOnlyList<string>? labelNames = null, int width = 500, int height = 450, bool legend = true)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(x.Rows, labels.Count, nameof(labels));
        if (x.Cols < 3) throw new ArgumentException("a 3-D scatter needs at least 3 columns.", nameof(x));
        var traces = Enumerable.Range(0, x.Rows).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g =>
        {
            string name = g.Key < 0 ? "noise" : labelNames is not null && g.Key < labelNames.Count ? labelNames[g.Key] : $"cluster {g.Key}";
            // Small markers (plotly's 3-D default is large enough to hide a ring's shape); set as plotly.js keys.
            var marker = new Plotly.NET.TraceObjects.Marker();
            marker.SetProperty("color", g.Key < 0 ? "lightgrey" : Palette.Of(g.Key));
            marker.SetProperty("size", 3);
            return Chart.Point3D<double, double, double, string>(x: g.Select(i => x[i, 0]).ToArray(), y: g.Select(i => x[i, 1]).ToArray(), z: g.Select(i => x[i, 2]).ToArray(),
                Name: name, Marker: marker, Opacity: 0.8, ShowLegend: legend);
        });
        // Equal scales on the three axes ("data" aspect), so a circle looks round however the data is placed.
        var scene = new Plotly.NET.LayoutObjects.Scene();
        scene.SetProperty("aspectmode", "data");
        var chart = Plotly.NET.Chart.withScene(scene, null).Invoke(Chart.Combine(traces).Titled(title).WithSize(width, height));
        return legend ? chart : ThinMargins(chart);
    }

    /// <summary>A line chart of y against x with markers, e.g. an elbow curve or a loss history.</summary>
    public static GenericChart Line(IReadOnlyList<double> x, IReadOnlyList<double> y, string title = "", string xTitle = "", string yTitle = "", string name = "", int width = 650, int height = 400)
        => Chart.Line<double, double, string>(x: x.ToArray(), y: y.ToArray(), Name: name, ShowMarkers: true)
            .Titled(title).WithXAxisStyle<double, double, string>(TitleText: xTitle).WithYAxisStyle<double, double, string>(TitleText: yTitle).WithSize(width, height);

    /// <summary>Rousseeuw's silhouette plot: each cluster's per-point silhouettes sorted, one horizontal bar per point
    /// drawn as the cluster's filled profile in its colour (the colours of <see cref="Clusters"/>), with the mean as a
    /// dashed line. Points below 0 sit closer to another cluster than to their own. With
    /// <paramref name="legend"/> false (small multiples, one per k) the legend goes and the margins shrink.</summary>
    public static GenericChart SilhouettePlot(IReadOnlyList<double> samples, IReadOnlyList<int> labels, string title = "", int width = 650, int height = 500, bool legend = true)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(samples.Count, labels.Count, nameof(labels));
        var traces = new List<GenericChart>();
        var ticks = new List<(double At, string Label)>();
        int offset = 0, gap = Math.Max(6, samples.Count / 60);
        foreach (var g in Enumerable.Range(0, samples.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            // Each cluster is one filled outline of its points' silhouettes, sorted, a point per row: drawn as one bar
            // per point (with plotly's white outlines) 800 points in 300 pixels were a pale wash with no length to read.
            var values = g.Select(i => samples[i]).OrderByDescending(v => v).ToArray();
            var x = new double[values.Length + 2];
            var y = new double[values.Length + 2];
            y[0] = offset;
            for (int j = 0; j < values.Length; j++) { x[j + 1] = values[j]; y[j + 1] = offset + j; }
            y[^1] = offset + values.Length - 1;
            var colour = Color.fromString(g.Key < 0 ? "lightgrey" : Palette.Of(g.Key));
            traces.Add(Chart.Line<double, double, string>(x: x, y: y, Name: $"cluster {g.Key}", ShowLegend: legend, LineColor: colour, LineWidth: 1,
                Fill: StyleParam.Fill.ToSelf, FillColor: colour));
            ticks.Add((offset + (values.Length - 1) / 2.0, g.Key < 0 ? "noise" : $"{g.Key}"));
            offset += values.Length + gap;
        }
        double mean = samples.Average();
        traces.Add(Chart.Line<double, double, string>(x: [mean, mean], y: [-gap, offset], Name: $"mean {mean:F3}", LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("red"), ShowLegend: legend));
        var yAxis = new Plotly.NET.LayoutObjects.LinearAxis();
        yAxis.SetProperty("tickvals", ticks.Select(t => t.At).ToArray());
        yAxis.SetProperty("ticktext", ticks.Select(t => t.Label).ToArray());
        yAxis.SetProperty("title", new Dictionary<string, object> { ["text"] = "cluster (its points sorted)" });
        yAxis.SetProperty("showgrid", false);
        yAxis.SetProperty("zeroline", false);
        var chart = Plotly.NET.Chart.withYAxis(yAxis, Microsoft.FSharp.Core.FSharpOption<StyleParam.SubPlotId>.None).Invoke(
            Chart.Combine(traces).Titled(title).WithXAxisStyle<double, double, string>(TitleText: "silhouette", MinMax: Tuple.Create(Math.Min(-0.1, samples.Min() - 0.02), 1.0)).WithSize(width, height));
        return legend ? chart : ThinMargins(chart, left: 45, bottom: 40);
    }

    /// <summary>A 2-D scatter coloured by a continuous value (e.g. an outlier score or a membership probability), with a
    /// colour bar; hovering a point shows its index and value. Uses the first two columns of <paramref name="x"/>.</summary>
    public static GenericChart Scores(Matrix x, IReadOnlyList<double> values, string title = "", string valueName = "score", int width = 650, int height = 500)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(values);
        Guard.SameLength(x.Rows, values.Count, nameof(values));
        if (x.Cols < 2) throw new ArgumentException("a 2-D scatter needs at least 2 columns.", nameof(x));
        // Plotly.NET objects are dynamic: setting plotly.js's own marker keys avoids Marker.init's 34 F# arguments.
        var marker = new Plotly.NET.TraceObjects.Marker();
        marker.SetProperty("color", values.ToArray());
        marker.SetProperty("colorscale", "Viridis");
        marker.SetProperty("showscale", true);
        marker.SetProperty("colorbar", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = valueName } });
        return Chart.Point<double, double, string>(x: x.Column(0), y: x.Column(1), Name: valueName, Marker: marker,
                MultiText: values.Select((v, i) => $"point {i}: {valueName} {v:G3}").ToArray())
            .Titled(title).WithSize(width, height);
    }

    /// <summary>The sorted k-distance curve of DBSCAN (<see cref="Clustering.KDistanceCurve"/>), with its elbow marked
    /// and, when given, a dashed line at a chosen <paramref name="eps"/>.</summary>
    public static GenericChart KDistance(Clustering.KDistanceCurve curve, double? eps = null, string title = "")
    {
        ArgumentNullException.ThrowIfNull(curve);
        var rank = Enumerable.Range(0, curve.Distances.Length).Select(i => (double)i).ToArray();
        var (elbow, at) = curve.Elbow();
        var traces = new List<GenericChart>
        {
            Chart.Line<double, double, string>(x: rank, y: curve.Distances, Name: $"distance to neighbour {curve.MinSamples - 1}"),
            Chart.Point<double, double, string>(x: [at], y: [elbow], Name: $"elbow: {elbow:G3}", MarkerColor: Color.fromString("red"),
                MarkerSymbol: StyleParam.MarkerSymbol.Diamond),
        };
        if (eps is double e)
            traces.Add(Chart.Line<double, double, string>(x: [0.0, rank.Length - 1], y: [e, e], Name: $"eps = {e:G3}: {curve.CoreFraction(e):P0} core",
                LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("black")));
        return Chart.Combine(traces).Titled(title)
            .WithXAxisStyle<double, double, string>(TitleText: "points, sorted by k-distance")
            .WithYAxisStyle<double, double, string>(TitleText: $"k-distance (k = {curve.MinSamples - 1})").WithSize(650, 400);
    }

    /// <summary>Precision-recall curves (recall on x), one per named detector, each with its average precision in the legend.</summary>
    public static GenericChart PrecisionRecall(string title, params (string Name, Metrics.PrecisionRecallCurve Curve)[] curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Length == 0) throw new ArgumentException("give at least one curve.", nameof(curves));
        var traces = curves.Select(c => Chart.Line<double, double, string>(x: c.Curve.Recall, y: c.Curve.Precision,
            Name: $"{c.Name} (AP {c.Curve.AveragePrecision:F2})", MultiText: c.Curve.Thresholds.Select(t => $"threshold {t:G3}").ToArray()));
        return Chart.Combine(traces).Titled(title)
            .WithXAxisStyle<double, double, string>(TitleText: "recall", MinMax: Tuple.Create(0.0, 1.02))
            .WithYAxisStyle<double, double, string>(TitleText: "precision", MinMax: Tuple.Create(0.0, 1.02)).WithSize(650, 420);
    }

    /// <summary>A 2-D scatter with arrows (segments from <paramref name="origin"/>) along given directions, e.g. the
    /// principal axes of a point cloud scaled by two standard deviations.</summary>
    public static GenericChart Arrows(Matrix x, double[] origin, IReadOnlyList<(double[] Direction, string Name)> arrows, string title = "", int width = 560, int height = 500)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(arrows);
        if (x.Cols < 2 || origin.Length < 2) throw new ArgumentException("a 2-D scatter needs at least 2 columns.", nameof(x));
        var traces = new List<GenericChart> { Chart.Point<double, double, string>(x: x.Column(0), y: x.Column(1), Name: "data", Opacity: 0.5) };
        foreach (var (direction, name) in arrows)
            traces.Add(Chart.Line<double, double, string>(x: [origin[0], origin[0] + direction[0]], y: [origin[1], origin[1] + direction[1]],
                Name: name, LineWidth: 4, ShowMarkers: true));
        // One unit is as long on both axes, so perpendicular directions look perpendicular.
        return EqualAspect(Chart.Combine(traces).Titled(title).WithSize(width, height));
    }

    /// <summary>Real points in grey behind generated ones in crimson, one unit as long on both axes, no legend (say the
    /// colours in the text): how a generative model of 2-D data (lesson 08's ring of Gaussians) is judged by eye. Uses
    /// the first two columns of each.</summary>
    /// <param name="real">Data points, n x 2 or more.</param>
    /// <param name="generated">The model's points, m x 2 or more.</param>
    /// <param name="title">Chart title; keep it short, the panels are small.</param>
    /// <param name="size">Width and height in pixels. Default 280, four to a row.</param>
    /// <param name="generatedName">What the crimson points are, shown on hover (lesson 04 draws Kernel PCA's pre-images
    /// this way). Default "generated".</param>
    public static GenericChart RealAndGenerated(Matrix real, Matrix generated, string title = "", int size = 280, string generatedName = "generated")
    {
        Guard.Data(real, nameof(real));
        Guard.Data(generated, nameof(generated));
        if (real.Cols < 2) throw new ArgumentException("a 2-D scatter needs at least 2 columns.", nameof(real));
        if (generated.Cols < 2) throw new ArgumentException("a 2-D scatter needs at least 2 columns.", nameof(generated));
        Guard.InRange(size, 100, 2000, nameof(size));
        var traces = new[]
        {
            Chart.Point<double, double, string>(x: real.Column(0), y: real.Column(1), Name: "data", MarkerColor: Color.fromString("darkgrey"), Opacity: 0.5, ShowLegend: false),
            Chart.Point<double, double, string>(x: generated.Column(0), y: generated.Column(1), Name: generatedName, MarkerColor: Color.fromString("crimson"), Opacity: 0.4, ShowLegend: false),
        };
        return EqualAspect(ThinMargins(Chart.Combine(traces).Titled(title).WithSize(size, size)));
    }

    // No legend and thin margins: small multiples come three or four to a row, and the plot area is what matters.
    private static GenericChart ThinMargins(GenericChart chart, int left = 30, int bottom = 30)
    {
        var margin = new Plotly.NET.LayoutObjects.Margin();
        margin.SetProperty("l", left); margin.SetProperty("r", 10); margin.SetProperty("t", 60); margin.SetProperty("b", bottom);
        return Plotly.NET.Chart.withMargin(margin).Invoke(chart);
    }

    private static GenericChart EqualAspect(GenericChart chart)
    {
        var yAxis = new Plotly.NET.LayoutObjects.LinearAxis();
        yAxis.SetProperty("scaleanchor", "x");
        yAxis.SetProperty("scaleratio", 1);
        return Plotly.NET.Chart.withYAxis(yAxis, Microsoft.FSharp.Core.FSharpOption<StyleParam.SubPlotId>.None).Invoke(chart);
    }

    /// <summary>Several named series on one line chart (markers on), optionally with a logarithmic x axis, e.g. accuracy
    /// against labelling budget for several strategies. Each series may carry a ± band (e.g. one standard deviation).</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, IReadOnlyList<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? Spread)> series, bool logX = false, int width = 700, int height = 450)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("give at least one series.", nameof(series));
        var traces = new List<GenericChart>();
        foreach (var (name, x, y, spread) in series)
        {
            Guard.SameLength(x.Count, y.Count, nameof(series));
            var text = spread is null ? y.Select(v => $"{v:G4}").ToArray() : y.Select((v, i) => $"{v:G4} ± {spread[i]:G2}").ToArray();
            traces.Add(Chart.Line<double, double, string>(x: x.ToArray(), y: y.ToArray(), Name: name, ShowMarkers: true, MultiText: text));
        }
        var chart = Chart.Combine(traces).Titled(title)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle).WithSize(width, height);
        if (!logX) return chart;
        var xAxis = new Plotly.NET.LayoutObjects.LinearAxis();
        xAxis.SetProperty("type", "log");
        xAxis.SetProperty("title", new Dictionary<string, object> { ["text"] = xTitle });
        return Plotly.NET.Chart.withXAxis(xAxis, Microsoft.FSharp.Core.FSharpOption<StyleParam.SubPlotId>.None).Invoke(chart);
    }

    /// <summary>Test accuracy against labels bought, one line per strategy (mean over seeds; hover for the spread),
    /// on a logarithmic axis.</summary>
    public static GenericChart LabelingCurves(Labeling.LabelingResults results, string title = "")
    {
        ArgumentNullException.ThrowIfNull(results);
        return Lines(title, "labels bought (log scale)", "test accuracy", results.Arms.Select(a =>
        {
            var (budgets, mean, std) = results.Curve(a);
            return (a, (IReadOnlyList<double>)budgets, (IReadOnlyList<double>)mean, (IReadOnlyList<double>?)std);
        }).ToList(), logX: true);
    }

    /// <summary>Overlaid histograms of several named samples (semi-transparent, the same <paramref name="bins"/> equal
    /// bins over their common range), e.g. code activations of two models or anomaly scores of two groups.</summary>
    /// <remarks>The counts are computed here and only they reach the page: plotly's own binning would carry every
    /// value (the code activations of lesson 06, 4 x 100 x 10,000 values, were 16.5 MB of its page).</remarks>
    /// <param name="title">The chart's title.</param>
    /// <param name="xTitle">The values' axis title.</param>
    /// <param name="samples">Named samples; non-finite values are left out.</param>
    /// <param name="bins">Bins over the range of all samples. Default 50.</param>
    /// <param name="logCount">Counts on a logarithmic axis, for samples whose tails differ where the counts are small.</param>
    public static GenericChart Histograms(string title, string xTitle, (string Name, IReadOnlyList<double> Values)[] samples, int bins = 50, bool logCount = false)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0) throw new ArgumentException("give at least one sample.", nameof(samples));
        Guard.Positive(bins, nameof(bins));
        var finite = samples.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        if (finite.Count == 0) throw new ArgumentException("the samples have no finite value.", nameof(samples));
        double lo = finite.Min(), hi = finite.Max(), width = hi > lo ? (hi - lo) / bins : 1;
        var centres = Enumerable.Range(0, bins).Select(b => lo + (b + 0.5) * width).ToArray();
        var traces = samples.Select(s =>
        {
            var counts = new double[bins];
            foreach (var v in s.Values)
                if (double.IsFinite(v)) counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
            var hover = counts.Select((c, b) => FormattableString.Invariant($"[{lo + b * width:G4}, {lo + (b + 1) * width:G4}): {c:N0}")).ToArray();
            return Chart.Column<double, double, string>(values: counts, Keys: centres, Name: s.Name, Opacity: 0.6, MultiText: hover, TextPosition: StyleParam.TextPosition.None);
        }).ToList();
        var chart = Chart.Combine(traces).Titled(title).WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: logCount ? "count (log scale)" : "count", AxisType: logCount ? StyleParam.AxisType.Log : StyleParam.AxisType.Auto).WithSize(650, 400);
        var layout = new Plotly.NET.Layout();
        layout.SetProperty("barmode", "overlay");
        layout.SetProperty("bargap", 0);   // equal bins side by side, as a histogram draws them
        return Plotly.NET.Chart.withLayout(layout).Invoke(chart);
    }

    /// <summary>The same with the samples as the last arguments.</summary>
    public static GenericChart Histograms(string title, string xTitle, params (string Name, IReadOnlyList<double> Values)[] samples) => Histograms(title, xTitle, samples, 50);

    /// <summary>A row of greyscale images (each row of <paramref name="images"/> <c>height * width</c> values, shown
    /// from <paramref name="min"/> black to <paramref name="max"/> white) as one chart, so a <see cref="Slider"/> can
    /// step through versions of them (reconstructions from more and more components, a traversal of a latent).</summary>
    /// <remarks><see cref="ImageGrid"/> writes images as HTML, which a slider's frames cannot hold; here they are one
    /// heatmap, the images side by side with a blank column between them, a pixel per value.</remarks>
    public static GenericChart ImageRow(Matrix images, int width, int height, string title = "", double min = 0, double max = 1, int zoom = 3) =>
        ImageRows([images], width, height, title, min, max, zoom, nameof(images));

    /// <summary>Rows of greyscale images as one chart, as <see cref="ImageRow"/> draws one: each matrix of
    /// <paramref name="rows"/> is a row of images (one per matrix row), a shorter row leaving blanks at its end, so two
    /// models' versions of the same images sit one above the other.</summary>
    public static GenericChart ImageRows(IReadOnlyList<Matrix> rows, int width, int height, string title = "", double min = 0, double max = 1, int zoom = 3) =>
        ImageRows(rows, width, height, title, min, max, zoom, nameof(rows));

    private static GenericChart ImageRows(IReadOnlyList<Matrix> rows, int width, int height, string title, double min, double max, int zoom, string argument)
    {
        ArgumentNullException.ThrowIfNull(rows, argument);
        if (rows.Count == 0) throw new ArgumentException("give at least one row of images.", argument);
        foreach (var images in rows)
        {
            Guard.Data(images, argument);
            if (images.Cols != width * height) throw new ArgumentException($"each image needs {width}x{height} = {width * height} values but a row has {images.Cols} columns.", argument);
        }
        if (!(max > min)) throw new ArgumentException($"max ({max}) must be greater than min ({min}).", nameof(max));
        int n = rows.Max(r => r.Rows), columns = n * (width + 1) - 1, lines = rows.Count * (height + 1) - 1;
        // Blank (NaN) between images and rows, and where a row has fewer images: plotly.js leaves NaN cells undrawn.
        var z = new double[lines][];
        for (int line = 0; line < lines; line++) z[line] = Enumerable.Repeat(double.NaN, columns).ToArray();
        for (int k = 0; k < rows.Count; k++)
            for (int r = 0; r < height; r++)
                for (int i = 0; i < rows[k].Rows; i++)
                    for (int c = 0; c < width; c++)
                        z[k * (height + 1) + r][i * (width + 1) + c] = Math.Round(Math.Clamp(rows[k][i, r * width + c], min, max), 3);   // 3 decimals: a thousandth of the grey scale, a third of the page
        var heatmap = Chart.Heatmap<double, int, int, string>(zData: z.Select(r => (IEnumerable<double>)r).ToArray());
        // The trace's own keys: a fixed black-to-white scale from min to max, so frames of a slider compare.
        var trace = GenericChart.getTraces(heatmap).Head;
        trace.SetProperty("zmin", min);
        trace.SetProperty("zmax", max);
        trace.SetProperty("colorscale", new object[] { new object[] { 0, "black" }, new object[] { 1, "white" } });
        trace.SetProperty("showscale", false);
        trace.SetProperty("hoverinfo", "skip");
        var layout = new Plotly.NET.Layout();
        layout.SetProperty("xaxis", new Dictionary<string, object> { ["visible"] = false, ["constrain"] = "domain" });
        layout.SetProperty("yaxis", new Dictionary<string, object> { ["visible"] = false, ["scaleanchor"] = "x", ["autorange"] = "reversed" });
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 10, ["r"] = 10, ["t"] = 50, ["b"] = 10 });
        layout.SetProperty("plot_bgcolor", "white");   // the blanks between and after images, as on the page
        int chartWidth = Math.Min(Panels.ColumnWidth, columns * zoom + 20);
        return Plotly.NET.Chart.withLayout(layout).Invoke(heatmap.Titled(title)).WithSize(chartWidth, (int)((double)lines * (chartWidth - 20) / columns) + 60);
    }

    /// <summary>ROC curves (false-positive rate on x, true-positive rate on y) with their AUCs, and the chance diagonal.</summary>
    public static GenericChart Roc(string title, params (string Name, Metrics.RocResult Curve)[] curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Length == 0) throw new ArgumentException("give at least one curve.", nameof(curves));
        var traces = curves.Select(c => Chart.Line<double, double, string>(x: c.Curve.FalsePositiveRate, y: c.Curve.TruePositiveRate,
            Name: $"{c.Name} (AUC {c.Curve.Auc:F3})", MultiText: c.Curve.Thresholds.Select(t => $"threshold {t:G3}").ToArray())).ToList();
        traces.Add(Chart.Line<double, double, string>(x: [0.0, 1.0], y: [0.0, 1.0], Name: "chance", LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("grey")));
        return Chart.Combine(traces).Titled(title)
            .WithXAxisStyle<double, double, string>(TitleText: "false-positive rate", MinMax: Tuple.Create(0.0, 1.0))
            .WithYAxisStyle<double, double, string>(TitleText: "true-positive rate (recall)", MinMax: Tuple.Create(0.0, 1.02)).WithSize(560, 480);
    }

    /// <summary>Grouped bars: one group per category, one bar per named series (e.g. the KL of each latent for two
    /// models).</summary>
    public static GenericChart Bars(string title, string xTitle, string yTitle, IReadOnlyList<string> categories, params (string Name, IReadOnlyList<double> Values)[] series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("give at least one series.", nameof(series));
        foreach (var s in series) Guard.SameLength(categories.Count, s.Values.Count, nameof(series));
        var traces = series.Select(s => Chart.Column<double, string, string>(values: s.Values.ToArray(), Keys: categories.ToArray(), Name: s.Name)).ToList();
        return Chart.Combine(traces).Titled(title)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle).WithSize(700, 420);
    }

    /// <summary>A heatmap of <paramref name="values"/> (rows x columns) with named rows and columns, the first row at the
    /// top, hover showing each value (e.g. the information each latent carries about each factor).</summary>
    public static GenericChart Heatmap(string title, IReadOnlyList<double[]> values, IReadOnlyList<string> rowNames, IReadOnlyList<string> columnNames, int width = 560, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rowNames);
        ArgumentNullException.ThrowIfNull(columnNames);
        Guard.SameLength(rowNames.Count, values.Count, nameof(rowNames));
        for (int r = 0; r < values.Count; r++)
        {
            if (values[r] is null) throw new ArgumentException($"values row {r} is null.", nameof(values));
            Guard.SameLength(columnNames.Count, values[r].Length, nameof(columnNames));
        }
        var chart = Chart.Heatmap<double, string, string, string>(zData: values.Select(r => (IEnumerable<double>)r).ToArray(), X: columnNames.ToArray(), Y: rowNames.ToArray(), ReverseYAxis: true);
        return chart.Titled(title).WithSize(width, height);
    }

    /// <summary>Sets the chart's title (Plotly.NET.CSharp 0.14 has no C# wrapper for it).</summary>
    public static GenericChart Titled(this GenericChart chart, string title)
        => Plotly.NET.Chart.withTitle(title, Microsoft.FSharp.Core.FSharpOption<Font>.None).Invoke(chart);
}
