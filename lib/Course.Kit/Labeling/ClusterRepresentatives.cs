using Course.Clustering;
using Course.Compute;

namespace Course.Labeling;

/// <summary>Which clustering <see cref="ClusterRepresentatives"/> uses.</summary>
public enum Clusterer
{
    /// <summary>K-means with as many clusters as the budget (or <see cref="ClusterRepresentatives.Clusters"/>).</summary>
    KMeans,
    /// <summary>HDBSCAN: the clusters are found, not chosen; noise points are never sent to the annotator.</summary>
    Hdbscan,
}

/// <summary>How <see cref="ClusterRepresentatives"/> picks points inside a cluster.</summary>
public enum PickWithin
{
    /// <summary>The most typical points first: nearest the K-means centroid, or HDBSCAN's highest membership probability.</summary>
    Nearest,
    /// <summary>Spread out: the most typical point, then repeatedly the point farthest from those already picked
    /// (farthest-first traversal), to cover the cluster's extent.</summary>
    Spread,
}

/// <summary>
/// Cluster the pool, then label a few representatives of every cluster: the budget is split across clusters in
/// proportion to their sizes (largest remainders), with at least one label for every cluster whenever the budget
/// allows it. With K-means and no fixed number of clusters, k equals the budget and each cluster gets exactly its most
/// central point (the "typical points" idea of cluster-then-label active learning).
/// </summary>
public sealed class ClusterRepresentatives : SelectionStrategy
{
    /// <summary>The clustering.</summary>
    public Clusterer Clusterer { get; }
    /// <summary>How points are picked inside a cluster.</summary>
    public PickWithin Pick { get; }
    /// <summary>K-means: a fixed number of clusters; null for k = budget.</summary>
    public int? Clusters { get; }
    /// <summary>HDBSCAN's minimum cluster size. Default 10.</summary>
    public int MinClusterSize { get; }
    /// <summary>HDBSCAN's MinSamples; null for MinClusterSize. Smaller values call fewer points noise.</summary>
    public int? MinSamples { get; }

    /// <summary>Features to cluster on, computed from the pool (e.g. a few principal components); null clusters the pool as given.</summary>
    public Func<Matrix, Matrix>? ClusterOn { get; }

    /// <summary>A strategy with the given clustering and picking rule.</summary>
    /// <param name="clusterer">K-means (default) or HDBSCAN.</param>
    /// <param name="pick">Most typical points (default) or spread out.</param>
    /// <param name="clusters">K-means: a fixed number of clusters; null for k = budget.</param>
    /// <param name="minClusterSize">HDBSCAN's minimum cluster size. Default 10.</param>
    /// <param name="clusterOn">Maps the pool to the features clustering should use (same rows); null for the pool itself.
    /// Density methods in particular need few dimensions. Picking and spreading happen in those features too.</param>
    /// <param name="minSamples">HDBSCAN's MinSamples; null for minClusterSize.</param>
    public ClusterRepresentatives(Clusterer clusterer = Clusterer.KMeans, PickWithin pick = PickWithin.Nearest, int? clusters = null, int minClusterSize = 10, Func<Matrix, Matrix>? clusterOn = null, int? minSamples = null)
    {
        if (minSamples is int ms) Guard.InRange(ms, 1, int.MaxValue, nameof(minSamples));
        MinSamples = minSamples;
        if (clusters is int k) Guard.InRange(k, 1, int.MaxValue, nameof(clusters));
        Guard.InRange(minClusterSize, 2, int.MaxValue, nameof(minClusterSize));
        Clusterer = clusterer; Pick = pick; Clusters = clusters; MinClusterSize = minClusterSize; ClusterOn = clusterOn;
    }

    /// <inheritdoc/>
    public override string Name => Clusterer == Clusterer.KMeans
        ? $"K-means ({(Clusters is int k ? $"k = {k}" : "k = budget")}), {Pick.ToString().ToLowerInvariant()}"
        : $"HDBSCAN (min size {MinClusterSize}{(MinSamples is int ms ? $", min samples {ms}" : "")}), {Pick.ToString().ToLowerInvariant()}";

    // Selections are a pure function of (pool contents, budget, seed); experiments ask for the same one once per arm
    // that shares this strategy (with and without propagation), and clustering is the expensive part. The key hashes
    // the pool's values (O(n d), negligible next to clustering), so a pool changed in place is never served stale.
    private readonly Dictionary<(ulong Pool, int Budget, int Seed), Selection> cache = [];

    /// <inheritdoc/>
    protected override Selection SelectCore(Matrix pool, int budget, int seed)
    {
        var key = (Fingerprint(pool), budget, seed);
        Selection? selection;
        lock (cache) cache.TryGetValue(key, out selection);
        if (selection is null)
        {
            selection = Compute(pool, budget, seed);
            lock (cache) { if (cache.Count >= 256) cache.Clear(); cache[key] = selection; }
        }
        return selection with { Indices = (int[])selection.Indices.Clone(), Clusters = (int[]?)selection.Clusters?.Clone() };
    }

    private static ulong Fingerprint(Matrix x)
    {
        // FNV-1a over the raw bits, with the shape mixed in.
        ulong h = 14695981039346656037UL ^ (ulong)x.Rows * 31 ^ (ulong)x.Cols;
        foreach (double v in x.Data) { h ^= (ulong)BitConverter.DoubleToInt64Bits(v); h *= 1099511628211UL; }
        return h;
    }

    private Selection Compute(Matrix pool, int budget, int seed)
    {
        if (ClusterOn is not null)
        {
            int rows = pool.Rows;
            pool = ClusterOn(pool) ?? throw new InvalidOperationException("ClusterOn returned null.");
            if (pool.Rows != rows) throw new InvalidOperationException($"ClusterOn returned {pool.Rows} rows for a pool of {rows}: it must keep one row per point.");
        }
        int[] clusters;
        double[] typicality; // higher = more central
        if (Clusterer == Clusterer.KMeans)
        {
            int k = Math.Min(Clusters ?? budget, pool.Rows);
            var model = new KMeans(new KMeansOptions { NClusters = k, Seed = seed }).Fit(pool);
            clusters = model.Labels;
            typicality = new double[pool.Rows];
            for (int i = 0; i < pool.Rows; i++) typicality[i] = -Distance.Squared(pool.Row(i), model.Centroids.Row(clusters[i]));
        }
        else
        {
            var model = new Hdbscan(MinClusterSize, MinSamples).Fit(pool);
            clusters = model.Labels;
            typicality = model.Probabilities;
        }
        return new Selection(PickPoints(pool, clusters, typicality, budget), clusters);
    }

    private int[] PickPoints(Matrix pool, int[] clusters, double[] typicality, int budget)
    {
        var members = clusters.Select((c, i) => (c, i)).Where(t => t.c >= 0).GroupBy(t => t.c)
            .ToDictionary(g => g.Key, g => g.Select(t => t.i).OrderByDescending(i => typicality[i]).ThenBy(i => i).ToArray());
        var quota = Allocate(members.ToDictionary(m => m.Key, m => m.Value.Length), budget);
        var chosen = new List<int>();
        foreach (var (cluster, count) in quota.OrderBy(q => q.Key))
            chosen.AddRange(Pick == PickWithin.Nearest ? members[cluster][..count] : FarthestFirst(pool, members[cluster], count));
        return [.. chosen];
    }

    /// <summary>Splits <paramref name="budget"/> across clusters: one each to as many clusters as the budget reaches
    /// (largest first), the rest in proportion to size by largest remainder, never more than a cluster holds.</summary>
    internal static Dictionary<int, int> Allocate(IReadOnlyDictionary<int, int> sizes, int budget)
    {
        var quota = sizes.Keys.ToDictionary(c => c, _ => 0);
        var bySize = sizes.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => s.Key).ToList();
        int left = Math.Min(budget, sizes.Values.Sum());
        foreach (int c in bySize.Take(left)) quota[c] = 1;
        left -= Math.Min(left, bySize.Count);
        while (left > 0)
        {
            int total = sizes.Sum(s => s.Value - quota[s.Key]);
            var share = bySize.Where(c => quota[c] < sizes[c]).Select(c => (c, exact: left * (double)(sizes[c] - quota[c]) / total)).ToList();
            int given = 0;
            foreach (var (c, exact) in share) { int add = Math.Min((int)exact, sizes[c] - quota[c]); quota[c] += add; given += add; }
            foreach (var (c, _) in share.OrderByDescending(s => s.exact - Math.Floor(s.exact)).ThenBy(s => s.c))
            {
                if (given >= left) break;
                if (quota[c] < sizes[c]) { quota[c]++; given++; }
            }
            left -= given;
        }
        return quota.Where(q => q.Value > 0).ToDictionary(q => q.Key, q => q.Value);
    }

    private static int[] FarthestFirst(Matrix pool, int[] members, int count)
    {
        var picked = new List<int> { members[0] };
        var nearest = members.Select(i => Distance.Squared(pool.Row(i), pool.Row(members[0]))).ToArray();
        while (picked.Count < count)
        {
            int best = 0;
            for (int t = 1; t < members.Length; t++) if (nearest[t] > nearest[best]) best = t;
            picked.Add(members[best]);
            for (int t = 0; t < members.Length; t++) nearest[t] = Math.Min(nearest[t], Distance.Squared(pool.Row(members[t]), pool.Row(members[best])));
        }
        return [.. picked];
    }
}
