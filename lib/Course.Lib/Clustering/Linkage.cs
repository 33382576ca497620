namespace Course.Clustering;

/// <summary>How agglomerative clustering measures the distance between two clusters.</summary>
public enum Linkage
{
    /// <summary>Ward's minimum variance: merge the pair whose union increases the within-cluster sum of squares least
    /// (Ward, JASA 58, 1963). Heights are on scipy's scale, <c>sqrt(2 * increase)</c>. Euclidean only.</summary>
    Ward,
    /// <summary>The largest distance between members (farthest neighbour): compact clusters, sensitive to outliers.</summary>
    Complete,
    /// <summary>The mean distance between members (UPGMA).</summary>
    Average,
    /// <summary>The smallest distance between members (nearest neighbour): finds elongated shapes, chains through noise.</summary>
    Single,
}
