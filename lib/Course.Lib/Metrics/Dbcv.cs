using Course.Compute;

namespace Course.Metrics;

/// <summary>
/// Density-Based Clustering Validation (DBCV): an internal score for clusters of any shape, which compares the
/// sparsest region inside each cluster with the densest region between clusters, instead of distances to means as
/// silhouette, Davies–Bouldin and Calinski–Harabasz do. In [-1, 1]; higher is better. Moulavi, Jaskowiak,
/// Campello, Zimek and Sander, "Density-Based Clustering Validation", SIAM SDM 2014.
/// </summary>
/// <remarks>
/// <para>For a cluster C of m points in d dimensions:</para>
/// <list type="bullet">
/// <item>each point's all-points core distance is <c>(Σ_{o ∈ C, o ≠ p} d(p, o)^-d / (m - 1))^(-1/d)</c>, a smooth
/// stand-in for the distance to a k-th neighbour;</item>
/// <item>the mutual reachability distance of two points is <c>max(core(p), core(q), d(p, q))</c>;</item>
/// <item>the density sparseness DSC(C) is the heaviest edge of the minimum spanning tree of C under that distance,
/// among the edges joining two internal vertices (degree &gt; 1); with no such edge, the heaviest edge of all, as
/// the authors' MATLAB code and the hdbscan package do;</item>
/// <item>the density separation DSPC(C, C') is the smallest mutual reachability distance between an internal vertex
/// of C and one of C'.</item>
/// </list>
/// <para>A cluster's validity is <c>(min_C' DSPC - DSC) / max(min_C' DSPC, DSC)</c>, and the score is the mean of
/// the validities weighted by cluster size over all n points, so points labelled noise (any negative label) lower
/// the score by counting in n without belonging to a cluster.</para>
/// <para>Mutual reachability distances tie often (an edge shorter than both core distances weighs the larger one),
/// so the tree, its internal vertices and hence the score depend on how ties are broken: here as in Prim's algorithm
/// from the cluster's first point, the lowest index joining first (the hdbscan package's rule, up to which tree point
/// an edge is attributed to).</para>
/// <para>The core distance is computed in log space (a log-sum-exp of <c>-d log d(p, o)</c>): in hundreds of
/// dimensions <c>d(p, o)^-d</c> overflows or underflows a double, and the paper's formula would return infinity
/// or zero. Distances of zero (duplicate points) are left out of the sum, as the hdbscan package leaves them out.
/// O(n² d) time and O(n d) memory.</para>
/// </remarks>
public static class Dbcv
{
    /// <summary>The DBCV score of a labelling of x (n x d): negative labels are noise; at least 2 clusters of at least
    /// 2 points each.</summary>
    /// <exception cref="ArgumentException">bad x, labels of the wrong length, fewer than 2 clusters or a cluster of
    /// one point (its core distance is undefined).</exception>
    public static double Score(Matrix x, IReadOnlyList<int> labels)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(x.Rows, labels.Count, nameof(labels));
        var clusters = Enumerable.Range(0, x.Rows).Where(i => labels[i] >= 0).GroupBy(i => labels[i])
            .OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        if (clusters.Length < 2)
            throw new ArgumentException($"DBCV compares clusters with each other and needs at least 2; labels has {clusters.Length} (negative labels are noise).", nameof(labels));
        var lone = clusters.FirstOrDefault(c => c.Length < 2);
        if (lone is not null)
            throw new ArgumentException($"DBCV needs at least 2 points in every cluster: cluster {labels[lone[0]]} has one (row {lone[0]}); call it noise (-1) or merge it.", nameof(labels));

        int d = x.Cols;
        var members = clusters.Select(x.SelectRows).ToArray();
        var core = members.Select(m => CoreDistances(m, d)).ToArray();
        var sparseness = new double[clusters.Length];
        var inner = new int[clusters.Length][];
        for (int c = 0; c < clusters.Length; c++) (sparseness[c], inner[c]) = Sparseness(members[c], core[c]);

        var separation = Enumerable.Repeat(double.PositiveInfinity, clusters.Length).ToArray();
        for (int a = 0; a < clusters.Length; a++)
            for (int b = a + 1; b < clusters.Length; b++)
            {
                double s = Separation(members[a], core[a], inner[a], members[b], core[b], inner[b]);
                separation[a] = Math.Min(separation[a], s);
                separation[b] = Math.Min(separation[b], s);
            }

        double score = 0;
        for (int c = 0; c < clusters.Length; c++)
        {
            double scale = Math.Max(separation[c], sparseness[c]);
            // Both zero only when the points coincide: neither dense nor separated, so no evidence either way.
            double validity = scale > 0 ? (separation[c] - sparseness[c]) / scale : 0;
            score += (double)clusters[c].Length / x.Rows * validity;
        }
        return score;
    }

    /// <summary>All-points core distances of one cluster's points (m x d).</summary>
    private static double[] CoreDistances(Matrix points, int d)
    {
        int m = points.Rows;
        var core = new double[m];
        Parallel.For(0, m, i =>
        {
            // log Σ exp(t_j) with t_j = -d log r_j, shifted by the largest term so no exp overflows.
            var terms = new List<double>(m - 1);
            for (int j = 0; j < m; j++)
            {
                if (j == i) continue;
                double r = Distance.Euclidean(points.Row(i), points.Row(j));
                if (r > 0) terms.Add(-d * Math.Log(r));
            }
            if (terms.Count == 0) { core[i] = 0; return; } // every other member coincides with this one
            double top = terms.Max(), sum = 0;
            foreach (var t in terms) sum += Math.Exp(t - top);
            double logMean = top + Math.Log(sum) - Math.Log(m - 1);
            core[i] = Math.Exp(-logMean / d);
        });
        return core;
    }

    /// <summary>DSC of one cluster and the indices of its internal vertices.</summary>
    private static (double Sparseness, int[] Internal) Sparseness(Matrix points, double[] core)
    {
        var (from, to, weight) = PrimMst.Build(points, core);
        var degree = new int[points.Rows];
        foreach (var v in from) degree[v]++;
        foreach (var v in to) degree[v]++;
        var internalVertices = Enumerable.Range(0, points.Rows).Where(v => degree[v] > 1).ToArray();
        // A two-point tree has no internal vertex; like the hdbscan package, let its first point stand for it.
        if (internalVertices.Length == 0) internalVertices = [0];
        double heaviest = double.NegativeInfinity, heaviestInternal = double.NegativeInfinity;
        for (int e = 0; e < weight.Length; e++)
        {
            heaviest = Math.Max(heaviest, weight[e]);
            if (degree[from[e]] > 1 && degree[to[e]] > 1) heaviestInternal = Math.Max(heaviestInternal, weight[e]);
        }
        return (double.IsNegativeInfinity(heaviestInternal) ? heaviest : heaviestInternal, internalVertices);
    }

    /// <summary>DSPC: the smallest mutual reachability distance between internal vertices of two clusters.</summary>
    private static double Separation(Matrix a, double[] coreA, int[] innerA, Matrix b, double[] coreB, int[] innerB)
    {
        double best = double.PositiveInfinity;
        foreach (int i in innerA)
            foreach (int j in innerB)
            {
                double r = Distance.Euclidean(a.Row(i), b.Row(j));
                best = Math.Min(best, Math.Max(r, Math.Max(coreA[i], coreB[j])));
            }
        return best;
    }
}
