using Course.Clustering;

namespace Course.Benchmarks;

/// <summary>
/// DBSCAN on 50,000 2-D points (blobs with 10% uniform noise), eps 0.3, min_samples 10, against scikit-learn's
/// <c>DBSCAN</c> with <c>n_jobs=-1</c> (its neighbour queries on every core, as ours). Both produce the same partition,
/// so cluster, core and noise counts must be equal.
/// </summary>
public sealed class DbscanWorkload : IWorkload
{
    private const int Rows = 50_000, MinSamples = 10, Seed = 3;
    private const double Eps = 0.3;

    /// <inheritdoc/>
    public string Name => "dbscan";

    /// <inheritdoc/>
    public string Description => $"DBSCAN, eps {Eps}, min_samples {MinSamples}, {Rows:N0} x 2 blobs with 10% uniform noise";

    /// <inheritdoc/>
    public string ReferenceScript => "dbscan_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object> { ["eps"] = Eps, ["min_samples"] = MinSamples };

    /// <inheritdoc/>
    public string QualityMetric => "noise";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = DensityData.BlobsWithNoise(Rows, Seed) };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs) => new Dbscan(Eps, MinSamples).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var m = (DbscanModel)result;
        return new Dictionary<string, double> { ["clusters"] = m.NClusters, ["core"] = m.CoreSampleIndices.Length, ["noise"] = m.NoiseCount };
    }
}
