using Course.Neighbors;

namespace Course.Labeling;

/// <summary>
/// The simplest semi-supervised baseline: every point takes the majority label of the labelled points in its cluster
/// (ties to the smallest label); points in clusters without a labelled point, and noise points, take the label of the
/// nearest labelled point. It trusts the clustering completely: as good as the clusters are pure.
/// </summary>
public static class LabelPropagation
{
    /// <summary>Pseudo-labels for every pool point.</summary>
    /// <param name="pool">The points (n x d), for the nearest-labelled fallback.</param>
    /// <param name="clusters">Cluster of each point (n), −1 for noise.</param>
    /// <param name="revealed">The labels the annotator revealed, by pool index (at least one).</param>
    public static int[] Propagate(Matrix pool, IReadOnlyList<int> clusters, IReadOnlyDictionary<int, int> revealed)
    {
        Guard.Data(pool, nameof(pool));
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(revealed);
        Guard.SameLength(pool.Rows, clusters.Count, nameof(clusters));
        if (revealed.Count == 0) throw new ArgumentException("revealed is empty: propagation needs at least one label.", nameof(revealed));
        foreach (int row in revealed.Keys)
            if ((uint)row >= (uint)pool.Rows) throw new ArgumentException($"revealed names row {row}, outside 0..{pool.Rows - 1}.", nameof(revealed));
        var majority = revealed.Where(r => clusters[r.Key] >= 0).GroupBy(r => clusters[r.Key])
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Value).OrderByDescending(v => v.Count()).ThenBy(v => v.Key).First().Key);
        var labelled = revealed.Keys.Order().ToArray();
        var nearest = NeighborIndex.Build(pool.SelectRows(labelled)).KNeighbors(pool, 1);
        var result = new int[pool.Rows];
        for (int i = 0; i < pool.Rows; i++)
            result[i] = revealed.TryGetValue(i, out int own) ? own
                : clusters[i] >= 0 && majority.TryGetValue(clusters[i], out int m) ? m
                : revealed[labelled[nearest.Indices[i]]];
        return result;
    }
}
