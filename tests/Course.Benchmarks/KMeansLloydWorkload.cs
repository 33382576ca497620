using Course.Clustering;
using Course.Data;

namespace Course.Benchmarks;

/// <summary>
/// K-means by Lloyd's algorithm on 100,000 x 50 Gaussian blobs (20 centres drawn in [-10, 10]^50), k = 20, against
/// scikit-learn's <c>KMeans(algorithm="lloyd")</c>.
/// </summary>
/// <remarks>
/// With k-means++ seeding each side draws its own seeds (different random generators), so iteration counts and
/// inertia may differ for reasons that have nothing to do with speed. A "same init" row hands both sides identical
/// starting centroids (our k-means++ draw), so both run the same Lloyd iterations and the time ratio compares the
/// algorithm, not the luck of the draw. With standard deviation 1 the blobs are about eight deviations apart and
/// Lloyd converges in a couple of iterations, so such a row mostly times the fixed costs of a fit; a larger deviation
/// makes the blobs overlap and the time is then dominated by Lloyd iterations.
/// </remarks>
public sealed class KMeansLloydWorkload : IWorkload
{
    private const int Rows = 100_000, Dims = 50, Centers = 20, K = 20, Seed = 0, MaxIterations = 300;
    private const double Tolerance = 1e-4;

    private readonly double std;
    private readonly bool sameInit;

    /// <summary>A row named <paramref name="name"/> on blobs of standard deviation <paramref name="std"/>: each side
    /// seeds with its own k-means++, or, when <paramref name="sameInit"/>, both start from the same centroids.</summary>
    public KMeansLloydWorkload(string name, double std, bool sameInit)
    {
        Name = name; this.std = std; this.sameInit = sameInit;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Description => $"K-means (Lloyd), k = {K}, {Rows:N0} x {Dims} blobs ({Centers} centres, std {std}), "
        + (sameInit ? "both sides start from the same k-means++ centroids" : "k-means++ seeding on each side, n_init = 1");

    /// <inheritdoc/>
    public string ReferenceScript => "kmeans_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object>
    {
        ["k"] = K, ["seed"] = Seed, ["max_iter"] = MaxIterations, ["tol"] = Tolerance, ["same_init"] = sameInit,
    };

    /// <inheritdoc/>
    public string QualityMetric => "inertia";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare()
    {
        var x = SyntheticData.Blobs(Rows, Centers, Dims, std, seed: Seed).X;
        var inputs = new Dictionary<string, Matrix> { ["X"] = x };
        if (sameInit) inputs["init"] = KMeansPlusPlus.Seed(x, K, Course.Seed.Create(Seed)).Centers;
        return inputs;
    }

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs) => new KMeans(new KMeansOptions
    {
        NClusters = K,
        Seed = Seed,
        NInit = 1,
        Init = KMeansInit.KMeansPlusPlus,
        MaxIterations = MaxIterations,
        Tolerance = Tolerance,
        InitialCentroids = sameInit ? inputs["init"] : null,
    }).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var model = (KMeansModel)result;
        return new Dictionary<string, double> { ["inertia"] = model.Inertia, ["n_iter"] = model.Iterations };
    }
}
