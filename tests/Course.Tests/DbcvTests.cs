using Course.Clustering;
using Course.Data;
using Course.Metrics;

namespace Course.Tests;

public class DbcvTests
{
    [Fact]
    public void Two_one_dimensional_clusters_score_as_worked_by_hand()
    {
        // A = {0, 1, 2}: core distances (1/1 + 1/2)/2 = 0.75 → 4/3 at the ends, (1 + 1)/2 → 1 in the middle; the tree
        // is 0-1-2 with both edges at 4/3, no internal edge (only 1 is internal), so DSC(A) = 4/3.
        // B = {10, 11, 13}: cores 1.5, 4/3, 2.4; tree 10-11 (1.5) and 11-13 (2.4), so DSC(B) = 2.4.
        // DSPC = max(core(1), core(11), 10) = 10. V(A) = (10 - 4/3)/10, V(B) = (10 - 2.4)/10; the mean is 0.81333...
        var x = Matrix.FromRows([[0.0], [1.0], [2.0], [10.0], [11.0], [13.0]]);
        Assert.Equal(0.5 * (10 - 4.0 / 3) / 10 + 0.5 * 7.6 / 10, Dbcv.Score(x, [0, 0, 0, 1, 1, 1]), 12);
        // A noise point counts in n without belonging to a cluster: the score shrinks by 6/7.
        var withNoise = Matrix.FromRows([[0.0], [1.0], [2.0], [10.0], [11.0], [13.0], [40.0]]);
        Assert.Equal(6.0 / 7 * (0.5 * (10 - 4.0 / 3) / 10 + 0.5 * 7.6 / 10), Dbcv.Score(withNoise, [0, 0, 0, 1, 1, 1, -1]), 12);
    }

    [Fact]
    public void Matches_a_direct_implementation_of_the_paper_in_several_dimensions()
    {
        var rng = new Random(7);
        int n = 60, d = 3;
        var rows = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Select(j => rng.NextDouble() * (1 + j) + (i % 3) * 2.5 * (j + 1)).ToArray()).ToArray();
        int[] labels = Enumerable.Range(0, n).Select(i => i % 7 == 0 ? -1 : i % 3).ToArray();
        Assert.Equal(Reference(rows, labels), Dbcv.Score(Matrix.FromRows(rows), labels), 10);
    }

    [Fact]
    public void Prefers_the_true_moons_to_k_means_cut_where_silhouette_prefers_the_cut()
    {
        var moons = SyntheticData.Moons(300, noise: 0.05, seed: 1);
        var cut = new KMeans(new KMeansOptions { NClusters = 2, Seed = 0 }).Fit(moons.X).Labels;
        Assert.True(Silhouette.Score(moons.X, cut) > Silhouette.Score(moons.X, moons.Labels));
        double truth = Dbcv.Score(moons.X, moons.Labels), wrong = Dbcv.Score(moons.X, cut);
        Assert.True(truth > 0.3 && wrong < 0, $"DBCV {truth:F3} for the moons against {wrong:F3} for the cut");
    }

    [Fact]
    public void Is_unchanged_by_scaling_even_where_the_papers_powers_overflow()
    {
        // In 300 dimensions d(p, o)^-300 overflows a double for distances below about 0.1 and underflows above 10:
        // the log-space sum must give the same score at both scales.
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 40).Select(i => Enumerable.Range(0, 300).Select(j => rng.NextDouble() + (i < 20 ? 0 : 3)).ToArray()).ToArray();
        int[] labels = Enumerable.Range(0, 40).Select(i => i < 20 ? 0 : 1).ToArray();
        double small = Dbcv.Score(Matrix.FromRows(rows.Select(r => r.Select(v => v * 1e-3).ToArray()).ToArray()), labels);
        double large = Dbcv.Score(Matrix.FromRows(rows.Select(r => r.Select(v => v * 1e3).ToArray()).ToArray()), labels);
        Assert.True(double.IsFinite(small) && small > 0);
        Assert.Equal(small, large, 9);
    }

    [Fact]
    public void Refuses_one_cluster_and_one_point_clusters_by_name()
    {
        var x = Matrix.FromRows([[0.0, 1], [1, 0], [2, 2], [3, 5]]);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Dbcv.Score(x, [0, 0, -1, -1])).ParamName);
        var lone = Assert.Throws<ArgumentException>(() => Dbcv.Score(x, [0, 0, 0, 1]));
        Assert.Equal("labels", lone.ParamName);
        Assert.Contains("cluster 1 has one", lone.Message);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Dbcv.Score(x, [0, 1])).ParamName);
        Assert.Throws<ArgumentNullException>(() => Dbcv.Score(x, null!));
        // Coinciding points: no density evidence either way, a finite 0.
        Assert.Equal(0, Dbcv.Score(Matrix.FromRows([[1.0], [1.0], [1.0], [1.0]]), [0, 0, 1, 1]));
    }

    /// <summary>The paper's definitions with nothing shared with the library: mutual reachability computed pair by
    /// pair, a naive Prim's tree and the powers taken directly (safe at these scales).</summary>
    private static double Reference(double[][] x, int[] labels)
    {
        int d = x[0].Length;
        double Dist(int a, int b) => Math.Sqrt(x[a].Zip(x[b], (u, v) => (u - v) * (u - v)).Sum());
        var ids = labels.Where(l => l >= 0).Distinct().OrderBy(l => l).ToArray();
        var core = new Dictionary<int, double>();
        var inner = new Dictionary<int, int[]>();
        var dsc = new Dictionary<int, double>();
        foreach (var id in ids)
        {
            var m = Enumerable.Range(0, x.Length).Where(i => labels[i] == id).ToArray();
            foreach (var p in m) core[p] = Math.Pow(m.Where(o => o != p).Sum(o => Math.Pow(1 / Dist(p, o), d)) / (m.Length - 1), -1.0 / d);
            double Mr(int a, int b) => Math.Max(Dist(a, b), Math.Max(core[a], core[b]));
            // Prim from the cluster's first point: many mutual reachability distances tie (every edge shorter than
            // both core distances weighs the larger core distance), so the tree depends on the tie rule; the
            // library's rule is the lowest index joins first, linked to the earliest tree point at the minimum.
            var inTree = new List<int> { m[0] };
            var tree = new List<(int a, int b, double w)>();
            while (inTree.Count < m.Length)
            {
                var next = m.Where(v => !inTree.Contains(v))
                    .Select(v => (v, from: inTree.MinBy(t => Mr(t, v)), w: inTree.Min(t => Mr(t, v))))
                    .MinBy(c => c.w);
                tree.Add((next.from, next.v, next.w));
                inTree.Add(next.v);
            }
            var degree = m.ToDictionary(p => p, p => tree.Count(e => e.a == p || e.b == p));
            inner[id] = m.Where(p => degree[p] > 1).ToArray();
            var internalEdges = tree.Where(e => degree[e.a] > 1 && degree[e.b] > 1).ToList();
            dsc[id] = (internalEdges.Count > 0 ? internalEdges : tree).Max(e => e.w);
        }
        double score = 0;
        foreach (var id in ids)
        {
            double sep = ids.Where(o => o != id).Min(o => (from a in inner[id] from b in inner[o] select Math.Max(Dist(a, b), Math.Max(core[a], core[b]))).Min());
            score += (double)labels.Count(l => l == id) / x.Length * (sep - dsc[id]) / Math.Max(sep, dsc[id]);
        }
        return score;
    }
}
