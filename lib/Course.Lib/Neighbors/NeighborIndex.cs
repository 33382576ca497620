namespace Course.Neighbors;

/// <summary>
/// A spatial index over the rows of a matrix for k-nearest-neighbour and fixed-radius queries, shared by DBSCAN,
/// HDBSCAN, t-SNE, UMAP and the trustworthiness metric. <see cref="Build"/> picks a k-d tree in low dimensions and
/// SIMD brute force in high ones, as scikit-learn's <c>NearestNeighbors(algorithm="auto")</c> does.
/// </summary>
/// <remarks>
/// Queries about the indexed points themselves (<see cref="KNeighbors(int, bool)"/>,
/// <see cref="RadiusNeighbors(double, bool)"/>) exclude each point from its own result unless asked, as scikit-learn's
/// <c>kneighbors()</c> without X does; duplicates of a point are still its neighbours, at distance 0. Batch queries
/// run in parallel and return the same result whatever the thread count.
/// </remarks>
public abstract class NeighborIndex
{
    /// <summary>Up to this many dimensions <see cref="IndexAlgorithm.Auto"/> builds a k-d tree (scikit-learn's threshold:
    /// beyond about 15 dimensions the tree prunes too little to beat a vectorised scan).</summary>
    public const int KdTreeMaxDimensions = 15;

    /// <summary>The indexed points in the space the index searches: the data itself, or for haversine its points
    /// on the unit sphere (n x 3), where Euclidean chord distance orders pairs as the great-circle angle does.</summary>
    internal Matrix Points { get; }

    /// <summary>The metric distances are measured in.</summary>
    public NeighborMetric Metric { get; }

    /// <summary>Number of indexed points.</summary>
    public int Count => Points.Rows;

    /// <summary>Number of columns a query point must have (2 for haversine).</summary>
    public int Dimensions { get; }

    /// <summary>The algorithm that answers queries (never <see cref="IndexAlgorithm.Auto"/>).</summary>
    public abstract IndexAlgorithm Algorithm { get; }

    private protected NeighborIndex(Matrix points, NeighborMetric metric, int dimensions)
    {
        Points = points; Metric = metric; Dimensions = dimensions;
    }

    /// <summary>Indexes the rows of <paramref name="x"/> (n x d; for haversine n x 2, [latitude, longitude] in radians).</summary>
    /// <param name="x">The points; the index keeps its own copy, so later changes to x do not affect it.</param>
    /// <param name="metric">Euclidean (default) or haversine.</param>
    /// <param name="algorithm">Auto (default): k-d tree up to <see cref="KdTreeMaxDimensions"/> dimensions, brute force above.</param>
    /// <param name="leafSize">Most points in a k-d tree leaf. Default 30 (scikit-learn's DBSCAN default).</param>
    /// <exception cref="ArgumentException">x is null, empty, non-finite, or not radians for haversine; leafSize &lt; 1.</exception>
    public static NeighborIndex Build(Matrix x, NeighborMetric metric = NeighborMetric.Euclidean,
        IndexAlgorithm algorithm = IndexAlgorithm.Auto, int leafSize = 30)
    {
        Guard.Data(x, nameof(x));
        Guard.InRange(leafSize, 1, int.MaxValue, nameof(leafSize));
        Guard.Defined(metric, nameof(metric));
        Guard.Defined(algorithm, nameof(algorithm));
        Matrix points;
        if (metric == NeighborMetric.Haversine)
        {
            Haversine.Validate(x, nameof(x));
            points = Haversine.ToUnitSphere(x);
        }
        else points = x.Clone();
        if (algorithm == IndexAlgorithm.Auto)
            algorithm = points.Cols <= KdTreeMaxDimensions ? IndexAlgorithm.KdTree : IndexAlgorithm.BruteForce;
        return algorithm switch
        {
            IndexAlgorithm.KdTree => new KdTree(points, metric, x.Cols, leafSize),
            IndexAlgorithm.BruteForce => new BruteForceIndex(points, metric, x.Cols),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown algorithm."),
        };
    }

    /// <summary>The <paramref name="k"/> nearest other indexed points of every indexed point (n x k).</summary>
    /// <param name="k">Neighbours per point, 1 to n - 1 (n with <paramref name="includeSelf"/>).</param>
    /// <param name="includeSelf">Count each point as its own first neighbour (distance 0). Default false.</param>
    public NeighborList KNeighbors(int k, bool includeSelf = false)
    {
        Guard.InRange(k, 1, includeSelf ? Count : Count - 1, nameof(k));
        return KNeighborsCore(Points, k, includeSelf ? -1 : 0);
    }

    /// <summary>The <paramref name="k"/> nearest indexed points of each row of <paramref name="queries"/> (m x k).</summary>
    public NeighborList KNeighbors(Matrix queries, int k)
    {
        var q = QuerySpace(queries, nameof(queries));
        Guard.InRange(k, 1, Count, nameof(k));
        return KNeighborsCore(q, k, -1);
    }

    /// <summary>Every indexed point within <paramref name="radius"/> (inclusive, as scikit-learn's
    /// <c>radius_neighbors</c>) of every indexed point.</summary>
    /// <param name="radius">The radius, >= 0, in the metric's unit (radians for haversine).</param>
    /// <param name="includeSelf">List each point in its own neighbourhood, as DBSCAN counts it. Default false.</param>
    public RadiusNeighborhoods RadiusNeighbors(double radius, bool includeSelf = false)
    {
        Guard.NonNegative(radius, nameof(radius));
        return RadiusCore(Points, radius, includeSelf ? -1 : 0);
    }

    /// <summary>Every indexed point within <paramref name="radius"/> (inclusive) of each row of <paramref name="queries"/>.</summary>
    public RadiusNeighborhoods RadiusNeighbors(Matrix queries, double radius)
    {
        var q = QuerySpace(queries, nameof(queries));
        Guard.NonNegative(radius, nameof(radius));
        return RadiusCore(q, radius, -1);
    }

    /// <summary>Squared search-space distances of query <paramref name="q"/>'s nearest <paramref name="k"/>, written
    /// nearest first to <paramref name="ids"/> and <paramref name="d2"/>, skipping indexed point <paramref name="exclude"/>.</summary>
    internal abstract void Nearest(ReadOnlySpan<double> q, int k, int exclude, Span<int> ids, Span<double> d2);

    /// <summary>Appends every indexed point within squared search-space distance <paramref name="r2"/> of q.</summary>
    internal abstract void Within(ReadOnlySpan<double> q, double r2, int exclude, List<int> result);

    /// <summary>The order to run self-queries in: the k-d tree's storage order keeps consecutive queries in cache.</summary>
    private protected virtual int[] SelfQueryOrder() => Enumerable.Range(0, Count).ToArray();

    /// <summary>Converts a distance in the search space (Euclidean, or chord for haversine) to the metric.</summary>
    internal double ToMetric(double searchDistance)
        => Metric == NeighborMetric.Haversine ? Haversine.ChordToAngle(searchDistance) : searchDistance;

    /// <summary>Converts a distance in the metric to the search space.</summary>
    internal double ToSearch(double metricDistance)
        => Metric == NeighborMetric.Haversine ? Haversine.AngleToChord(metricDistance) : metricDistance;

    private Matrix QuerySpace(Matrix queries, string name)
    {
        Guard.Data(queries, name);
        if (Metric == NeighborMetric.Haversine)
        {
            Haversine.Validate(queries, name);
            return Haversine.ToUnitSphere(queries);
        }
        Guard.Columns(queries, Dimensions, name, "the indexed data");
        return queries;
    }

    // selfOffset 0: query i is indexed point i and excludes itself; -1: nothing excluded.
    private NeighborList KNeighborsCore(Matrix q, int k, int selfOffset)
    {
        int m = q.Rows;
        var ids = new int[m * k];
        var dist = new double[m * k];
        if (Algorithm == IndexAlgorithm.BruteForce && Points.Cols >= GramCandidates.MinDimensions && (long)m * Count >= 1_000_000)
            GramCandidates.KNearest(Points, q, k, selfOffset == 0, ids, dist);
        else
        {
            var order = selfOffset == 0 ? SelfQueryOrder() : Enumerable.Range(0, m).ToArray();
            Parallel.For(0, Chunks(m), c =>
            {
                var (from, to) = ChunkRange(c, m);
                for (int t = from; t < to; t++)
                {
                    int i = order[t];
                    Nearest(q.Row(i), k, selfOffset == 0 ? i : -1, ids.AsSpan(i * k, k), dist.AsSpan(i * k, k));
                }
            });
        }
        for (int t = 0; t < dist.Length; t++) dist[t] = ToMetric(Math.Sqrt(dist[t]));
        return new NeighborList(m, k, ids, dist);
    }

    private RadiusNeighborhoods RadiusCore(Matrix q, double radius, int selfOffset)
    {
        int m = q.Rows;
        double r = ToSearch(radius);
        double r2 = r * r;
        var order = selfOffset == 0 ? SelfQueryOrder() : Enumerable.Range(0, m).ToArray();
        int chunks = Chunks(m);
        var found = new List<int>[chunks];
        var counts = new int[m];
        Parallel.For(0, chunks, c =>
        {
            var list = new List<int>();
            var (from, to) = ChunkRange(c, m);
            for (int t = from; t < to; t++)
            {
                int i = order[t], before = list.Count;
                Within(q.Row(i), r2, selfOffset == 0 ? i : -1, list);
                counts[i] = list.Count - before;
            }
            found[c] = list;
        });
        var offsets = new long[m + 1];
        for (int i = 0; i < m; i++) offsets[i + 1] = offsets[i] + counts[i];
        if (offsets[m] > Array.MaxLength)
            throw new InvalidOperationException($"radius {radius} gives {offsets[m]:N0} neighbour pairs, more than an array holds: use a smaller radius.");
        var indices = new int[offsets[m]];
        Parallel.For(0, chunks, c =>
        {
            var (from, to) = ChunkRange(c, m);
            int at = 0;
            var list = found[c];
            for (int t = from; t < to; t++)
            {
                int i = order[t];
                list.CopyTo(at, indices, (int)offsets[i], counts[i]);
                at += counts[i];
            }
        });
        return new RadiusNeighborhoods(radius, offsets, indices);
    }

    // Fixed chunks (not per-thread work stealing) so results never depend on scheduling.
    private static int Chunks(int m) => Math.Max(1, Math.Min(256, m / 64));

    private static (int From, int To) ChunkRange(int c, int m)
    {
        int chunks = Chunks(m);
        return ((int)((long)m * c / chunks), (int)((long)m * (c + 1) / chunks));
    }
}
