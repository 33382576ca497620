using Course.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Decomposition;

/// <summary>
/// The dense linear algebra the decompositions need, on libtorch's LAPACK in float64. The public types of this
/// namespace take and return <see cref="Matrix"/>; no caller sees a tensor.
/// </summary>
/// <remarks>
/// A measured choice (../shared/TOOLCHAIN.md, 2 cores): a 2000 x 784 SVD with vectors takes 12.4 s in MathNet's
/// managed provider (which always forms the full U) and 0.2-0.8 s in <c>torch.linalg.svd</c>; a 784 x 784 symmetric
/// eigendecomposition 1.3-1.9 s against 0.05-0.34 s. MathNet's native providers are not available on Linux here.
/// </remarks>
internal static class LinearAlgebra
{
    static LinearAlgebra() => TorchRuntime.EnsureLoaded();

    /// <summary>Thin SVD a = U diag(S) Vt: U n x r, S descending (r = min(n, d)), Vt r x d.</summary>
    public static (Matrix U, double[] S, Matrix Vt) ThinSvd(Matrix a)
    {
        using var scope = NewDisposeScope();
        var (u, s, vt) = linalg.svd(a.ToTensor(ScalarType.Float64), fullMatrices: false);
        return (u.ToMatrix(), s.data<double>().ToArray(), vt.ToMatrix());
    }

    /// <summary>The singular values (descending) and right singular vectors (r x d) of a, without U.</summary>
    /// <remarks>For a tall matrix (n ≥ d) the SVD of the triangular factor R of a = QR has the same S and Vt: QR
    /// without forming Q, then an SVD of a d x d matrix, skips the n x d U that the caller does not want (PCA needs
    /// only S and Vt). Measured on the 10,000 x 784 Fashion-MNIST subset in tests/Course.Benchmarks (row pca-full).</remarks>
    public static (double[] S, Matrix Vt) SingularValuesAndRightVectors(Matrix a, double[]? mean = null)
    {
        using var scope = NewDisposeScope();
        var t = Centred(a, mean);
        if (a.Rows >= a.Cols) (_, t) = linalg.qr(t, linalg.QRMode.R);
        var (_, s, vt) = linalg.svd(t, fullMatrices: false);
        return (s.data<double>().ToArray(), vt.ToMatrix());
    }

    /// <summary>Eigenvalues (descending) and eigenvectors (as columns, same order) of the symmetric matrix a.</summary>
    public static (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a)
    {
        using var scope = NewDisposeScope();
        var (values, vectors) = linalg.eigh(a.ToTensor(ScalarType.Float64), 'L');
        // eigh returns ascending order; flip both to descending.
        return (values.flip(0).data<double>().ToArray(), vectors.flip(1).ToMatrix());
    }

    /// <summary>(a − 1μ)ᵀ(a − 1μ) (d x d), the scatter matrix of the columns about <paramref name="mean"/>.</summary>
    public static Matrix CentredGram(Matrix a, double[] mean)
    {
        using var scope = NewDisposeScope();
        var t = Centred(a, mean);
        return t.t().matmul(t).ToMatrix();
    }

    /// <summary>a − 1μ as a float64 tensor: the centring happens in libtorch, so no centred copy is made in managed memory.</summary>
    internal static Tensor Centred(Matrix a, double[]? mean)
    {
        var t = a.ToTensor(ScalarType.Float64);
        return mean is null ? t : t.sub_(tensor(mean, ScalarType.Float64).unsqueeze(0));
    }

    /// <summary>Solves a x = b for symmetric positive definite a (n x n) and b (n x m), by Cholesky.</summary>
    public static Matrix SolvePositiveDefinite(Matrix a, Matrix b)
    {
        using var scope = NewDisposeScope();
        var l = linalg.cholesky(a.ToTensor(ScalarType.Float64));
        return cholesky_solve(b.ToTensor(ScalarType.Float64), l, false).ToMatrix();
    }

    /// <summary>a b (or with either transposed).</summary>
    public static Matrix Multiply(Matrix a, Matrix b, bool transposeA = false, bool transposeB = false)
    {
        using var scope = NewDisposeScope();
        var ta = a.ToTensor(ScalarType.Float64); var tb = b.ToTensor(ScalarType.Float64);
        return (transposeA ? ta.t() : ta).matmul(transposeB ? tb.t() : tb).ToMatrix();
    }

    /// <summary>Makes each row of vt (and the matching column of u) have its largest-magnitude entry positive, so
    /// a decomposition's signs are deterministic (scikit-learn's <c>svd_flip(u_based_decision=False)</c>).</summary>
    public static void FlipSigns(Matrix? u, Matrix vt)
    {
        for (int r = 0; r < vt.Rows; r++)
        {
            var row = vt.Row(r);
            int at = 0;
            for (int j = 1; j < row.Length; j++) if (Math.Abs(row[j]) > Math.Abs(row[at])) at = j;
            if (row[at] >= 0) continue;
            for (int j = 0; j < row.Length; j++) row[j] = -row[j];
            if (u is not null) for (int i = 0; i < u.Rows; i++) u[i, r] = -u[i, r];
        }
    }
}
