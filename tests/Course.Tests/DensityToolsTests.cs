using Plotly.NET;
using Course.Clustering;
using Course.Data;
using Course.Exercises;
using Course.Metrics;
using Course.Neighbors;
using Course.Plotting;

namespace Course.Tests;

/// <summary>Lesson 03's metrics, generators, charts and exercise checks.</summary>
public class DensityToolsTests
{
    [Fact]
    public void Precision_recall_curve_and_average_precision_equal_scikit_learn()
    {
        // scikit-learn 1.2.1: precision_recall_curve and average_precision_score on these (a tie at 0.7).
        bool[] truth = [true, false, true, true, false, false, true, false];
        double[] scores = [0.9, 0.8, 0.7, 0.7, 0.55, 0.4, 0.3, 0.2];
        var curve = PrecisionRecall.Curve(truth, scores);
        Assert.Equal([0.9, 0.8, 0.7, 0.55, 0.4, 0.3, 0.2], curve.Thresholds);
        Assert.Equal([1.0, 0.5, 0.75, 0.6, 0.5, 0.5714285714285714, 0.5], curve.Precision, new Within(1e-12));
        Assert.Equal([0.25, 0.25, 0.75, 0.75, 0.75, 1.0, 1.0], curve.Recall, new Within(1e-12));
        Assert.Equal(0.7678571428571428, curve.AveragePrecision, 12);
        Assert.Equal((0.5, 0.25), PrecisionRecall.At(truth, [true, true, false, false, false, false, false, false]));
        Assert.Equal((1.0, 0.0), PrecisionRecall.At(truth, new bool[8]));
        Assert.Contains("length mismatch", Assert.Throws<ArgumentException>(() => PrecisionRecall.At(truth, new bool[3])).Message);
        Assert.Contains("no true entries", Assert.Throws<ArgumentException>(() => PrecisionRecall.Curve(new bool[3], [1.0, 2, 3])).Message);
    }

    [Fact]
    public void Noise_as_singletons_gives_each_noise_point_its_own_label()
    {
        Assert.Equal([0, 2, 1, 3, 1], NoiseLabels.AsSingletons([0, -1, 1, -1, 1]));
        // All-noise "clustering" of one cluster: perfect as one noise label, not as singletons.
        int[] truth = [0, 0, 0, 0];
        Assert.Equal(1.0, AdjustedRandIndex.Score(truth, [-1, -1, -1, -1]));
        Assert.True(AdjustedRandIndex.Score(truth, NoiseLabels.AsSingletons([-1, -1, -1, -1])) < 0.01);
    }

    [Fact]
    public void Density_generators_are_reproducible_and_shaped_as_documented()
    {
        var planted = SyntheticData.PlantedAnomalies(500, 40, seed: 1);
        Assert.Equal(540, planted.Count);
        Assert.Equal(40, planted.Labels.Count(l => l < 0));
        Assert.Equal(planted.X.Data, SyntheticData.PlantedAnomalies(500, 40, seed: 1).X.Data);
        var poi = SyntheticData.PointsOfInterest(1000, seed: 2);
        Assert.Equal(1000, poi.Count);
        Assert.Equal(150, poi.Labels.Count(l => l < 0));
        Assert.All(poi.X.Column(0), lat => Assert.InRange(lat, 38.5, 38.95));
        Assert.All(poi.X.Column(1), lon => Assert.InRange(lon, -9.3, -8.98));
        Assert.Equal(6, poi.ClassNames!.Length);
        var varied = SyntheticData.VaryingDensity(300, seed: 3);
        Assert.Equal([100, 100, 100], varied.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
        var noisy = SyntheticData.WithUniformNoise(varied, 30, seed: 3);
        Assert.Equal(30, noisy.Labels.Count(l => l < 0));
    }

    [Fact]
    public void Density_charts_build_offline()
    {
        var data = SyntheticData.VaryingDensity(300, seed: 3);
        var model = new Hdbscan(10).Fit(data.X);
        var poi = SyntheticData.PointsOfInterest(300, seed: 4);
        foreach (var chart in new[]
        {
            CondensedTreeChart.Chart(model, title: "tree"),
            Charts.Scores(data.X, model.OutlierScores, "scores"),
            Charts.KDistance(KDistanceCurve.Compute(data.X, 5), 0.2),
            Charts.PrecisionRecall("pr", ("a", PrecisionRecall.Curve(model.Labels.Select(l => l < 0).ToArray(), model.OutlierScores))),
            MapChart.Chart(poi.X, poi.Labels, poi.ClassNames),
        })
        {
            string html = OfflinePlotly.ChartHtml(chart);
            Assert.DoesNotContain("cdn.", html);
            Assert.Contains("\"type\":\"scatter\"", html);
        }
        Assert.Contains("reversed", OfflinePlotly.ChartHtml(CondensedTreeChart.Chart(model)));
    }

    [Fact]
    public void The_condensed_tree_colours_each_selected_cluster_as_its_points_are_drawn_beside_it()
    {
        var data = SyntheticData.VaryingDensity(300, seed: 3);
        var model = new Hdbscan(10).Fit(data.X);
        Assert.True(model.NClusters >= 3, $"{model.NClusters} clusters");
        // Shown as the scatter beside it shows them: renamed to match the true blobs, here a rotation of the labels.
        var shown = model.Labels.Select(l => l < 0 ? l : (l + 1) % model.NClusters).ToArray();
        string Colours(GenericChart chart) => string.Join(",", System.Text.RegularExpressions.Regex.Matches(OfflinePlotly.ChartHtml(chart), @"selected, drawn as label (\d+)").Select(m => m.Groups[1].Value));
        var own = Colours(CondensedTreeChart.Chart(model));
        var renamed = Colours(CondensedTreeChart.Chart(model, shown));
        Assert.Equal(model.NClusters, own.Split(',').Length);
        Assert.Equal(string.Join(",", own.Split(',').Select(l => (int.Parse(l) + 1) % model.NClusters)), renamed);
        // Each selected bar is drawn in the palette's colour of the label it names.
        var traces = System.Text.Json.Nodes.JsonNode.Parse(GenericChart.toFigureJson(CondensedTreeChart.Chart(model, shown)))!["data"]!.AsArray();
        var bars = traces.Where(t => ((string?)t!["text"])?.Contains("drawn as label") == true).ToList();
        Assert.Equal(model.NClusters, bars.Count);
        foreach (var bar in bars)
            Assert.Equal(Palette.Of(int.Parse(((string)bar!["text"]!).Split("drawn as label ")[1])), (string)bar["line"]!["color"]!);
        Assert.Equal("shownLabels", Assert.Throws<ArgumentException>(() => CondensedTreeChart.Chart(model, shown[1..])).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => CondensedTreeChart.Chart(null!)).ParamName);
    }
}
