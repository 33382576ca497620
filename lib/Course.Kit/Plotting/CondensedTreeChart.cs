using Course.Clustering;
using Plotly.NET;
using Plotly.NET.CSharp;
using PChart = Plotly.NET.CSharp.Chart;

namespace Course.Plotting;

/// <summary>
/// Draws HDBSCAN's condensed tree as the hdbscan library's plot does in spirit: each cluster is a vertical bar from
/// the λ where it is born to the λ where it splits or its last point leaves (λ grows downwards, so dense is low),
/// its width growing with the number of points, children joined by a horizontal line at their birth; the selected
/// clusters are coloured as their labels, the others grey. Hover a bar for its size and stability.
/// </summary>
public static class CondensedTreeChart
{
    /// <summary>The chart of <paramref name="model"/>'s condensed tree, its selected clusters in their labels' colours.</summary>
    /// <param name="model">A fitted HDBSCAN.</param>
    /// <param name="shownLabels">The labels the model's points are drawn with in the charts beside this one, one per
    /// point (<c>LabelAlignment.Align(truth, model.Labels)</c>): each selected cluster takes its points' colour there, so
    /// the tree and the scatter agree. Default the model's own labels.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="width">Width in pixels. Default 760.</param>
    /// <param name="height">Height in pixels. Default 480.</param>
    public static GenericChart Chart(HdbscanModel model, IReadOnlyList<int>? shownLabels = null, string title = "", int width = 760, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (shownLabels is not null) Guard.SameLength(model.Labels.Length, shownLabels.Count, nameof(shownLabels));
        var tree = model.CondensedTree;
        int n = tree.NPoints, count = tree.ClusterCount;
        var children = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var parentOf = tree.ClusterParents();
        for (int c = 1; c < count; c++) children[parentOf[c] - n].Add(c);
        var birth = tree.Births();
        var death = tree.MaxChildLambdas();
        double finiteMax = Math.Max(tree.Lambda.Where(double.IsFinite).DefaultIfEmpty(1).Max(), 1e-12);
        for (int c = 0; c < count; c++) if (!double.IsFinite(death[c])) death[c] = finiteMax;
        var size = tree.ClusterSizes();
        var stability = tree.Stabilities();
        // Leaves get consecutive positions in depth-first order; a parent sits above the middle of its children.
        var x = new double[count];
        int nextLeaf = 0;
        void Place(int c)
        {
            if (children[c].Count == 0) { x[c] = nextLeaf++; return; }
            foreach (int ch in children[c]) Place(ch);
            x[c] = children[c].Average(ch => x[ch]);
        }
        Place(0);
        // Selected cluster i holds the points labelled i; its colour is the one those points are drawn in.
        var labelOf = new Dictionary<int, int>();
        for (int i = 0; i < model.SelectedClusters.Length; i++)
        {
            int point = Array.IndexOf(model.Labels, i);
            labelOf[model.SelectedClusters[i] - n] = shownLabels is null || point < 0 ? i : shownLabels[point];
        }
        var traces = new List<GenericChart>();
        for (int c = 0; c < count; c++)
        {
            bool isSelected = labelOf.TryGetValue(c, out int label);
            string colour = isSelected ? Palette.Of(label) : "#9a9a9a";
            string text = $"cluster {c + n}: {size[c]} points, born at λ {birth[c]:G3}, stability {stability[c]:G3}" + (isSelected ? $", selected, drawn as label {label}" : "");
            traces.Add(PChart.Line<double, double, string>(x: [x[c], x[c]], y: [birth[c], death[c]], ShowLegend: false,
                LineColor: Color.fromString(colour), LineWidth: 2 + 18 * Math.Sqrt(size[c] / (double)n), Text: text));
            if (children[c].Count > 0)
            {
                double lo = children[c].Min(ch => x[ch]), hi = children[c].Max(ch => x[ch]), at = children[c].Min(ch => birth[ch]);
                traces.Add(PChart.Line<double, double, string>(x: [lo, hi], y: [at, at], ShowLegend: false, LineColor: Color.fromString("#666"), LineWidth: 1.5));
            }
        }
        // Dynamic plotly.js keys: the C# wrapper exposes neither a reversed range nor hidden tick labels.
        var yAxis = new Plotly.NET.LayoutObjects.LinearAxis();
        yAxis.SetProperty("autorange", "reversed");
        yAxis.SetProperty("title", new Dictionary<string, object> { ["text"] = "λ = 1 / distance (denser further down)" });
        var xAxis = new Plotly.NET.LayoutObjects.LinearAxis();
        xAxis.SetProperty("showticklabels", false); xAxis.SetProperty("showgrid", false); xAxis.SetProperty("zeroline", false);
        var chart = PChart.Combine(traces).Titled(title).WithSize(width, height);
        chart = Plotly.NET.Chart.withXAxis(xAxis, Microsoft.FSharp.Core.FSharpOption<StyleParam.SubPlotId>.None).Invoke(chart);
        return Plotly.NET.Chart.withYAxis(yAxis, Microsoft.FSharp.Core.FSharpOption<StyleParam.SubPlotId>.None).Invoke(chart);
    }
}
