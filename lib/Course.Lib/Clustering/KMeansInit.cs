namespace Course.Clustering;

/// <summary>How K-means chooses its starting centroids.</summary>
public enum KMeansInit
{
    /// <summary>Greedy k-means++ (Arthur and Vassilvitskii 2007) with 2 + ln k candidates per centre, as scikit-learn.</summary>
    KMeansPlusPlus,
    /// <summary>k distinct rows drawn uniformly at random (Forgy).</summary>
    Random,
}
