using Course.Neighbors;

namespace Course.Manifold;

/// <summary>
/// A weighted graph over n points in compressed sparse row form: the edges of point i are
/// <c>Columns[RowStart[i]..RowStart[i + 1]]</c>, sorted by column, with <c>Values</c> alongside. t-SNE's joint
/// probabilities and UMAP's fuzzy simplicial set are both such graphs over each point's nearest neighbours; storing
/// only those O(n k) entries is what lets both methods scale past a few thousand points.
/// </summary>
public sealed class SparseGraph
{
    /// <summary>Number of vertices (points).</summary>
    public int Count { get; }
    /// <summary>Row offsets, length n + 1.</summary>
    public int[] RowStart { get; }
    /// <summary>Column (neighbour) of each stored edge, ascending within a row.</summary>
    public int[] Columns { get; }
    /// <summary>Weight of each stored edge.</summary>
    public double[] Values { get; }

    /// <summary>Number of stored edges.</summary>
    public int EdgeCount => Columns.Length;

    internal SparseGraph(int count, int[] rowStart, int[] columns, double[] values)
    {
        Count = count; RowStart = rowStart; Columns = columns; Values = values;
    }

    /// <summary>The directed graph i → (i's j-th neighbour) with weight <c>weights[i * k + j]</c> (row-major n x k),
    /// leaving out zero weights and self loops.</summary>
    public static SparseGraph FromNeighbors(NeighborList neighbors, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        int n = neighbors.Count, k = neighbors.K;
        Guard.SameLength(n * k, weights.Length, nameof(weights));
        var rowStart = new int[n + 1];
        var cols = new List<int>(n * k); var vals = new List<double>(n * k);
        var order = new int[k];
        for (int i = 0; i < n; i++)
        {
            var idx = neighbors.IndicesOf(i);
            for (int j = 0; j < k; j++) order[j] = j;
            var keys = idx.ToArray();
            Array.Sort(keys, order);
            foreach (int j in order)
            {
                double w = weights[i * k + j];
                int c = idx[j];
                if (w == 0 || c == i) continue;
                cols.Add(c); vals.Add(w);
            }
            rowStart[i + 1] = cols.Count;
        }
        return new SparseGraph(n, rowStart, [.. cols], [.. vals]);
    }

    /// <summary>The weight of edge (i, j), 0 when absent.</summary>
    public double this[int i, int j]
    {
        get
        {
            Guard.InRange(i, 0, Count - 1, nameof(i));
            int at = Array.BinarySearch(Columns, RowStart[i], RowStart[i + 1] - RowStart[i], j);
            return at >= 0 ? Values[at] : 0;
        }
    }

    /// <summary>Sum of all stored weights.</summary>
    public double Sum() { double s = 0; foreach (double v in Values) s += v; return s; }

    /// <summary>The transposed graph (edge j → i for every edge i → j).</summary>
    public SparseGraph Transpose()
    {
        var rowStart = new int[Count + 1];
        foreach (int c in Columns) rowStart[c + 1]++;
        for (int i = 0; i < Count; i++) rowStart[i + 1] += rowStart[i];
        var next = (int[])rowStart.Clone();
        var cols = new int[EdgeCount]; var vals = new double[EdgeCount];
        // Visiting rows in order writes each transposed row's columns already sorted.
        for (int i = 0; i < Count; i++)
            for (int e = RowStart[i]; e < RowStart[i + 1]; e++)
            {
                int at = next[Columns[e]]++;
                cols[at] = i; vals[at] = Values[e];
            }
        return new SparseGraph(Count, rowStart, cols, vals);
    }

    /// <summary>A symmetric graph on the union of the edges of this graph and its transpose, the weight of (i, j)
    /// being <paramref name="combine"/>(w(i, j), w(j, i)) with absent edges weighing 0. t-SNE adds the two
    /// conditional probabilities; UMAP takes the fuzzy union a + b − ab.</summary>
    public SparseGraph Symmetrise(Func<double, double, double> combine)
    {
        ArgumentNullException.ThrowIfNull(combine);
        var t = Transpose();
        var rowStart = new int[Count + 1];
        var cols = new List<int>(2 * EdgeCount); var vals = new List<double>(2 * EdgeCount);
        for (int i = 0; i < Count; i++)
        {
            int a = RowStart[i], aEnd = RowStart[i + 1], b = t.RowStart[i], bEnd = t.RowStart[i + 1];
            while (a < aEnd || b < bEnd)
            {
                int ca = a < aEnd ? Columns[a] : int.MaxValue, cb = b < bEnd ? t.Columns[b] : int.MaxValue;
                int c = Math.Min(ca, cb);
                double wa = ca == c ? Values[a++] : 0, wb = cb == c ? t.Values[b++] : 0;
                double w = combine(wa, wb);
                if (w != 0) { cols.Add(c); vals.Add(w); }
            }
            rowStart[i + 1] = cols.Count;
        }
        return new SparseGraph(Count, rowStart, [.. cols], [.. vals]);
    }

    /// <summary>A copy with every weight multiplied by <paramref name="factor"/>.</summary>
    public SparseGraph Scale(double factor)
    {
        var vals = (double[])Values.Clone();
        for (int e = 0; e < vals.Length; e++) vals[e] *= factor;
        return new SparseGraph(Count, RowStart, Columns, vals);
    }
}
