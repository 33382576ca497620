using Course.Compute;

namespace Course.Decomposition;

/// <summary>How <see cref="Pca"/> computes the decomposition.</summary>
public enum PcaSolver
{
    /// <summary>scikit-learn 1.5's rule: <see cref="CovarianceEigh"/> when d ≤ 1000 and n ≥ 10 d; <see cref="Full"/>
    /// when max(n, d) ≤ 500 or k ≥ 0.8 min(n, d) or k is chosen by variance; <see cref="Randomized"/> otherwise.</summary>
    Auto,
    /// <summary>Exact thin SVD of the centred data: O(n d min(n, d)).</summary>
    Full,
    /// <summary>Eigendecomposition of the d x d covariance matrix: O(n d² + d³), fastest when n ≫ d. Squares the
    /// condition number, so eigenvalues far below the largest lose relative accuracy (fine for leading components).</summary>
    CovarianceEigh,
    /// <summary>Halko's randomized SVD (<see cref="RandomizedSvd"/>): O(n d k) per power iteration, for k ≪ min(n, d).</summary>
    Randomized,
}

/// <summary>Hyperparameters of <see cref="Pca"/>; defaults as scikit-learn's.</summary>
public sealed record PcaOptions
{
    /// <summary>Number of components k (1 to min(n, d)); null keeps min(n, d), unless <see cref="VarianceToKeep"/> is set.</summary>
    public int? NComponents { get; init; }
    /// <summary>Keep the fewest components whose explained-variance ratios sum to at least this fraction (0, 1)
    /// (scikit-learn's float <c>n_components</c>). Overrides <see cref="NComponents"/>.</summary>
    public double? VarianceToKeep { get; init; }
    /// <summary>Scale each transformed component to unit variance. Default false. Whitening makes every direction
    /// equally important to a downstream distance-based method; it also amplifies the noise in minor components.</summary>
    public bool Whiten { get; init; }
    /// <summary>Default <see cref="PcaSolver.Auto"/>.</summary>
    public PcaSolver Solver { get; init; } = PcaSolver.Auto;
    /// <summary>Randomized solver: extra random directions. Default 10.</summary>
    public int Oversamples { get; init; } = 10;
    /// <summary>Randomized solver: power iterations; null for "auto".</summary>
    public int? PowerIterations { get; init; }
    /// <summary>Randomized solver: seed of the random projection.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
}

/// <summary>
/// Principal component analysis: the orthogonal directions of greatest variance of the centred data, from its
/// singular value decomposition X − μ = U S Vᵀ (Pearson 1901; Hotelling 1933). The rows of Vᵀ are the components,
/// S²/(n − 1) their variances, and projecting on the first k keeps the most variance any k-dimensional linear
/// projection can.
/// </summary>
/// <remarks>Matches scikit-learn's <c>PCA</c> up to the sign of each component (ours: each component's
/// largest-magnitude entry is positive). The linear algebra runs on the <see cref="LinearAlgebra"/> backend (libtorch's LAPACK in the notebooks).</remarks>
public sealed class Pca : IEstimator<PcaOptions, PcaModel>
{
    /// <summary>The hyperparameters.</summary>
    public PcaOptions Options { get; }

    /// <summary>An estimator with the given options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">an option is out of range (named in the message).</exception>
    public Pca(PcaOptions? options = null)
    {
        var o = options ?? new PcaOptions();
        if (o.NComponents is int k) Guard.InRange(k, 1, int.MaxValue, nameof(o.NComponents));
        if (o.VarianceToKeep is double v && !(v > 0 && v < 1))
            throw new ArgumentOutOfRangeException(nameof(o.VarianceToKeep), v, "VarianceToKeep must be strictly between 0 and 1.");
        Guard.InRange(o.Oversamples, 0, int.MaxValue, nameof(o.Oversamples));
        if (o.PowerIterations is int p) Guard.InRange(p, 0, int.MaxValue, nameof(o.PowerIterations));
        Guard.Defined(o.Solver, nameof(o.Solver));
        if (o.Solver == PcaSolver.Randomized && o.NComponents is null)
            throw new ArgumentException("the randomized solver needs NComponents.", nameof(o.NComponents));
        Options = o;
    }

    /// <summary>Shorthand for <c>new Pca(new PcaOptions { NComponents = nComponents, Whiten = whiten })</c>.</summary>
    public Pca(int nComponents, bool whiten = false) : this(new PcaOptions { NComponents = nComponents, Whiten = whiten }) { }

    /// <summary>Fits the rows of <paramref name="x"/> (n x d, n ≥ 2).</summary>
    /// <exception cref="ArgumentException">x is null, has fewer than 2 rows, is non-finite, or NComponents &gt; min(n, d).</exception>
    public PcaModel Fit(Matrix x, FitObserver? observer = null)
    {
        AlgorithmUse.Report("Pca");
        FitObserver.Validate(observer);
        Guard.Data(x, nameof(x), minRows: 2);
        int n = x.Rows, d = x.Cols, r = Math.Min(n, d);
        if (Options.NComponents is int k0 && k0 > r)
            throw new ArgumentException($"NComponents = {k0} exceeds min(n, d) = {r} (x is {n} x {d}).", nameof(x));
        var mean = x.ColumnMeans();
        // The backend centres as it decomposes; only the total variance is needed here, in one pass.
        double totalVariance = 0;
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < d; j++) { double t = row[j] - mean[j]; totalVariance += t * t; }
        }
        totalVariance /= n - 1;
        var solver = ChooseSolver(n, d);
        double[] s; Matrix vt;
        switch (solver)
        {
            case PcaSolver.Randomized:
                (_, s, vt) = RandomizedSvd.Compute(x, mean, Options.NComponents!.Value, Options.Oversamples, Options.PowerIterations, Options.Seed, computeU: false);
                s = NumericalRank.ZeroNoise(s, n, d);
                break;
            case PcaSolver.CovarianceEigh:
                var (values, vectors) = LinearAlgebra.SymmetricEigen(LinearAlgebra.CentredGram(x, mean));
                // The tolerance applies to the eigenvalues (σ²) as computed: their noise is ε-relative to the largest.
                s = NumericalRank.ZeroNoise(values.AsSpan(0, r), n, d).Select(Math.Sqrt).ToArray();
                vt = Transpose(vectors, r);
                LinearAlgebra.FlipSigns(null, vt);
                break;
            default:
                (s, vt) = LinearAlgebra.SingularValuesAndRightVectors(x, mean);
                s = NumericalRank.ZeroNoise(s, n, d);
                LinearAlgebra.FlipSigns(null, vt);
                break;
        }
        // Singular values at rounding level are exactly 0 by now (NumericalRank), so a direction the data lacks has
        // variance 0 on every processor and whitening maps it to 0 rather than dividing noise by its own square root.
        var variance = s.Select(v => v * v / (n - 1)).ToArray();
        int keep = Options.VarianceToKeep is double target ? ComponentsFor(variance, totalVariance, target) : Math.Min(Options.NComponents ?? r, s.Length);
        double rest = r > keep ? (totalVariance - variance.Take(keep).Sum()) / (r - keep) : 0;
        return new PcaModel(mean, vt.SelectRows(Enumerable.Range(0, keep).ToArray()), s[..keep], variance[..keep],
            PcaModel.Ratios(variance[..keep], totalVariance), Math.Max(rest, 0), n, Options.Whiten, solver);
    }

    private PcaSolver ChooseSolver(int n, int d)
    {
        if (Options.Solver != PcaSolver.Auto) return Options.Solver;
        int r = Math.Min(n, d);
        if (d <= 1000 && n >= 10 * d) return PcaSolver.CovarianceEigh;
        if (Math.Max(n, d) <= 500 || Options.NComponents is null || Options.VarianceToKeep is not null || Options.NComponents >= 0.8 * r) return PcaSolver.Full;
        return PcaSolver.Randomized;
    }

    // scikit-learn: the smallest k whose cumulative ratio reaches the target (searchsorted side="right" + 1).
    private static int ComponentsFor(double[] variance, double total, double target)
    {
        if (!(total > 0)) return 1; // constant data: every direction explains nothing; one (zero) component is enough
        double cumulative = 0;
        for (int k = 0; k < variance.Length; k++)
        {
            cumulative += variance[k] / total;
            if (cumulative > target) return k + 1;
        }
        return variance.Length;
    }

    private static Matrix Transpose(Matrix vectors, int rows)
    {
        var t = new Matrix(rows, vectors.Rows);
        for (int i = 0; i < rows; i++) for (int j = 0; j < vectors.Rows; j++) t[i, j] = vectors[j, i];
        return t;
    }
}
