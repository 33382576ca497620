using System.Text.Json;
using Course.Manifold;
using Course.Metrics;
using Course.Neighbors;

namespace Course.Tests;

/// <summary>Lesson 05's foundations against scikit-learn 1.2.1 (Reference/manifold.json, written by
/// manifold_references.py): trustworthiness and continuity, and t-SNE's perplexity calibration; plus the distance
/// correlation on hand cases.</summary>
public class ManifoldMetricsTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "manifold.json"))).RootElement;
    private static Matrix Points(string name) => Matrix.FromRows(Reference.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray());

    [Fact]
    public void Trustworthiness_and_continuity_equal_scikit_learn()
    {
        var x = Points("x"); var y = Points("y");
        foreach (var k in new[] { 1, 5, 10 })
            Assert.Equal(Reference.GetProperty("trustworthiness").GetProperty($"{k}").GetDouble(), Trustworthiness.Score(x, y, k), 12);
        foreach (var k in new[] { 5, 10 })
            Assert.Equal(Reference.GetProperty("continuity").GetProperty($"{k}").GetDouble(), Trustworthiness.Continuity(x, y, k), 12);
        Assert.Equal(1.0, Trustworthiness.Score(x, x.Clone(), 5), 12);
    }

    [Fact]
    public void Perplexity_calibration_reaches_the_target_entropy_and_scikit_learns_probabilities()
    {
        var x = Points("x");
        var neighbors = NeighborIndex.Build(x).KNeighbors(15);
        var expectedNeighbors = Reference.GetProperty("perplexity5").GetProperty("neighbours").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(expectedNeighbors, neighbors.ToArrays());
        var calibrated = Perplexity.Calibrate(neighbors, 5.0);
        Assert.All(calibrated.Entropy, h => Assert.InRange(h, Math.Log(5) - 1e-5, Math.Log(5) + 1e-5));
        var p = Reference.GetProperty("perplexity5").GetProperty("p").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        // scikit-learn searches on float32 squared distances; the same tolerance leaves room of about 1e-5 per entry.
        Assert.Equal(p, calibrated.P, new Within(2e-5));
        for (int i = 0; i < x.Rows; i++) Assert.Equal(1.0, calibrated.P.AsSpan(i * 15, 15).ToArray().Sum(), 12);
        // Higher perplexity spreads each row's mass: lower precision β for every point.
        var wide = Perplexity.Calibrate(neighbors, 12.0);
        Assert.All(Enumerable.Range(0, x.Rows), i => Assert.True(wide.Beta[i] < calibrated.Beta[i]));
        Assert.Equal("perplexity", Assert.ThrowsAny<ArgumentException>(() => Perplexity.Calibrate(neighbors, 20.0)).ParamName);
        Assert.Equal("perplexity", Assert.ThrowsAny<ArgumentException>(() => Perplexity.Calibrate(x, 0.0)).ParamName);
    }

    [Fact]
    public void Distance_correlation_is_one_for_similarities_and_lower_for_a_fold()
    {
        var x = Points("x");
        var scaled = x.Clone();
        for (int k = 0; k < scaled.Data.Length; k++) scaled.Data[k] = 3 * scaled.Data[k] + 1;
        Assert.Equal(1.0, DistancePreservation.Spearman(x, scaled), 12);
        // A line folded in the middle: far points come back close, so the rank correlation drops.
        var line = Matrix.FromRows([.. Enumerable.Range(0, 40).Select(i => new[] { (double)i })]);
        var folded = Matrix.FromRows([.. Enumerable.Range(0, 40).Select(i => new[] { (double)Math.Abs(i - 20) + 0.01 * i })]);
        double rho = DistancePreservation.Spearman(line, folded);
        Assert.InRange(rho, 0.0, 0.6);
        Assert.Equal([1.5, 1.5, 3.0], DistancePreservation.Ranks([2.0, 2.0, 5.0]));
        Assert.Equal("embedded", Assert.ThrowsAny<ArgumentException>(() => DistancePreservation.Spearman(x, new Matrix(5, 2))).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => Trustworthiness.Score(x, x, 30)).ParamName);
    }
}
