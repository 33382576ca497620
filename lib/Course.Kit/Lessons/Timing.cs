using System.Diagnostics;

namespace Course.Lessons;

/// <summary>
/// Wall-clock timing for lesson cells, in one place, so that a cell shows what it times and not a stopwatch's
/// plumbing. Lessons state wall-clock comparisons only with wide margins and prefer counts (operations, distances
/// measured), which do not vary with the machine; these helpers are for the seconds shown beside them.
/// </summary>
/// <example><code>var (model, seconds) = Timing.Time(() => new KMeans(8).Fit(x));
/// var (fit, median) = Timing.Median(() => new Pca(50).Fit(x));   // one warm-up, then the median of 3</code></example>
public static class Timing
{
    /// <summary>Runs <paramref name="work"/> once: its value and the seconds it took.</summary>
    public static (T Value, double Seconds) Time<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        long start = Stopwatch.GetTimestamp();
        var value = work();
        return (value, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Runs <paramref name="work"/> once: the seconds it took.</summary>
    public static double Time(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Time(() => { work(); return 0; }).Seconds;
    }

    /// <summary>One untimed warm-up run (the first call of a method also pays for compiling it), then the median of
    /// <paramref name="runs"/> timed runs (odd, ≥ 1), with the last run's value: steadier than one run on a busy
    /// machine.</summary>
    public static (T Value, double Seconds) Median<T>(Func<T> work, int runs = 3)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (runs < 1 || runs % 2 == 0) throw new ArgumentOutOfRangeException(nameof(runs), runs, "runs must be odd and at least 1.");
        work();
        var times = new double[runs];
        T value = default!;
        for (int r = 0; r < runs; r++) (value, times[r]) = Time(work);
        Array.Sort(times);
        return (value, times[runs / 2]);
    }
}
