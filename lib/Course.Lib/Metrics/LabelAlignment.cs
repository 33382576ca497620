namespace Course.Metrics;

/// <summary>
/// Renames a clustering's labels to match a reference labelling as closely as possible, so that a chart of the result
/// beside the truth (or beside another method's result) uses the same colour for the same group. Cluster ids are
/// arbitrary; this changes only their names, never which points belong together, so every score is unchanged.
/// </summary>
public static class LabelAlignment
{
    /// <summary>
    /// <paramref name="labels"/> renamed: pairs (cluster, reference label) are taken greedily by overlap, largest first,
    /// each cluster and each reference label used once (for the small tables of a lesson this almost always equals the
    /// optimal assignment). Clusters left over get fresh ids above the largest reference label, in order of size; noise
    /// (any negative label, −1 by convention) keeps its value, and reference noise is never a target.
    /// </summary>
    /// <param name="reference">The labels to match (e.g. the true groups), one per point.</param>
    /// <param name="labels">The clustering to rename, one per point, same length.</param>
    /// <returns>A new array; the inputs are unchanged.</returns>
    public static int[] Align(IReadOnlyList<int> reference, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(reference.Count, labels.Count, nameof(labels));
        var overlap = new Dictionary<(int Cluster, int Target), int>();
        var sizes = new Dictionary<int, int>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0) continue;
            sizes[labels[i]] = sizes.GetValueOrDefault(labels[i]) + 1;
            if (reference[i] < 0) continue;
            overlap[(labels[i], reference[i])] = overlap.GetValueOrDefault((labels[i], reference[i])) + 1;
        }
        var rename = new Dictionary<int, int>();
        var taken = new HashSet<int>();
        // Ties broken by the smaller ids, so the result does not depend on dictionary order.
        foreach (var pair in overlap.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Cluster).ThenBy(p => p.Key.Target))
        {
            if (rename.ContainsKey(pair.Key.Cluster) || taken.Contains(pair.Key.Target)) continue;
            rename[pair.Key.Cluster] = pair.Key.Target;
            taken.Add(pair.Key.Target);
        }
        int next = Math.Max(reference.Count == 0 ? -1 : reference.Max(), taken.Count == 0 ? -1 : taken.Max()) + 1;
        foreach (var cluster in sizes.Keys.Where(c => !rename.ContainsKey(c)).OrderByDescending(c => sizes[c]).ThenBy(c => c))
            rename[cluster] = next++;
        return labels.Select(l => l < 0 ? l : rename[l]).ToArray();
    }
}
