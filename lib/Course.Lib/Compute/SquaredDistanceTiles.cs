using System.Numerics.Tensors;

namespace Course.Compute;

/// <summary>
/// Squared Euclidean distances between blocks of rows of one matrix, a tile at a time, for the all-pairs metrics
/// (silhouette, trustworthiness): by the expansion ‖a‖² + ‖b‖² − 2 a·b through <see cref="DotTiles"/> when the rows
/// are long, directly when they are short. Callers hold a tile or a band of rows at a time, so memory grows with the
/// tile, not with n².
/// </summary>
/// <remarks>
/// The expansion cancels when two points are close beside their norms: scikit-learn's <c>euclidean_distances</c>
/// clamps negatives to zero and zeroes the diagonal. This goes further: each entry's rounding bound is
/// <see cref="ErrorBound"/> (‖a‖² + ‖b‖²), and any entry where that bound is more than 10⁻⁸ of the value (near
/// duplicates, negatives, the diagonal) is measured again directly, so equal points give exactly 0 and no entry is off
/// by more than 10⁻⁸ of itself (in practice about 10⁻¹⁴).
/// </remarks>
internal sealed class SquaredDistanceTiles
{
    /// <summary>Rows per tile side: a multiple of the packed kernel's 24 columns.</summary>
    public const int Size = 120;

    /// <summary>From this many columns the expansion through the product kernel is used; below, direct differences
    /// cost no more and are exact.</summary>
    public const int MinDimensions = 16;

    /// <summary>Re-measure directly when the rounding bound exceeds this share of the value.</summary>
    private const double Tolerance = 1e-8;

    private readonly PackedRows? packed;

    /// <summary>Prepares the rows of <paramref name="x"/>: their squared norms, and the packed copy when the
    /// processor runs the packed kernel.</summary>
    public SquaredDistanceTiles(Matrix x) : this(x, DotTiles.PackedKernel) { }

    /// <summary>The same, choosing the kernel (tests reach the unpacked one on any processor).</summary>
    internal SquaredDistanceTiles(Matrix x, bool packedKernel)
    {
        X = x;
        Norms = Distance.RowSquaredNorms(x);
        if (x.Cols >= MinDimensions && packedKernel) packed = new PackedRows(x);
    }

    /// <summary>The matrix whose rows are measured.</summary>
    public Matrix X { get; }

    /// <summary>Each row's squared norm.</summary>
    public double[] Norms { get; }

    /// <summary>A bound on |tile − direct| / (‖a‖² + ‖b‖²): the norms and the dot product each carry at most about
    /// d·2⁻⁵³ of (‖a‖² + ‖b‖²), the direct sum as much again of the distance (at most 2(‖a‖² + ‖b‖²)), plus the three
    /// roundings of the expansion; 0 when the tiles are measured directly.</summary>
    public double ErrorBound => X.Cols < MinDimensions ? 0 : 4.0 * (X.Cols + 8) * Math.ScaleB(1.0, -53);

    /// <summary>Working space for <see cref="Fill"/>, one per thread.</summary>
    public double[] NewScratch() => new double[Size * Size];

    /// <summary>Writes <c>dots[(i − i0)·ld + (j − j0)]</c> = xᵢ · xⱼ for rows i0..i0+ni and j0..j0+nj (as for
    /// <see cref="Fill"/>), through the product kernel whatever the width.</summary>
    public void FillDots(int i0, int ni, int j0, int nj, Span<double> dots, int ld, double[] scratch)
    {
        if (packed is not null) DotTiles.Products(packed, i0, ni, packed, j0, nj, scratch, Size);
        else DotTiles.Products(X, i0, ni, X, j0, nj, scratch, Size);
        for (int i = 0; i < ni; i++) scratch.AsSpan(i * Size, nj).CopyTo(dots.Slice(i * ld, nj));
    }

    /// <summary>Writes <c>d2[(i − i0)·ld + (j − j0)]</c> = ‖xᵢ − xⱼ‖² for rows i0..i0+ni and j0..j0+nj, each at most
    /// <see cref="Size"/>, with i0 and j0 multiples of <see cref="Size"/>.</summary>
    public void Fill(int i0, int ni, int j0, int nj, Span<double> d2, int ld, double[] scratch)
    {
        if (packed is null && X.Cols < MinDimensions)
        {
            for (int i = 0; i < ni; i++)
            {
                var xi = X.Row(i0 + i);
                var row = d2.Slice(i * ld, nj);
                for (int j = 0; j < nj; j++) row[j] = Distance.Squared(xi, X.Row(j0 + j));
            }
            return;
        }
        if (packed is not null) DotTiles.Products(packed, i0, ni, packed, j0, nj, scratch, Size);
        else DotTiles.Products(X, i0, ni, X, j0, nj, scratch, Size);
        double redo = ErrorBound / Tolerance;
        var nj2 = Norms.AsSpan(j0, nj);
        for (int i = 0; i < ni; i++)
        {
            double ni2 = Norms[i0 + i];
            var row = d2.Slice(i * ld, nj);
            // Vectorised: row = (‖xᵢ‖² + ‖xⱼ‖²) − 2 xᵢ·xⱼ; then the rare entries the bound does not cover.
            TensorPrimitives.Add<double>(nj2, ni2, row);
            TensorPrimitives.MultiplyAdd<double>(scratch.AsSpan(i * Size, nj), -2.0, row, row);
            for (int j = 0; j < nj; j++)
                if (!(row[j] > redo * (ni2 + nj2[j]))) row[j] = Distance.Squared(X.Row(i0 + i), X.Row(j0 + j));
        }
    }
}
