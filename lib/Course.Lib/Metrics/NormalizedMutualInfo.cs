namespace Course.Metrics;

/// <summary>
/// Normalised mutual information: <c>I(U;V) / mean(H(U), H(V))</c> with the arithmetic mean, scikit-learn's default
/// (<c>average_method="arithmetic"</c>). 1 for identical partitions up to label names, 0 for independent ones; not
/// corrected for chance (unlike ARI). Strehl and Ghosh, "Cluster ensembles", JMLR 3, 2002.
/// </summary>
public static class NormalizedMutualInfo
{
    /// <summary>NMI of two labelings of the same n points, in [0, 1].</summary>
    public static double Score(IReadOnlyList<int> labelsTrue, IReadOnlyList<int> labelsPred)
    {
        var t = new Contingency(labelsTrue, labelsPred, nameof(labelsTrue), nameof(labelsPred));
        int r = t.RowSums.Length, c = t.ColSums.Length;
        if (r == 1 && c == 1) return 1.0; // both trivial: scikit-learn's convention
        double n = t.N, mi = 0;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                long nij = t.Counts[i, j];
                if (nij == 0) continue;
                mi += nij / n * Math.Log(nij * n / ((double)t.RowSums[i] * t.ColSums[j]));
            }
        if (mi <= 0) return 0.0;
        double hu = Entropy(t.RowSums, n), hv = Entropy(t.ColSums, n);
        return mi / Math.Max((hu + hv) / 2, double.Epsilon);
    }

    private static double Entropy(long[] counts, double n)
    {
        double h = 0;
        foreach (var k in counts) if (k > 0) h -= k / n * Math.Log(k / n);
        return h;
    }
}
