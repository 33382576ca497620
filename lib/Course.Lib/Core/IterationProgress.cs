namespace Course;

/// <summary>
/// The kit's one progress report: algorithms that iterate call <see cref="FitObserver.Progress"/> with one of these once
/// per iteration (or epoch). Notebooks show it as an updating value (<c>Kit.ShowProgress</c> in Course.Kit).
/// </summary>
/// <param name="Step">1-based iteration or epoch.</param>
/// <param name="Total">The planned maximum number of steps.</param>
/// <param name="Metric">The quantity being optimised at this step (inertia, loss, ...).</param>
/// <param name="Label">What is running, e.g. "k-means init 2/10".</param>
public sealed record IterationProgress(int Step, int Total, double Metric, string Label)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Label}: step {Step}/{Total}, {Metric:G6}";
}

/// <summary>An <see cref="IProgress{T}"/> that calls its handler synchronously on the reporting thread.</summary>
/// <remarks><see cref="Progress{T}"/> posts to a synchronisation context, which a notebook kernel does not have, so
/// reports would arrive late and out of order.</remarks>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => handler(value);
}
