namespace Course.Metrics;

/// <summary>
/// Adjusted Rand index: agreement of two partitions over all pairs of points, corrected for chance so that random
/// labelings score about 0 and identical partitions (up to label names) score 1. Hubert and Arabie, "Comparing
/// partitions", J. Classification 2(1), 1985. Computed as scikit-learn 1.2 does, from the pair confusion matrix.
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>ARI of two labelings of the same n points; symmetric; range [-0.5, 1].</summary>
    /// <exception cref="ArgumentException">the labelings are empty or differ in length.</exception>
    public static double Score(IReadOnlyList<int> labelsTrue, IReadOnlyList<int> labelsPred)
    {
        var t = new Contingency(labelsTrue, labelsPred, nameof(labelsTrue), nameof(labelsPred));
        double n = t.N, sumSquares = 0;
        foreach (var c in t.Counts) sumSquares += (double)c * c;
        double sumRows = t.RowSums.Sum(v => (double)v * v), sumCols = t.ColSums.Sum(v => (double)v * v);
        // Pair confusion matrix (ordered pairs): tp = same/same, fp and fn = split one way, tn = different/different.
        double tp = sumSquares - n, fp = sumCols - sumSquares, fn = sumRows - sumSquares;
        double tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) return 1.0; // identical partitions, including the all-singletons and one-cluster cases
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }
}
