namespace Course.Compute;

/// <summary>Pairwise Euclidean distances in scipy's condensed form: pair (i, j), i &lt; j, at <see cref="Index"/>.</summary>
public static class PairwiseDistances
{
    /// <summary>Position of pair (i, j), i != j, in a condensed array over n points.</summary>
    public static long Index(int n, int i, int j)
    {
        if (i > j) (i, j) = (j, i);
        return (long)n * i - (long)i * (i + 1) / 2 + j - i - 1;
    }

    /// <summary>All n(n-1)/2 Euclidean distances between the rows of <paramref name="x"/>, computed directly
    /// (not by the dot-product expansion) so that equal points give exactly 0 and ties match scipy's.</summary>
    /// <exception cref="ArgumentException">x is null, empty or not finite, or n(n-1)/2 exceeds the largest .NET array
    /// (n > 65,536).</exception>
    public static double[] Condensed(Matrix x)
    {
        Guard.Data(x, nameof(x));
        int n = x.Rows;
        if ((long)n * (n - 1) / 2 > Array.MaxLength) throw new ArgumentException($"{n} rows have {(double)n * (n - 1) / 2:G3} pairs, beyond one array; use a sample.", nameof(x));
        // Every element is written below, so skip zeroing 400 MB at n = 10,000.
        var d = GC.AllocateUninitializedArray<double>((int)((long)n * (n - 1) / 2));
        Parallel.For(0, n, i =>
        {
            var xi = x.Row(i);
            long at = Index(n, i, i + 1);
            int j = i + 1;
            for (; j + 4 <= n; j += 4, at += 4) SquaredTo4(xi, x, j, d.AsSpan((int)at, 4));
            for (; j < n; j++) d[at++] = Distance.Squared(xi, x.Row(j));
            long first = Index(n, i, i + 1);
            for (long t = first; t < at; t++) d[t] = Math.Sqrt(d[t]);
        });
        return d;
    }

    /// <summary>All Euclidean distances between the rows of <paramref name="x"/> as a full symmetric n x n matrix,
    /// row-major (n² doubles: 800 MB at n = 10,000), computed directly like <see cref="Condensed"/>.</summary>
    /// <exception cref="ArgumentException">x is null, empty or not finite, or n² exceeds the largest .NET array
    /// (n > 46,340).</exception>
    public static double[] Square(Matrix x)
    {
        Guard.Data(x, nameof(x));
        int n = x.Rows;
        if ((long)n * n > Array.MaxLength) throw new ArgumentException($"{n} rows need an n x n distance matrix of {(double)n * n * 8 / 1e9:F1} GB, beyond one array; cluster a sample.", nameof(x));
        var d = GC.AllocateUninitializedArray<double>(n * n);
        Parallel.For(0, n, i =>
        {
            var xi = x.Row(i);
            int j = i + 1, at = i * n + j;
            d[i * n + i] = 0;
            for (; j + 4 <= n; j += 4, at += 4) SquaredTo4(xi, x, j, d.AsSpan(at, 4));
            for (; j < n; j++) d[at++] = Distance.Squared(xi, x.Row(j));
            for (int t = i * n + i + 1; t < at; t++) d[t] = Math.Sqrt(d[t]);
        });
        // Mirror the upper triangle, in tiles so both the reads and the writes stay in cache.
        const int Tile = 64;
        Parallel.For(0, (n + Tile - 1) / Tile, bi =>
        {
            for (int bj = 0; bj <= bi; bj++)
                for (int i = bi * Tile, iEnd = Math.Min(n, i + Tile); i < iEnd; i++)
                    for (int j = bj * Tile, jEnd = Math.Min(i, j + Tile); j < jEnd; j++)
                        d[i * n + j] = d[j * n + i];
        });
        return d;
    }

    // Squared distances from a to rows j..j+3, differences taken directly (exact zeros for equal points): a is
    // loaded once per four rows, which roughly doubles the throughput of one call per pair.
    private static void SquaredTo4(ReadOnlySpan<double> a, Matrix x, int j, Span<double> result)
    {
        int d = a.Length, w = System.Numerics.Vector<double>.Count, t = 0;
        ReadOnlySpan<double> r0 = x.Row(j), r1 = x.Row(j + 1), r2 = x.Row(j + 2), r3 = x.Row(j + 3);
        System.Numerics.Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; t <= d - w; t += w)
        {
            var va = new System.Numerics.Vector<double>(a[t..]);
            var e0 = va - new System.Numerics.Vector<double>(r0[t..]); s0 += e0 * e0;
            var e1 = va - new System.Numerics.Vector<double>(r1[t..]); s1 += e1 * e1;
            var e2 = va - new System.Numerics.Vector<double>(r2[t..]); s2 += e2 * e2;
            var e3 = va - new System.Numerics.Vector<double>(r3[t..]); s3 += e3 * e3;
        }
        double q0 = System.Numerics.Vector.Sum(s0), q1 = System.Numerics.Vector.Sum(s1), q2 = System.Numerics.Vector.Sum(s2), q3 = System.Numerics.Vector.Sum(s3);
        for (; t < d; t++)
        {
            double e0 = a[t] - r0[t], e1 = a[t] - r1[t], e2 = a[t] - r2[t], e3 = a[t] - r3[t];
            q0 += e0 * e0; q1 += e1 * e1; q2 += e2 * e2; q3 += e3 * e3;
        }
        result[0] = q0; result[1] = q1; result[2] = q2; result[3] = q3;
    }
}
