using Course.Clustering;
using Plotly.NET;
using Plotly.NET.CSharp;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Plotting;

/// <summary>
/// Draws a merge tree as an interactive dendrogram (scipy's layout: leaf i of <see cref="LinkageTree.LeafOrder"/> at
/// x = 10 i + 5, each merge a U at its height), with the subtrees below a cut coloured by flat cluster, a dashed cut
/// line, and leaf labels under the leaves (up to <see cref="MaxLabelledLeaves"/>, turned when long) and on hover.
/// </summary>
public static class Dendrogram
{
    /// <summary>The dendrogram of <paramref name="tree"/>, coloured for a cut into <paramref name="k"/> clusters (0: no colours).</summary>
    public static GenericChart Chart(LinkageTree tree, int k = 0, IReadOnlyList<string>? leafLabels = null, string title = "", int width = 760, int height = 450)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (k < 0 || k > tree.N) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 0 and {tree.N}.");
        if (leafLabels is not null && leafLabels.Count != tree.N) throw new ArgumentException($"leafLabels has {leafLabels.Count} names but the tree has {tree.N} leaves.", nameof(leafLabels));
        int n = tree.N;
        var order = tree.LeafOrder();
        var x = new double[2 * n - 1];
        var y = new double[2 * n - 1];
        for (int p = 0; p < n; p++) x[order[p]] = 10 * p + 5;
        var colour = new string[2 * n - 1];
        var labels = k > 0 ? tree.CutToClusters(k) : null;
        for (int i = 0; i < n; i++) colour[i] = labels is null ? "#444" : Palette.Of(labels[i]);
        var links = new List<GenericChart>();
        for (int m = 0; m < n - 1; m++)
        {
            int l = tree.Left[m], r = tree.Right[m], id = n + m;
            x[id] = (x[l] + x[r]) / 2; y[id] = tree.Heights[m];
            // Merges inside a flat cluster take its colour; the merges the cut undoes stay grey.
            colour[id] = k > 0 && m < n - k && colour[l] == colour[r] ? colour[l] : "#999";
            links.Add(PChart.Line<double, double, string>(x: [x[l], x[l], x[r], x[r]], y: [y[l], tree.Heights[m], tree.Heights[m], y[r]],
                ShowLegend: false, LineColor: Color.fromString(colour[id]), Text: $"merge {m}: height {tree.Heights[m]:G4}, {tree.Sizes[m]} points"));
        }
        var leafText = Enumerable.Range(0, n).Select(i => leafLabels?[i] ?? $"point {i}").ToArray();
        var leafX = order.Select(i => x[i]).ToArray();
        var leafNames = order.Select(i => leafText[i]).ToArray();
        links.Add(PChart.Point<double, double, string>(x: leafX, y: new double[n], ShowLegend: false, MultiText: leafNames, MarkerColor: Color.fromString("#444")));
        if (k > 1)
        {
            double cut = (tree.Heights[n - k - 1] + tree.Heights[n - k]) / 2;
            links.Add(PChart.Line<double, double, string>(x: [0, 10 * n], y: [cut, cut], Name: $"cut: {k} clusters", LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("black")));
        }
        var xAxis = new Plotly.NET.LayoutObjects.LinearAxis();
        xAxis.SetProperty("showgrid", false);
        xAxis.SetProperty("zeroline", false);
        if (leafLabels is not null && n <= MaxLabelledLeaves)
        {
            // The names as the axis's tick labels, turned when they would not fit side by side: every leaf readable.
            xAxis.SetProperty("tickvals", leafX);
            xAxis.SetProperty("ticktext", leafNames);
            xAxis.SetProperty("tickangle", leafNames.Max(l => l.Length) * 7 > (width - 80) / n ? -60 : 0);
            xAxis.SetProperty("automargin", true);
        }
        else xAxis.SetProperty("showticklabels", false);
        return Plotly.NET.Chart.withXAxis(xAxis, Microsoft.FSharp.Core.FSharpOption<StyleParam.SubPlotId>.None).Invoke(
            PChart.Combine(links).Titled(title).WithYAxisStyle<double, double, string>(TitleText: "merge height").WithSize(width, height));
    }

    /// <summary>Up to this many leaves are named under the tree; beyond, their names are on hover only.</summary>
    public const int MaxLabelledLeaves = 60;

    /// <summary>A heatmap of <paramref name="values"/> (rows x columns) with rows in the given order, e.g. a dendrogram's leaf order.</summary>
    public static GenericChart Heatmap(Matrix values, IReadOnlyList<int> rowOrder, IReadOnlyList<string>? rowNames = null, IReadOnlyList<string>? columnNames = null, string title = "", int width = 650, int height = 600)
    {
        Guard.Data(values, nameof(values));
        ArgumentNullException.ThrowIfNull(rowOrder);
        Guard.SameLength(values.Rows, rowOrder.Count, nameof(rowOrder));
        var z = rowOrder.Select(r => values.Row(r).ToArray()).ToArray();
        var ys = rowOrder.Select(r => rowNames?[r] ?? $"row {r}").ToArray();
        var xs = Enumerable.Range(0, values.Cols).Select(c => columnNames?[c] ?? $"col {c}").ToArray();
        return PChart.Heatmap<double, string, string, string>(zData: z, X: xs, Y: ys).Titled(title).WithSize(width, height);
    }
}
