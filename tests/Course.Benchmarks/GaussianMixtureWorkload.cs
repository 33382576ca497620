using Course.Clustering;
using Course.Data;

namespace Course.Benchmarks;

/// <summary>
/// A Gaussian mixture (EM) on 20,000 x 10 blobs of unequal spreads, k = 8, against scikit-learn's
/// <c>GaussianMixture</c>, both starting from the same responsibilities (one K-means fit's labels, computed once
/// outside the timing), so both sides run the same EM iterations and the ratio compares the iteration.
/// </summary>
public sealed class GaussianMixtureWorkload(string name, CovarianceType type) : IWorkload
{
    private const int Rows = 20_000, Dims = 10, K = 8, Seed = 0, MaxIterations = 100;
    private const double Tolerance = 1e-3, Regularization = 1e-6;

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public string Description => $"Gaussian mixture (EM, {type} covariances), k = {K}, {Rows:N0} x {Dims} blobs of unequal spreads, both sides from the same K-means labels";

    /// <inheritdoc/>
    public string ReferenceScript => "gaussian_mixture_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object>
    {
        ["k"] = K, ["max_iter"] = MaxIterations, ["tol"] = Tolerance, ["reg_covar"] = Regularization,
        ["covariance_type"] = type switch { CovarianceType.Full => "full", CovarianceType.Tied => "tied", CovarianceType.Diagonal => "diag", _ => "spherical" },
    };

    /// <inheritdoc/>
    public string QualityMetric => "lower_bound";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare()
    {
        var rng = Course.Seed.Create(Seed);
        var spreads = Enumerable.Range(0, K).Select(_ => 0.5 + 2.5 * rng.NextDouble()).ToArray();
        var centres = Matrix.FromRows(Enumerable.Range(0, K).Select(_ => Enumerable.Range(0, Dims).Select(_ => 20 * rng.NextDouble() - 10).ToArray()).ToList());
        var x = SyntheticData.Blobs(Rows, centres, spreads, seed: Seed).X;
        var labels = new KMeans(new KMeansOptions { NClusters = K, NInit = 1, Seed = Seed }).Fit(x).Labels;
        var init = new Matrix(Rows, 1);
        for (int i = 0; i < Rows; i++) init[i, 0] = labels[i];
        return new Dictionary<string, Matrix> { ["X"] = x, ["init_labels"] = init };
    }

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs) => new GaussianMixture(new GaussianMixtureOptions
    {
        NComponents = K,
        CovarianceType = type,
        Tolerance = Tolerance,
        Regularization = Regularization,
        MaxIterations = MaxIterations,
        InitialLabels = inputs["init_labels"].Column(0).Select(v => (int)v).ToArray(),
    }).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var model = (GaussianMixtureModel)result;
        return new Dictionary<string, double> { ["lower_bound"] = model.LowerBound, ["n_iter"] = model.Iterations };
    }
}
