using System.Numerics;
using System.Numerics.Tensors;

namespace Course.Compute;

/// <summary>
/// Span-based Euclidean distance kernels. They check only that the two spans have equal lengths (one compare, which
/// keeps a swapped argument from reading past a row or silently ignoring its tail); values are trusted to be finite,
/// as every public estimator checks them at its door.
/// </summary>
public static class Distance
{
    /// <summary>Squared Euclidean distance, <c>sum_j (a_j - b_j)^2</c>, computed directly (no cancellation).</summary>
    /// <exception cref="ArgumentException">a and b differ in length.</exception>
    public static double Squared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        SameLength(a, b);
        int n = a.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var d = new Vector<double>(a[i..]) - new Vector<double>(b[i..]);
                acc += d * d;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) { double d = a[i] - b[i]; sum += d * d; }
        return sum;
    }

    /// <summary>Dot product <c>sum_j a_j b_j</c>.</summary>
    /// <remarks>Hand-vectorised: <c>TensorPrimitives.Dot</c> measured about 250 ns per 50-element call here
    /// (27 ms for the row norms of 100,000 x 50), ten times this loop.</remarks>
    /// <exception cref="ArgumentException">a and b differ in length.</exception>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        SameLength(a, b);
        int n = a.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                acc = Vector.FusedMultiplyAdd(new Vector<double>(a[i..]), new Vector<double>(b[i..]), acc);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void SameLength(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"b has {b.Length} values but a has {a.Length}: distances need vectors of one length.", nameof(b));
    }

    /// <summary>Euclidean distance.</summary>
    public static double Euclidean(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Math.Sqrt(Squared(a, b));

    /// <summary>Squared norm of every row of <paramref name="x"/>.</summary>
    public static double[] RowSquaredNorms(Matrix x)
    {
        var norms = new double[x.Rows];
        Parallel.For(0, (x.Rows + 4095) / 4096, b =>
        {
            for (int i = b * 4096, end = Math.Min(x.Rows, i + 4096); i < end; i++) { var r = x.Row(i); norms[i] = Dot(r, r); }
        });
        return norms;
    }

    /// <summary>
    /// Squared distances from one point to every row of <paramref name="centers"/>, written to <paramref name="result"/>
    /// (length = centers.Rows), by the expansion <c>|x|^2 - 2 x.c + |c|^2</c> clamped at zero.
    /// </summary>
    /// <remarks>The expansion turns the work into dot products, which vectorise. It loses digits when |x| is huge
    /// relative to the distance, exactly as scikit-learn's <c>euclidean_distances</c> does. For many rows against the
    /// same centres, K-means' <c>NearestCenter</c> is much faster.</remarks>
    public static void SquaredToCenters(ReadOnlySpan<double> x, double xNorm, Matrix centers, ReadOnlySpan<double> centerNorms, Span<double> result)
    {
        for (int j = 0; j < centers.Rows; j++)
        {
            double d = xNorm - 2 * Dot(x, centers.Row(j)) + centerNorms[j];
            result[j] = d > 0 ? d : 0;
        }
    }
}
