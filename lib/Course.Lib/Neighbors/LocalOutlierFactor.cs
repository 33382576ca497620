namespace Course.Neighbors;

/// <summary>Hyperparameters of <see cref="LocalOutlierFactor"/>; the defaults are scikit-learn's.</summary>
public sealed record LocalOutlierFactorOptions
{
    /// <summary>Neighbours k each point's density is measured over (capped at n − 1). Default 20, as scikit-learn.</summary>
    public int NNeighbors { get; init; } = 20;
    /// <summary>The share of outliers expected in the training data, in (0, 0.5]: the threshold is then the score at
    /// that quantile. Null is scikit-learn's "auto": a point is an outlier when its LOF exceeds 1.5. Default null.</summary>
    public double? Contamination { get; init; }
}

/// <summary>
/// The local outlier factor: how much sparser a point's neighbourhood is than its neighbours' neighbourhoods. A point's
/// local reachability density is the inverse of its mean reachability distance to its k nearest neighbours (the
/// distance, but never less than the neighbour's own k-distance, which smooths the estimate); its LOF is its
/// neighbours' mean density over its own: about 1 inside a cluster of any density, well above 1 for a point alone.
/// Where a global score (distance to the k-th neighbour) flags every point of a sparse cluster, LOF compares like with
/// like. Breunig, Kriegel, Ng and Sander, "LOF: identifying density-based local outliers", SIGMOD 2000. Definitions,
/// defaults and the 1e-10 guard in the density follow scikit-learn's <c>LocalOutlierFactor</c>.
/// </summary>
/// <example><code>
/// var model = new LocalOutlierFactor().Fit(x);
/// double[] lof = model.Scores;                 // one per training row; 1 is typical, larger is more isolated
/// int[] flags = model.Labels;                  // −1 for an outlier (LOF above model.Threshold), 0 otherwise
/// double[] fresh = model.ScoreSamples(newRows);  // new points judged against the training data (novelty detection)
/// </code></example>
public sealed class LocalOutlierFactor : IEstimator<LocalOutlierFactorOptions, LocalOutlierFactorModel>
{
    /// <summary>The threshold of scikit-learn's "auto" contamination: an LOF above 1.5 (its offset −1.5).</summary>
    public const double AutoThreshold = 1.5;

    /// <summary>The hyperparameters this estimator fits with.</summary>
    public LocalOutlierFactorOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    public LocalOutlierFactor(LocalOutlierFactorOptions? options = null)
    {
        Options = options ?? new LocalOutlierFactorOptions();
        Guard.InRange(Options.NNeighbors, 1, int.MaxValue, nameof(Options.NNeighbors));
        if (Options.Contamination is double c && !(c > 0 && c <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(Options.Contamination), c, "the share of outliers must lie in (0, 0.5], or be null for scikit-learn's \"auto\".");
    }

    /// <summary>Shorthand for <c>new LocalOutlierFactor(new LocalOutlierFactorOptions { NNeighbors = nNeighbors })</c>.</summary>
    public LocalOutlierFactor(int nNeighbors) : this(new LocalOutlierFactorOptions { NNeighbors = nNeighbors }) { }

    /// <summary>Scores the rows of <paramref name="x"/> (n x d, n ≥ 2, Euclidean distances).</summary>
    /// <exception cref="ArgumentException">x is null, not finite, or has fewer than 2 rows.</exception>
    public LocalOutlierFactorModel Fit(Matrix x, FitObserver? observer = null)
    {
        AlgorithmUse.Report("LocalOutlierFactor");
        Guard.Data(x, nameof(x), minRows: 2);
        FitObserver.Validate(observer);
        int k = Math.Min(Options.NNeighbors, x.Rows - 1);
        var index = NeighborIndex.Build(x);
        var neighbours = index.KNeighbors(k);
        var kDistances = neighbours.KthDistances();
        var densities = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++) densities[i] = LocalOutlierFactorModel.Density(neighbours.IndicesOf(i), neighbours.DistancesOf(i), kDistances);
        var scores = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++) scores[i] = LocalOutlierFactorModel.Factor(neighbours.IndicesOf(i), densities, densities[i]);
        double threshold = Options.Contamination is double c ? Quantile(scores, 1 - c) : AutoThreshold;
        return new LocalOutlierFactorModel(x.Clone(), k, kDistances, densities, scores, threshold, index);
    }

    // The q-quantile with linear interpolation between order statistics (numpy's default percentile).
    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
