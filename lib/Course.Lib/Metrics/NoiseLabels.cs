namespace Course.Metrics;

/// <summary>
/// Handling of the noise label -1 that DBSCAN and HDBSCAN give, for metrics that only know partitions. Passed as is,
/// all noise points form one "cluster", so a method that calls a whole sparse cluster noise still scores a perfect
/// ARI; as singletons, every noise point is its own group and that failure shows.
/// </summary>
public static class NoiseLabels
{
    /// <summary>A copy of <paramref name="labels"/> in which each negative label becomes a new label of its own.</summary>
    public static int[] AsSingletons(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int next = labels.Count == 0 ? 0 : Math.Max(0, labels.Max() + 1);
        return labels.Select(l => l < 0 ? next++ : l).ToArray();
    }
}
