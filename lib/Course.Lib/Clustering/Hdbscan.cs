using Course.Compute;
using Course.Neighbors;

namespace Course.Clustering;

/// <summary>Hyperparameters of <see cref="Hdbscan"/>; the defaults are scikit-learn's.</summary>
public sealed record HdbscanOptions
{
    /// <summary>The smallest group that counts as a cluster (≥ 2). Default 5. Raising it merges or drops small
    /// clusters; it is the one knob most data needs.</summary>
    public int MinClusterSize { get; init; } = 5;
    /// <summary>Neighbours (the point itself included) defining a point's core distance; null (default) uses
    /// <see cref="MinClusterSize"/>. Raising it makes the density estimate more conservative: more points become noise.</summary>
    public int? MinSamples { get; init; }
    /// <summary>Clusters closer than this distance are not split (scikit-learn's <c>cluster_selection_epsilon</c>).
    /// Default 0. Useful to stop many micro-clusters in dense regions when using small MinClusterSize.</summary>
    public double ClusterSelectionEpsilon { get; init; }
    /// <summary>Excess-of-mass does not select clusters larger than this; 0 (default) for no limit.</summary>
    public int MaxClusterSize { get; init; }
    /// <summary>Excess of mass (default) or leaf selection.</summary>
    public ClusterSelectionMethod ClusterSelectionMethod { get; init; } = ClusterSelectionMethod.Eom;
    /// <summary>Allow the whole data set to be returned as one cluster. Default false.</summary>
    public bool AllowSingleCluster { get; init; }
    /// <summary>Distance scaling in the mutual reachability distance, d / α. Default 1 (only 1 with haversine).</summary>
    public double Alpha { get; init; } = 1.0;
    /// <summary>Euclidean (default) or haversine on [latitude, longitude] in radians.</summary>
    public NeighborMetric Metric { get; init; } = NeighborMetric.Euclidean;
}

/// <summary>
/// HDBSCAN (Campello, Moulavi and Sander, "Density-based clustering based on hierarchical density estimates", PAKDD
/// 2013; McInnes, Healy and Astels' accelerated version, JOSS 2017): DBSCAN for every ε at once, then the clusters
/// that persist longest. It finds clusters of different densities, needs no ε, and scores every point's
/// outlierness (GLOSH).
/// </summary>
/// <remarks>
/// Steps: (1) core distance of each point = distance to its MinSamples-th nearest neighbour, itself included
/// (a <see cref="NeighborIndex"/> query); (2) the minimum spanning tree of the mutual reachability distance
/// max(core(a), core(b), d(a, b) / α) by Prim's algorithm with distances on the fly (O(n² d) time, O(n d) memory;
/// SIMD over candidates); (3) its single-linkage tree; (4) the <see cref="CondensedTree"/> at MinClusterSize;
/// (5) cluster selection, labels, probabilities and GLOSH scores, following scikit-learn's implementation.
/// </remarks>
public sealed class Hdbscan : IEstimator<HdbscanOptions, HdbscanModel>
{
    /// <summary>The hyperparameters.</summary>
    public HdbscanOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">an option is out of range (named in the message).</exception>
    public Hdbscan(HdbscanOptions? options = null)
    {
        var o = options ?? new HdbscanOptions();
        Guard.InRange(o.MinClusterSize, 2, int.MaxValue, nameof(o.MinClusterSize));
        if (o.MinSamples is int s) Guard.InRange(s, 1, int.MaxValue, nameof(o.MinSamples));
        Guard.NonNegative(o.ClusterSelectionEpsilon, nameof(o.ClusterSelectionEpsilon));
        Guard.InRange(o.MaxClusterSize, 0, int.MaxValue, nameof(o.MaxClusterSize));
        Guard.Positive(o.Alpha, nameof(o.Alpha));
        Guard.Defined(o.Metric, nameof(o.Metric));
        Guard.Defined(o.ClusterSelectionMethod, nameof(o.ClusterSelectionMethod));
        if (o.Metric == NeighborMetric.Haversine && o.Alpha != 1)
            throw new ArgumentOutOfRangeException(nameof(o.Alpha), o.Alpha, "Alpha must be 1 with the haversine metric.");
        Options = o;
    }

    /// <summary>Shorthand for <c>new Hdbscan(new HdbscanOptions { MinClusterSize = minClusterSize, MinSamples = minSamples })</c>.</summary>
    public Hdbscan(int minClusterSize, int? minSamples = null) : this(new HdbscanOptions { MinClusterSize = minClusterSize, MinSamples = minSamples }) { }

    /// <summary>Clusters the rows of <paramref name="x"/> (n x d).</summary>
    /// <exception cref="ArgumentException">x is null, has fewer than 2 rows or fewer rows than MinSamples, is non-finite,
    /// or is not [latitude, longitude] in radians for haversine.</exception>
    public HdbscanModel Fit(Matrix x, FitObserver? observer = null)
    {
        FitObserver.Validate(observer);
        Guard.Data(x, nameof(x), minRows: 2);
        int minSamples = Options.MinSamples ?? Options.MinClusterSize;
        if (minSamples > x.Rows)
            throw new ArgumentException($"MinSamples = {minSamples} (MinClusterSize when MinSamples is not set) needs at least that many rows, but x has {x.Rows}.", nameof(x));
        var index = NeighborIndex.Build(x, Options.Metric);
        int n = x.Rows;
        // Core distances in the index's search space (chord length for haversine), where the tree is built; the
        // conversion back to angles is monotone, so it commutes with every max and min of the algorithm.
        var core = minSamples == 1 ? new double[n]
            : index.KNeighbors(minSamples - 1).KthDistances().Select(index.ToSearch).ToArray();
        var (from, to, weight) = PrimMst.Build(index.Points, core, Options.Alpha);
        for (int t = 0; t < weight.Length; t++) weight[t] = index.ToMetric(weight[t]);
        var linkage = LinkageTree.FromUnsortedMerges(n, from, to, weight);
        var condensed = CondensedTree.Build(linkage, Options.MinClusterSize);
        var clusters = ClusterSelection.Select(condensed, Options.ClusterSelectionMethod, Options.AllowSingleCluster,
            Options.ClusterSelectionEpsilon, Options.MaxClusterSize);
        var labels = ClusterSelection.Label(condensed, clusters, Options.AllowSingleCluster, Options.ClusterSelectionEpsilon);
        var probabilities = ClusterSelection.Probabilities(condensed, clusters, labels);
        return new HdbscanModel(labels, probabilities, condensed.OutlierScores(), condensed, clusters, linkage,
            new SpanningTree(from, to, weight), core.Select(index.ToMetric).ToArray(), x.Clone(), Options.Metric, minSamples);
    }
}
