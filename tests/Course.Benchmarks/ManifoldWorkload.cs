using Course.Data;
using Course.Manifold;
using Course.Metrics;

namespace Course.Benchmarks;

/// <summary>
/// Lesson 05's embeddings with every default, on the digits (1,797 x 64) or the 10,000 x 784 Fashion-MNIST subset:
/// t-SNE against scikit-learn's <c>TSNE</c> (Barnes-Hut, PCA start, learning rate "auto"), or UMAP against umap-learn's
/// <c>UMAP</c> (Debian <c>umap-learn</c>; seeded, so it runs its layout in one thread, as ours does). The quality
/// metric is trustworthiness (k = 10), computed untimed on both sides by the same definition.
/// </summary>
public sealed class ManifoldWorkload(string name, bool umap, bool fashion) : IWorkload
{
    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public string Description => $"{(umap ? "UMAP" : "t-SNE")} with default settings on {(fashion ? "the Fashion-MNIST subset, 10,000 x 784" : "the digits, 1,797 x 64")}";

    /// <inheritdoc/>
    public string ReferenceName => umap ? "umap-learn" : "sklearn";

    /// <inheritdoc/>
    public string ReferenceScript => umap ? "umap_learn.py" : "tsne_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object> { ["seed"] = 42 };

    /// <inheritdoc/>
    public string QualityMetric => "trustworthiness";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = (fashion ? Datasets.FashionMnistSubset() : Datasets.Digits()).X };

    private Matrix? data;

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
    {
        data = inputs["X"];
        return umap ? new Umap().Fit(data).Embedding : new Tsne().Fit(data);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var map = result is TsneModel t ? t.Embedding : (Matrix)result;
        var metrics = new Dictionary<string, double> { ["trustworthiness"] = Trustworthiness.Score(data!, map, 10) };
        if (result is TsneModel model) { metrics["kl"] = model.KlDivergence; metrics["n_iter"] = model.Iterations; }
        return metrics;
    }
}
