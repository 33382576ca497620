using Course.Clustering;
using Course.Data;

namespace Course.Benchmarks;

/// <summary>
/// Ward agglomerative clustering of 10,000 x 50 Gaussian blobs into 10 clusters against scikit-learn's
/// <c>AgglomerativeClustering(linkage="ward")</c> (which runs scipy's nearest-neighbour chain). Both build the full
/// tree, so the top merge height must agree; ARI against the blobs checks the cut.
/// </summary>
public sealed class WardWorkload : IWorkload
{
    private const int Rows = 10_000, Dims = 50, Centers = 10, K = 10, Seed = 0;

    /// <inheritdoc/>
    public string Name => "ward";

    /// <inheritdoc/>
    public string Description => $"Agglomerative clustering, Ward linkage, {Rows:N0} x {Dims} blobs ({Centers} centres, std 3), cut at k = {K}";

    /// <inheritdoc/>
    public string ReferenceScript => "ward_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object> { ["k"] = K };

    /// <inheritdoc/>
    public string QualityMetric => "top_height";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare()
        => new Dictionary<string, Matrix> { ["X"] = SyntheticData.Blobs(Rows, Centers, Dims, 3.0, seed: Seed).X };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
        => new AgglomerativeClustering(K, Linkage.Ward).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var model = (AgglomerativeClusteringModel)result;
        return new Dictionary<string, double> { ["top_height"] = model.Tree.Heights[^1], ["clusters"] = model.NClusters };
    }
}
