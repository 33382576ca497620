namespace Course.Neighbors;

/// <summary>The distance a <see cref="NeighborIndex"/> measures.</summary>
public enum NeighborMetric
{
    /// <summary>Straight-line distance in any number of dimensions.</summary>
    Euclidean,

    /// <summary>
    /// Great-circle distance on the unit sphere between rows of [latitude, longitude] in radians, as scikit-learn's
    /// <c>haversine</c> metric: the result is an angle in radians; multiply by <see cref="Haversine.EarthRadiusKm"/>
    /// for kilometres.
    /// </summary>
    Haversine,
}

/// <summary>How a <see cref="NeighborIndex"/> answers queries.</summary>
public enum IndexAlgorithm
{
    /// <summary>A k-d tree up to <see cref="NeighborIndex.KdTreeMaxDimensions"/> dimensions, brute force above (scikit-learn's rule).</summary>
    Auto,
    /// <summary>A k-d tree (Bentley 1975): O(log n) per query in low dimensions, no better than brute force in high ones.</summary>
    KdTree,
    /// <summary>Every distance computed with SIMD: O(n d) per query, the best choice when d is large.</summary>
    BruteForce,
}
