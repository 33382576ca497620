using Course.Neighbors;

namespace Course.Clustering;

/// <summary>
/// The sorted k-distance graph of Ester et al. (KDD 1996) for choosing DBSCAN's ε: every point's distance to its
/// (MinSamples - 1)-th nearest other point, sorted. A point is a core point at radius ε exactly when this distance is
/// at most ε, so the curve reads directly as "the fraction of points that would be core". Dense regions give the flat
/// part, noise the steep rise; ε at the bend (the "elbow") keeps the clusters and calls the rise noise.
/// </summary>
public sealed class KDistanceCurve
{
    /// <summary>The k-distances, ascending (n values).</summary>
    public double[] Distances { get; }
    /// <summary>The DBSCAN MinSamples the curve was computed for (k = MinSamples - 1 other points).</summary>
    public int MinSamples { get; }

    private KDistanceCurve(double[] distances, int minSamples)
    {
        Distances = distances; MinSamples = minSamples;
    }

    /// <summary>Computes the curve of the rows of <paramref name="x"/> (n x d) for DBSCAN's <paramref name="minSamples"/>.</summary>
    /// <param name="x">The data.</param>
    /// <param name="minSamples">DBSCAN's MinSamples, 2 to n (a point counts itself, so k = minSamples - 1 others).</param>
    /// <param name="metric">Euclidean (default) or haversine.</param>
    public static KDistanceCurve Compute(Matrix x, int minSamples, NeighborMetric metric = NeighborMetric.Euclidean)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        Guard.InRange(minSamples, 2, x.Rows, nameof(minSamples));
        var kth = NeighborIndex.Build(x, metric).KNeighbors(minSamples - 1).KthDistances();
        Array.Sort(kth);
        return new KDistanceCurve(kth, minSamples);
    }

    /// <summary>The fraction of points that are core points at radius <paramref name="eps"/>.</summary>
    public double CoreFraction(double eps)
    {
        // Distances is ascending: count of values <= eps by binary search for the first value > eps.
        int lo = 0, hi = Distances.Length;
        while (lo < hi) { int mid = (lo + hi) / 2; if (Distances[mid] <= eps) lo = mid + 1; else hi = mid; }
        return lo / (double)Distances.Length;
    }

    /// <summary>
    /// The elbow: the point of the ascending curve farthest below the straight line from its first to its last point,
    /// with both axes scaled to [0, 1] (the "kneedle" idea of Satopää et al., ICDCS workshops 2011). Returns that
    /// point's k-distance, a starting ε to refine by eye, and its position in <see cref="Distances"/>.
    /// </summary>
    public (double Eps, int Index) Elbow()
    {
        AlgorithmUse.Report("KDistanceCurve.Elbow");
        int n = Distances.Length;
        double first = Distances[0], range = Distances[^1] - first;
        if (n < 3 || range <= 0) return (Distances[n / 2], n / 2);
        int best = 0;
        double bestGap = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double gap = i / (double)(n - 1) - (Distances[i] - first) / range;
            if (gap > bestGap) { bestGap = gap; best = i; }
        }
        return (Distances[best], best);
    }
}
