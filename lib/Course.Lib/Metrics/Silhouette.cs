using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Metrics;

/// <summary>
/// Silhouette coefficient with Euclidean distance. For point i with mean distance <c>a</c> to the other members of
/// its cluster and smallest mean distance <c>b</c> to another cluster, <c>s = (b - a) / max(a, b)</c>; 0 for a point
/// alone in its cluster. Rousseeuw, "Silhouettes", J. Comput. Appl. Math. 20, 1987.
/// </summary>
/// <remarks>O(n² d) time: each pair is measured once, in tiles of <see cref="SquaredDistanceTiles"/> (matrix products
/// for long rows, with the cancellation guarded), and its distance added to both points' sums. Memory: a copy of x
/// sorted by cluster, so a tile's rows and columns fall into runs of one cluster whose sums are vector sums, and n x k
/// sums per lane. The tiles are dealt to a fixed number of lanes and the lanes' sums added in order, so the result is
/// the same on every run and any number of cores. 10,000 x 784 takes about a second on 2 cores (tests/Course.Benchmarks,
/// row silhouette-fashion).</remarks>
public static class Silhouette
{
    // At most this many sums (n x k per lane) are held at once: 128 MB.
    private const long SumBudget = 16_000_000;

    /// <summary>The silhouette of every point, in [-1, 1]. Any integer labels (noise -1 is a label like any other).</summary>
    /// <exception cref="ArgumentException">bad x, labels of the wrong length, or fewer than 2 / more than n - 1 clusters.</exception>
    public static double[] Samples(Matrix x, IReadOnlyList<int> labels)
    {
        AlgorithmUse.Report("Silhouette.Samples");
        var (dense, k) = ClusterLabels.Check(x, labels, "the silhouette");
        int n = x.Rows;
        var order = Enumerable.Range(0, n).OrderBy(i => dense[i]).ToArray(); // stable: ties keep their index order
        var sorted = x.SelectRows(order);
        var label = order.Select(i => dense[i]).ToArray();
        var sums = DistanceSums(sorted, label, k);
        var sizes = new int[k];
        foreach (var l in dense) sizes[l]++;
        var s = new double[n];
        for (int p = 0; p < n; p++)
        {
            int own = label[p];
            var row = sums.AsSpan(p * k, k);
            if (sizes[own] == 1) { s[order[p]] = 0; continue; }
            double a = row[own] / (sizes[own] - 1), b = double.PositiveInfinity;
            for (int c = 0; c < k; c++) if (c != own) b = Math.Min(b, row[c] / sizes[c]);
            double m = Math.Max(a, b);
            s[order[p]] = m > 0 ? (b - a) / m : 0;
        }
        return s;
    }

    /// <summary>The mean silhouette over all points (scikit-learn's <c>silhouette_score</c>).</summary>
    public static double Score(Matrix x, IReadOnlyList<int> labels) => Samples(x, labels).Average();

    // sums[p * k + c] = Σ distances from row p to the rows of cluster c, for rows sorted by label.
    private static double[] DistanceSums(Matrix x, int[] label, int k)
    {
        int n = x.Rows, size = SquaredDistanceTiles.Size, blocks = (n + size - 1) / size;
        var tilesOf = new SquaredDistanceTiles(x);
        var tiles = new List<(int I, int J)>();
        for (int bi = 0; bi < blocks; bi++) for (int bj = bi; bj < blocks; bj++) tiles.Add((bi, bj));
        if ((long)n * k > Array.MaxLength) throw new ArgumentException($"{n} points in {k} clusters need {(double)n * k:E1} sums, beyond one array; score a sample.", "labels");
        var runs = Enumerable.Range(0, blocks).Select(b => Runs(label, b * size, Math.Min(size, n - b * size)).ToArray()).ToArray();
        int lanes = (int)Math.Clamp(SumBudget / ((long)n * k), 1, Math.Min(8, tiles.Count));
        var laneSums = new double[lanes][];
        Parallel.For(0, lanes, lane =>
        {
            var acc = new double[n * k];
            var d = new double[size * size];
            var scratch = tilesOf.NewScratch();
            var column = new double[size];
            for (int t = lane; t < tiles.Count; t += lanes)
            {
                int i0 = tiles[t].I * size, j0 = tiles[t].J * size, ni = Math.Min(size, n - i0), nj = Math.Min(size, n - j0);
                tilesOf.Fill(i0, ni, j0, nj, d, size, scratch);
                for (int i = 0; i < ni; i++) TensorPrimitives.Sqrt<double>(d.AsSpan(i * size, nj), d.AsSpan(i * size, nj));
                // A diagonal tile holds both orders of each pair: row sums only. Off the diagonal, each pair also
                // counts for the column's point.
                for (int i = 0; i < ni; i++)
                    foreach (var (start, end) in runs[tiles[t].J])
                        acc[(i0 + i) * k + label[j0 + start]] += TensorPrimitives.Sum<double>(d.AsSpan(i * size + start, end - start));
                if (tiles[t].I == tiles[t].J) continue;
                foreach (var (start, end) in runs[tiles[t].I])
                {
                    var col = column.AsSpan(0, nj);
                    col.Clear();
                    for (int i = start; i < end; i++) TensorPrimitives.Add<double>(col, d.AsSpan(i * size, nj), col);
                    int c = label[i0 + start];
                    for (int j = 0; j < nj; j++) acc[(j0 + j) * k + c] += col[j];
                }
            }
            laneSums[lane] = acc;
        });
        var sums = laneSums[0];
        for (int lane = 1; lane < lanes; lane++) TensorPrimitives.Add<double>(sums, laneSums[lane], sums);
        return sums;
    }

    // The runs of equal labels among rows from..from+count, as offsets from `from`.
    private static IEnumerable<(int Start, int End)> Runs(int[] label, int from, int count)
    {
        for (int start = 0; start < count;)
        {
            int end = start + 1;
            while (end < count && label[from + end] == label[from + start]) end++;
            yield return (start, end);
            start = end;
        }
    }
}
