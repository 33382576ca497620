namespace Course.Neighbors;

/// <summary>Exact k-nearest-neighbour graphs, the connectivity input of structured agglomerative clustering.</summary>
public static class KNearestNeighbors
{
    /// <summary>For each row, the indices of its <paramref name="k"/> nearest other rows (Euclidean), nearest first,
    /// equal distances by ascending index. Answered by a <see cref="NeighborIndex"/> (k-d tree or brute force).</summary>
    public static int[][] Graph(Matrix x, int k)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        Guard.InRange(k, 1, x.Rows - 1, nameof(k));
        return NeighborIndex.Build(x).KNeighbors(k).ToArrays();
    }
}
