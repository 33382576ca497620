using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Decomposition;

/// <summary>
/// The leading eigenpairs of a symmetric matrix by the Lanczos method with full reorthogonalisation (Lanczos, J. Res.
/// Nat. Bur. Standards 45, 1950; Golub and Van Loan, "Matrix Computations", 4th ed., 2013, §10.1-10.3; Parlett, "The
/// Symmetric Eigenvalue Problem", 1998, ch. 13): Kernel PCA's partial eigensolver, the role ARPACK's implicitly
/// restarted Lanczos plays in scikit-learn.
/// </summary>
/// <remarks>
/// Each step multiplies the matrix by one vector (<see cref="Gemv"/>), orthogonalises the result against every
/// earlier vector twice (classical Gram-Schmidt run twice, so the basis stays orthonormal to rounding and no
/// eigenvalue is found twice) and adds it to the basis; the basis's Rayleigh quotient is then the tridiagonal matrix
/// of the recurrence's coefficients. A Ritz pair (θ, y) of that matrix has residual ‖A u − θ u‖ = β |y_last|
/// (β the newest coefficient), read from the last row of the tridiagonal eigenvectors alone at O(m²) a step, so the
/// iteration stops as soon as every wanted pair's residual is below 10⁻¹⁰ θ₁: eigenvalues accurate to about
/// 10⁻²⁰ θ₁ / gap and vectors to 10⁻¹⁰ θ₁ / gap.
/// <para>Why Lanczos rather than block subspace iteration, which this replaced: for 50 components of the 2,000-image
/// Fashion-MNIST RBF kernel, subspace iteration needed 18 products with a block of 120 vectors (2,160 vectors in all)
/// and a 120 x 120 dense eigenproblem each time, a fit of 0.56-0.62 s; Lanczos converges after 118 matrix-vector
/// products (ARPACK took 153, its restarts keeping the basis at 101 vectors), a fit of 0.11-0.12 s against
/// scikit-learn's 0.16-0.17 s (lib/TOOLCHAIN.md). No restarts: the basis grows to at most <see cref="MaxSteps"/>
/// vectors, which for the components Kernel PCA asks of it costs less memory than the kernel matrix itself.</para>
/// <para>When the Krylov space is exhausted (an invariant subspace: β at rounding level, as for a low-rank kernel) the
/// recurrence goes on from a fresh random vector orthogonal to the basis, so the eigenvalue 0 of a low-rank matrix
/// gets its vectors too. Like every single-vector Krylov method, it relies on rounding to bring in the second copy of
/// an exactly repeated eigenvalue; with full reorthogonalisation it does (a 20 x 20 grid's kernel, whose eigenvalues
/// come in pairs, gives the dense solver's values: KernelPcaFastPathTests).</para>
/// </remarks>
internal static class Lanczos
{
    private const double Tolerance = 1e-10;

    /// <summary>The most steps taken for k wanted pairs of an n x n matrix: min(n, 3k + 200). On the Fashion-MNIST
    /// kernel k = 50 converged after about 117; the basis is this many vectors of n values.</summary>
    public static int MaxSteps(int k, int n) => Math.Min(n, 3 * k + 200);

    /// <summary>The k largest eigenvalues (descending) of the symmetric matrix <paramref name="a"/> and their
    /// eigenvectors (n x k, as columns), or null when they have not converged within <see cref="MaxSteps"/> steps (the
    /// caller then decomposes densely). <paramref name="rng"/> draws the start vector.</summary>
    public static (double[] Values, Matrix Vectors)? Leading(Matrix a, int k, Random rng)
    {
        int n = a.Rows, cap = MaxSteps(k, n);
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"between 1 and {n}.");
        var basis = new Matrix(cap, n);                // the Lanczos vectors, one per row
        var alpha = new double[cap];
        var beta = new double[cap];
        var z = new double[n];
        var coefficients = new double[cap];
        var v = new double[n];
        var scratch = Gemv.SymmetricScratch(n);
        double norm = 0;                               // the largest ‖A v‖ seen, for the breakdown test
        Start(basis, 0, rng, coefficients, z);
        for (int j = 0; j < cap; j++)
        {
            basis.Row(j).CopyTo(v);
            Gemv.TimesSymmetric(a, v, z, scratch);     // z = A v_j
            norm = Math.Max(norm, Math.Sqrt(Distance.Dot(z, z)));
            alpha[j] = Distance.Dot(v, z);
            Orthogonalise(basis, j + 1, z, coefficients);
            beta[j] = Math.Sqrt(Distance.Dot(z, z));
            int m = j + 1;
            bool invariant = beta[j] <= n * Math.ScaleB(1.0, -52) * norm;
            // The check costs O(m²); every fourth step costs at most three extra products.
            if (m >= k && ((m - k) % 4 == 0 || invariant || m == cap) && Converged(alpha.AsSpan(0, m), beta.AsSpan(0, m), k))
                return RitzPairs(basis, alpha.AsSpan(0, m), beta.AsSpan(0, m - 1), k);
            if (m == cap) break;
            // An invariant subspace: go on from a fresh direction, with no coupling to the one before.
            if (invariant)
            {
                beta[j] = 0;
                if (!Start(basis, m, rng, coefficients, z)) return m >= k ? RitzPairs(basis, alpha.AsSpan(0, m), beta.AsSpan(0, m - 1), k) : null;
            }
            else TensorPrimitives.Multiply<double>(z, 1 / beta[j], basis.Row(m));
        }
        return null;
    }

    // Row j of the basis becomes a random unit vector orthogonal to rows 0..j-1; false if none is left (j = n to
    // rounding).
    private static bool Start(Matrix basis, int j, Random rng, double[] coefficients, double[] z)
    {
        for (int i = 0; i < z.Length; i++) z[i] = rng.NextDouble() - 0.5;
        double before = Math.Sqrt(Distance.Dot(z, z));
        Orthogonalise(basis, j, z, coefficients);
        double after = Math.Sqrt(Distance.Dot(z, z));
        if (after <= z.Length * Math.ScaleB(1.0, -52) * before) return false;
        TensorPrimitives.Multiply<double>(z, 1 / after, basis.Row(j));
        return true;
    }

    // z -= Vᵀ (V z) over the first `rows` basis vectors, twice ("twice is enough": Giraud, Langou, Rozložník and
    // van den Eshof, Numer. Math. 101, 2005).
    private static void Orthogonalise(Matrix basis, int rows, double[] z, double[] coefficients)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            Gemv.Times(basis, rows, z, coefficients);
            for (int r = 0; r < rows; r++) TensorPrimitives.MultiplyAdd<double>(basis.Row(r), -coefficients[r], z, z);
        }
    }

    // Every one of the k leading Ritz pairs has residual β_m |y_last| within the tolerance.
    private static bool Converged(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, int k)
    {
        int m = alpha.Length;
        var last = new Matrix(1, m);
        last[0, m - 1] = 1;
        var theta = SymmetricTridiagonal.Eigen(alpha, beta[..(m - 1)], last);
        if (theta is null) return false;
        double limit = Tolerance * Math.Max(Math.Abs(theta[0]), double.Epsilon);
        for (int c = 0; c < k; c++) if (beta[m - 1] * Math.Abs(last[0, c]) > limit) return false;
        return true;
    }

    // The k leading eigenvalues of the tridiagonal matrix and their Ritz vectors u_c = Σ_r y[r, c] v_r (n x k).
    private static (double[] Values, Matrix Vectors)? RitzPairs(Matrix basis, ReadOnlySpan<double> alpha, ReadOnlySpan<double> offDiagonal, int k)
    {
        int m = alpha.Length, n = basis.Cols;
        var y = new Matrix(m, m);
        for (int i = 0; i < m; i++) y[i, i] = 1;
        var theta = SymmetricTridiagonal.Eigen(alpha, offDiagonal, y);
        if (theta is null) return null;
        var vectors = new Matrix(k, n);                 // transposed: one Ritz vector per row
        Parallel.For(0, k, c =>
        {
            var u = vectors.Row(c);
            for (int r = 0; r < m; r++) TensorPrimitives.MultiplyAdd<double>(basis.Row(r), y[r, c], u, u);
        });
        return (theta[..k], vectors.Transpose());
    }
}
