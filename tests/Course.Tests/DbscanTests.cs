using Course.Clustering;
using Course.Metrics;
using Course.Neighbors;

namespace Course.Tests;

/// <summary>DBSCAN against its definitions on hand-made cases and against scikit-learn 1.2.1 on shared data.</summary>
public class DbscanTests
{
    [Fact]
    public void Core_border_and_noise_follow_the_definitions_on_a_line()
    {
        // eps 1, MinSamples 3 (self included). 1 and 2 have three points within 1 (core); 0 and 3 have two but lie
        // within 1 of a core point (border); 10 has only itself (noise). 21 is core, 20 and 22 its border points.
        var x = Matrix.FromRows([[0], [1], [2], [3], [10], [20], [21], [22]]);
        var model = new Dbscan(eps: 1, minSamples: 3).Fit(x);
        Assert.Equal([0, 0, 0, 0, -1, 1, 1, 1], model.Labels);
        Assert.Equal([PointKind.Border, PointKind.Core, PointKind.Core, PointKind.Border, PointKind.Noise, PointKind.Border, PointKind.Core, PointKind.Border], model.Kinds);
        Assert.Equal([1, 2, 6], model.CoreSampleIndices);
        Assert.Equal(2, model.NClusters);
        Assert.Equal(1, model.NoiseCount);
        Assert.Equal([[1.0], [2.0], [21.0]], model.Components.ToRows());
    }

    [Fact]
    public void A_border_point_reachable_from_two_clusters_joins_the_one_numbered_first()
    {
        // 2.0 is within eps = 1 of core points 1.0 and 3.0 but has only three points in reach (< MinSamples 4).
        double[][] left = [[0.0], [0.3], [0.6], [1.0]], right = [[3.0], [3.4], [3.7], [4.0]], border = [[2.0]];
        var a = new Dbscan(1.0, 4).Fit(Matrix.FromRows([.. left, .. border, .. right]));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], a.Labels);
        Assert.Equal(PointKind.Border, a.Kinds[4]);
        var b = new Dbscan(1.0, 4).Fit(Matrix.FromRows([.. right, .. border, .. left]));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], b.Labels); // now the right group is cluster 0 and takes it
    }

    [Theory]
    [InlineData("blobs_noise", 0.5, 10)]
    [InlineData("moons", 0.15, 5)]
    [InlineData("varied", 0.3, 10)]
    public void Labels_are_identical_to_scikit_learn(string name, double eps, int minSamples)
    {
        var data = ReferenceData.Load(name);
        var model = new Dbscan(eps, minSamples).Fit(data.X);
        Assert.Equal(data.Labels("sklearn_dbscan"), model.Labels);
    }

    [Fact]
    public void Haversine_labels_are_identical_to_scikit_learn()
    {
        var data = ReferenceData.Load("geo");
        var model = new Dbscan(new DbscanOptions { Eps = 1.5 / Haversine.EarthRadiusKm, MinSamples = 8, Metric = NeighborMetric.Haversine }).Fit(data.X);
        Assert.Equal(data.Labels("sklearn_dbscan"), model.Labels);
        Assert.Equal(3, model.NClusters);
    }

    [Fact]
    public void Predict_gives_core_points_their_cluster_and_far_points_noise()
    {
        var data = ReferenceData.Load("blobs_noise");
        var model = new Dbscan(0.5, 10).Fit(data.X);
        Assert.Equal(model.CoreSampleIndices.Select(i => model.Labels[i]), model.Predict(model.Components));
        Assert.Equal([-1], model.Predict(Matrix.FromRows([[100.0, 100.0]])));
    }

    [Fact]
    public void K_distance_curve_counts_core_points_and_its_elbow_recovers_the_blobs()
    {
        var data = ReferenceData.Load("blobs_noise");
        var curve = KDistanceCurve.Compute(data.X, minSamples: 10);
        foreach (double eps in new[] { 0.2, 0.5, 1.0 })
        {
            var model = new Dbscan(eps, 10).Fit(data.X);
            Assert.Equal(model.CoreSampleIndices.Length / (double)data.X.Rows, curve.CoreFraction(eps), 12);
        }
        var (elbow, _) = curve.Elbow();
        var labels = new Dbscan(elbow, 10).Fit(data.X).Labels;
        var truth = data.Labels("truth");
        var inBlobs = Enumerable.Range(0, truth.Length).Where(i => truth[i] >= 0).ToArray();
        Assert.True(AdjustedRandIndex.Score(inBlobs.Select(i => truth[i]).ToArray(), inBlobs.Select(i => labels[i]).ToArray()) > 0.95);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("Eps", Assert.Throws<ArgumentOutOfRangeException>(() => new Dbscan(-1.0)).ParamName);
        Assert.Equal("Eps", Assert.Throws<ArgumentOutOfRangeException>(() => new Dbscan(double.NaN)).ParamName);
        Assert.Equal("MinSamples", Assert.Throws<ArgumentOutOfRangeException>(() => new Dbscan(0.5, 0)).ParamName);
        Assert.Contains("NaN at row 1, column 0", Assert.Throws<ArgumentException>(() => new Dbscan(0.5).Fit(Matrix.FromRows([[0.0], [double.NaN]]))).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new Dbscan(0.5).Fit(new Matrix(0, 2))).Message);
        Assert.Equal("minSamples", Assert.Throws<ArgumentOutOfRangeException>(() => KDistanceCurve.Compute(Matrix.FromRows([[0.0], [1.0]]), 3)).ParamName);
    }
}
