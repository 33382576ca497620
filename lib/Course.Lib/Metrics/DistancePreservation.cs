namespace Course.Metrics;

/// <summary>
/// How well an embedding keeps the <i>global</i> geometry: the Spearman rank correlation between all pairwise
/// distances in the original space and in the embedding. Near 1 when far stays far and near stays near at every
/// scale (PCA scores high); t-SNE and UMAP, which keep neighbourhoods but not distances between clusters, score lower
/// even when their trustworthiness is excellent.
/// </summary>
public static class DistancePreservation
{
    /// <summary>Spearman correlation of the n(n − 1)/2 pairwise Euclidean distances of <paramref name="original"/> and
    /// <paramref name="embedded"/> (same rows), over at most <paramref name="maxPoints"/> rows drawn with
    /// <paramref name="seed"/> (default 1,000: half a million pairs).</summary>
    public static double Spearman(Matrix original, Matrix embedded, int maxPoints = 1000, int seed = Seed.Default)
    {
        Guard.Data(original, nameof(original), minRows: 3);
        Guard.Data(embedded, nameof(embedded), minRows: 3);
        Guard.SameLength(original.Rows, embedded.Rows, nameof(embedded));
        Guard.InRange(maxPoints, 3, int.MaxValue, nameof(maxPoints));
        var rows = Enumerable.Range(0, original.Rows).ToArray();
        if (rows.Length > maxPoints)
        {
            Seed.Create(seed).Shuffle(rows);
            rows = rows[..maxPoints];
            Array.Sort(rows);
        }
        var a = Compute.PairwiseDistances.Condensed(original.SelectRows(rows));
        var b = Compute.PairwiseDistances.Condensed(embedded.SelectRows(rows));
        return Pearson(Ranks(a), Ranks(b));
    }

    /// <summary>Average ranks (ties share the mean of their positions), 1-based.</summary>
    internal static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort((double[])values.Clone(), order);
        var ranks = new double[values.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int t = start; t <= end; t++) ranks[order[t]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }
}
