using System.Numerics;
using System.Numerics.Tensors;

namespace Course.Compute;

/// <summary>
/// Prim's minimum spanning tree of the complete graph on the rows of a matrix, computing distances on the fly
/// (O(n² d) time, O(n d) memory): the engine of single linkage and of HDBSCAN, whose edge weight is the mutual
/// reachability distance max(core(a), core(b), d(a, b) / α) (Campello, Moulavi and Sander, PAKDD 2013).
/// </summary>
/// <remarks>
/// The points still outside the tree are kept column by column (structure of arrays), so one step updates every
/// candidate's key with whole SIMD vectors and picks the minimum with <c>TensorPrimitives.IndexOfMin</c>.
/// Keys are squared distances (no square root in the loop; max and min commute with squaring). Candidates stay in
/// index order, so among equal keys the lowest index joins first, as in scipy's and scikit-learn's Prim.
/// </remarks>
internal static class PrimMst
{
    /// <summary>The n - 1 tree edges in the order Prim adds them: edge t joins <c>From[t]</c> (already in the tree)
    /// to <c>To[t]</c> at <c>Weight[t]</c>.</summary>
    /// <param name="x">The points (n x d, n ≥ 2).</param>
    /// <param name="core">Core distances (n), or null for plain Euclidean weights.</param>
    /// <param name="alpha">Distances are divided by α before the max with the core distances (HDBSCAN's alpha).</param>
    public static (int[] From, int[] To, double[] Weight) Build(Matrix x, double[]? core = null, double alpha = 1.0)
    {
        int n = x.Rows, d = x.Cols;
        // Candidate state at positions 0..m-1: coordinates per dimension, squared core distance, best key, the tree
        // point giving that key, and the original index. Removed candidates are poisoned (+inf) and compacted away
        // in batches, which keeps the order without moving memory on every step.
        var cols = new double[d][];
        for (int j = 0; j < d; j++) cols[j] = x.Column(j);
        var core2 = new double[n];
        if (core is not null) TensorPrimitives.Multiply(core, core, core2);
        var best = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var source = new long[n];
        var original = Enumerable.Range(0, n).ToArray();
        var point = new double[d];
        double scale = 1.0 / (alpha * alpha);

        var from = new int[n - 1]; var to = new int[n - 1]; var weight = new double[n - 1];
        int m = n, removed = 0;
        int pos = 0; // the candidate joining the tree next: start with point 0
        for (int t = 0; t < n - 1; t++)
        {
            int current = original[pos];
            for (int j = 0; j < d; j++) point[j] = cols[j][pos];
            double currentCore2 = core2[pos];
            core2[pos] = double.PositiveInfinity; best[pos] = double.PositiveInfinity; removed++;
            if (removed * 8 > m) { pos = -1; Compact(ref m, ref removed, cols, core2, best, source, original); }
            UpdateKeys(cols, point, currentCore2, scale, core2.AsSpan(0, m), best.AsSpan(0, m), source.AsSpan(0, m), current);
            pos = TensorPrimitives.IndexOfMin(best.AsSpan(0, m));
            from[t] = (int)source[pos]; to[t] = original[pos]; weight[t] = Math.Sqrt(best[pos]);
        }
        return (from, to, weight);
    }

    private static void UpdateKeys(double[][] cols, double[] point, double currentCore2, double scale,
        Span<double> core2, Span<double> best, Span<long> source, long current)
    {
        int m = best.Length, i = 0, d = cols.Length, w = Vector<double>.Count;
        var sc = new Vector<double>(scale);
        var cc = new Vector<double>(currentCore2);
        var cur = new Vector<long>(current);
        for (; i <= m - w; i += w)
        {
            var acc = Vector<double>.Zero;
            for (int j = 0; j < d; j++)
            {
                var diff = new Vector<double>(cols[j].AsSpan(i)) - new Vector<double>(point[j]);
                acc += diff * diff;
            }
            var key = Vector.Max(Vector.Max(acc * sc, cc), new Vector<double>(core2[i..]));
            var b = new Vector<double>(best[i..]);
            var better = Vector.LessThan(key, b);
            Vector.ConditionalSelect(better, key, b).CopyTo(best[i..]);
            Vector.ConditionalSelect(better.As<long, long>(), cur, new Vector<long>(source[i..])).CopyTo(source[i..]);
        }
        for (; i < m; i++)
        {
            double acc = 0;
            for (int j = 0; j < d; j++) { double diff = cols[j][i] - point[j]; acc += diff * diff; }
            double key = Math.Max(Math.Max(acc * scale, currentCore2), core2[i]);
            if (key < best[i]) { best[i] = key; source[i] = current; }
        }
    }

    private static void Compact(ref int m, ref int removed, double[][] cols, double[] core2, double[] best, long[] source, int[] original)
    {
        int w = 0;
        for (int r = 0; r < m; r++)
        {
            if (double.IsPositiveInfinity(core2[r])) continue; // poisoned: already in the tree
            if (w != r)
            {
                foreach (var c in cols) c[w] = c[r];
                core2[w] = core2[r]; best[w] = best[r]; source[w] = source[r]; original[w] = original[r];
            }
            w++;
        }
        m = w; removed = 0;
    }
}
