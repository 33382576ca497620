using Course.Neighbors;

namespace Course.Clustering;

/// <summary>Whether DBSCAN found a point in a dense core, on a cluster's edge, or alone.</summary>
public enum PointKind
{
    /// <summary>At least MinSamples points (itself included) lie within ε.</summary>
    Core,
    /// <summary>Not core, but within ε of a core point: it joins that core point's cluster.</summary>
    Border,
    /// <summary>Neither: labelled -1.</summary>
    Noise,
}

/// <summary>A fitted <see cref="Dbscan"/>: labels (-1 for noise), which points are core, and the core points
/// themselves, which <see cref="Predict"/> uses to place new points.</summary>
public sealed class DbscanModel : ISavedModel<DbscanModel>, IClustering, IPredictor
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

    /// <param name="options">The fit's hyperparameters (ε and the metric place new points).</param>
    /// <param name="components">The core points, in ascending row order (c x d).</param>
    /// <param name="labels">Cluster or -1 of each training row.</param>
    /// <param name="isCore">Whether each training row is a core point.</param>
    /// <param name="nClusters">Number of clusters.</param>
    internal DbscanModel(DbscanOptions options, Matrix components, int[] labels, bool[] isCore, int nClusters)
    {
        this.options = options;
        Labels = labels; IsCore = isCore; NClusters = nClusters;
        CoreSampleIndices = Enumerable.Range(0, labels.Length).Where(i => isCore[i]).ToArray();
        Components = components;
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
        Guard.Columns(x, Components.Cols, nameof(x));
        var labels = Enumerable.Repeat(-1, x.Rows).ToArray();
        if (coreIndex is null) return labels;
        var nearest = coreIndex.KNeighbors(x, 1);
        for (int i = 0; i < x.Rows; i++)
            if (nearest.Distances[i] <= options.Eps) labels[i] = coreLabels[nearest.Indices[i]];
        return labels;
    }

    private const string Format = "course.dbscan";
    private sealed record State(double Eps, int MinSamples, NeighborMetric Metric, IndexAlgorithm Algorithm, int[] Labels,
        bool[] IsCore, Matrix Components, int NClusters);

    /// <summary>The model as a <see cref="ModelFile"/> document: labels, core flags and the core points (what
    /// <see cref="Predict"/> needs), with ε and the metric.</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(options.Eps, options.MinSamples, options.Metric, options.Algorithm,
        Labels, IsCore, Components, NClusters));

    /// <inheritdoc/>
    public static DbscanModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        int n = s.Labels.Length, cores = s.IsCore.Count(c => c);
        ModelFile.Check(s.IsCore.Length == n && s.Components.Rows == cores && (cores == 0 || s.Components.Cols > 0), Format, "one core flag per row and one stored point per core flag");
        ModelFile.Check(s.Eps > 0 && double.IsFinite(s.Eps) && s.MinSamples >= 1 && Enum.IsDefined(s.Metric) && Enum.IsDefined(s.Algorithm), Format, "invalid Eps, MinSamples, Metric or Algorithm");
        ModelFile.Check(s.Labels.All(l => l >= -1 && l < s.NClusters) && Enumerable.Range(0, n).All(i => !s.IsCore[i] || s.Labels[i] >= 0), Format, "labels must be -1 or below NClusters, and core points labelled");
        ModelFile.Check(ModelFile.AllFinite(s.Components.Data), Format, "non-finite core points");
        var options = new DbscanOptions { Eps = s.Eps, MinSamples = s.MinSamples, Metric = s.Metric, Algorithm = s.Algorithm };
        return new DbscanModel(options, s.Components, s.Labels, s.IsCore, s.NClusters);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static DbscanModel Load(string path) => ModelFile.Load<DbscanModel>(path);
}
