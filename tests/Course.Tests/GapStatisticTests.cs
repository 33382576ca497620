using Course.Clustering;
using Course.Data;

namespace Course.Tests;

public class GapStatisticTests
{
    [Fact]
    public void Finds_four_separated_blobs_and_one_group_in_uniform_noise()
    {
        var blobs = SyntheticData.Blobs(n: 400, centers: 4, dims: 3, std: 0.5, seed: 11);
        var gaps = GapStatistic.Compute(blobs.X, 1, 8, seed: 1);
        Assert.Equal(4, gaps.BestK);
        Assert.Equal(4, gaps.Points.MaxBy(p => p.Gap)!.K);
        // Uniform data is its own reference: the gap stays near 0 and the paper's rule keeps one group.
        var rng = new Random(3);
        var uniform = new Matrix(300, 2, Enumerable.Range(0, 600).Select(_ => rng.NextDouble()).ToArray());
        var flat = GapStatistic.Compute(uniform, 1, 6, seed: 1);
        Assert.Equal(1, flat.TibshiraniK);
        Assert.All(flat.Points, p => Assert.InRange(p.Gap, -0.2, 0.2));
    }

    [Fact]
    public void Each_point_is_the_reference_mean_minus_log_inertia_and_the_run_is_reproducible()
    {
        var blobs = SyntheticData.Blobs(n: 120, centers: 3, dims: 2, std: 0.4, seed: 5);
        var result = GapStatistic.Compute(blobs.X, 2, 4, references: 5, seed: 7);
        Assert.Equal([2, 3, 4], result.Points.Select(p => p.K));
        foreach (var p in result.Points)
        {
            Assert.Equal(p.ExpectedLogW - p.LogW, p.Gap, 12);
            Assert.True(p.StandardError >= 0);
        }
        // log W_k is the log of K-means' inertia: it falls as k grows, for the data and for the reference.
        Assert.True(result.Points[0].LogW > result.Points[2].LogW && result.Points[0].ExpectedLogW > result.Points[2].ExpectedLogW);
        Assert.InRange(result.Points[1].LogW, Math.Log(new KMeans(new KMeansOptions { NClusters = 3, NInit = 10 }).Fit(blobs.X).Inertia) - 1e-6, Math.Log(new KMeans(new KMeansOptions { NClusters = 3, NInit = 10 }).Fit(blobs.X).Inertia) + 0.05);
        Assert.Equal(result.Points, GapStatistic.Compute(blobs.X, 2, 4, references: 5, seed: 7).Points);
    }

    [Fact]
    public void The_two_rules_for_k_follow_their_definitions()
    {
        GapPoint P(int k, double gap, double se) => new(k, 0, gap, gap, se);
        // Tibshirani: the first k within one standard error of the next k's gap.
        Assert.Equal(2, new GapResult([P(1, 0.1, 0.05), P(2, 0.9, 0.05), P(3, 0.92, 0.05), P(4, 1.5, 0.05)]).TibshiraniK);
        Assert.Equal(3, new GapResult([P(1, 0.1, 0.05), P(2, 0.5, 0.05), P(3, 0.9, 0.05), P(4, 0.6, 0.05)]).TibshiraniK);
        Assert.Equal(3, new GapResult([P(1, 0.1, 0.0), P(2, 0.5, 0.0), P(3, 0.9, 0.0)]).TibshiraniK);
        // A falling start, as four distant blobs give against the uniform box: Tibshirani stops at 1, the global rule
        // finds the largest gap (k = 4) and keeps it, 3 being far below.
        var fallingStart = new GapResult([P(1, -0.32, 0.03), P(2, -0.36, 0.03), P(3, 0.55, 0.03), P(4, 3.35, 0.03), P(5, 3.26, 0.03)]);
        Assert.Equal(1, fallingStart.TibshiraniK);
        Assert.Equal(4, fallingStart.BestK);
        // The global rule goes back to the smallest k within one standard error of the largest gap: 4 here, not 5.
        Assert.Equal(4, new GapResult([P(2, 1.0, 0.1), P(3, 1.5, 0.1), P(4, 1.95, 0.1), P(5, 2.0, 0.1), P(6, 1.9, 0.1)]).BestK);
        Assert.Equal(5, new GapResult([P(2, 1.0, 0.01), P(3, 1.5, 0.01), P(4, 1.95, 0.01), P(5, 2.0, 0.01), P(6, 1.9, 0.01)]).BestK);
    }

    [Fact]
    public void Rejects_bad_input_naming_the_argument()
    {
        var x = Matrix.FromRows([[0, 1], [1, 0], [2, 2]]);
        Assert.Equal("kMin", Assert.ThrowsAny<ArgumentException>(() => GapStatistic.Compute(x, 0, 2)).ParamName);
        Assert.Equal("kMax", Assert.ThrowsAny<ArgumentException>(() => GapStatistic.Compute(x, 2, 4)).ParamName);
        Assert.Equal("references", Assert.ThrowsAny<ArgumentException>(() => GapStatistic.Compute(x, 1, 2, references: 0)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => GapStatistic.Compute(Matrix.FromRows([[0, double.NaN], [1, 1]]), 1, 2)).ParamName);
        Assert.Throws<ArgumentNullException>(() => GapStatistic.Compute(null!, 1, 2));
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => new GapResult([])).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => new GapResult([new GapPoint(3, 0, 0, 0, 0), new GapPoint(2, 0, 0, 0, 0)])).ParamName);
    }
}
