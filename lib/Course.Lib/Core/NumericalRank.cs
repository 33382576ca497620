namespace Course;

/// <summary>
/// Numerical rank: which singular values (or eigenvalues of a positive semi-definite matrix) are rounding noise of an
/// exact zero. A decomposition never returns an exact 0 for a direction the data lacks; it returns noise whose size
/// depends on the processor's SIMD path and the LAPACK build (on an Intel AVX-512 machine, MKL gave the second singular
/// value of two points in 3-D as noise where an AMD one gave 0). Anything that divides by such a value, as whitening
/// does, must treat the noise as 0, with one tolerance that is the same on every processor.
/// </summary>
/// <remarks>The tolerance is LAPACK's and NumPy's <c>matrix_rank</c> default, σ_max · max(n, d) · ε (Golub and Van
/// Loan, "Matrix Computations", 4th ed., §5.4.1), with ε = 2⁻⁵² the float64 machine epsilon. A backward-stable
/// decomposition of an n x d matrix is exact for a matrix within about that distance of it, so a singular value below
/// it cannot be told from 0.</remarks>
public static class NumericalRank
{
    /// <summary>The float64 machine epsilon, 2⁻⁵² (not <see cref="double.Epsilon"/>, the smallest subnormal).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>σ_max · max(rows, cols) · ε: the largest value that counts as 0 among the singular values of a
    /// rows x cols matrix whose largest singular value is <paramref name="largest"/> (or among the eigenvalues of its
    /// Gram matrix, with <paramref name="largest"/> the largest eigenvalue).</summary>
    public static double Tolerance(double largest, int rows, int cols) => Math.Abs(largest) * Math.Max(rows, cols) * MachineEpsilon;

    /// <summary>The values (singular values, or eigenvalues of a positive semi-definite matrix; any order) with those at
    /// or below <see cref="Tolerance"/> of the largest set to exactly 0; negative round-off becomes 0 too. A new array.</summary>
    /// <param name="values">The values; finite.</param>
    /// <param name="rows">Rows of the decomposed data matrix (≥ 1).</param>
    /// <param name="cols">Columns of the decomposed data matrix (≥ 1).</param>
    public static double[] ZeroNoise(ReadOnlySpan<double> values, int rows, int cols)
    {
        double largest = 0;
        foreach (var v in values) largest = Math.Max(largest, v);
        double tolerance = Tolerance(largest, rows, cols);
        var kept = values.ToArray();
        for (int i = 0; i < kept.Length; i++) if (!(kept[i] > tolerance)) kept[i] = 0;
        return kept;
    }
}
