using Course.Kernels;

namespace Course.Metrics;

/// <summary>
/// Silhouette coefficient with Euclidean distance. For point i with mean distance <c>a</c> to the other members of
/// its cluster and smallest mean distance <c>b</c> to another cluster, <c>s = (b - a) / max(a, b)</c>; 0 for a point
/// alone in its cluster. Rousseeuw, "Silhouettes", J. Comput. Appl. Math. 20, 1987.
/// </summary>
/// <remarks>O(n² d) time and O(n k) memory: every pair of points is measured once per point, in parallel.
/// For tens of thousands of points, score a random sample.</remarks>
public static class Silhouette
{
    /// <summary>The silhouette of every point, in [-1, 1]. Any integer labels (noise -1 is a label like any other).</summary>
    /// <exception cref="ArgumentException">bad x, labels of the wrong length, or fewer than 2 / more than n - 1 clusters.</exception>
    public static double[] Samples(Matrix x, IReadOnlyList<int> labels)
    {
        var (dense, k) = ClusterLabels.Check(x, labels, "the silhouette");
        int n = x.Rows;
        var sizes = new int[k];
        foreach (var l in dense) sizes[l]++;
        var s = new double[n];
        Parallel.For(0, n, () => new double[k], (i, _, sums) =>
        {
            Array.Clear(sums);
            var xi = x.Row(i);
            for (int j = 0; j < n; j++) sums[dense[j]] += Distance.Euclidean(xi, x.Row(j));
            int own = dense[i];
            if (sizes[own] == 1) { s[i] = 0; return sums; }
            double a = sums[own] / (sizes[own] - 1), b = double.PositiveInfinity;
            for (int c = 0; c < k; c++) if (c != own) b = Math.Min(b, sums[c] / sizes[c]);
            double m = Math.Max(a, b);
            s[i] = m > 0 ? (b - a) / m : 0;
            return sums;
        }, _ => { });
        return s;
    }

    /// <summary>The mean silhouette over all points (scikit-learn's <c>silhouette_score</c>).</summary>
    public static double Score(Matrix x, IReadOnlyList<int> labels) => Samples(x, labels).Average();
}
