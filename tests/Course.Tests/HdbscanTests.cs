using Course.Clustering;
using Course.Metrics;
using Course.Neighbors;

namespace Course.Tests;

/// <summary>HDBSCAN against a condensed tree worked out by hand, and against R's dbscan::hdbscan 1.1-11 on shared data.</summary>
public class HdbscanTests
{
    // Two groups of three one apart, eight apart from each other, and a point 18 beyond. With MinSamples 1 the core
    // distances are 0, so mutual reachability is plain distance and the single-linkage merges are at 1, 8 and 18.
    private static readonly Matrix Line = Matrix.FromRows([[0], [1], [2], [10], [11], [12], [30]]);

    [Fact]
    public void Condensed_tree_stability_labels_and_scores_are_worked_out_by_hand()
    {
        var model = new Hdbscan(new HdbscanOptions { MinClusterSize = 3, MinSamples = 1 }).Fit(Line);
        var tree = model.CondensedTree;
        // Root 7 loses point 6 at λ = 1/18, splits at λ = 1/8 into clusters 8 and 9, whose points leave at λ = 1.
        Assert.Equal(3, tree.ClusterCount);
        Assert.Equal(1 / 18.0, tree.Lambda[Array.IndexOf(tree.Child, 6)], 12);
        Assert.Equal([7, 7], new[] { 8, 9 }.Select(c => tree.Parent[Array.IndexOf(tree.Child, c)]));
        Assert.Equal([1 / 8.0, 1 / 8.0], new[] { 8, 9 }.Select(c => tree.Lambda[Array.IndexOf(tree.Child, c)]));
        // Stability: root 1 x 1/18 + 2 x 3 x 1/8; each child 3 x (1 - 1/8).
        Assert.Equal([1 / 18.0 + 0.75, 2.625, 2.625], tree.Stabilities().Select(s => Math.Round(s, 12)), new Within(1e-9));
        Assert.Equal([0, 0, 0, 1, 1, 1, -1], model.Labels);
        Assert.Equal([1.0, 1, 1, 1, 1, 1, 0], model.Probabilities);
        // GLOSH: the far point leaves the root at 1/18, whose subtree reaches λ = 1: score 1 - 1/18.
        Assert.Equal(1 - 1 / 18.0, model.OutlierScores[6], 12);
        Assert.All(model.OutlierScores[..6], s => Assert.Equal(0, s));
    }

    [Fact]
    public void Epsilon_merges_clusters_born_closer_than_it_and_a_single_cluster_can_be_allowed()
    {
        // The two groups split at distance 8 < 10: with a single cluster allowed, epsilon 10 selects the root, and
        // the labelling threshold λ ≥ 1/10 keeps the far point (λ = 1/18) as noise.
        var options = new HdbscanOptions { MinClusterSize = 3, MinSamples = 1, ClusterSelectionEpsilon = 10, AllowSingleCluster = true };
        Assert.Equal([0, 0, 0, 0, 0, 0, -1], new Hdbscan(options).Fit(Line).Labels);
        // Without a single cluster the split survives (epsilon never selects the root).
        Assert.Equal([0, 0, 0, 1, 1, 1, -1], new Hdbscan(options with { AllowSingleCluster = false }).Fit(Line).Labels);
        // Leaf selection picks the same two leaves here.
        Assert.Equal([0, 0, 0, 1, 1, 1, -1], new Hdbscan(options with { AllowSingleCluster = false, ClusterSelectionEpsilon = 0, ClusterSelectionMethod = ClusterSelectionMethod.Leaf }).Fit(Line).Labels);
    }

    [Theory]
    [InlineData("blobs_noise", 15)]
    [InlineData("moons", 10)]
    [InlineData("varied", 10)]
    public void Labels_agree_with_R_dbscan_hdbscan(string name, int minPts)
    {
        var data = ReferenceData.Load(name);
        var model = new Hdbscan(minPts, minPts).Fit(data.X);
        var r = data.Labels("r_hdbscan");
        Assert.Equal(r.Max() + 1, model.NClusters);
        Assert.True(AdjustedRandIndex.Score(r, model.Labels) >= 0.95, $"ARI {AdjustedRandIndex.Score(r, model.Labels)}");
        // R walks its own tree to find each point's λ_max (it keeps a "dead" cluster's death level for later points),
        // so GLOSH scores agree in ranking, not to the digit; the exact definition is checked by hand above.
        Assert.True(Pearson(data.Column("r_glosh"), model.OutlierScores) > 0.95, $"GLOSH correlation {Pearson(data.Column("r_glosh"), model.OutlierScores)}");
    }

    [Fact]
    public void Varying_densities_defeat_every_dbscan_eps_but_not_hdbscan()
    {
        // Two tight blobs 1.3 apart and a wide sparse one. Noise points count as singletons, so calling the sparse
        // blob noise is penalised (as one "noise cluster" it would score as perfectly recovered).
        var data = ReferenceData.Load("varied");
        var truth = data.Labels("truth");
        double Ari(int[] labels) => AdjustedRandIndex.Score(truth, NoiseLabels.AsSingletons(labels));
        double hdbscan = Ari(new Hdbscan(10).Fit(data.X).Labels);
        double bestDbscan = Enumerable.Range(1, 40).Max(i => Ari(new Dbscan(i * 0.05, 10).Fit(data.X).Labels));
        Assert.True(hdbscan > 0.85, $"HDBSCAN ARI {hdbscan}");
        Assert.True(hdbscan > bestDbscan + 0.1, $"HDBSCAN {hdbscan} vs best DBSCAN {bestDbscan}");
    }

    [Fact]
    public void Haversine_finds_the_three_towns()
    {
        var data = ReferenceData.Load("geo");
        var model = new Hdbscan(new HdbscanOptions { MinClusterSize = 20, Metric = NeighborMetric.Haversine }).Fit(data.X);
        var truth = data.Labels("truth");
        var towns = Enumerable.Range(0, truth.Length).Where(i => truth[i] >= 0).ToArray();
        Assert.Equal(3, model.NClusters);
        Assert.True(AdjustedRandIndex.Score(towns.Select(i => truth[i]).ToArray(), towns.Select(i => model.Labels[i]).ToArray()) > 0.9);
        // Distances come back as angles: the spanning tree's longest edge is under 0.5 degrees.
        Assert.InRange(model.MinimumSpanningTree.Weight.Max(), 0, 0.5 * Math.PI / 180);
    }

    [Fact]
    public void New_points_attach_where_the_tree_says_worked_out_by_hand()
    {
        var model = new Hdbscan(new HdbscanOptions { MinClusterSize = 3, MinSamples = 1 }).Fit(Line);
        // 1.4 attaches to point 1 at λ = 1/0.4, capped at 1 where point 1 left: full strength. 5 attaches to point 2 at
        // λ = 1/3 (cluster 0 dies at λ = 1, so strength 1/3); 6.5 to point 10 at 1/3.5. 22 is nearest the noise point
        // 30; -9 attaches to point 0 at 1/9, before cluster 0 is born (1/8): noise.
        var (labels, strengths) = model.ApproximatePredict(Matrix.FromRows([[1.4], [5], [6.5], [22], [-9]]));
        Assert.Equal([0, 0, 1, -1, -1], labels);
        Assert.Equal([1, 1 / 3.0, 1 / 3.5, 0, 0], strengths, new Within(1e-12));
        // With MinSamples 2 a new point's core distance counts it first: 4's is 2 (to point 2), its reach to point 2
        // max(2, 2, 1) = 2, so λ = 0.5.
        var two = new Hdbscan(new HdbscanOptions { MinClusterSize = 3, MinSamples = 2 }).Fit(Line);
        Assert.Equal([1, 1, 1, 1, 1, 1, 18], two.CoreDistances);
        var (l2, s2) = two.ApproximatePredict(Matrix.FromRows([[4.0]]));
        Assert.Equal(0, l2[0]);
        Assert.Equal(0.5, s2[0], 12);
    }

    [Fact]
    public void Training_points_predicted_again_keep_their_clusters_and_a_saved_model_predicts_the_same()
    {
        var data = ReferenceData.Load("varied");
        var model = new Hdbscan(10).Fit(data.X);
        var (labels, strengths) = model.ApproximatePredict(data.X);
        var clustered = Enumerable.Range(0, labels.Length).Where(i => model.Labels[i] >= 0).ToArray();
        double kept = clustered.Average(i => labels[i] == model.Labels[i] ? 1.0 : 0.0);
        Assert.True(kept > 0.97, $"{kept:P1} of clustered training points keep their cluster");
        Assert.All(strengths, p => Assert.InRange(p, 0, 1));
        var loaded = HdbscanModel.FromJson(model.ToJson());
        var again = loaded.ApproximatePredict(data.X);
        Assert.Equal(labels, again.Labels);
        Assert.Equal(strengths, again.Probabilities);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => model.ApproximatePredict(Matrix.FromRows([[0.0]]))).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => model.ApproximatePredict(Matrix.FromRows([[0.0, double.NaN]]))).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => model.ApproximatePredict(null!)).ParamName);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("MinClusterSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Hdbscan(1)).ParamName);
        Assert.Equal("MinSamples", Assert.Throws<ArgumentOutOfRangeException>(() => new Hdbscan(5, 0)).ParamName);
        Assert.Equal("Alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new Hdbscan(new HdbscanOptions { Alpha = 2, Metric = NeighborMetric.Haversine })).ParamName);
        Assert.Contains("MinSamples = 5", Assert.Throws<ArgumentException>(() => new Hdbscan(5).Fit(Line.SelectRows([0, 1, 2]))).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new Hdbscan(2).Fit(Matrix.FromRows([[0.0], [1.0], [double.NaN]]))).Message);
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }
}
