using System.Numerics.Tensors;

namespace Course.Compute;

/// <summary>
/// Orthonormalises the rows of a matrix in place by modified Gram-Schmidt, run twice: one pass leaves a loss of
/// orthogonality proportional to the condition number, the second brings it to rounding ("twice is enough": Giraud,
/// Langou, Rozložník and van den Eshof, Numer. Math. 101, 2005). For the thin bases of randomized SVD and subspace
/// iteration (tens of rows of thousands of values), where it is several times faster here than Math.NET's
/// Householder QR (lib/TOOLCHAIN.md).
/// </summary>
/// <remarks>Rows, not columns, so every step is a contiguous SIMD dot product and multiply-add. A row in the span of
/// the rows before it comes out as 0 (Householder QR would complete the basis instead).</remarks>
internal static class GramSchmidt
{
    /// <summary>Makes the rows of <paramref name="t"/> orthonormal, each in the span of itself and the rows before;
    /// a row that is not independent of the rows before it (to within rounding: what is left of it after the
    /// projections is below d·ε of its length, d its length) becomes 0.</summary>
    /// <param name="t">The rows, changed in place.</param>
    /// <param name="passes">2 for orthonormal to rounding; 1 where only the span matters and the next step
    /// orthonormalises again (a randomized SVD's power iterations, as scikit-learn normalises those by LU).</param>
    /// <remarks>Without the test, the rounding noise left of a dependent row would be scaled up to length 1 and
    /// projected again, and for short rows it can point along the rows before it: two points in 3-D gave a basis
    /// with one direction twice.</remarks>
    public static void OrthonormalizeRows(Matrix t, int passes = 2)
    {
        double tolerance = t.Cols * Math.ScaleB(1.0, -52);
        for (int r = 0; r < t.Rows; r++)
        {
            var row = t.Row(r);
            double before = Math.Sqrt(Distance.Dot(row, row));
            if (before == 0) continue;
            for (int pass = 0; pass < passes; pass++)
                for (int s = 0; s < r; s++) TensorPrimitives.MultiplyAdd<double>(t.Row(s), -Distance.Dot(row, t.Row(s)), row, row);
            double after = Math.Sqrt(Distance.Dot(row, row));
            if (after <= tolerance * before) row.Clear();
            else TensorPrimitives.Multiply<double>(row, 1 / after, row);
        }
    }
}
