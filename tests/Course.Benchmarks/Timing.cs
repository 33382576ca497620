using System.Diagnostics;
using System.Runtime;

namespace Course.Benchmarks;

/// <summary>
/// The C# half of the timing protocol; <c>reference/harness.py</c> is the Python half and must stay identical in
/// shape: warm-up runs, then <c>repeats</c> timed runs, a full garbage collection before each run (outside the timed
/// span), wall-clock time around the call only.
/// </summary>
public static class Timing
{
    /// <summary>Warm-up runs allowed beyond the requested ones while the JIT is still compiling.</summary>
    public const int MaxExtraWarmup = 20;

    /// <summary>Consecutive warm-up runs that must compile no method before timing starts.</summary>
    public const int QuietRuns = 2;

    /// <summary>
    /// Runs <paramref name="workload"/>'s C# side and returns its times and the last run's metrics. After the
    /// <paramref name="warmup"/> runs Python also gets (none when it is 0), warm-up continues, up to
    /// <see cref="MaxExtraWarmup"/> more runs, until <see cref="QuietRuns"/> runs in a row compile no method, so both
    /// sides are timed in their steady state.
    /// </summary>
    /// <remarks>
    /// Why more warm-up than Python: with tiered compilation and dynamic PGO a method is recompiled optimised only
    /// after 30 calls, and a fit calls many of its methods a few times, so the JIT keeps promoting methods for about
    /// ten fits (measured on kmeans-lloyd: 0.67 s, then 0.2-0.26 s for the next four fits, then 0.15-0.2 s). One quiet
    /// run is not enough: a batch of promotions often lands in the run after it.
    /// </remarks>
    public static SideResult Measure(IWorkload workload, IReadOnlyDictionary<string, Matrix> inputs, int warmup, int repeats)
    {
        int warmupRuns = 0, quiet = 0;
        while (warmup > 0 && warmupRuns < warmup + MaxExtraWarmup && !(warmupRuns >= warmup && quiet >= QuietRuns))
        {
            long compiledBefore = JitInfo.GetCompiledMethodCount();
            Collect();
            workload.RunOurs(inputs);
            warmupRuns++;
            quiet = JitInfo.GetCompiledMethodCount() == compiledBefore ? quiet + 1 : 0;
        }
        var seconds = new double[repeats];
        object? result = null;
        for (int i = 0; i < repeats; i++)
        {
            Collect();
            long start = Stopwatch.GetTimestamp();
            result = workload.RunOurs(inputs);
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return new SideResult(seconds, workload.Metrics(result!)) { WarmupRuns = warmupRuns };
    }

    // A collection left over from the previous run would otherwise land inside the next timed span.
    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
