namespace Course.Metrics;

/// <summary>
/// Precision and recall of a detector against known positives (e.g. planted anomalies): precision = flagged positives
/// / all flagged (how many alarms are real), recall = flagged positives / all positives (how many real ones are
/// caught). Raising a score threshold trades recall for precision; <see cref="Curve"/> shows the whole trade.
/// </summary>
public static class PrecisionRecall
{
    /// <summary>Precision and recall of the flags <paramref name="flagged"/> against the truth <paramref name="positive"/>.
    /// Precision is 1 when nothing is flagged (no false alarm), as scikit-learn's <c>zero_division=1</c>; recall is 1
    /// when there are no positives.</summary>
    /// <exception cref="ArgumentException">the arrays are empty or differ in length.</exception>
    public static (double Precision, double Recall) At(IReadOnlyList<bool> positive, IReadOnlyList<bool> flagged)
    {
        Check(positive, flagged?.Count ?? -1, nameof(flagged));
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < positive.Count; i++)
        {
            if (flagged![i] && positive[i]) tp++;
            else if (flagged[i]) fp++;
            else if (positive[i]) fn++;
        }
        return (tp + fp == 0 ? 1.0 : tp / (double)(tp + fp), tp + fn == 0 ? 1.0 : tp / (double)(tp + fn));
    }

    /// <summary>
    /// Precision and recall when flagging every point whose score is at least each distinct score, from the highest
    /// threshold down (scikit-learn's <c>precision_recall_curve</c>, without its final (recall 0, precision 1) point),
    /// and the average precision Σ (R_k − R_{k−1}) P_k (scikit-learn's <c>average_precision_score</c>).
    /// </summary>
    public static PrecisionRecallCurve Curve(IReadOnlyList<bool> positive, IReadOnlyList<double> scores)
    {
        Check(positive, scores?.Count ?? -1, nameof(scores));
        Guard.Finite(scores!.ToArray(), nameof(scores));
        int total = positive.Count(p => p);
        if (total == 0) throw new ArgumentException("positive has no true entries: precision and recall need at least one positive.", nameof(positive));
        var order = Enumerable.Range(0, scores!.Count).OrderByDescending(i => scores![i]).ToArray();
        var thresholds = new List<double>(); var precision = new List<double>(); var recall = new List<double>();
        int tp = 0, flagged = 0;
        double ap = 0, lastRecall = 0;
        for (int t = 0; t < order.Length; t++)
        {
            tp += positive[order[t]] ? 1 : 0; flagged++;
            if (t + 1 < order.Length && scores[order[t + 1]] == scores[order[t]]) continue; // ties flag together
            double p = tp / (double)flagged, r = tp / (double)total;
            ap += (r - lastRecall) * p; lastRecall = r;
            thresholds.Add(scores[order[t]]); precision.Add(p); recall.Add(r);
        }
        return new PrecisionRecallCurve([.. thresholds], [.. precision], [.. recall], ap);
    }

    private static void Check(IReadOnlyList<bool> positive, int otherCount, string otherName)
    {
        ArgumentNullException.ThrowIfNull(positive);
        if (otherCount < 0) throw new ArgumentNullException(otherName);
        if (positive.Count == 0) throw new ArgumentException("positive is empty.", nameof(positive));
        if (otherCount != positive.Count)
            throw new ArgumentException($"length mismatch: {otherName} has {otherCount} entries but positive has {positive.Count}.", otherName);
    }
}

/// <summary>A precision-recall curve: entry i flags every point scoring at least <see cref="Thresholds"/>[i]
/// (thresholds descending, recall non-decreasing).</summary>
public sealed record PrecisionRecallCurve(double[] Thresholds, double[] Precision, double[] Recall, double AveragePrecision);
