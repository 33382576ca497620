using Course.Compute;

namespace Course.Neighbors;

/// <summary>
/// A k-d tree (Bentley, "Multidimensional binary search trees used for associative searching", CACM 1975) laid out
/// as scikit-learn's <c>KDTree</c>: a complete binary tree in arrays (node i has children 2i + 1 and 2i + 2), every
/// split at the median of the widest dimension, so all leaves sit on one level and hold between leafSize / 2 and
/// leafSize points. Each node keeps its bounding box, which gives both the lower bound that prunes a subtree and the
/// upper bound that accepts a whole subtree into a radius query without a single distance computation.
/// </summary>
internal sealed class KdTree : NeighborIndex
{
    private readonly int d, nodes, firstLeaf;
    // The points in tree order (each node's points are contiguous), their original indices, and node ranges/boxes.
    private readonly double[] data;
    private readonly int[] ids;
    private readonly int[] start, end;
    private readonly double[] lower, upper;

    public override IndexAlgorithm Algorithm => IndexAlgorithm.KdTree;

    public KdTree(Matrix points, NeighborMetric metric, int dimensions, int leafSize) : base(points, metric, dimensions)
    {
        int n = points.Rows;
        d = points.Cols;
        int levels = 1 + (int)Math.Log2(Math.Max(1.0, (n - 1) / (double)leafSize));
        nodes = (1 << levels) - 1;
        firstLeaf = nodes / 2;
        ids = Enumerable.Range(0, n).ToArray();
        start = new int[nodes]; end = new int[nodes];
        lower = new double[nodes * d]; upper = new double[nodes * d];
        var keys = new double[n];
        Split(0, 0, n, keys);
        data = new double[n * d];
        for (int t = 0; t < n; t++) points.Row(ids[t]).CopyTo(data.AsSpan(t * d, d));
    }

    private void Split(int node, int from, int to, double[] keys)
    {
        start[node] = from; end[node] = to;
        var lo = lower.AsSpan(node * d, d);
        var hi = upper.AsSpan(node * d, d);
        lo.Fill(double.PositiveInfinity); hi.Fill(double.NegativeInfinity);
        for (int t = from; t < to; t++)
        {
            var p = Points.Row(ids[t]);
            for (int j = 0; j < d; j++) { lo[j] = Math.Min(lo[j], p[j]); hi[j] = Math.Max(hi[j], p[j]); }
        }
        if (node >= firstLeaf) return;
        int dim = 0;
        for (int j = 1; j < d; j++) if (hi[j] - lo[j] > hi[dim] - lo[dim]) dim = j;
        for (int t = from; t < to; t++) keys[t] = Points[ids[t], dim];
        // A full sort of the node's keys rather than a selection: O(n log² n) build in total, a few milliseconds at
        // 50,000 points, and deterministic, so the same data always gives the same tree.
        keys.AsSpan(from, to - from).Sort(ids.AsSpan(from, to - from));
        int mid = from + (to - from) / 2;
        Split(2 * node + 1, from, mid, keys);
        Split(2 * node + 2, mid, to, keys);
    }

    private protected override int[] SelfQueryOrder() => ids;

    // Squared distance from q to the node's box (0 inside), and to its farthest corner.
    private double MinDist2(int node, ReadOnlySpan<double> q)
    {
        double s = 0;
        int o = node * d;
        for (int j = 0; j < d; j++)
        {
            double v = q[j], gap = Math.Max(0, Math.Max(lower[o + j] - v, v - upper[o + j]));
            s += gap * gap;
        }
        return s;
    }

    private double MaxDist2(int node, ReadOnlySpan<double> q)
    {
        double s = 0;
        int o = node * d;
        for (int j = 0; j < d; j++)
        {
            double v = q[j], far = Math.Max(Math.Abs(v - lower[o + j]), Math.Abs(upper[o + j] - v));
            s += far * far;
        }
        return s;
    }

    // The same kernel as brute force, so both sum in the same order and break ties identically.
    private double Dist2(ReadOnlySpan<double> q, int t) => Distance.Squared(q, data.AsSpan(t * d, d));

    internal override void Within(ReadOnlySpan<double> q, double r2, int exclude, List<int> result) => Within(0, q, r2, exclude, result);

    private void Within(int node, ReadOnlySpan<double> q, double r2, int exclude, List<int> result)
    {
        if (MinDist2(node, q) > r2) return;
        if (node >= firstLeaf)
        {
            for (int t = start[node]; t < end[node]; t++)
                if (ids[t] != exclude && Dist2(q, t) <= r2) result.Add(ids[t]);
        }
        else if (MaxDist2(node, q) <= r2)
        {
            for (int t = start[node]; t < end[node]; t++)
                if (ids[t] != exclude) result.Add(ids[t]);
        }
        else
        {
            Within(2 * node + 1, q, r2, exclude, result);
            Within(2 * node + 2, q, r2, exclude, result);
        }
    }

    internal override void Nearest(ReadOnlySpan<double> q, int k, int exclude, Span<int> found, Span<double> d2)
    {
        var heap = new NearestHeap(found, d2);
        Nearest(0, MinDist2(0, q), q, exclude, ref heap);
        heap.SortAscending();
    }

    private void Nearest(int node, double nodeMin2, ReadOnlySpan<double> q, int exclude, ref NearestHeap heap)
    {
        // '>' not '>=': a point exactly at the bound may still win its tie by a lower index.
        if (nodeMin2 > heap.Bound) return;
        if (node >= firstLeaf)
        {
            for (int t = start[node]; t < end[node]; t++)
            {
                if (ids[t] == exclude) continue;
                double v = Dist2(q, t);
                if (v <= heap.Bound) heap.Offer(v, ids[t]);
            }
            return;
        }
        int l = 2 * node + 1, r = l + 1;
        double dl = MinDist2(l, q), dr = MinDist2(r, q);
        // The nearer child first, so the bound is tight by the time the farther one is considered.
        if (dl <= dr) { Nearest(l, dl, q, exclude, ref heap); Nearest(r, dr, q, exclude, ref heap); }
        else { Nearest(r, dr, q, exclude, ref heap); Nearest(l, dl, q, exclude, ref heap); }
    }
}
