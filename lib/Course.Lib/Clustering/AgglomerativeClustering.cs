using Course.Compute;

namespace Course.Clustering;

/// <summary>How agglomerative clustering measures the distance between two clusters.</summary>
public enum Linkage
{
    /// <summary>Ward's minimum variance: merge the pair whose union increases the within-cluster sum of squares least
    /// (Ward, JASA 58, 1963). Heights are on scipy's scale, <c>sqrt(2 * increase)</c>. Euclidean only.</summary>
    Ward,
    /// <summary>The largest distance between members (farthest neighbour): compact clusters, sensitive to outliers.</summary>
    Complete,
    /// <summary>The mean distance between members (UPGMA).</summary>
    Average,
    /// <summary>The smallest distance between members (nearest neighbour): finds elongated shapes, chains through noise.</summary>
    Single,
}

/// <summary>Hyperparameters of <see cref="AgglomerativeClustering"/>; defaults as scikit-learn's.</summary>
public sealed record AgglomerativeClusteringOptions
{
    /// <summary>Number of flat clusters to cut the tree into. Default 2. Ignored when <see cref="DistanceThreshold"/> is set.</summary>
    public int NClusters { get; init; } = 2;
    /// <summary>Cut the tree at this height instead of at a number of clusters.</summary>
    public double? DistanceThreshold { get; init; }
    /// <summary>The cluster distance. Default Ward.</summary>
    public Linkage Linkage { get; init; } = Linkage.Ward;
    /// <summary>Optional connectivity graph: row i lists the points i may be merged with (made symmetric), e.g.
    /// <see cref="Neighbors.KNearestNeighbors.Graph"/>. Only clusters joined by an edge merge (any linkage).</summary>
    public int[][]? Connectivity { get; init; }
}

/// <summary>
/// Agglomerative (bottom-up) hierarchical clustering with Euclidean distance: every point starts alone and the two
/// closest clusters merge until one remains, recording the full merge tree (<see cref="LinkageTree"/>, scipy's
/// linkage-matrix convention) which is then cut into flat clusters.
/// </summary>
/// <remarks>
/// Algorithms as Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378 (2011), and
/// scipy: the nearest-neighbour chain for the reducible linkages (Ward, complete, average; O(n²) time and an n x n
/// distance matrix, 800 MB at n = 10,000, scipy's peak too) and Prim's minimum spanning tree for single linkage
/// (O(n²) time, O(n) memory: distances are computed on the fly). Ties are broken like scipy's: the chain prefers the
/// lowest index, and merges of equal height keep the order they were found in (stable sort).
/// </remarks>
public sealed class AgglomerativeClustering : IEstimator<AgglomerativeClusteringOptions, AgglomerativeClusteringModel>
{
    /// <summary>The hyperparameters.</summary>
    public AgglomerativeClusteringOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    public AgglomerativeClustering(AgglomerativeClusteringOptions? options = null)
    {
        var o = options ?? new AgglomerativeClusteringOptions();
        if (o.DistanceThreshold is null) Guard.InRange(o.NClusters, 1, int.MaxValue, nameof(o.NClusters));
        if (o.DistanceThreshold is double t) Guard.NonNegative(t, nameof(o.DistanceThreshold));
        Guard.Defined(o.Linkage, nameof(o.Linkage));
        Options = o;
    }

    /// <summary>Shorthand for <c>new AgglomerativeClustering(new AgglomerativeClusteringOptions { NClusters = k, Linkage = linkage })</c>.</summary>
    public AgglomerativeClustering(int nClusters, Linkage linkage = Linkage.Ward) : this(new AgglomerativeClusteringOptions { NClusters = nClusters, Linkage = linkage }) { }

    /// <summary>Builds the merge tree of the rows of <paramref name="x"/> (n x d) and cuts it.</summary>
    /// <exception cref="ArgumentException">x is null, empty or non-finite, or NClusters exceeds n.</exception>
    public AgglomerativeClusteringModel Fit(Matrix x, FitObserver? observer = null)
    {
        AlgorithmUse.Report("AgglomerativeClustering");
        Guard.Data(x, nameof(x));
        FitObserver.Validate(observer);
        if (Options.DistanceThreshold is null && Options.NClusters > x.Rows)
            throw new ArgumentException($"NClusters = {Options.NClusters} needs at least that many rows, but x has {x.Rows}.", nameof(x));
        LinkageTree tree;
        if (Options.Connectivity is { } graph)
        {
            if (graph.Length != x.Rows) throw new ArgumentException($"Connectivity has {graph.Length} rows but x has {x.Rows}.", nameof(Options.Connectivity));
            for (int i = 0; i < graph.Length; i++)
            {
                if (graph[i] is null) throw new ArgumentException($"Connectivity row {i} is null; give an empty array for a point with no listed neighbours.", nameof(Options.Connectivity));
                foreach (int j in graph[i])
                    if ((uint)j >= (uint)x.Rows) throw new ArgumentException($"Connectivity row {i} names neighbour {j}, outside 0..{x.Rows - 1}.", nameof(Options.Connectivity));
            }
            tree = x.Rows == 1 ? BuildTree(x, Options.Linkage) : ConnectivityLinkage.Build(x, graph, Options.Linkage);
        }
        else tree = BuildTree(x, Options.Linkage);
        var labels = Options.DistanceThreshold is { } h ? tree.CutAtHeight(h) : tree.CutToClusters(Options.NClusters);
        return new AgglomerativeClusteringModel(tree, labels);
    }

    /// <summary>The full merge tree of the rows of <paramref name="x"/> under <paramref name="linkage"/>.</summary>
    public static LinkageTree BuildTree(Matrix x, Linkage linkage)
    {
        AlgorithmUse.Report("AgglomerativeClustering");
        Guard.Data(x, nameof(x));
        int n = x.Rows;
        if (n == 1) return LinkageTree.FromUnsortedMerges(1, [], [], []);
        return linkage == Linkage.Single ? MinimumSpanningTree(x) : NearestNeighbourChain(x, linkage);
    }

    // Below this many live clusters a scan is too short to repay handing half of it to another thread.
    private const int ParallelFrom = 4096;

    private static LinkageTree NearestNeighbourChain(Matrix x, Linkage linkage)
    {
        int n = x.Rows;
        // A full square matrix, the same peak memory as scipy's condensed matrix plus its working copy: every scan
        // and every read of the update walks a contiguous row instead of a strided column of the condensed form,
        // which measured 1.5x faster on 10,000 x 50 (tests/Course.Benchmarks, row "ward").
        var d = PairwiseDistances.Square(x);
        long At(int i, int j) => (long)i * n + j;
        var size = Enumerable.Repeat(1, n).ToArray();
        // The clusters still alive, in increasing order: scans skip the dead ones (half of all indices on average)
        // and still visit candidates in index order, so ties resolve exactly as scipy's (lowest index wins).
        var active = Enumerable.Range(0, n).ToArray();
        int alive = n;
        var chain = new int[n];
        int chainLength = 0;
        // Scan active[from..to) for the cluster nearest to p: strict '<' keeps the first (lowest-index) of equals.
        void ScanNearestFor(int p, int from, int to, ref double best, ref int q)
        {
            for (int t = from; t < to; t++)
            {
                int i = active[t];
                if (i == p) continue;
                double v = d[At(p, i)];
                if (v < best) { best = v; q = i; }
            }
        }
        var a = new int[n - 1]; var b = new int[n - 1]; var h = new double[n - 1];
        for (int k = 0; k < n - 1; k++)
        {
            if (chainLength == 0) { chain[0] = active[0]; chainLength = 1; }
            int p, q;
            double best;
            while (true)
            {
                // Extend the chain with the nearest neighbour of its tip until two clusters are each other's nearest.
                p = chain[chainLength - 1];
                q = chainLength > 1 ? chain[chainLength - 2] : -1;
                best = chainLength > 1 ? d[At(p, q)] : double.PositiveInfinity;
                if (alive < ParallelFrom) ScanNearestFor(p, 0, alive, ref best, ref q);
                else
                {
                    // Two halves in parallel; the lower half wins ties, so the result equals the serial scan's.
                    double b0 = best, b1 = best; int q0 = q, q1 = q; int mid = alive / 2, pp = p;
                    Parallel.Invoke(() => ScanNearestFor(pp, 0, mid, ref b0, ref q0), () => ScanNearestFor(pp, mid, alive, ref b1, ref q1));
                    if (b1 < b0) { best = b1; q = q1; } else { best = b0; q = q0; }
                }
                if (chainLength > 1 && q == chain[chainLength - 2]) break;
                chain[chainLength++] = q;
            }
            chainLength -= 2;
            if (p > q) (p, q) = (q, p);
            int np = size[p], nq = size[q];
            a[k] = p; b[k] = q; h[k] = best;
            size[p] = 0; size[q] = np + nq; // the union lives on at q
            int removeAt = Array.BinarySearch(active, 0, alive, p);
            Array.Copy(active, removeAt + 1, active, removeAt, alive - removeAt - 1);
            alive--;
            int pq = p, qq = q;
            double dpq = best;
            void UpdateRange(int from, int to)
            {
                for (int t = from; t < to; t++)
                {
                    int i = active[t];
                    if (i == qq) continue;
                    double v = Update(linkage, d[At(pq, i)], d[At(qq, i)], dpq, np, nq, size[i]);
                    d[At(qq, i)] = v;
                    d[At(i, qq)] = v;
                }
            }
            if (alive < ParallelFrom) UpdateRange(0, alive);
            else { int mid = alive / 2; Parallel.Invoke(() => UpdateRange(0, mid), () => UpdateRange(mid, alive)); }
        }
        return LinkageTree.FromUnsortedMerges(n, a, b, h);
    }

    /// <summary>Lance-Williams update: distance from cluster i to the union of p and q.</summary>
    internal static double Update(Linkage linkage, double dip, double diq, double dpq, int np, int nq, int ni) => linkage switch
    {
        Linkage.Complete => Math.Max(dip, diq),
        Linkage.Average => (np * dip + nq * diq) / (np + nq),
        Linkage.Ward => Math.Sqrt(((ni + np) * dip * dip + (ni + nq) * diq * diq - ni * dpq * dpq) / (ni + np + nq)),
        _ => Math.Min(dip, diq),
    };

    private static LinkageTree MinimumSpanningTree(Matrix x)
    {
        var (from, to, weight) = PrimMst.Build(x);
        return LinkageTree.FromUnsortedMerges(x.Rows, from, to, weight);
    }
}
