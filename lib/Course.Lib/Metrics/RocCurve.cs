namespace Course.Metrics;

/// <summary>
/// The receiver operating characteristic of a score: for every threshold, the true-positive rate (recall) against
/// the false-positive rate, and the area under that curve (AUC), the probability that a random positive scores above a
/// random negative (ties count half). 0.5 is chance, 1 is perfect ranking. As scikit-learn's <c>roc_curve</c>
/// (with its first (0, 0) point and without dropping intermediate points) and <c>roc_auc_score</c>.
/// </summary>
public static class RocCurve
{
    /// <summary>The curve of <paramref name="scores"/> (higher = more likely positive) against the truth <paramref name="positive"/>.</summary>
    /// <exception cref="ArgumentException">lengths differ, a score is not finite, or there are no positives or no negatives.</exception>
    public static RocResult Compute(IReadOnlyList<bool> positive, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(scores);
        Guard.SameLength(positive.Count, scores.Count, nameof(scores));
        Guard.Finite(scores.ToArray(), nameof(scores));
        int p = positive.Count(b => b), n = positive.Count - p;
        if (p == 0 || n == 0) throw new ArgumentException($"the ROC curve needs both classes: {p} positives and {n} negatives.", nameof(positive));
        AlgorithmUse.Report("RocCurve.Compute");
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var fpr = new List<double> { 0 }; var tpr = new List<double> { 0 }; var thresholds = new List<double> { double.PositiveInfinity };
        int tp = 0, fp = 0;
        double auc = 0;
        for (int t = 0; t < order.Length; t++)
        {
            if (positive[order[t]]) tp++; else fp++;
            if (t + 1 < order.Length && scores[order[t + 1]] == scores[order[t]]) continue; // a tie moves both rates at once
            double x = fp / (double)n, y = tp / (double)p;
            auc += (x - fpr[^1]) * (y + tpr[^1]) / 2; // trapezoid: ties count half
            fpr.Add(x); tpr.Add(y); thresholds.Add(scores[order[t]]);
        }
        return new RocResult([.. fpr], [.. tpr], [.. thresholds], auc);
    }

    /// <summary>The area under the ROC curve alone.</summary>
    public static double Auc(IReadOnlyList<bool> positive, IReadOnlyList<double> scores) => Compute(positive, scores).Auc;
}

/// <summary>A ROC curve: point i flags every score at or above <see cref="Thresholds"/>[i] (the first point flags nothing).</summary>
public sealed record RocResult(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds, double Auc);
