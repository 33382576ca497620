using System.Text.Json;
using Course.Data;
using Course.Manifold;
using Course.Metrics;

namespace Course.Tests;

/// <summary>t-SNE and UMAP against scikit-learn 1.2.1 and umap-learn 0.5.3 (Reference/manifold.json): the same joint
/// probabilities, KL divergence and gradient as scikit-learn's; Barnes-Hut close to exact; umap-learn's curve; and
/// on digits, trustworthiness at least the references' minus 0.01 (quality, never coordinates).</summary>
public class ManifoldTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "manifold.json"))).RootElement;
    private static double[][] Rows(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
    private static Matrix Points(string name) => Matrix.FromRows(Rows(Reference.GetProperty(name)));
    private static double[] Dense(SparseGraph g)
    {
        var d = new double[g.Count * g.Count];
        for (int i = 0; i < g.Count; i++)
            for (int e = g.RowStart[i]; e < g.RowStart[i + 1]; e++) d[i * g.Count + g.Columns[e]] = g.Values[e];
        return d;
    }

    [Fact]
    public void Joint_probabilities_equal_scikit_learns_for_both_methods()
    {
        var x = Points("x");
        var bh = Tsne.JointProbabilities(x, 5, TsneMethod.BarnesHut);
        // scikit-learn calibrates on float32 distances; its tolerance leaves about 1e-6 per entry.
        Assert.Equal(Rows(Reference.GetProperty("joint5")).SelectMany(r => r).ToArray(), Dense(bh), new Within(1e-6));
        Assert.Equal(1.0, bh.Sum(), 12);
        var exact = Tsne.JointProbabilities(x, 5, TsneMethod.Exact);
        Assert.Equal(Rows(Reference.GetProperty("exact5").GetProperty("p")).SelectMany(r => r).ToArray(), Dense(exact), new Within(1e-6));
        // Symmetric: p_ij = p_ji.
        for (int i = 0; i < 60; i++) for (int j = 0; j < 60; j++) Assert.Equal(exact[i, j], exact[j, i], 15);
    }

    [Fact]
    public void Exact_gradient_and_kl_equal_scikit_learns_and_barnes_hut_stays_close()
    {
        var x = Points("x"); var y = Points("y");
        var p = Tsne.JointProbabilities(x, 5, TsneMethod.Exact);
        var grad = new double[120];
        double kl = new TsneGradient(p, 60, 2, 0, barnesHut: false).Compute(y.Data, grad, 1, computeKl: true);
        var expected = Rows(Reference.GetProperty("exact5").GetProperty("gradient")).SelectMany(r => r).ToArray();
        Assert.Equal(Reference.GetProperty("exact5").GetProperty("kl").GetDouble(), kl, 5);
        Assert.Equal(expected, grad, new Within(1e-5 * expected.Max(Math.Abs)));
        // θ = 0 opens every cell: Barnes-Hut is then exact to rounding.
        var bh0 = new double[120];
        new TsneGradient(p, 60, 2, 0, barnesHut: true).Compute(y.Data, bh0, 1, computeKl: false);
        Assert.Equal(grad, bh0, new Within(1e-12));
        // θ = 0.5 on 1,000 digits at a t-SNE-like spread: Barnes-Hut approximates the repulsion, so its error is
        // measured against the repulsive part of the gradient (the net gradient nearly cancels at a fitted map).
        var digits = Datasets.Digits().X.SelectRows([.. Enumerable.Range(0, 1000)]);
        var start = new Tsne(new TsneOptions { MaxIterations = 300, Method = TsneMethod.Exact }).Fit(digits).Embedding;
        var pd = Tsne.JointProbabilities(digits, 30, TsneMethod.BarnesHut);
        var exactGrad = new double[2000]; var bhGrad = new double[2000]; var repulsion = new double[2000];
        new TsneGradient(pd, 1000, 2, 0, false).Compute(start.Data, exactGrad, 1, false);
        new TsneGradient(pd, 1000, 2, 0, false).Compute(start.Data, repulsion, 0, false);
        new TsneGradient(pd, 1000, 2, 0.5, true).Compute(start.Data, bhGrad, 1, false);
        double err = Math.Sqrt(exactGrad.Zip(bhGrad, (a, b) => (a - b) * (a - b)).Sum() / repulsion.Sum(a => a * a));
        Assert.True(err < 0.02, $"relative error {err}"); // measured 0.0097
        Assert.True(err > 0, "θ = 0.5 summarised nothing");
    }

    // The public dense form lessons and checks use: the same gradient from P as a dense n x n matrix.
    [Fact]
    public void Public_gradient_of_a_dense_p_equals_scikit_learns_and_refuses_bad_input()
    {
        var x = Points("x"); var y = Points("y");
        var sparse = Tsne.JointProbabilities(x, 5, TsneMethod.Exact);
        var p = new Matrix(60, 60);
        for (int i = 0; i < 60; i++) for (int j = 0; j < 60; j++) p[i, j] = sparse[i, j];
        var expected = Rows(Reference.GetProperty("exact5").GetProperty("gradient")).SelectMany(r => r).ToArray();
        var original = y.Clone();
        Assert.Equal(expected, Tsne.Gradient(p, y).Data, new Within(1e-5 * expected.Max(Math.Abs)));
        Assert.Equal(original.Data, y.Data); // the map is not moved
        Assert.Equal("p", Assert.ThrowsAny<ArgumentException>(() => Tsne.Gradient(p.SelectRows([.. Enumerable.Range(0, 59)]), y)).ParamName);
        var negative = p.Clone(); negative[2, 5] = -0.1;
        Assert.Equal("p", Assert.ThrowsAny<ArgumentException>(() => Tsne.Gradient(negative, y)).ParamName);
        var nan = y.Clone(); nan[4, 1] = double.NaN;
        Assert.Equal("y", Assert.ThrowsAny<ArgumentException>(() => Tsne.Gradient(p, nan)).ParamName);
        Assert.Equal("p", Assert.ThrowsAny<ArgumentException>(() => Tsne.Gradient(null!, y)).ParamName);
    }

    [Fact]
    public void Tsne_on_digits_is_as_trustworthy_as_scikit_learns()
    {
        var digits = Datasets.Digits();
        var model = new Tsne().Fit(digits.X);
        Assert.Equal(TsneMethod.BarnesHut, model.Method);
        Assert.Equal(Math.Max(1797 / 12.0 / 4, 50), model.LearningRate);
        double t = Trustworthiness.Score(digits.X, model.Embedding, 10);
        Assert.True(t >= Reference.GetProperty("digits_tsne_trustworthiness10").GetDouble() - 0.01, $"trustworthiness {t}");
        // KL falls over the run and the reported value is the last check's.
        Assert.True(model.KlHistory[^1].Kl < model.KlHistory[5].Kl, string.Join(", ", model.KlHistory));
        Assert.Equal(model.KlHistory[^1].Kl, model.KlDivergence);
        // Same seed, same map.
        Assert.Equal(model.Embedding.Data, new Tsne().Fit(digits.X).Embedding.Data);
    }

    [Fact]
    public void Umap_curve_matches_umap_learns_find_ab_params()
    {
        var (a, b) = UmapCurve.Fit(0.1, 1.0);
        // umap-learn 0.5.3: find_ab_params(1.0, 0.1) = (1.576943460405378, 0.8950608781227859).
        Assert.Equal(1.576943460405378, a, 4);
        Assert.Equal(0.8950608781227859, b, 4);
        var (a2, b2) = UmapCurve.Fit(0.5, 1.0);
        // A larger min_dist flattens the curve near 0: smaller a, larger b.
        Assert.True(a2 < a && b2 > b, $"{a2}, {b2}");
        Assert.Equal("minDist", Assert.ThrowsAny<ArgumentException>(() => UmapCurve.Fit(1.0, 1.0)).ParamName);
    }

    [Fact]
    public void Fuzzy_set_connects_every_point_to_its_nearest_with_weight_one_and_is_a_fuzzy_union()
    {
        var x = Points("x");
        var neighbors = Neighbors.NeighborIndex.Build(x).KNeighbors(15, includeSelf: true);
        var directed = FuzzySimplicialSet.Memberships(neighbors, 1, skipsSelf: true);
        for (int i = 0; i < 60; i++)
        {
            Assert.Equal(0, directed[i * 15]); // itself
            Assert.Equal(1, directed[i * 15 + 1]); // its nearest: d − ρ = 0
            // σ solves Σ_{j ≥ 1} w = log2 k.
            Assert.Equal(Math.Log2(15), directed.AsSpan(i * 15 + 1, 14).ToArray().Sum(), 4);
            // The public one-point form (lesson 05's exercise) gives the fit's weights from the 14 distances to others.
            var others = neighbors.DistancesOf(i)[1..].ToArray();
            var (rho, sigma) = FuzzySimplicialSet.LocalScale(others);
            Assert.Equal(directed.AsSpan(i * 15 + 1, 14).ToArray(), others.Select(d => Math.Exp(-Math.Max(0, d - rho) / sigma)), new Within(1e-12));
        }
        var g = FuzzySimplicialSet.Build(neighbors);
        for (int i = 0; i < 60; i++)
            for (int j = 0; j < 15; j++)
            {
                int c = neighbors.IndicesOf(i)[j];
                if (c == i) continue;
                double a = directed[i * 15 + j];
                int back = neighbors.IndicesOf(c).IndexOf(i);
                double b = back >= 0 ? directed[c * 15 + back] : 0;
                Assert.Equal(a + b - a * b, g[i, c], 12);
                Assert.Equal(g[i, c], g[c, i], 15);
            }
    }

    [Fact]
    public void Umap_on_digits_is_as_trustworthy_as_umap_learn_and_transform_places_held_out_points()
    {
        var digits = Datasets.Digits();
        var model = new Umap().Fit(digits.X);
        Assert.Equal(500, model.Epochs);
        double t = Trustworthiness.Score(digits.X, model.Embedding, 10);
        Assert.True(t >= Reference.GetProperty("digits_umap_trustworthiness10").GetDouble() - 0.01, $"trustworthiness {t}");
        Assert.Equal(model.Embedding.Data, new Umap().Fit(digits.X).Embedding.Data);
        // Held-out digits land among their own class: a 5-NN vote in the map recovers most labels.
        var train = Enumerable.Range(0, 1797).Where(i => i % 5 != 0).ToArray();
        var test = Enumerable.Range(0, 1797).Where(i => i % 5 == 0).ToArray();
        var fitted = new Umap().Fit(digits.X.SelectRows(train));
        var placed = fitted.Transform(digits.X.SelectRows(test));
        var knn = new Classification.KNeighborsClassifier(5).Fit(fitted.Embedding, train.Select(i => digits.Labels[i]).ToArray());
        double accuracy = knn.Score(placed, test.Select(i => digits.Labels[i]).ToArray());
        Assert.True(accuracy > 0.9, $"held-out accuracy {accuracy}");
    }

    [Fact]
    public void Bad_input_gets_clear_errors()
    {
        var x = Points("x");
        Assert.Equal("Perplexity", Assert.ThrowsAny<ArgumentException>(() => new Tsne(new TsneOptions { Perplexity = 60 }).Fit(x)).ParamName);
        Assert.Equal("Perplexity", Assert.ThrowsAny<ArgumentException>(() => new Tsne(new TsneOptions { Perplexity = -1 })).ParamName);
        Assert.Contains("NComponents = 2", Assert.ThrowsAny<ArgumentException>(() => new Tsne(new TsneOptions { Method = TsneMethod.BarnesHut, NComponents = 3 })).Message);
        Assert.Equal("Angle", Assert.ThrowsAny<ArgumentException>(() => new Tsne(new TsneOptions { Angle = 1.5 })).ParamName);
        Assert.Equal("MaxIterations", Assert.ThrowsAny<ArgumentException>(() => new Tsne(new TsneOptions { MaxIterations = 100 })).ParamName);
        var nan = x.Clone(); nan[3, 2] = double.NaN;
        Assert.Contains("NaN", Assert.ThrowsAny<ArgumentException>(() => new Tsne().Fit(nan)).Message);
        Assert.Contains("NaN", Assert.ThrowsAny<ArgumentException>(() => new Umap().Fit(nan)).Message);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => new Umap().Fit(new Matrix(0, 3))).ParamName);
        Assert.Equal("NNeighbors", Assert.ThrowsAny<ArgumentException>(() => new Umap(new UmapOptions { NNeighbors = 61 }).Fit(x)).ParamName);
        Assert.Equal("NNeighbors", Assert.ThrowsAny<ArgumentException>(() => new Umap(new UmapOptions { NNeighbors = 1 })).ParamName);
        Assert.Equal("MinDist", Assert.ThrowsAny<ArgumentException>(() => new Umap(new UmapOptions { MinDist = 2 })).ParamName);
        Assert.Equal("distances", Assert.ThrowsAny<ArgumentException>(() => FuzzySimplicialSet.LocalScale([0, 0])).ParamName);
        Assert.Equal("distances", Assert.ThrowsAny<ArgumentException>(() => FuzzySimplicialSet.LocalScale([1, double.NaN])).ParamName);
        Assert.Equal("distances", Assert.ThrowsAny<ArgumentException>(() => FuzzySimplicialSet.LocalScale([])).ParamName);
        var model = new Umap(new UmapOptions { Epochs = 20 }).Fit(x);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => model.Transform(new Matrix(2, 4))).ParamName);
    }
}
