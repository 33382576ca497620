using Course.Compute;

namespace Course.Decomposition;

/// <summary>
/// Truncated SVD by random projection (Halko, Martinsson and Tropp, "Finding structure with randomness", SIAM Review
/// 2011, algorithms 4.4 and 5.1): project onto k + p random directions, sharpen with q power iterations, then take the
/// exact SVD of the small projected matrix. O(n d (k + p) q) time instead of O(n d min(n, d)).
/// </summary>
/// <remarks>
/// Defaults are scikit-learn's <c>randomized_svd</c>: 10 oversamples; power iterations "auto" = 7 when k is below 10%
/// of min(n, d), else 4. Each power iteration is re-orthonormalised (Halko's algorithm 4.4) by one pass of Gram-Schmidt,
/// which keeps the span as scikit-learn's cheaper LU step does; the final basis by two passes, orthonormal to rounding.
/// For data of rank r below k + p, the basis has zero columns past r: the singular values past r are 0 and, with U,
/// their columns of U are 0 rather than an arbitrary completion. The random test matrix comes from the kit's seeded
/// generator, so results are reproducible whatever the backend.
/// </remarks>
public static class RandomizedSvd
{
    /// <summary>The leading <paramref name="k"/> singular triplets of <paramref name="a"/> (n x d): U n x k, S descending, Vt k x d,
    /// signs fixed so each row of Vt has its largest-magnitude entry positive.</summary>
    /// <param name="a">The matrix (finite).</param>
    /// <param name="k">Number of singular values, 1 to min(n, d).</param>
    /// <param name="oversamples">Extra random directions p. Default 10.</param>
    /// <param name="powerIterations">Power iterations q; null for "auto" (7 if k &lt; 0.1 min(n, d), else 4).
    /// More iterations give more accurate small singular values at the cost of 2 passes over the data each.</param>
    /// <param name="seed">Seed for the random projection.</param>
    public static (Matrix U, double[] S, Matrix Vt) Compute(Matrix a, int k, int oversamples = 10, int? powerIterations = null, int? seed = Seed.Default)
    {
        AlgorithmUse.Report("RandomizedSvd");
        Guard.Data(a, nameof(a));
        var (u, s, vt) = Compute(a, null, k, oversamples, powerIterations, seed, computeU: true);
        return (u!, s, vt);
    }

    /// <summary>The same for a − 1μ (PCA's case), optionally without forming U.</summary>
    internal static (Matrix? U, double[] S, Matrix Vt) Compute(Matrix a, double[]? mean, int k, int oversamples, int? powerIterations, int? seed, bool computeU)
    {
        int n = a.Rows, d = a.Cols;
        Guard.InRange(k, 1, Math.Min(n, d), nameof(k));
        Guard.InRange(oversamples, 0, int.MaxValue, nameof(oversamples));
        if (powerIterations is int q0) Guard.InRange(q0, 0, int.MaxValue, nameof(powerIterations));
        int q = powerIterations ?? (k < 0.1 * Math.Min(n, d) ? 7 : 4);
        int l = Math.Min(k + oversamples, Math.Min(n, d));
        var rng = Seed.Create(seed);
        var omega = new Matrix(d, l);
        for (int i = 0; i < omega.Data.Length; i++) omega.Data[i] = rng.NextGaussian();

        // Halko's algorithm 4.4 with every block held transposed (l rows), so the products are A Bᵀ with A and Aᵀ
        // each packed once for the kit's product kernel, and orthonormalising is Gram-Schmidt on rows. Measured in
        // lib/TOOLCHAIN.md: faster than the same steps through either backend's GEMM and QR, which copy or convert the
        // n x d matrix at every product. The small l x d SVD at the end is the backend's.
        var centred = mean is null ? a : a.SubtractFromRows(mean);
        var rows = new Gemm.Operand(centred);                       // A, n x d
        var cols = new Gemm.Operand(centred.Transpose());           // Aᵀ, d x n
        var yt = Gemm.TimesTransposed(new Gemm.Operand(omega.Transpose()), rows);   // (A Ω)ᵀ, l x n
        for (int it = 0; it < q; it++)
        {
            // One pass keeps the span from collapsing onto the leading directions; the final basis gets two.
            GramSchmidt.OrthonormalizeRows(yt, passes: 1);                              // Qᵀ
            var zt = Gemm.TimesTransposed(new Gemm.Operand(yt), cols);                  // (Aᵀ Q)ᵀ = Qᵀ A, l x d
            GramSchmidt.OrthonormalizeRows(zt, passes: 1);
            yt = Gemm.TimesTransposed(new Gemm.Operand(zt), rows);                      // (A Z)ᵀ, l x n
        }
        GramSchmidt.OrthonormalizeRows(yt);                                             // Qᵀ, l x n
        var basis = new Gemm.Operand(yt);
        var (ub, sAll, vt) = LinearAlgebra.ThinSvd(Gemm.TimesTransposed(basis, cols));   // Qᵀ A = Ũ S Vᵀ, l x d
        var s = sAll[..k];
        var vtk = vt[..k];
        Matrix? uk = null;
        if (computeU) uk = Gemm.TimesTransposed(yt.Transpose(), ub.Transpose()[..k]);   // Q Ũ, n x k
        LinearAlgebra.FlipSigns(uk, vtk);
        return (uk, s, vtk);
    }
}
