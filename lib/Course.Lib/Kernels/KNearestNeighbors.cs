namespace Course.Kernels;

/// <summary>Exact k-nearest-neighbour graphs by brute force (O(n² d) time, parallel over rows, O(n k) memory).</summary>
/// <remarks>Fine up to tens of thousands of rows; lesson 03's spatial index is the tool for more.</remarks>
public static class KNearestNeighbors
{
    /// <summary>For each row, the indices of its <paramref name="k"/> nearest other rows (Euclidean), nearest first.</summary>
    public static int[][] Graph(Matrix x, int k)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        Guard.InRange(k, 1, x.Rows - 1, nameof(k));
        var result = new int[x.Rows][];
        Parallel.For(0, x.Rows, i =>
        {
            var d = new double[x.Rows];
            var xi = x.Row(i);
            for (int j = 0; j < x.Rows; j++) d[j] = j == i ? double.PositiveInfinity : Distance.Squared(xi, x.Row(j));
            var idx = Enumerable.Range(0, x.Rows).ToArray();
            Array.Sort(d, idx);
            result[i] = idx[..k];
        });
        return result;
    }
}
