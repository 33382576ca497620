using Course.Data;
using Course.Decomposition;

namespace Course.Benchmarks;

/// <summary>
/// Kernel PCA, RBF kernel with scikit-learn's default γ (1 / 784), 5 (or <paramref name="components"/>) components
/// of the first 2,000 images of the Fashion-MNIST subset: ours with its default solver
/// (<see cref="KernelEigenSolver.Auto"/>) against scikit-learn's <c>KernelPCA</c> with the named <c>eigen_solver</c>.
/// The eigenvalues must agree.
/// </summary>
public sealed class KernelPcaWorkload(string solver, int components = 5) : IWorkload
{
    private const int Rows = 2_000;
    private int Components => components;

    /// <inheritdoc/>
    public string Name => components == 5 ? $"kernel-pca-{solver}" : $"kernel-pca-{components}-{solver}";

    /// <inheritdoc/>
    public string Description => $"Kernel PCA, RBF, {Components} components of 2,000 x 784 Fashion-MNIST images, against eigen_solver={solver}";

    /// <inheritdoc/>
    public string ReferenceScript => "kernel_pca_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object> { ["k"] = Components, ["solver"] = solver };

    /// <inheritdoc/>
    public string QualityMetric => "eigenvalue_sum";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = Datasets.FashionMnistSubset().X.SelectRows(Enumerable.Range(0, Rows).ToArray()) };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
        => new KernelPca(new KernelPcaOptions { NComponents = Components, Kernel = KernelType.Rbf }).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var values = ((KernelPcaModel)result).Eigenvalues;
        return new Dictionary<string, double> { ["eigenvalue_sum"] = values.Sum(), ["eigenvalue_last"] = values[^1] };
    }
}
