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
            CondensedTreeChart.Chart(model.CondensedTree, model.SelectedClusters, "tree"),
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
        Assert.Contains("reversed", OfflinePlotly.ChartHtml(CondensedTreeChart.Chart(model.CondensedTree, model.SelectedClusters)));
    }
}
