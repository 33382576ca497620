using System.Text.Json;
using Course.Data;
using Course.Decomposition;

namespace Course.Tests;

/// <summary>PCA, incremental PCA, randomized SVD and Kernel PCA against scikit-learn 1.2.1 (Reference/pca.json,
/// written by Reference/pca_references.py) and against their definitions.</summary>
public class PcaTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "pca.json"))).RootElement;

    private static double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    private static Matrix Rows(JsonElement e) => Matrix.FromRows(e.EnumerateArray().Select(Vector).ToArray());

    // Components are defined up to sign: compare after aligning each row's sign with the reference's.
    private static void AssertSameUpToSign(Matrix expected, Matrix actual, double tolerance, bool byColumn = false)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        int vectors = byColumn ? expected.Cols : expected.Rows, length = byColumn ? expected.Rows : expected.Cols;
        for (int v = 0; v < vectors; v++)
        {
            double E(int i) => byColumn ? expected[i, v] : expected[v, i];
            double A(int i) => byColumn ? actual[i, v] : actual[v, i];
            double dot = Enumerable.Range(0, length).Sum(i => E(i) * A(i));
            double sign = dot < 0 ? -1 : 1;
            for (int i = 0; i < length; i++) Assert.True(Math.Abs(E(i) - sign * A(i)) <= tolerance, $"vector {v}, entry {i}: {E(i)} vs {sign * A(i)}");
        }
    }

    private static void AssertRelative(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Abs(expected[i]), $"entry {i}: {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [InlineData(PcaSolver.Full)]
    [InlineData(PcaSolver.CovarianceEigh)]
    public void Digits_components_and_variance_ratios_equal_scikit_learn(PcaSolver solver)
    {
        var x = Datasets.Digits().X;
        var model = new Pca(new PcaOptions { NComponents = 10, Solver = solver }).Fit(x);
        var r = Reference.GetProperty("digits_pca10");
        AssertSameUpToSign(Rows(r.GetProperty("components")), model.Components, 1e-8);
        AssertRelative(Vector(r.GetProperty("explained_variance_ratio")), model.ExplainedVarianceRatio, 1e-8);
        AssertRelative(Vector(r.GetProperty("explained_variance")), model.ExplainedVariance, 1e-8);
        AssertRelative(Vector(r.GetProperty("singular_values")), model.SingularValues, 1e-8);
        Assert.Equal(Vector(r.GetProperty("mean")), model.Mean, new Within(1e-12));
        Assert.Equal(r.GetProperty("noise_variance").GetDouble(), model.NoiseVariance, 1e-8);
        Assert.Equal(solver, model.Solver);
    }

    [Fact]
    public void Variance_threshold_picks_the_same_number_of_components_as_scikit_learn()
    {
        var model = new Pca(new PcaOptions { VarianceToKeep = 0.9 }).Fit(Datasets.Digits().X);
        Assert.Equal(Reference.GetProperty("digits_pca_90_percent").GetInt32(), model.NComponents);
        Assert.True(model.ExplainedVarianceRatio.Sum() >= 0.9);
        Assert.True(model.ExplainedVarianceRatio[..^1].Sum() < 0.9);
    }

    [Fact]
    public void Reconstruction_with_every_component_is_exact_and_whitening_gives_unit_variance()
    {
        var x = Datasets.Iris().X;
        var all = new Pca(new PcaOptions { Whiten = true }).Fit(x);
        Assert.Equal(4, all.NComponents);
        Assert.Equal(1.0, all.ExplainedVarianceRatio.Sum(), 12);
        var z = all.Transform(x);
        var back = all.InverseTransform(z);
        for (int i = 0; i < x.Data.Length; i++) Assert.Equal(x.Data[i], back.Data[i], 10);
        for (int c = 0; c < 4; c++)
        {
            var col = z.Column(c);
            double mean = col.Average(), variance = col.Sum(v => (v - mean) * (v - mean)) / (col.Length - 1);
            Assert.Equal(0, mean, 10);
            Assert.Equal(1, variance, 10);
        }
        // Fewer components: the reconstruction error is the discarded variance (per feature).
        var two = new Pca(2).Fit(x);
        double expected = two.NoiseVariance * 2 * (x.Rows - 1) / x.Rows / x.Cols;
        Assert.Equal(expected, two.ReconstructionError(x).Average(), 10);
    }

    [Fact]
    public void Randomized_svd_is_within_stated_tolerances_of_the_full_one()
    {
        var x = Datasets.FashionMnistSubset().X.SelectRows(Enumerable.Range(0, 2000).ToArray());
        var full = new Pca(new PcaOptions { NComponents = 20, Solver = PcaSolver.Full }).Fit(x);
        var randomized = new Pca(new PcaOptions { NComponents = 20, Solver = PcaSolver.Randomized, Seed = 0 }).Fit(x);
        // Stated tolerances, with scikit-learn's defaults (10 oversamples, 7 power iterations): the 10 leading singular
        // values within 1e-6 relative, all 20 within 1e-3 (the last ones sit close together, which slows convergence).
        AssertRelative(full.SingularValues[..10], randomized.SingularValues[..10], 1e-6);
        AssertRelative(full.SingularValues, randomized.SingularValues, 1e-3);
        AssertSameUpToSign(full.Components.SelectRows(Enumerable.Range(0, 10).ToArray()), randomized.Components.SelectRows(Enumerable.Range(0, 10).ToArray()), 1e-4);
        // Without power iterations the random projection alone is much cruder: the test can fail.
        var crude = RandomizedSvd.Compute(x.SubtractFromRows(x.ColumnMeans()), 20, powerIterations: 0, seed: 0).S;
        Assert.True(Math.Abs(crude[19] - full.SingularValues[19]) / full.SingularValues[19] > 1e-3);
    }

    [Fact]
    public void Incremental_pca_matches_scikit_learn_and_equals_full_pca_with_every_component()
    {
        var x = Datasets.Digits().X;
        var model = new IncrementalPca(new IncrementalPcaOptions { NComponents = 10, BatchSize = 200 }).Fit(x);
        var r = Reference.GetProperty("digits_ipca10_batch200");
        AssertSameUpToSign(Rows(r.GetProperty("components")), model.Components, 1e-8);
        AssertRelative(Vector(r.GetProperty("explained_variance_ratio")), model.ExplainedVarianceRatio, 1e-8);
        var iris = Datasets.Iris().X;
        var full = new Pca(new PcaOptions { Solver = PcaSolver.Full }).Fit(iris);
        var incremental = new IncrementalPca(new IncrementalPcaOptions { NComponents = 4, BatchSize = 30 }).Fit(iris);
        AssertSameUpToSign(full.Components, incremental.Components, 1e-10);
        AssertRelative(full.ExplainedVariance, incremental.ExplainedVariance, 1e-10);
    }

    [Theory]
    [InlineData("rbf", KernelType.Rbf, 10.0)]
    [InlineData("poly", KernelType.Polynomial, 1.0)]
    [InlineData("cosine", KernelType.Cosine, 1.0)]
    public void Kernel_pca_embedding_projection_and_preimage_equal_scikit_learn(string name, KernelType kernel, double gamma)
    {
        var circles = Rows(Reference.GetProperty("circles"));
        var fresh = Rows(Reference.GetProperty("circles_new"));
        var r = Reference.GetProperty($"kpca_{name}");
        var model = new KernelPca(new KernelPcaOptions { NComponents = 2, Kernel = kernel, Gamma = gamma, Degree = 3, Coef0 = 1, FitInverseTransform = true, Alpha = 0.1 }).Fit(circles);
        AssertRelative(Vector(r.GetProperty("eigenvalues")), model.Eigenvalues, 1e-8);
        AssertSameUpToSign(Rows(r.GetProperty("embedding")), model.Embedding, 1e-8, byColumn: true);
        AssertSameUpToSign(Rows(r.GetProperty("embedding")), model.Transform(circles), 1e-8, byColumn: true);
        AssertSameUpToSign(Rows(r.GetProperty("new")), model.Transform(fresh), 1e-8, byColumn: true);
        var pre = model.InverseTransform(model.Transform(fresh));
        var expected = Rows(r.GetProperty("preimage"));
        // The pre-image does not depend on the components' signs (they flip in both maps together).
        for (int i = 0; i < pre.Data.Length; i++) Assert.Equal(expected.Data[i], pre.Data[i], 6);
    }

    [Fact]
    public void Kernel_pca_with_the_linear_kernel_is_pca()
    {
        var x = Datasets.Iris().X;
        var kernel = new KernelPca(new KernelPcaOptions { NComponents = 2 }).Fit(x);
        var pca = new Pca(2).Fit(x);
        AssertSameUpToSign(pca.Transform(x), kernel.Embedding, 1e-8, byColumn: true);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("NComponents", Assert.Throws<ArgumentOutOfRangeException>(() => new Pca(0)).ParamName);
        Assert.Equal("VarianceToKeep", Assert.Throws<ArgumentOutOfRangeException>(() => new Pca(new PcaOptions { VarianceToKeep = 1.5 })).ParamName);
        Assert.Contains("needs NComponents", Assert.Throws<ArgumentException>(() => new Pca(new PcaOptions { Solver = PcaSolver.Randomized })).Message);
        Assert.Contains("exceeds min(n, d) = 4", Assert.Throws<ArgumentException>(() => new Pca(5).Fit(Datasets.Iris().X)).Message);
        Assert.Contains("NaN at row 1", Assert.Throws<ArgumentException>(() => new Pca(1).Fit(Matrix.FromRows([[0.0, 1], [double.NaN, 2], [1, 1]]))).Message);
        var fitted = new Pca(2).Fit(Datasets.Iris().X);
        Assert.Contains("dimension mismatch", Assert.Throws<ArgumentException>(() => fitted.Transform(new Matrix(3, 5))).Message);
        Assert.Contains("dimension mismatch", Assert.Throws<ArgumentException>(() => fitted.InverseTransform(new Matrix(3, 3))).Message);
        Assert.Equal("Gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new KernelPca(new KernelPcaOptions { Gamma = -1 })).ParamName);
        var kpca = new KernelPca(new KernelPcaOptions { NComponents = 2, Kernel = KernelType.Rbf }).Fit(Datasets.Iris().X);
        Assert.Throws<InvalidOperationException>(() => kpca.InverseTransform(new Matrix(1, 2)));
        Assert.Contains("needs a first batch of at least", Assert.Throws<ArgumentException>(() => new IncrementalPca(5).Begin().Add(new Matrix(3, 8))).Message);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedSvd.Compute(new Matrix(3, 3), 4)).ParamName);
    }
}
