using Course.Compute;

namespace Course.Neighbors;

/// <summary>Answers each query by computing every distance with the SIMD kernel <see cref="Distance.Squared"/>:
/// O(n d) per query, which beats a tree's pruning once d is large (scikit-learn's threshold is 15).</summary>
internal sealed class BruteForceIndex(Matrix points, NeighborMetric metric, int dimensions) : NeighborIndex(points, metric, dimensions)
{
    public override IndexAlgorithm Algorithm => IndexAlgorithm.BruteForce;

    internal override void Nearest(ReadOnlySpan<double> q, int k, int exclude, Span<int> ids, Span<double> d2)
    {
        var heap = new NearestHeap(ids, d2);
        for (int i = 0; i < Points.Rows; i++)
        {
            if (i == exclude) continue;
            double v = Distance.Squared(q, Points.Row(i));
            if (v <= heap.Bound) heap.Offer(v, i);
        }
        heap.SortAscending();
    }

    internal override void Within(ReadOnlySpan<double> q, double r2, int exclude, List<int> result)
    {
        for (int i = 0; i < Points.Rows; i++)
            if (i != exclude && Distance.Squared(q, Points.Row(i)) <= r2) result.Add(i);
    }
}
