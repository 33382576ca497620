namespace Course.Clustering;

/// <summary>Data for the elbow method: K-means inertia for each k in a range.</summary>
public static class ElbowCurve
{
    /// <summary>Fits K-means for every k in [<paramref name="kMin"/>, <paramref name="kMax"/>] and returns (k, inertia) pairs.</summary>
    /// <remarks>Inertia always falls as k grows (k = n gives 0), so the curve is read for the k after which it stops
    /// falling steeply, not for its minimum. Pair it with the silhouette, which does peak.</remarks>
    public static IReadOnlyList<(int K, double Inertia)> Compute(Matrix x, int kMin, int kMax, int? seed = Seed.Default, int? nInit = null)
    {
        Guard.Data(x, nameof(x));
        Guard.InRange(kMin, 1, x.Rows, nameof(kMin));
        Guard.InRange(kMax, kMin, x.Rows, nameof(kMax));
        var result = new List<(int, double)>();
        for (int k = kMin; k <= kMax; k++)
            result.Add((k, new KMeans(new KMeansOptions { NClusters = k, Seed = seed, NInit = nInit }).Fit(x).Inertia));
        return result;
    }
}
