namespace Course.Kernels;

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
    public static double[] Condensed(Matrix x)
    {
        int n = x.Rows;
        var d = new double[(long)n * (n - 1) / 2];
        Parallel.For(0, n, i =>
        {
            var xi = x.Row(i);
            long at = Index(n, i, i + 1);
            for (int j = i + 1; j < n; j++) d[at++] = Distance.Euclidean(xi, x.Row(j));
        });
        return d;
    }
}
