using Course.Clustering;
using Course.Data;

namespace Course.Benchmarks;

/// <summary>
/// Mini-batch K-means, k = 20, batch 1,024, one k-means++ seeding on each side, on the 100,000 x 50 blobs of
/// <see cref="KMeansLloydWorkload"/> (20 centres, std 1), against scikit-learn's <c>MiniBatchKMeans(n_init=1)</c>.
/// </summary>
/// <remarks>Each side draws its own batches and seeds, so the inertia agrees only within the noise of the draws;
/// on these well-separated blobs both find the 20 blobs and the final inertias are within a fraction of a percent.
/// scikit-learn also reassigns rarely hit centres (<c>reassignment_ratio</c>), which ours does not.</remarks>
public sealed class MiniBatchKMeansWorkload : IWorkload
{
    private const int Rows = 100_000, Dims = 50, Centers = 20, K = 20, Batch = 1024, Seed = 0;

    /// <inheritdoc/>
    public string Name => "minibatch-kmeans";

    /// <inheritdoc/>
    public string Description => $"mini-batch K-means, k = {K}, batch {Batch}, {Rows:N0} x {Dims} blobs ({Centers} centres, std 1), one k-means++ seeding per side";

    /// <inheritdoc/>
    public string ReferenceScript => "minibatch_kmeans_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object> { ["k"] = K, ["batch"] = Batch, ["seed"] = Seed };

    /// <inheritdoc/>
    public string QualityMetric => "inertia";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = SyntheticData.Blobs(Rows, Centers, Dims, 1.0, seed: Seed).X };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
        => new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = K, BatchSize = Batch, Seed = Seed }).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var model = (KMeansModel)result;
        return new Dictionary<string, double> { ["inertia"] = model.Inertia, ["n_iter"] = model.Iterations };
    }
}
