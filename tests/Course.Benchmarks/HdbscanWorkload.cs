using Course.Clustering;

namespace Course.Benchmarks;

/// <summary>
/// HDBSCAN on 20,000 2-D points (blobs with 10% uniform noise), minPts 15 (min_cluster_size = min_samples, as R
/// couples them), against R's <c>dbscan::hdbscan</c> (Debian <c>r-cran-dbscan</c>), timed inside R around the call
/// (<c>reference/hdbscan_r.R</c>), so R's start-up is not counted. R's HDBSCAN is single-threaded and builds the full
/// distance matrix (1.6 GB at this size); ours uses every core and O(n) memory.
/// </summary>
public sealed class HdbscanWorkload : IWorkload
{
    private const int Rows = 20_000, MinPts = 15, Seed = 5;

    /// <inheritdoc/>
    public string Name => "hdbscan";

    /// <inheritdoc/>
    public string Description => $"HDBSCAN, minPts {MinPts}, {Rows:N0} x 2 blobs with 10% uniform noise, against R dbscan::hdbscan";

    /// <inheritdoc/>
    public string ReferenceName => "R";

    /// <inheritdoc/>
    public string ReferenceScript => "hdbscan_r.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object> { ["min_pts"] = MinPts };

    /// <inheritdoc/>
    public string QualityMetric => "noise";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = DensityData.BlobsWithNoise(Rows, Seed) };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs) => new Hdbscan(MinPts, MinPts).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var m = (HdbscanModel)result;
        return new Dictionary<string, double> { ["clusters"] = m.NClusters, ["noise"] = m.NoiseCount };
    }
}
