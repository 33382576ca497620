namespace Course;

/// <summary>
/// What a caller watches while a model fits: progress per iteration, snapshots of an iterate (to animate a layout or
/// a clustering) and cancellation. Passed to <c>Fit</c> beside the data, never inside an options record, so options
/// stay pure data that save, compare and print as values.
/// </summary>
/// <example><code>var trace = new List&lt;double&gt;();
/// var model = new KMeans(3).Fit(x, new FitObserver { Progress = new InlineProgress&lt;IterationProgress&gt;(p => trace.Add(p.Metric)) });</code></example>
public sealed record FitObserver
{
    /// <summary>Called once per iteration (or epoch) with the quantity being optimised.</summary>
    public IProgress<IterationProgress>? Progress { get; init; }

    /// <summary>Called every <see cref="SnapshotEvery"/> iterations with a copy of the current iterate (t-SNE's and
    /// UMAP's layout, n x k), where the method has one.</summary>
    public Action<int, Matrix>? Snapshot { get; init; }

    /// <summary>Iterations between snapshots (≥ 1). Default 25.</summary>
    public int SnapshotEvery { get; init; } = 25;

    /// <summary>Stops the fit at its next iteration with an <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Checks <paramref name="observer"/>'s values at the door of a Fit (ParamName names the field).</summary>
    internal static void Validate(FitObserver? observer)
    {
        if (observer is null) return;
        Guard.InRange(observer.SnapshotEvery, 1, int.MaxValue, nameof(SnapshotEvery));
        observer.Cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>One iteration's report: throws if cancelled, then tells <see cref="Progress"/>.</summary>
    internal void Report(int step, int total, double metric, string label)
    {
        Cancellation.ThrowIfCancellationRequested();
        Progress?.Report(new IterationProgress(step, total, metric, label));
    }

    /// <summary>Whether iteration <paramref name="step"/> (1-based) takes a snapshot.</summary>
    internal bool WantsSnapshot(int step) => Snapshot is not null && step % SnapshotEvery == 0;
}
