using Course.Compute;

namespace Course.Decomposition;

/// <summary>Hyperparameters of <see cref="KernelPca"/>; defaults as scikit-learn's.</summary>
public sealed record KernelPcaOptions
{
    /// <summary>Number of components; null keeps every component with a positive eigenvalue.</summary>
    public int? NComponents { get; init; }
    /// <summary>The kernel. Default linear (scikit-learn's default), which reduces to PCA.</summary>
    public KernelType Kernel { get; init; } = KernelType.Linear;
    /// <summary>γ for RBF and polynomial; null for 1 / n_features. The most important knob of the RBF kernel: too
    /// small and it behaves like linear PCA, too large and every point is only similar to itself.</summary>
    public double? Gamma { get; init; }
    /// <summary>Polynomial degree. Default 3.</summary>
    public int Degree { get; init; } = 3;
    /// <summary>Polynomial c₀. Default 1.</summary>
    public double Coef0 { get; init; } = 1;
    /// <summary>Also learn the map back to input space (scikit-learn's <c>fit_inverse_transform</c>), for
    /// <see cref="KernelPcaModel.InverseTransform"/>. Default false.</summary>
    public bool FitInverseTransform { get; init; }
    /// <summary>Ridge penalty of the learned inverse map. Default 1.</summary>
    public double Alpha { get; init; } = 1.0;
    /// <summary>How the kernel matrix is decomposed. Default <see cref="KernelEigenSolver.Auto"/>: the partial solver
    /// unless the components are many for the points.</summary>
    public KernelEigenSolver EigenSolver { get; init; } = KernelEigenSolver.Auto;
    /// <summary>Seed of the partial eigensolver's random start vector (scikit-learn's <c>random_state</c>, its ARPACK
    /// start vector); the components do not depend on it beyond rounding. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
}

/// <summary>
/// Kernel PCA (Schölkopf, Smola and Müller, "Nonlinear component analysis as a kernel eigenvalue problem", Neural
/// Computation 1998): PCA in the feature space of a kernel, computed from the n x n kernel matrix alone. The kernel
/// matrix is centred (as if the features had zero mean), its leading eigenvectors αᵢ with eigenvalues λᵢ give the
/// training points' coordinates αᵢ √λᵢ, and a new point x projects as Σⱼ k̃(x, xⱼ) αᵢⱼ / √λᵢ.
/// </summary>
/// <remarks>
/// O(n²) memory. The kernel matrix is built by tiled matrix products (<see cref="KernelFunction.Compute"/>); fewer
/// than a quarter of more than 200 points' components come from a partial eigensolver (<see cref="KernelEigenSolver.Partial"/>,
/// Lanczos: O(n²) per step, a few times k steps), otherwise from a full eigendecomposition, O(n³) (the <see cref="LinearAlgebra"/>
/// backend's), as <see cref="KernelEigenSolver.Auto"/> chooses: fine to a few thousand points.
/// Kernel PCA has no exact inverse; with <see cref="KernelPcaOptions.FitInverseTransform"/> a kernel ridge regression
/// from the components back to the inputs is learned (Bakır, Weston and Schölkopf, NIPS 2004), as scikit-learn does:
/// same kernel and γ on the component coordinates, ridge <see cref="KernelPcaOptions.Alpha"/>. Signs: each
/// eigenvector's largest-magnitude entry is positive, as scikit-learn's <c>svd_flip</c>.
/// </remarks>
public sealed class KernelPca : IEstimator<KernelPcaOptions, KernelPcaModel>
{
    /// <summary>The hyperparameters.</summary>
    public KernelPcaOptions Options { get; }

    /// <summary>An estimator with the given options.</summary>
    public KernelPca(KernelPcaOptions? options = null)
    {
        var o = options ?? new KernelPcaOptions();
        if (o.NComponents is int k) Guard.InRange(k, 1, int.MaxValue, nameof(o.NComponents));
        if (o.Gamma is double g) Guard.Positive(g, nameof(o.Gamma));
        Guard.InRange(o.Degree, 1, int.MaxValue, nameof(o.Degree));
        if (!double.IsFinite(o.Coef0)) throw new ArgumentOutOfRangeException(nameof(o.Coef0), o.Coef0, "Coef0 must be finite.");
        Guard.NonNegative(o.Alpha, nameof(o.Alpha));
        Guard.Defined(o.Kernel, nameof(o.Kernel));
        Guard.Defined(o.EigenSolver, nameof(o.EigenSolver));
        if (o.EigenSolver == KernelEigenSolver.Partial && o.NComponents is null)
            throw new ArgumentException("the partial eigensolver needs NComponents: it finds only the components asked for.", nameof(options));
        Options = o;
    }

    /// <summary>Fits the rows of <paramref name="x"/> (n x d, n ≥ 2).</summary>
    public KernelPcaModel Fit(Matrix x, FitObserver? observer = null)
    {
        FitObserver.Validate(observer);
        Guard.Data(x, nameof(x), minRows: 2);
        int n = x.Rows;
        if (Options.NComponents is int k0 && k0 > n)
            throw new ArgumentException($"NComponents = {k0} exceeds the number of rows, {n}.", nameof(x));
        var kernel = new KernelFunction(Options.Kernel, Options.Gamma ?? 1.0 / x.Cols, Options.Degree, Options.Coef0);
        var k = kernel.Compute(x, x);
        var centerer = KernelCenterer.Fit(k);
        centerer.Centre(k);
        var (values, vectors) = Decompose(k);
        // The centred kernel is positive semi-definite: eigenvalues at rounding level of the largest (either sign)
        // are 0, the same on every processor (NumericalRank).
        values = NumericalRank.ZeroNoise(values, n, n);
        // Null keeps the positive eigenvalues; constant data has none, and then keeps one zero-variance component
        // (its coordinates are 0) rather than an empty model.
        int keep = Options.NComponents ?? Math.Max(1, values.Count(v => v > 0));
        var lambdas = values[..keep];
        var alphas = new Matrix(n, keep);
        for (int c = 0; c < keep; c++)
        {
            int at = 0;
            for (int i = 0; i < n; i++) if (Math.Abs(vectors[i, c]) > Math.Abs(vectors[at, c])) at = i;
            double sign = vectors[at, c] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) alphas[i, c] = sign * vectors[i, c];
        }
        var embedding = new Matrix(n, keep);
        for (int i = 0; i < n; i++) for (int c = 0; c < keep; c++) embedding[i, c] = alphas[i, c] * Math.Sqrt(lambdas[c]);
        Matrix? dual = null;
        if (Options.FitInverseTransform)
        {
            var kz = kernel.Compute(embedding, embedding);
            for (int i = 0; i < n; i++) kz[i, i] += Options.Alpha;
            dual = LinearAlgebra.SolvePositiveDefinite(kz, x);
        }
        return new KernelPcaModel(kernel, x.Clone(), centerer, alphas, lambdas, embedding, dual);
    }

    // The leading eigenpairs: only the wanted ones when the partial solver applies and converges.
    private (double[] Values, Matrix Vectors) Decompose(Matrix k)
    {
        bool partial = Options.NComponents is int wanted && Options.EigenSolver switch
        {
            KernelEigenSolver.Partial => wanted < k.Rows,
            KernelEigenSolver.Auto => k.Rows > 200 && 4 * wanted < k.Rows,
            _ => false,
        };
        return (partial ? Lanczos.Leading(k, Options.NComponents!.Value, Course.Seed.Create(Options.Seed)) : null) ?? LinearAlgebra.SymmetricEigen(k);
    }
}
