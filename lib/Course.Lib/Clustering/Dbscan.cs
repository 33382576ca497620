using Course.Neighbors;

namespace Course.Clustering;

/// <summary>Hyperparameters of <see cref="Dbscan"/>; the defaults are scikit-learn's.</summary>
public sealed record DbscanOptions
{
    /// <summary>The neighbourhood radius ε (in the metric's unit; radians for haversine). Default 0.5. Larger ε merges
    /// clusters and absorbs noise; smaller ε splits clusters and calls more points noise. Choose it from the elbow
    /// of <see cref="KDistanceCurve"/>.</summary>
    public double Eps { get; init; } = 0.5;
    /// <summary>Points (the point itself included) that an ε-neighbourhood must hold for its centre to be a core point.
    /// Default 5. Raising it demands denser cores and calls more points noise; 2 x dimensions is a common start.</summary>
    public int MinSamples { get; init; } = 5;
    /// <summary>Euclidean (default) or haversine on [latitude, longitude] in radians.</summary>
    public NeighborMetric Metric { get; init; } = NeighborMetric.Euclidean;
    /// <summary>The neighbour search. Default auto (k-d tree in up to 15 dimensions, brute force above).</summary>
    public IndexAlgorithm Algorithm { get; init; } = IndexAlgorithm.Auto;
}

/// <summary>
/// DBSCAN (Ester, Kriegel, Sander and Xu, "A density-based algorithm for discovering clusters in large spatial
/// databases with noise", KDD 1996): clusters are the connected components of core points, where two core points
/// connect when they are within ε of each other; border points join a cluster of a core point within ε; the rest
/// is noise (label -1).
/// </summary>
/// <remarks>
/// Follows scikit-learn's <c>DBSCAN</c> exactly: ε-neighbourhoods include the point itself and their boundary
/// (distance ≤ ε); clusters are numbered in the order of their lowest-index core point; and a border point within ε
/// of several clusters joins the one numbered first (each cluster is expanded completely before the next starts, so
/// this does not depend on the order neighbours are found in). Time is one radius query per point through a
/// <see cref="NeighborIndex"/> (parallel) plus a linear expansion; memory is all neighbourhoods, as scikit-learn's.
/// </remarks>
public sealed class Dbscan : IEstimator<DbscanOptions, DbscanModel>
{
    /// <summary>The hyperparameters.</summary>
    public DbscanOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Eps is not a finite number > 0 (scikit-learn refuses eps &lt;= 0 too:
    /// at 0 every point is a neighbourhood of itself alone), or MinSamples &lt; 1.</exception>
    public Dbscan(DbscanOptions? options = null)
    {
        var o = options ?? new DbscanOptions();
        Guard.Positive(o.Eps, nameof(o.Eps));
        Guard.InRange(o.MinSamples, 1, int.MaxValue, nameof(o.MinSamples));
        Guard.Defined(o.Metric, nameof(o.Metric));
        Guard.Defined(o.Algorithm, nameof(o.Algorithm));
        Options = o;
    }

    /// <summary>Shorthand for <c>new Dbscan(new DbscanOptions { Eps = eps, MinSamples = minSamples })</c>.</summary>
    public Dbscan(double eps, int minSamples = 5) : this(new DbscanOptions { Eps = eps, MinSamples = minSamples }) { }

    /// <summary>Clusters the rows of <paramref name="x"/> (n x d).</summary>
    /// <exception cref="ArgumentException">x is null, empty, non-finite, or not [latitude, longitude] in radians for haversine.</exception>
    public DbscanModel Fit(Matrix x, FitObserver? observer = null)
    {
        AlgorithmUse.Report("Dbscan");
        FitObserver.Validate(observer);
        var index = NeighborIndex.Build(x, Options.Metric, Options.Algorithm);
        var neighborhoods = index.RadiusNeighbors(Options.Eps, includeSelf: true);
        int n = x.Rows;
        var isCore = new bool[n];
        for (int i = 0; i < n; i++) isCore[i] = neighborhoods.Offsets[i + 1] - neighborhoods.Offsets[i] >= Options.MinSamples;

        var labels = Enumerable.Repeat(-1, n).ToArray();
        var stack = new Stack<int>();
        int cluster = 0;
        for (int seed = 0; seed < n; seed++)
        {
            if (labels[seed] != -1 || !isCore[seed]) continue;
            labels[seed] = cluster;
            stack.Push(seed);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                // Only core points spread the cluster; a border point is labelled but does not reach further.
                if (!isCore[p]) continue;
                foreach (int q in neighborhoods.Of(p))
                {
                    if (labels[q] != -1) continue;
                    labels[q] = cluster;
                    stack.Push(q);
                }
            }
            cluster++;
        }
        return new DbscanModel(Options, x.SelectRows(Enumerable.Range(0, n).Where(i => isCore[i]).ToArray()), labels, isCore, cluster);
    }
}
