using Course.Compute;

namespace Course.Clustering;

/// <summary>
/// Agglomerative clustering restricted by a connectivity graph, as scikit-learn's <c>AgglomerativeClustering(connectivity=...)</c>:
/// only clusters joined by an edge may merge, so clusters follow the data's neighbourhood structure (a manifold, an
/// image's pixel grid) instead of cutting across it.
/// </summary>
/// <remarks>
/// Ward distances come from centroids, <c>sqrt(2 n_a n_b / (n_a + n_b)) |c_a - c_b|</c> (scipy's height scale). The other
/// linkages keep one distance per edge and update it on a merge as scikit-learn does: complete takes the larger,
/// average the size-weighted mean, single the smaller of the two sides' distances, or the one that exists when only
/// one side had an edge. Memory is O(edges), with no distance matrix. Candidate merges wait in a priority queue and
/// are discarded lazily once a side has merged elsewhere. When the graph has several components, they are finally
/// merged by the unconstrained linkage, as scikit-learn completes the graph.
/// </remarks>
internal static class ConnectivityLinkage
{
    public static LinkageTree Build(Matrix x, int[][] neighbours, Linkage linkage)
    {
        int n = x.Rows, d = x.Cols;
        var sums = new double[2 * n - 1][];
        var size = new int[2 * n - 1];
        var alive = new bool[2 * n - 1];
        var members = new List<int>[2 * n - 1];
        var edges = new Dictionary<int, double>[2 * n - 1]; // neighbour cluster -> linkage distance
        for (int i = 0; i < n; i++) { sums[i] = x.Row(i).ToArray(); size[i] = 1; alive[i] = true; edges[i] = []; members[i] = [i]; }
        for (int i = 0; i < n; i++)
            foreach (int j in neighbours[i])
            {
                if (j == i) continue;
                double v = Distance.Euclidean(x.Row(i), x.Row(j)); // the graph is made symmetric, as scikit-learn does
                edges[i][j] = v; edges[j][i] = v;
            }
        double WardDistance(int a, int b)
        {
            double s = 0;
            for (int t = 0; t < d; t++) { double u = sums[a][t] / size[a] - sums[b][t] / size[b]; s += u * u; }
            return Math.Sqrt(2.0 * size[a] * size[b] / (size[a] + size[b]) * s);
        }
        var queue = new PriorityQueue<(int A, int B), (double D, int A, int B)>();
        for (int i = 0; i < n; i++) foreach (var (j, v) in edges[i]) if (i < j) queue.Enqueue((i, j), (v, i, j));
        var left = new int[n - 1]; var right = new int[n - 1]; var heights = new double[n - 1];
        int merges = 0;
        void Merge(int a, int b, double h)
        {
            int id = n + merges;
            sums[id] = new double[d];
            for (int t = 0; t < d; t++) sums[id][t] = sums[a][t] + sums[b][t];
            size[id] = size[a] + size[b];
            members[id] = [.. members[a], .. members[b]];
            alive[a] = alive[b] = false; alive[id] = true;
            left[merges] = Math.Min(a, b); right[merges] = Math.Max(a, b); heights[merges] = h;
            merges++;
            edges[id] = [];
            foreach (int c in edges[a].Keys.Concat(edges[b].Keys).Distinct())
            {
                if (c == a || c == b || !alive[c]) continue;
                bool inA = edges[a].TryGetValue(c, out double da), inB = edges[b].TryGetValue(c, out double db);
                double v = linkage switch
                {
                    Linkage.Ward => WardDistance(c, id),
                    Linkage.Complete => inA && inB ? Math.Max(da, db) : inA ? da : db,
                    Linkage.Single => inA && inB ? Math.Min(da, db) : inA ? da : db,
                    _ => inA && inB ? (size[a] * da + size[b] * db) / (size[a] + size[b]) : inA ? da : db,
                };
                edges[id][c] = v;
                edges[c].Remove(a); edges[c].Remove(b); edges[c][id] = v;
                queue.Enqueue((c, id), (v, c, id));
            }
            edges[a] = edges[b] = null!;
        }
        while (queue.TryDequeue(out var pair, out var key))
            if (alive[pair.A] && alive[pair.B]) Merge(pair.A, pair.B, key.D);
        // Disconnected graph: join the remaining components by the unconstrained linkage, closest pair first.
        double Unconstrained(int a, int b) => linkage switch
        {
            Linkage.Ward => WardDistance(a, b),
            Linkage.Complete => members[a].Max(p => members[b].Max(q => Distance.Euclidean(x.Row(p), x.Row(q)))),
            Linkage.Single => members[a].Min(p => members[b].Min(q => Distance.Euclidean(x.Row(p), x.Row(q)))),
            _ => members[a].Average(p => members[b].Average(q => Distance.Euclidean(x.Row(p), x.Row(q)))),
        };
        while (merges < n - 1)
        {
            var live = Enumerable.Range(0, n + merges).Where(i => alive[i]).ToList();
            (int a, int b, double h) best = (-1, -1, double.PositiveInfinity);
            for (int p = 0; p < live.Count; p++)
                for (int q = p + 1; q < live.Count; q++)
                {
                    double v = Unconstrained(live[p], live[q]);
                    if (v < best.h) best = (live[p], live[q], v);
                }
            Merge(best.a, best.b, best.h);
        }
        // Heights need not be monotone under a connectivity constraint; the tree keeps the order merges happened.
        return new LinkageTree(n, left, right, heights, Enumerable.Range(0, n - 1).Select(m => size[n + m]).ToArray());
    }
}
