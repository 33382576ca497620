using Course.Data;
using Course.Decomposition;
using Course.Metrics;

namespace Course.Benchmarks;

/// <summary>
/// An all-pairs quality metric on 10,000 points against scikit-learn's: the silhouette of the true labels
/// (<c>silhouette_score</c>), or the trustworthiness (k = 10) of a 2-D PCA map (<c>sklearn.manifold.trustworthiness</c>).
/// Both must agree to rounding: each is a deterministic function of the same doubles.
/// </summary>
/// <remarks>The map is the first two principal components, computed untimed and handed to both sides, so neither
/// times an embedding and the map has no ties among neighbours. The data is the 10,000 x 784 Fashion-MNIST subset or
/// 10,000 x 50 blobs (10 centres, std 3), where a matrix product gains less over direct differences.</remarks>
public sealed class AllPairsMetricWorkload(string name, bool trustworthiness, bool fashion) : IWorkload
{
    private const int Neighbours = 10;

    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public string Description => (trustworthiness ? $"trustworthiness (k = {Neighbours}) of a 2-D PCA map" : "silhouette score of the true labels")
        + (fashion ? ", Fashion-MNIST subset 10,000 x 784" : ", 10,000 x 50 blobs (10 centres, std 3)");

    /// <inheritdoc/>
    public string ReferenceScript => "metrics_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object>
    {
        ["metric"] = trustworthiness ? "trustworthiness" : "silhouette", ["n_neighbors"] = Neighbours,
    };

    /// <inheritdoc/>
    public string QualityMetric => trustworthiness ? "trustworthiness" : "silhouette";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare()
    {
        var data = fashion ? Datasets.FashionMnistSubset() : SyntheticData.Blobs(10_000, 10, 50, 3.0, seed: 0);
        var labels = new Matrix(data.X.Rows, 1, data.Labels.Select(l => (double)l).ToArray());
        var inputs = new Dictionary<string, Matrix> { ["X"] = data.X, ["labels"] = labels };
        if (trustworthiness) inputs["E"] = new Pca(new PcaOptions { NComponents = 2 }).Fit(data.X).Transform(data.X);
        return inputs;
    }

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs) => trustworthiness
        ? Trustworthiness.Score(inputs["X"], inputs["E"], Neighbours)
        : Silhouette.Score(inputs["X"], inputs["labels"].Data.Select(l => (int)l).ToArray());

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result) => new Dictionary<string, double> { [QualityMetric] = (double)result };
}
