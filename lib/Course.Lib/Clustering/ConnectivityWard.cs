using Course.Kernels;

namespace Course.Clustering;

/// <summary>
/// Ward agglomerative clustering restricted by a connectivity graph, as scikit-learn's
/// <c>AgglomerativeClustering(linkage="ward", connectivity=...)</c>: only clusters joined by an edge may merge, so the
/// clusters follow the data's neighbourhood structure (a manifold, an image's pixel grid) instead of cutting across it.
/// </summary>
/// <remarks>
/// The Ward distance of two clusters is <c>sqrt(2 n_a n_b / (n_a + n_b)) |c_a - c_b|</c> (scipy's height scale; for two
/// points, their Euclidean distance), computed from centroids, so no distance matrix is stored: O(edges) memory. Candidate
/// merges wait in a priority queue and are discarded lazily once a side has merged elsewhere. When the graph has
/// several components, the components are finally merged without the constraint, as scikit-learn completes them.
/// </remarks>
internal static class ConnectivityWard
{
    public static LinkageTree Build(Matrix x, int[][] neighbours)
    {
        int n = x.Rows, d = x.Cols;
        var sums = new double[2 * n - 1][];
        var size = new int[2 * n - 1];
        var alive = new bool[2 * n - 1];
        var adjacent = new HashSet<int>[2 * n - 1];
        for (int i = 0; i < n; i++) { sums[i] = x.Row(i).ToArray(); size[i] = 1; alive[i] = true; adjacent[i] = []; }
        for (int i = 0; i < n; i++)
            foreach (int j in neighbours[i])
            {
                if ((uint)j >= (uint)n) throw new ArgumentException($"connectivity: row {i} names neighbour {j}, outside 0..{n - 1}.", nameof(neighbours));
                if (j == i) continue;
                adjacent[i].Add(j); adjacent[j].Add(i); // the graph is made symmetric, as scikit-learn does
            }
        double Dist(int a, int b)
        {
            double s = 0;
            for (int t = 0; t < d; t++) { double u = sums[a][t] / size[a] - sums[b][t] / size[b]; s += u * u; }
            return Math.Sqrt(2.0 * size[a] * size[b] / (size[a] + size[b]) * s);
        }
        var queue = new PriorityQueue<(int A, int B), (double D, int A, int B)>();
        for (int i = 0; i < n; i++) foreach (int j in adjacent[i]) if (i < j) queue.Enqueue((i, j), (Dist(i, j), i, j));
        var left = new int[n - 1]; var right = new int[n - 1]; var heights = new double[n - 1];
        int merges = 0;
        void Merge(int a, int b, double h)
        {
            int id = n + merges;
            sums[id] = new double[d];
            for (int t = 0; t < d; t++) sums[id][t] = sums[a][t] + sums[b][t];
            size[id] = size[a] + size[b];
            alive[a] = alive[b] = false; alive[id] = true;
            left[merges] = Math.Min(a, b); right[merges] = Math.Max(a, b); heights[merges] = h;
            merges++;
            adjacent[id] = [];
            foreach (int c in adjacent[a].Concat(adjacent[b]))
            {
                if (c == a || c == b || !alive[c]) continue;
                if (adjacent[id].Add(c)) { adjacent[c].Add(id); queue.Enqueue((c, id), (Dist(c, id), c, id)); }
            }
            adjacent[a] = adjacent[b] = null!;
        }
        while (queue.TryDequeue(out var pair, out var key))
            if (alive[pair.A] && alive[pair.B]) Merge(pair.A, pair.B, key.D);
        // Disconnected graph: join the remaining components by unconstrained Ward, closest pair first.
        while (merges < n - 1)
        {
            var live = Enumerable.Range(0, n + merges).Where(i => alive[i]).ToList();
            (int a, int b, double h) best = (-1, -1, double.PositiveInfinity);
            for (int p = 0; p < live.Count; p++)
                for (int q = p + 1; q < live.Count; q++)
                {
                    double v = Dist(live[p], live[q]);
                    if (v < best.h) best = (live[p], live[q], v);
                }
            Merge(best.a, best.b, best.h);
        }
        // Ward heights need not be monotone under a connectivity constraint; the tree keeps the order merges happened.
        return new LinkageTree(n, left, right, heights, Enumerable.Range(0, n - 1).Select(m => size[n + m]).ToArray());
    }
}
