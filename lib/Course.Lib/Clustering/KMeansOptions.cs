namespace Course.Clustering;

/// <summary>Hyperparameters of <see cref="KMeans"/>; the defaults are scikit-learn's (with <c>n_init="auto"</c>, the
/// default since scikit-learn 1.4).</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k (1 ≤ k ≤ n). Default 8, as scikit-learn.</summary>
    public int K { get; init; } = 8;
    /// <summary>Seeding method. Default k-means++.</summary>
    public KMeansInit Init { get; init; } = KMeansInit.KMeansPlusPlus;
    /// <summary>Explicit starting centroids (k x d). When set, <see cref="Init"/> is ignored and one run is made.</summary>
    public Matrix? InitialCentroids { get; init; }
    /// <summary>Independent restarts; the run with the lowest inertia wins. Null is scikit-learn's "auto": 1 for
    /// k-means++, 10 for random seeding.</summary>
    public int? NInit { get; init; }
    /// <summary>Maximum Lloyd iterations per run. Default 300.</summary>
    public int MaxIterations { get; init; } = 300;
    /// <summary>Convergence tolerance, relative to the data's mean per-feature variance: a run stops when the squared
    /// centroid shift summed over centroids falls to <c>Tolerance * mean(var(X))</c> or below. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;
    /// <summary>Seed for the initialisation; null draws a fresh one. See <see cref="Course.Seed"/>.</summary>
    public int? Seed { get; init; }
    /// <summary>Keep the centroids after every iteration (in <see cref="KMeansModel.History"/>), for plotting.</summary>
    public bool RecordHistory { get; init; }
    /// <summary>Called once per iteration with the inertia of that iteration's assignment.</summary>
    public IProgress<IterationProgress>? Progress { get; init; }
}
