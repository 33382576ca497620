using Course.Compute;

namespace Course.Decomposition;

/// <summary>Hyperparameters of <see cref="Nystroem"/>; defaults as scikit-learn's <c>Nystroem</c>.</summary>
public sealed record NystroemOptions
{
    /// <summary>Number of landmarks m, which is also the number of features. Default 100; more landmarks than rows
    /// uses every row (then the features reproduce the kernel exactly).</summary>
    public int NComponents { get; init; } = 100;
    /// <summary>The kernel. Default RBF (scikit-learn's default for <c>Nystroem</c>).</summary>
    public KernelType Kernel { get; init; } = KernelType.Rbf;
    /// <summary>γ for RBF and polynomial; null for 1 / n_features.</summary>
    public double? Gamma { get; init; }
    /// <summary>Polynomial degree. Default 3.</summary>
    public int Degree { get; init; } = 3;
    /// <summary>Polynomial c₀. Default 1.</summary>
    public double Coef0 { get; init; } = 1;
    /// <summary>Seed for choosing the landmarks; null draws a fresh one. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
}

/// <summary>
/// The Nyström approximation of a kernel (Williams and Seeger, "Using the Nyström method to speed up kernel
/// machines", NIPS 2000): m landmark rows drawn at random, and features φ(x) = k(x, L) K_LL^(-1/2), so that
/// φ(x)·φ(y) = k(x, L) K_LL⁻¹ k(L, y) approximates k(x, y). Any linear method on φ then approximates its kernel
/// version: <see cref="Pca"/> on the features is approximate <see cref="KernelPca"/> (the PCA's centring is the
/// kernel centring of the approximate kernel).
/// </summary>
/// <remarks>
/// Fitting costs O(m² d + m³) and transforming n points O(n m d + n m²), against Kernel PCA's O(n² d) kernel and
/// O(n³) eigendecomposition with O(n²) memory: the kernel is never built beyond n x m. The inverse square root
/// clips eigenvalues below 1e-12 as scikit-learn clips its singular values, so duplicate landmarks do not blow up.
/// </remarks>
public sealed class Nystroem : IEstimator<NystroemOptions, NystroemModel>
{
    /// <summary>The hyperparameters.</summary>
    public NystroemOptions Options { get; }

    /// <summary>An estimator with the given options.</summary>
    public Nystroem(NystroemOptions? options = null)
    {
        var o = options ?? new NystroemOptions();
        Guard.InRange(o.NComponents, 1, int.MaxValue, nameof(o.NComponents));
        if (o.Gamma is double g) Guard.Positive(g, nameof(o.Gamma));
        Guard.InRange(o.Degree, 1, int.MaxValue, nameof(o.Degree));
        if (!double.IsFinite(o.Coef0)) throw new ArgumentOutOfRangeException(nameof(o.Coef0), o.Coef0, "Coef0 must be finite.");
        Guard.Defined(o.Kernel, nameof(o.Kernel));
        Options = o;
    }

    /// <summary>Draws the landmarks from the rows of <paramref name="x"/> (n x d) and computes K_LL^(-1/2).</summary>
    public NystroemModel Fit(Matrix x, FitObserver? observer = null)
    {
        FitObserver.Validate(observer);
        Guard.Data(x, nameof(x));
        int n = x.Rows, m = Math.Min(Options.NComponents, n);
        var kernel = new KernelFunction(Options.Kernel, Options.Gamma ?? 1.0 / x.Cols, Options.Degree, Options.Coef0);
        // The first m entries of a Fisher–Yates shuffle: m distinct rows, uniformly.
        var rng = Course.Seed.Create(Options.Seed);
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < m; i++) { int j = rng.Next(i, n); (order[i], order[j]) = (order[j], order[i]); }
        var indices = order[..m];
        var landmarks = x.SelectRows(indices);
        var (values, vectors) = LinearAlgebra.SymmetricEigen(kernel.Compute(landmarks, landmarks));
        // K^(-1/2) = V diag(1/√λ) Vᵀ.
        var scaled = vectors.Clone();
        for (int c = 0; c < m; c++)
        {
            double s = 1 / Math.Sqrt(Math.Max(values[c], 1e-12));
            for (int i = 0; i < m; i++) scaled[i, c] *= s;
        }
        return new NystroemModel(kernel, landmarks, indices, LinearAlgebra.Multiply(scaled, vectors, transposeB: true));
    }
}
