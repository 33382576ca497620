namespace Course.Metrics;

/// <summary>
/// A decision threshold for anomaly scores (reconstruction error, GLOSH, ...) chosen on validation data known to be
/// normal: the (1 − α) quantile of their scores, so about a fraction α of normal points are flagged (the false-positive
/// rate you accept). No anomalies are needed to set it, which is the usual situation.
/// </summary>
public sealed class AnomalyThreshold
{
    /// <summary>Scores above this are flagged.</summary>
    public double Threshold { get; }
    /// <summary>The false-positive rate α the threshold was set for.</summary>
    public double FalsePositiveRate { get; }

    private AnomalyThreshold(double threshold, double rate)
    {
        Threshold = threshold; FalsePositiveRate = rate;
    }

    /// <summary>The threshold flagging a fraction <paramref name="falsePositiveRate"/> of <paramref name="normalScores"/>
    /// (the smallest score with at most that fraction above it).</summary>
    public static AnomalyThreshold FromNormalScores(IReadOnlyList<double> normalScores, double falsePositiveRate = 0.05)
    {
        ArgumentNullException.ThrowIfNull(normalScores);
        if (normalScores.Count == 0) throw new ArgumentException("normalScores is empty.", nameof(normalScores));
        Guard.Finite(normalScores.ToArray(), nameof(normalScores));
        if (!(falsePositiveRate >= 0 && falsePositiveRate < 1))
            throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), falsePositiveRate, "falsePositiveRate must be in [0, 1).");
        var sorted = normalScores.Order().ToArray();
        int allowed = (int)Math.Floor(falsePositiveRate * sorted.Length);
        return new AnomalyThreshold(sorted[sorted.Length - 1 - allowed], falsePositiveRate);
    }

    /// <summary>Whether each score is above the threshold.</summary>
    public bool[] Flag(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Select(s => s > Threshold).ToArray();
    }
}
