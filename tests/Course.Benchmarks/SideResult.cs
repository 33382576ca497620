namespace Course.Benchmarks;

/// <summary>What one side (ours or the reference) measured for one workload.</summary>
/// <param name="Seconds">Wall-clock time of each timed repeat, warm-up excluded, in run order.</param>
/// <param name="Metrics">The workload's metrics from the last repeat (e.g. inertia, n_iter).</param>
public sealed record SideResult(IReadOnlyList<double> Seconds, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Median of <see cref="Seconds"/>, the mean of the middle two for an even count (as Python's
    /// <c>statistics.median</c>, so both sides summarise alike). The median, because a shared machine adds
    /// one-sided outliers that would drag a mean.</summary>
    public double Median
    {
        get
        {
            var s = Seconds.Order().ToArray();
            int m = s.Length / 2;
            return s.Length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
        }
    }

    /// <summary>Untimed runs made before <see cref="Seconds"/> (ours may make more than asked; see <see cref="Timing"/>).</summary>
    public int WarmupRuns { get; init; }

    /// <summary>Fastest repeat.</summary>
    public double Min => Seconds.Min();

    /// <summary>Median seconds per Lloyd (or other) iteration, when the workload reports <c>n_iter</c>.</summary>
    public double? SecondsPerIteration => Metrics.TryGetValue("n_iter", out var n) && n > 0 ? Median / n : null;
}
