using Course.Compute;

namespace Course.Metrics;

/// <summary>
/// Calinski-Harabasz index (variance ratio criterion): <c>[B / (k - 1)] / [W / (n - k)]</c> with B the between-cluster
/// and W the within-cluster sum of squares. Higher is better. Caliński and Harabasz, Commun. Stat. 3(1), 1974.
/// </summary>
public static class CalinskiHarabasz
{
    /// <summary>The index for a labeling of x (2 ≤ k ≤ n - 1 clusters); 1 when W is 0, as scikit-learn.</summary>
    public static double Score(Matrix x, IReadOnlyList<int> labels)
    {
        var (dense, k) = ClusterLabels.Check(x, labels, "the Calinski-Harabasz index");
        var (centroids, sizes) = ClusterLabels.Centroids(x, dense, k);
        int n = x.Rows;
        var mean = new double[x.Cols];
        for (int i = 0; i < n; i++) System.Numerics.Tensors.TensorPrimitives.Add(mean, x.Row(i), mean);
        System.Numerics.Tensors.TensorPrimitives.Multiply(mean, 1.0 / n, mean);
        double between = 0, within = 0;
        for (int c = 0; c < k; c++) between += sizes[c] * Distance.Squared(centroids.Row(c), mean);
        for (int i = 0; i < n; i++) within += Distance.Squared(x.Row(i), centroids.Row(dense[i]));
        return within == 0 ? 1.0 : between * (n - k) / (within * (k - 1));
    }
}
