namespace Course.Clustering;

/// <summary>The shape each component's covariance may take (scikit-learn's <c>covariance_type</c>).</summary>
public enum CovarianceType
{
    /// <summary>Each component its own d x d covariance: ellipses of any size, shape and tilt.</summary>
    Full,
    /// <summary>One d x d covariance shared by all components: the same ellipse everywhere.</summary>
    Tied,
    /// <summary>Each component its own variance per feature: ellipses along the axes.</summary>
    Diagonal,
    /// <summary>Each component one variance: circles of their own sizes (K-means with soft, unequal spreads).</summary>
    Spherical,
}

/// <summary>How EM's first responsibilities are chosen (scikit-learn's <c>init_params</c>).</summary>
public enum GaussianMixtureInit
{
    /// <summary>One K-means fit (k-means++ seeding, one run): each point belongs wholly to its cluster.</summary>
    KMeans,
    /// <summary>Responsibilities drawn uniformly at random and normalised per point.</summary>
    Random,
}

/// <summary>Hyperparameters of <see cref="GaussianMixture"/>; the defaults are scikit-learn's.</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>Number of components k (1 ≤ k ≤ n). Default 1, as scikit-learn.</summary>
    public int NComponents { get; init; } = 1;
    /// <summary>The covariances' shape. Default <see cref="CovarianceType.Full"/>.</summary>
    public CovarianceType CovarianceType { get; init; } = CovarianceType.Full;
    /// <summary>EM stops when the mean log-likelihood per point changes by less than this. Default 1e-3.</summary>
    public double Tolerance { get; init; } = 1e-3;
    /// <summary>Added to every variance (the covariances' diagonals), so a component on a line or a single point stays
    /// invertible (scikit-learn's <c>reg_covar</c>). Default 1e-6.</summary>
    public double Regularization { get; init; } = 1e-6;
    /// <summary>Maximum EM iterations per run. Default 100.</summary>
    public int MaxIterations { get; init; } = 100;
    /// <summary>Independent runs; the one with the highest final log-likelihood wins. Default 1.</summary>
    public int NInit { get; init; } = 1;
    /// <summary>How each run starts. Default <see cref="GaussianMixtureInit.KMeans"/>.</summary>
    public GaussianMixtureInit Init { get; init; } = GaussianMixtureInit.KMeans;
    /// <summary>Explicit starting labels, one per row in [0, k): each point starts wholly in its component. When set,
    /// <see cref="Init"/> is ignored and one run is made (to start from another method's clustering, or to compare two
    /// implementations from the same start).</summary>
    public int[]? InitialLabels { get; init; }
    /// <summary>Seed for the initialisation; null draws a fresh one. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
}

/// <summary>
/// A mixture of k Gaussians fitted by expectation-maximisation: the E-step gives each point its responsibilities (the
/// posterior probability of each component), the M-step refits each component's weight, mean and covariance to the
/// points it is responsible for; each round never lowers the likelihood. Where K-means assumes round clusters of
/// equal spread and assigns each point wholly, a mixture fits ellipses of their own size and weight and assigns softly.
/// Dempster, Laird and Rubin, "Maximum likelihood from incomplete data via the EM algorithm", JRSS B 39(1), 1977;
/// Bishop, <i>Pattern Recognition and Machine Learning</i>, §9.2. The API, defaults and numerics (Cholesky factors of
/// the precisions, responsibilities in log space, <c>reg_covar</c>) follow scikit-learn's <c>GaussianMixture</c>.
/// </summary>
/// <example><code>
/// var model = new GaussianMixture(new GaussianMixtureOptions { NComponents = 3, Seed = 0 }).Fit(x);
/// int[] labels = model.Labels;                      // the most responsible component of each row
/// Matrix soft = model.PredictProbabilities(x);      // n x 3, rows summing to 1
/// double bic = model.Bic(x);                        // lower is better: compare k or covariance types
/// </code></example>
/// <remarks>EM finds a local optimum that depends on the start; <see cref="GaussianMixtureOptions.NInit"/> restarts
/// lower the risk. A component that collapses onto too few points makes its covariance singular: the fit then stops
/// with an <see cref="ArgumentException"/> that says to raise <see cref="GaussianMixtureOptions.Regularization"/>,
/// lower k or rescale the data.</remarks>
public sealed class GaussianMixture : IEstimator<GaussianMixtureOptions, GaussianMixtureModel>
{
    /// <summary>The hyperparameters this estimator fits with.</summary>
    public GaussianMixtureOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    public GaussianMixture(GaussianMixtureOptions? options = null)
    {
        Options = options ?? new GaussianMixtureOptions();
        var o = Options;
        Guard.InRange(o.NComponents, 1, int.MaxValue, nameof(o.NComponents));
        Guard.InRange(o.MaxIterations, 1, int.MaxValue, nameof(o.MaxIterations));
        Guard.InRange(o.NInit, 1, int.MaxValue, nameof(o.NInit));
        Guard.NonNegative(o.Tolerance, nameof(o.Tolerance));
        Guard.NonNegative(o.Regularization, nameof(o.Regularization));
        Guard.Defined(o.CovarianceType, nameof(o.CovarianceType));
        Guard.Defined(o.Init, nameof(o.Init));
    }

    /// <summary>Shorthand for <c>new GaussianMixture(new GaussianMixtureOptions { NComponents = nComponents,
    /// CovarianceType = covarianceType, Seed = seed })</c>.</summary>
    public GaussianMixture(int nComponents, CovarianceType covarianceType = CovarianceType.Full, int? seed = Course.Seed.Default)
        : this(new GaussianMixtureOptions { NComponents = nComponents, CovarianceType = covarianceType, Seed = seed }) { }

    /// <summary>Fits the mixture to the rows of <paramref name="x"/> (n x d); <paramref name="observer"/> hears each EM
    /// iteration's mean log-likelihood.</summary>
    /// <exception cref="ArgumentException">x is null, empty or not finite, NComponents exceeds its rows, or a component's
    /// covariance became singular (too few points in it, or values so large that the regularisation is lost).</exception>
    public GaussianMixtureModel Fit(Matrix x, FitObserver? observer = null)
    {
        AlgorithmUse.Report("GaussianMixture");
        Guard.Data(x, nameof(x));
        FitObserver.Validate(observer);
        var o = Options;
        if (o.NComponents > x.Rows)
            throw new ArgumentException($"NComponents ({o.NComponents}) exceeds the number of rows ({x.Rows}): each component needs points.", nameof(x));
        if (o.InitialLabels is { } given)
        {
            if (given.Length != x.Rows) throw new ArgumentException($"InitialLabels has {given.Length} labels; x has {x.Rows} rows.", nameof(o.InitialLabels));
            if (given.Any(l => l < 0 || l >= o.NComponents)) throw new ArgumentException($"InitialLabels must lie in [0, {o.NComponents}).", nameof(o.InitialLabels));
        }
        var rng = Seed.Create(o.Seed);
        GaussianMixtureModel? best = null;
        for (int run = 0; run < (o.InitialLabels is null ? o.NInit : 1); run++)
        {
            var model = Run(x, rng.Next(), observer);
            if (best is null || model.LowerBound > best.LowerBound) best = model;
        }
        return best!;
    }

    private GaussianMixtureModel Run(Matrix x, int seed, FitObserver? observer)
    {
        var o = Options;
        int n = x.Rows, k = o.NComponents;
        var responsibilities = new Matrix(n, k);
        if (o.InitialLabels is not null || o.Init == GaussianMixtureInit.KMeans)
        {
            var labels = o.InitialLabels ?? new KMeans(new KMeansOptions { NClusters = k, NInit = 1, Seed = seed }).Fit(x).Labels;
            for (int i = 0; i < n; i++) responsibilities[i, labels[i]] = 1;
        }
        else
        {
            var rng = new Random(seed);
            for (int i = 0; i < n; i++)
            {
                var row = responsibilities.Row(i);
                for (int j = 0; j < k; j++) row[j] = rng.NextDouble();
                System.Numerics.Tensors.TensorPrimitives.Divide(row, System.Numerics.Tensors.TensorPrimitives.Sum<double>(row), row);
            }
        }
        var components = GaussianMixtureModel.MStep(x, responsibilities, o.CovarianceType, o.Regularization);
        double lowerBound = double.NegativeInfinity;
        bool converged = false;
        int iterations = 0;
        for (int iteration = 1; iteration <= o.MaxIterations; iteration++)
        {
            iterations = iteration;
            double previous = lowerBound;
            lowerBound = components.EStep(x, responsibilities);
            components = GaussianMixtureModel.MStep(x, responsibilities, o.CovarianceType, o.Regularization);
            observer?.Report(iteration, o.MaxIterations, lowerBound, "mean log-likelihood");
            if (Math.Abs(lowerBound - previous) < o.Tolerance) { converged = true; break; }
        }
        // The labels as Predict gives them, from the final parameters (scikit-learn's last E-step).
        components.EStep(x, responsibilities);
        var final = new int[n];
        for (int i = 0; i < n; i++) final[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax<double>(responsibilities.Row(i));
        return new GaussianMixtureModel(components, final, lowerBound, iterations, converged);
    }
}
