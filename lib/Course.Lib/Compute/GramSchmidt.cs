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
    /// <summary>Makes the rows of <paramref name="t"/> orthonormal, each in the span of itself and the rows before.</summary>
    public static void OrthonormalizeRows(Matrix t)
    {
        for (int pass = 0; pass < 2; pass++)
            for (int r = 0; r < t.Rows; r++)
            {
                var row = t.Row(r);
                for (int s = 0; s < r; s++) TensorPrimitives.MultiplyAdd<double>(t.Row(s), -Distance.Dot(row, t.Row(s)), row, row);
                double norm = Math.Sqrt(Distance.Dot(row, row));
                if (norm > 0) TensorPrimitives.Multiply<double>(row, 1 / norm, row);
            }
    }
}
