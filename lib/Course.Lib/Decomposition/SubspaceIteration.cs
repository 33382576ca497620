using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Decomposition;

/// <summary>
/// The leading eigenpairs of a symmetric positive semi-definite matrix by block subspace iteration with Rayleigh-Ritz
/// projection (Rutishauser, "Computational aspects of F. L. Bauer's simultaneous iteration method", Numer. Math. 13,
/// 1969; Saad, "Numerical Methods for Large Eigenvalue Problems", 2nd ed., 2011, ch. 5): a partial eigensolver for
/// Kernel PCA when the components asked of a large kernel are fewer than about a quarter of its points (its block at
/// most half), the role scikit-learn's ARPACK path plays below 10 components.
/// </summary>
/// <remarks>Each iteration multiplies the n x n matrix by a block of b = max(2k, k + 16) vectors, rounded up to a
/// multiple of 24 (<see cref="DotTiles.TimesThin"/>, O(n² b), one read of the matrix), projects onto the block, and stops when every wanted Ritz pair's residual ‖A u − θ u‖ is below
/// 10⁻¹⁰ θ₁, so eigenvalues are accurate to about 10⁻²⁰ θ₁ / gap and vectors to 10⁻¹⁰ θ₁ / gap. The extra vectors
/// make the convergence factor θ_{b+1} / θ_k rather than θ_{k+1} / θ_k. Returns null when it has not converged after
/// <c>maxIterations</c> (a spectrum with no gap), and the caller decomposes densely.</remarks>
internal static class SubspaceIteration
{
    private const double Tolerance = 1e-10;

    /// <summary>The block of vectors iterated for k wanted pairs: max(2k, k + 16), in whole blocks of the product
    /// kernel's 24 columns.</summary>
    public static int BlockSize(int k) => (Math.Max(2 * k, k + 16) + 23) / 24 * 24;

    /// <summary>The k largest eigenvalues (descending) and their eigenvectors (n x k, as columns), or null when the
    /// block would not be smaller than the matrix or the iteration has not converged. <paramref name="rng"/> draws the
    /// start block.</summary>
    public static (double[] Values, Matrix Vectors)? Leading(Matrix a, int k, Random rng, int maxIterations = 500)
    {
        int n = a.Rows, b = BlockSize(k);
        if (b >= n) return null;
        // Four n x b blocks, reused: each is on the large-object heap, and allocating them afresh every iteration
        // set off full garbage collections in the middle of a fit.
        Matrix v = new(n, b), z = new(n, b), u = new(n, b), au = new(n, b), t = new(b, n);
        for (int i = 0; i < v.Data.Length; i++) v.Data[i] = rng.NextDouble() - 0.5;
        OrthonormalColumns(v, t);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            Times(a, v, z);                                          // A V, n x b
            var h = TransposeTimes(v, z);                            // Vᵀ A V, b x b
            for (int r = 0; r < b; r++) for (int s = 0; s < r; s++) h[r, s] = h[s, r] = (h[r, s] + h[s, r]) / 2;
            var (theta, w) = LinearAlgebra.SymmetricEigen(h);
            Times(v, w, u);                                          // the Ritz vectors
            Times(z, w, au);                                         // A times them
            bool converged = true;
            for (int c = 0; c < k && converged; c++)
            {
                double residual = 0;
                for (int i = 0; i < n; i++) { double e = au[i, c] - theta[c] * u[i, c]; residual += e * e; }
                converged = Math.Sqrt(residual) <= Tolerance * Math.Max(theta[0], double.Epsilon);
            }
            if (converged)
            {
                var vectors = new Matrix(n, k);
                for (int i = 0; i < n; i++) u.Row(i)[..k].CopyTo(vectors.Row(i));
                return (theta[..k], vectors);
            }
            OrthonormalColumns(au, t);
            (v, au) = (au, v);
        }
        return null;
    }

    // z = A V for A n x n and V n x b: blocks of 64 rows of A in parallel through the thin-product kernel.
    private static void Times(Matrix a, Matrix v, Matrix z)
    {
        int n = a.Rows, b = v.Cols;
        const int Block = 64;
        Parallel.For(0, (n + Block - 1) / Block, blk =>
        {
            int i0 = blk * Block;
            DotTiles.TimesThin(a, i0, Math.Min(Block, n - i0), v, z.Data.AsSpan(i0 * b));
        });
    }

    // Vᵀ Z (b x b), a row of V at a time.
    private static Matrix TransposeTimes(Matrix v, Matrix z)
    {
        var h = new Matrix(v.Cols, z.Cols);
        for (int i = 0; i < v.Rows; i++)
        {
            var zi = z.Row(i);
            for (int r = 0; r < v.Cols; r++) TensorPrimitives.MultiplyAdd<double>(zi, v[i, r], h.Row(r), h.Row(r));
        }
        return h;
    }

    // Orthonormal columns, on a transposed copy so each column is contiguous.
    private static void OrthonormalColumns(Matrix v, Matrix t)
    {
        int n = v.Rows, b = v.Cols;
        for (int i = 0; i < n; i++) for (int r = 0; r < b; r++) t.Data[r * n + i] = v.Data[i * b + r];
        GramSchmidt.OrthonormalizeRows(t);
        for (int i = 0; i < n; i++) for (int r = 0; r < b; r++) v.Data[i * b + r] = t.Data[r * n + i];
    }
}
