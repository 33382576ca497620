namespace Course.Neighbors;

/// <summary>
/// The k nearest neighbours of each of n query points: row i holds indices into the indexed data and their distances,
/// nearest first (equal distances in ascending index order). Stored flat, n x k, so later lessons (t-SNE, UMAP)
/// can hand the arrays to kernels without copying.
/// </summary>
public sealed class NeighborList
{
    /// <summary>Neighbours per query point.</summary>
    public int K { get; }
    /// <summary>Number of query points.</summary>
    public int Count { get; }
    /// <summary>Neighbour indices, row-major n x k.</summary>
    public int[] Indices { get; }
    /// <summary>Distances in the index's metric (radians for haversine), row-major n x k, non-decreasing along a row.</summary>
    public double[] Distances { get; }

    internal NeighborList(int count, int k, int[] indices, double[] distances)
    {
        Count = count; K = k; Indices = indices; Distances = distances;
    }

    /// <summary>The neighbour indices of query point <paramref name="i"/>, nearest first.</summary>
    public ReadOnlySpan<int> IndicesOf(int i) => Indices.AsSpan(Checked(i) * K, K);

    /// <summary>The neighbour distances of query point <paramref name="i"/>, non-decreasing.</summary>
    public ReadOnlySpan<double> DistancesOf(int i) => Distances.AsSpan(Checked(i) * K, K);

    /// <summary>The distance from each query point to its k-th (farthest listed) neighbour, e.g. the core distance.</summary>
    public double[] KthDistances()
    {
        var r = new double[Count];
        for (int i = 0; i < Count; i++) r[i] = Distances[i * K + K - 1];
        return r;
    }

    /// <summary>Row i lists the neighbour indices of point i, the shape of <c>AgglomerativeClusteringOptions.Connectivity</c>.</summary>
    public int[][] ToArrays() => Enumerable.Range(0, Count).Select(i => IndicesOf(i).ToArray()).ToArray();

    private int Checked(int i)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i), i, $"i must be between 0 and {Count - 1}.");
        return i;
    }
}
