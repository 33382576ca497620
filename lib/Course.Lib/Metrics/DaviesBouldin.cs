using Course.Compute;

namespace Course.Metrics;

/// <summary>
/// Davies-Bouldin index: the mean over clusters of the worst ratio <c>(s_i + s_j) / d(c_i, c_j)</c>, where <c>s</c> is
/// a cluster's mean distance to its centroid. Lower is better; 0 is the minimum. Davies and Bouldin, IEEE TPAMI 1(2), 1979.
/// </summary>
public static class DaviesBouldin
{
    /// <summary>The index for a labeling of x (2 ≤ k ≤ n - 1 clusters).</summary>
    public static double Score(Matrix x, IReadOnlyList<int> labels)
    {
        var (dense, k) = ClusterLabels.Check(x, labels, "the Davies-Bouldin index");
        var (centroids, sizes) = ClusterLabels.Centroids(x, dense, k);
        var spread = new double[k];
        for (int i = 0; i < x.Rows; i++) spread[dense[i]] += Distance.Euclidean(x.Row(i), centroids.Row(dense[i]));
        for (int c = 0; c < k; c++) spread[c] /= sizes[c];
        double total = 0;
        for (int i = 0; i < k; i++)
        {
            double worst = 0;
            for (int j = 0; j < k; j++)
            {
                if (i == j) continue;
                double d = Distance.Euclidean(centroids.Row(i), centroids.Row(j));
                // Coincident centroids give an infinite ratio; scikit-learn counts it as 0, and so do we.
                double ratio = d > 0 ? (spread[i] + spread[j]) / d : 0;
                worst = Math.Max(worst, ratio);
            }
            total += worst;
        }
        return total / k;
    }
}
