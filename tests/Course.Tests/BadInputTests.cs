using Course.Clustering;
using Course.Metrics;

namespace Course.Tests;

public class BadInputTests
{
    private static Matrix Good => Matrix.FromRows([[0, 0], [1, 1], [2, 2]]);

    [Fact]
    public void Nan_is_named_with_its_position()
    {
        var x = Matrix.FromRows([[0, 0], [1, double.NaN]]);
        var e = Assert.Throws<ArgumentException>(() => new KMeans(1).Fit(x));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("NaN at row 1, column 1", e.Message);
    }

    [Fact]
    public void Infinity_is_rejected()
        => Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => new KMeans(1).Fit(Matrix.FromRows([[double.PositiveInfinity]]))).Message);

    [Fact]
    public void Empty_data_is_rejected()
        => Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new KMeans(1).Fit(new Matrix(0, 3))).Message);

    [Fact]
    public void K_larger_than_n_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new KMeans(4).Fit(Good));
        Assert.Contains("NClusters = 4", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Ragged_rows_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Matrix.FromRows([[1.0, 2.0], [3.0]]));
        Assert.Contains("ragged", e.Message);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void Non_positive_k_and_bad_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(new KMeansOptions { NClusters = 2, MaxIterations = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(new KMeansOptions { NClusters = 2, Tolerance = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = 2, BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = 2, MaxNoImprovement = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeansPlusPlus.Seed(Good, 2, new Random(0), candidates: 0));
        Assert.Throws<ArgumentNullException>(() => KMeansPlusPlus.Seed(Good, 2, null!));
    }

    [Fact]
    public void Mismatched_dimensions_are_rejected()
    {
        var model = new KMeans(2, seed: 0).Fit(Good);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Matrix.FromRows([[1.0, 2.0, 3.0]])));
        Assert.Contains("3 columns", e.Message);
        Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { NClusters = 2, InitialCentroids = Matrix.FromRows([[0.0], [1.0]]) }).Fit(Good));
    }

    [Fact]
    public void Matrix_indices_are_checked()
    {
        var m = new Matrix(2, 3);
        Assert.Equal("j", Assert.Throws<ArgumentOutOfRangeException>(() => m[0, 3]).ParamName);
        Assert.Equal("i", Assert.Throws<ArgumentOutOfRangeException>(() => m[2, 0] = 1).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Row(-1));
    }

    [Fact]
    public void Metric_inputs_are_checked()
    {
        Assert.Contains("length mismatch", Assert.Throws<ArgumentException>(() => Silhouette.Score(Good, [0, 1])).Message);
        Assert.Contains("distinct labels", Assert.Throws<ArgumentException>(() => Silhouette.Score(Good, [0, 0, 0])).Message);
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Score([0, 1], [0]));
        Assert.Throws<ArgumentException>(() => NormalizedMutualInfo.Score([], []));
    }
}
