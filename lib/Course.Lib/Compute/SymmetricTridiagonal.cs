namespace Course.Compute;

/// <summary>
/// The eigenvalues and eigenvectors of a symmetric tridiagonal matrix by the implicit QL algorithm with Wilkinson's
/// shift (Bowdler, Martin, Reinsch and Wilkinson, "The QR and QL algorithms for symmetric matrices", Numer. Math. 11,
/// 1968; EISPACK's tql2, LAPACK's dsteqr): the small eigenproblem inside a Lanczos eigensolver.
/// </summary>
/// <remarks>Only the rows of the eigenvector matrix that the caller asks for are formed, by applying every plane
/// rotation to those rows alone: the last row alone (one value per eigenvector, O(m²) in all) gives each Lanczos
/// Ritz pair's residual, and all m rows (O(m³)) the Ritz vectors once they have converged. Math.NET offers no
/// tridiagonal solver, and its dense one took 15 ms for m = 200 where this one with the last row takes well under
/// one.</remarks>
internal static class SymmetricTridiagonal
{
    private const int MaxSweepsPerValue = 30;

    /// <summary>The eigenvalues of the m x m symmetric tridiagonal matrix T, in descending order, or null if the
    /// iteration did not converge (30 QL sweeps per eigenvalue, as LAPACK allows).</summary>
    /// <param name="diagonal">T's diagonal, m values.</param>
    /// <param name="offDiagonal">T's off-diagonal, m − 1 values.</param>
    /// <param name="z">On entry r x m, rows of the identity (those of T's eigenvector matrix the caller wants); on
    /// return the same rows of the eigenvector matrix, columns in the order of the values returned.</param>
    public static double[]? Eigen(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal, Matrix z)
    {
        int m = diagonal.Length;
        if (offDiagonal.Length != Math.Max(0, m - 1)) throw new ArgumentException($"{offDiagonal.Length} off-diagonal values for a diagonal of {m}.", nameof(offDiagonal));
        if (z.Cols != m) throw new ArgumentException($"z has {z.Cols} columns for {m} eigenvectors.", nameof(z));
        var d = diagonal.ToArray();
        var e = new double[m];
        offDiagonal.CopyTo(e);
        double shift = 0, scale = 0, eps = Math.ScaleB(1.0, -52);
        int rows = z.Rows;
        var zd = z.Data;
        for (int l = 0; l < m; l++)
        {
            scale = Math.Max(scale, Math.Abs(d[l]) + Math.Abs(e[l]));
            // The first negligible off-diagonal value at or after l closes the block that l's eigenvalue lives in.
            int end = l;
            while (end < m - 1 && Math.Abs(e[end]) > eps * scale) end++;
            int sweeps = 0;
            while (end > l)
            {
                if (++sweeps > MaxSweepsPerValue) return null;
                // Wilkinson's shift from the leading 2 x 2 block, then the QL sweep chases it up from the block's end.
                double g = d[l], p = (d[l + 1] - g) / (2 * e[l]), r = double.Hypot(p, 1);
                if (p < 0) r = -r;
                d[l] = e[l] / (p + r);
                d[l + 1] = e[l] * (p + r);
                double dl1 = d[l + 1], h = g - d[l];
                for (int i = l + 2; i < m; i++) d[i] -= h;
                shift += h;
                p = d[end];
                double c = 1, c2 = 1, c3 = 1, el1 = e[l + 1], s = 0, s2 = 0;
                for (int i = end - 1; i >= l; i--)
                {
                    c3 = c2; c2 = c; s2 = s;
                    g = c * e[i]; h = c * p;
                    r = double.Hypot(p, e[i]);
                    e[i + 1] = s * r;
                    s = e[i] / r; c = p / r;
                    p = c * d[i] - s * g;
                    d[i + 1] = h + s * (c * g + s * d[i]);
                    for (int k = 0; k < rows; k++)
                    {
                        int at = k * m + i;
                        double zi = zd[at], zi1 = zd[at + 1];
                        zd[at + 1] = s * zi + c * zi1;
                        zd[at] = c * zi - s * zi1;
                    }
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1;
                e[l] = s * p;
                d[l] = c * p;
                if (Math.Abs(e[l]) <= eps * scale) break;
            }
            d[l] += shift;
            e[l] = 0;
        }
        // Descending, the columns of z following their values.
        var order = Enumerable.Range(0, m).OrderByDescending(i => d[i]).ToArray();
        var values = new double[m];
        var row = new double[m];
        for (int i = 0; i < m; i++) values[i] = d[order[i]];
        for (int k = 0; k < rows; k++)
        {
            var zk = z.Row(k);
            for (int i = 0; i < m; i++) row[i] = zk[order[i]];
            row.CopyTo(zk);
        }
        return values;
    }
}
