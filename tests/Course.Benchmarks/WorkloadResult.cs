namespace Course.Benchmarks;

/// <summary>Both sides' measurements for one workload, and the comparisons the table prints.</summary>
public sealed record WorkloadResult(IWorkload Workload, SideResult Ours, SideResult Reference)
{
    /// <summary>Reference median over ours: above 1 means we are faster.</summary>
    public double SpeedRatio => Reference.Median / Ours.Median;

    /// <summary><c>(ours - reference) / |reference|</c> of the workload's quality metric; null when a side lacks it.</summary>
    public double? QualityRelativeDifference =>
        Ours.Metrics.TryGetValue(Workload.QualityMetric, out var o) && Reference.Metrics.TryGetValue(Workload.QualityMetric, out var r)
            ? (o - r) / Math.Abs(r)
            : null;

    /// <summary>The ratio in words, e.g. "ours 1.70x faster".</summary>
    public string Verdict => SpeedRatio >= 1 ? $"ours {SpeedRatio:F2}x faster" : $"ours {1 / SpeedRatio:F2}x slower";
}
