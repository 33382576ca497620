using Course.Neighbors;

namespace Course.Clustering;

/// <summary>A fitted <see cref="Dbscan"/>: labels (-1 for noise), which points are core, and the core points
/// themselves, which <see cref="Predict"/> uses to place new points.</summary>
public sealed class DbscanModel
{
    private readonly DbscanOptions options;
    private readonly NeighborIndex? coreIndex;
    private readonly int[] coreLabels;

    /// <summary>Cluster of each row, 0..NClusters-1, or -1 for noise.</summary>
    public int[] Labels { get; }
    /// <summary>Whether each row is a core point.</summary>
    public bool[] IsCore { get; }
    /// <summary>Indices of the core points, ascending (scikit-learn's <c>core_sample_indices_</c>).</summary>
    public int[] CoreSampleIndices { get; }
    /// <summary>The core points themselves (scikit-learn's <c>components_</c>), c x d.</summary>
    public Matrix Components { get; }
    /// <summary>Number of clusters found (noise excluded).</summary>
    public int NClusters { get; }
    /// <summary>Number of points labelled noise.</summary>
    public int NoiseCount => Labels.Count(l => l < 0);

    internal DbscanModel(DbscanOptions options, Matrix x, int[] labels, bool[] isCore, int nClusters)
    {
        this.options = options;
        Labels = labels; IsCore = isCore; NClusters = nClusters;
        CoreSampleIndices = Enumerable.Range(0, labels.Length).Where(i => isCore[i]).ToArray();
        Components = x.SelectRows(CoreSampleIndices);
        coreLabels = CoreSampleIndices.Select(i => labels[i]).ToArray();
        if (CoreSampleIndices.Length > 0) coreIndex = NeighborIndex.Build(Components, options.Metric, options.Algorithm);
    }

    /// <summary>Core, border or noise, for each row.</summary>
    public PointKind[] Kinds => Labels.Select((l, i) => IsCore[i] ? PointKind.Core : l >= 0 ? PointKind.Border : PointKind.Noise).ToArray();

    /// <summary>
    /// Labels for new points (m x d) as a border point would get them: the cluster of the nearest core point if it
    /// is within ε, else -1. New points never become core and never join or merge clusters.
    /// </summary>
    public int[] Predict(Matrix x)
    {
        Guard.Data(x, nameof(x));
        var labels = Enumerable.Repeat(-1, x.Rows).ToArray();
        if (coreIndex is null) return labels;
        var nearest = coreIndex.KNeighbors(x, 1);
        for (int i = 0; i < x.Rows; i++)
            if (nearest.Distances[i] <= options.Eps) labels[i] = coreLabels[nearest.Indices[i]];
        return labels;
    }
}
