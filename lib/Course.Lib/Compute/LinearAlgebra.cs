namespace Course.Compute;

/// <summary>
/// The dense linear algebra the algorithms need (SVD, symmetric eigendecomposition, products, Cholesky solves), in
/// float64 on the kit's <see cref="Matrix"/>. Every call goes to <see cref="Backend"/>: managed code
/// (<see cref="ManagedLinearAlgebra"/>) by default, so the algorithms need no native library; <c>Course.Neural</c>'s
/// <c>TorchLinearAlgebra.Use()</c> switches the process to libtorch's LAPACK and BLAS, which the notebooks do.
/// </summary>
/// <remarks>
/// Why two backends (measured, lib/TOOLCHAIN.md): a 2000 x 784 SVD with vectors takes 12.4 s in Math.NET's own managed
/// SVD (which forms the full U; <see cref="ManagedLinearAlgebra"/> takes a thin QR first) and 0.2-0.8 s in <c>torch.linalg.svd</c>; a 784 x 784 symmetric eigendecomposition 1.3-1.9 s against
/// 0.05-0.34 s. The managed backend is exact and fast enough for the small matrices most programs decompose (iris,
/// digits, a few hundred features); the native one is for lesson-sized image data. Results agree to rounding, with
/// signs fixed the same way (<see cref="FlipSigns"/>).
/// </remarks>
public static class LinearAlgebra
{
    private static ILinearAlgebraBackend backend = new ManagedLinearAlgebra();
    private static readonly AsyncLocal<ILinearAlgebraBackend?> scoped = new();

    /// <summary>The backend decompositions use: the one a <see cref="Scope"/> set for the calling code, else the
    /// process-wide one. Default <see cref="ManagedLinearAlgebra"/>.</summary>
    /// <exception cref="ArgumentNullException">set to null.</exception>
    public static ILinearAlgebraBackend Backend
    {
        get => scoped.Value ?? Volatile.Read(ref backend);
        set => Volatile.Write(ref backend, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The process-wide backend, whatever a <see cref="Scope"/> says for the calling code.</summary>
    internal static ILinearAlgebraBackend ProcessWide => Volatile.Read(ref backend);

    /// <summary>Runs the calling code (and the tasks it starts) on <paramref name="scopeBackend"/> until the returned
    /// scope is disposed, leaving other threads on the process-wide backend: for comparing backends side by side.</summary>
    public static IDisposable Scope(ILinearAlgebraBackend scopeBackend)
    {
        ArgumentNullException.ThrowIfNull(scopeBackend);
        var previous = scoped.Value;
        scoped.Value = scopeBackend;
        return new Restore(previous, scopeBackend);
    }

    // Restores only while its own backend is current, so disposing nested scopes out of order (or twice) cannot
    // put back a backend that an inner scope has already replaced.
    private sealed class Restore(ILinearAlgebraBackend? previous, ILinearAlgebraBackend mine) : IDisposable
    {
        public void Dispose()
        {
            if (ReferenceEquals(scoped.Value, mine)) scoped.Value = previous;
        }
    }

    /// <summary>Thin SVD a = U diag(S) Vt: U n x r, S descending (r = min(n, d)), Vt r x d.</summary>
    public static (Matrix U, double[] S, Matrix Vt) ThinSvd(Matrix a) => Backend.ThinSvd(a);

    /// <summary>The singular values (descending) and right singular vectors (r x d) of a − 1μ, without U.</summary>
    public static (double[] S, Matrix Vt) SingularValuesAndRightVectors(Matrix a, double[]? mean = null) => Backend.SingularValuesAndRightVectors(a, mean);

    /// <summary>Eigenvalues (descending) and eigenvectors (as columns, same order) of the symmetric matrix a.</summary>
    public static (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a) => Backend.SymmetricEigen(a);

    /// <summary>(a − 1μ)ᵀ(a − 1μ) (d x d), the scatter matrix of the columns about <paramref name="mean"/> (aᵀa
    /// when it is null).</summary>
    public static Matrix CentredGram(Matrix a, double[]? mean) => Backend.CentredGram(a, mean);

    /// <summary>An orthonormal basis of a's columns: Q (n x c) of its thin QR factorisation (a n x c, n ≥ c).</summary>
    public static Matrix OrthonormalBasis(Matrix a) => Backend.OrthonormalBasis(a);

    /// <summary>Solves a x = b for symmetric positive definite a (n x n) and b (n x m), by Cholesky.</summary>
    public static Matrix SolvePositiveDefinite(Matrix a, Matrix b) => Backend.SolvePositiveDefinite(a, b);

    /// <summary>a b (or with either transposed).</summary>
    public static Matrix Multiply(Matrix a, Matrix b, bool transposeA = false, bool transposeB = false) => Backend.Multiply(a, b, transposeA, transposeB);

    /// <summary>Makes each row of vt (and the matching column of u) have its largest-magnitude entry positive, so
    /// a decomposition's signs are deterministic (scikit-learn's <c>svd_flip(u_based_decision=False)</c>).</summary>
    public static void FlipSigns(Matrix? u, Matrix vt)
    {
        for (int r = 0; r < vt.Rows; r++)
        {
            var row = vt.Row(r);
            int at = System.Numerics.Tensors.TensorPrimitives.IndexOfMaxMagnitude<double>(row);
            if (row[at] >= 0) continue;
            System.Numerics.Tensors.TensorPrimitives.Negate<double>(row, row);
            if (u is not null) for (int i = 0; i < u.Rows; i++) u[i, r] = -u[i, r];
        }
    }

    /// <summary>The upper-triangular P with P Pᵀ = a⁻¹ for a symmetric positive definite a (d x d): the transposed
    /// inverse of a's Cholesky factor, so that |(x − μ) P|² is x's squared Mahalanobis distance from μ, and the sum of
    /// log P's diagonal is −½ log det a. Null when a is not positive definite (Cholesky fails). In managed code
    /// (Math.NET) whatever the backend: the matrices are a mixture's d x d covariances, small.</summary>
    public static Matrix? PrecisionFactor(Matrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Cols) throw new ArgumentException($"a must be square; it is {a.Rows} x {a.Cols}.", nameof(a));
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(a.Rows, a.Cols, a.Data);
        MathNet.Numerics.LinearAlgebra.Matrix<double> lower;
        try { lower = m.Cholesky().Factor; }
        catch (ArgumentException) { return null; }   // Math.NET's word for "not positive definite"
        if (lower.Diagonal().Any(v => !(v > 0) || !double.IsFinite(v))) return null;
        // Lᵀ P = I: P = L⁻ᵀ, upper triangular, by back substitution on the transposed factor.
        var inverse = lower.Transpose().Solve(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(a.Rows));
        return new Matrix(a.Rows, a.Cols, inverse.ToRowMajorArray());
    }
}
