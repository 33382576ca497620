using Course.Compute;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>
/// <see cref="ILinearAlgebraBackend"/> on libtorch's LAPACK and BLAS in float64: thin SVD, QR, <c>eigh</c>, Cholesky
/// and GEMM. Call <see cref="Use"/> once to make every decomposition and product of <see cref="LinearAlgebra"/> in the
/// process run here (the notebooks' set-up does).
/// </summary>
/// <remarks>A measured choice (lib/TOOLCHAIN.md, 2 cores): a 2000 x 784 SVD with vectors takes 0.2-0.8 s here against
/// 12.4 s in Math.NET's managed provider, a 784 x 784 symmetric eigendecomposition 0.05-0.34 s against 1.3-1.9 s.</remarks>
public sealed class TorchLinearAlgebra : ILinearAlgebraBackend
{
    /// <summary>Makes libtorch the process's linear-algebra backend (<see cref="LinearAlgebra.Backend"/>). Idempotent.</summary>
    public static void Use()
    {
        if (LinearAlgebra.ProcessWide is TorchLinearAlgebra) return;
        TorchRuntime.EnsureLoaded();
        LinearAlgebra.Backend = new TorchLinearAlgebra();
    }

    /// <inheritdoc/>
    public string Name => "libtorch";

    private static Tensor T(Matrix a) => a.ToTensor(ScalarType.Float64);

    /// <inheritdoc/>
    public (Matrix U, double[] S, Matrix Vt) ThinSvd(Matrix a)
    {
        using var scope = NewDisposeScope();
        var (u, s, vt) = linalg.svd(T(a), fullMatrices: false);
        return (u.ToMatrix(), s.data<double>().ToArray(), vt.ToMatrix());
    }

    /// <inheritdoc/>
    /// <remarks>For a tall matrix (n ≥ d) the SVD of the triangular factor R of a = QR has the same S and Vt: QR
    /// without forming Q, then an SVD of a d x d matrix, skips the n x d U that PCA does not want. Measured on the
    /// 10,000 x 784 Fashion-MNIST subset in tests/Course.Benchmarks (row pca-full).</remarks>
    public (double[] S, Matrix Vt) SingularValuesAndRightVectors(Matrix a, double[]? mean)
    {
        using var scope = NewDisposeScope();
        var t = Centred(a, mean);
        if (a.Rows >= a.Cols) (_, t) = linalg.qr(t, linalg.QRMode.R);
        var (_, s, vt) = linalg.svd(t, fullMatrices: false);
        return (s.data<double>().ToArray(), vt.ToMatrix());
    }

    /// <inheritdoc/>
    public (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a)
    {
        using var scope = NewDisposeScope();
        var (values, vectors) = linalg.eigh(T(a), 'L');
        // eigh returns ascending order; flip both to descending.
        return (values.flip(0).data<double>().ToArray(), vectors.flip(1).ToMatrix());
    }

    /// <inheritdoc/>
    public Matrix CentredGram(Matrix a, double[]? mean)
    {
        using var scope = NewDisposeScope();
        var t = Centred(a, mean);
        return t.t().matmul(t).ToMatrix();
    }

    /// <summary>a − 1μ as a float64 tensor: the centring happens in libtorch, so no centred copy is made in managed memory.</summary>
    private static Tensor Centred(Matrix a, double[]? mean)
    {
        var t = T(a);
        return mean is null ? t : t.sub_(tensor(mean, ScalarType.Float64).unsqueeze(0));
    }

    /// <inheritdoc/>
    public Matrix OrthonormalBasis(Matrix a)
    {
        using var scope = NewDisposeScope();
        var (q, _) = linalg.qr(T(a), linalg.QRMode.Reduced);
        return q.ToMatrix();
    }

    /// <inheritdoc/>
    public Matrix SolvePositiveDefinite(Matrix a, Matrix b)
    {
        using var scope = NewDisposeScope();
        var l = linalg.cholesky(T(a));
        return cholesky_solve(T(b), l, false).ToMatrix();
    }

    /// <inheritdoc/>
    public Matrix Multiply(Matrix a, Matrix b, bool transposeA, bool transposeB)
    {
        using var scope = NewDisposeScope();
        var ta = T(a); var tb = T(b);
        return (transposeA ? ta.t() : ta).matmul(transposeB ? tb.t() : tb).ToMatrix();
    }
}
