namespace Course.Manifold;

/// <summary>Where UMAP's layout starts.</summary>
public enum UmapInit
{
    /// <summary>The graph Laplacian's leading non-trivial eigenvectors (umap-learn's default): related clusters start near each other.</summary>
    Spectral,
    /// <summary>Uniform in [−10, 10]².</summary>
    Random,
}

/// <summary>Hyperparameters of <see cref="Umap"/>; the defaults are umap-learn 0.5's.</summary>
public sealed record UmapOptions
{
    /// <summary>Neighbours per point (the point itself counted, as umap-learn does): small values keep local detail,
    /// large ones the global shape. Default 15.</summary>
    public int Neighbors { get; init; } = 15;
    /// <summary>Output dimensions. Default 2.</summary>
    public int Components { get; init; } = 2;
    /// <summary>How tightly points may pack: the distance below which the target similarity is 1. Default 0.1.</summary>
    public double MinDist { get; init; } = 0.1;
    /// <summary>The scale over which the target similarity decays past <see cref="MinDist"/>. Default 1.</summary>
    public double Spread { get; init; } = 1.0;
    /// <summary>Repulsive (negative) samples per attractive one. Default 5.</summary>
    public int NegativeSampleRate { get; init; } = 5;
    /// <summary>Epochs of the layout; null means 500 up to 10,000 points and 200 above. Default null.</summary>
    public int? Epochs { get; init; }
    /// <summary>Initial SGD step, decayed linearly to 0. Default 1.</summary>
    public double LearningRate { get; init; } = 1.0;
    /// <summary>Weight of the repulsion (γ). Default 1.</summary>
    public double RepulsionStrength { get; init; } = 1.0;
    /// <summary>Starting layout. Default <see cref="UmapInit.Spectral"/>.</summary>
    public UmapInit Init { get; init; } = UmapInit.Spectral;
    /// <summary>Seed of the initial noise and the negative sampling; a seeded run is reproducible. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
    /// <summary>Called once per epoch (metric: the learning rate).</summary>
    public IProgress<IterationProgress>? Progress { get; init; }
    /// <summary>Called every <see cref="SnapshotEvery"/> epochs with the current embedding, to animate the layout.</summary>
    public Action<int, Matrix>? Snapshot { get; init; }
    /// <summary>Epochs between <see cref="Snapshot"/> calls. Default 25.</summary>
    public int SnapshotEvery { get; init; } = 25;
}
