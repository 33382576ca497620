namespace Course.Manifold;

/// <summary>How t-SNE computes the repulsive part of its gradient.</summary>
public enum TsneMethod
{
    /// <summary><see cref="Exact"/> up to <see cref="TsneOptions.ExactMaxPoints"/> points, <see cref="BarnesHut"/> above.</summary>
    Auto,
    /// <summary>Every pair, O(n²) per iteration, over affinities from all n − 1 neighbours (scikit-learn's "exact").</summary>
    Exact,
    /// <summary>A quadtree summarises far cells by their centre of mass, O(n log n) per iteration, over affinities from
    /// the 3·perplexity nearest neighbours (van der Maaten, JMLR 2014); two output dimensions only.</summary>
    BarnesHut,
}

/// <summary>Where the embedding starts.</summary>
public enum TsneInit
{
    /// <summary>The first principal components, scaled so the first has standard deviation 1e-4 (scikit-learn's
    /// default since 1.2: the global layout starts right and runs are stable).</summary>
    Pca,
    /// <summary>Gaussian noise with standard deviation 1e-4 (the paper's choice).</summary>
    Random,
}

/// <summary>Hyperparameters of <see cref="Tsne"/>; the defaults are scikit-learn 1.5's <c>TSNE</c>.</summary>
public sealed record TsneOptions
{
    /// <summary>Output dimensions. Default 2.</summary>
    public int Components { get; init; } = 2;
    /// <summary>The effective number of neighbours each point's Gaussian spans, typically 5 to 50. Default 30.</summary>
    public double Perplexity { get; init; } = 30;
    /// <summary>Factor on the attractions during the first <see cref="ExplorationIterations"/> iterations, letting
    /// clusters form and move past each other. Default 12.</summary>
    public double EarlyExaggeration { get; init; } = 12;
    /// <summary>Gradient step; null means "auto" = max(n / early exaggeration / 4, 50) (Belkina et al. 2019). Default null.</summary>
    public double? LearningRate { get; init; }
    /// <summary>Total iterations, at least <see cref="ExplorationIterations"/>. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;
    /// <summary>Iterations with exaggeration and momentum 0.5; momentum 0.8 after. Default 250.</summary>
    public int ExplorationIterations { get; init; } = 250;
    /// <summary>Stop after this many iterations without a lower KL divergence (checked every 50). Default 300.</summary>
    public int IterationsWithoutProgress { get; init; } = 300;
    /// <summary>Stop once the gradient's norm falls below this. Default 1e-7.</summary>
    public double MinGradientNorm { get; init; } = 1e-7;
    /// <summary>Barnes-Hut's θ: a cell is summarised when its width / distance &lt; θ. 0 is exact; default 0.5.</summary>
    public double Angle { get; init; } = 0.5;
    /// <summary>Gradient method. Default <see cref="TsneMethod.Auto"/>.</summary>
    public TsneMethod Method { get; init; } = TsneMethod.Auto;
    /// <summary>Initial embedding. Default <see cref="TsneInit.Pca"/>.</summary>
    public TsneInit Init { get; init; } = TsneInit.Pca;
    /// <summary>Seed of the random initialisation and of PCA's randomised solver. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
    /// <summary>Called every iteration with the KL divergence when it is computed (every 50 iterations), else NaN.</summary>
    public IProgress<IterationProgress>? Progress { get; init; }
    /// <summary>Called every <see cref="SnapshotEvery"/> iterations with the current embedding (n x d), to animate the
    /// optimisation. Default null.</summary>
    public Action<int, Matrix>? Snapshot { get; init; }
    /// <summary>Iterations between <see cref="Snapshot"/> calls. Default 25.</summary>
    public int SnapshotEvery { get; init; } = 25;

    /// <summary>Largest n for which <see cref="TsneMethod.Auto"/> picks the exact gradient.</summary>
    public const int ExactMaxPoints = 500;
}
