using Course.Data;
using Course.Decomposition;

namespace Course.Benchmarks;

/// <summary>
/// PCA with 50 components of the 10,000 x 784 Fashion-MNIST subset, against scikit-learn's <c>PCA</c> with the same
/// solver (<c>svd_solver="full"</c> or <c>"randomized"</c>). The explained-variance ratio of the 50 components must agree.
/// </summary>
public sealed class PcaWorkload(string name, PcaSolver solver) : IWorkload
{
    private const int Components = 50;

    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public string Description => $"PCA, {Components} components, Fashion-MNIST subset 10,000 x 784, solver {solver}"
        + (solver == PcaSolver.CovarianceEigh ? " against scikit-learn's svd_solver=\"full\" (1.2 has no covariance solver)" : "");

    /// <inheritdoc/>
    public string ReferenceScript => "pca_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object>
    {
        ["k"] = Components, ["solver"] = solver == PcaSolver.Randomized ? "randomized" : "full",
    };

    /// <inheritdoc/>
    public string QualityMetric => "evr_sum";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = Datasets.FashionMnistSubset().X };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
        => new Pca(new PcaOptions { NComponents = Components, Solver = solver, Seed = 0 }).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var m = (PcaModel)result;
        return new Dictionary<string, double> { ["evr_sum"] = m.ExplainedVarianceRatio.Sum(), ["evr_50th"] = m.ExplainedVarianceRatio[^1] };
    }
}
