namespace Course;

/// <summary>
/// Tells whoever listens on the current asynchronous flow which of the library's algorithms ran. Exercise checks
/// listen while a learner's function runs, so an exercise that asks the learner to write an algorithm is not passed
/// by calling the library's implementation of it; the grader's learner process sends what it heard back with each
/// answer. Nobody listens in ordinary use, where a report costs one read of an async-local.
/// </summary>
/// <remarks>This stops the shortcut of an honest learner, not a determined cheat, who can copy the library's source:
/// that is what an instructor's review of the code is for.</remarks>
public static class AlgorithmUse
{
    private static readonly AsyncLocal<Action<string>?> Listener = new();

    /// <summary>Says that <paramref name="algorithm"/> (a public name, "Dbscan", "LinkageTree.CutToClusters") ran.</summary>
    public static void Report(string algorithm) => Listener.Value?.Invoke(algorithm);

    /// <summary>Hears every report on this flow until the result is disposed, then restores the previous listener
    /// (which also hears them: listeners nest).</summary>
    /// <exception cref="ArgumentNullException">onUse is null.</exception>
    public static IDisposable Listen(Action<string> onUse)
    {
        ArgumentNullException.ThrowIfNull(onUse);
        var previous = Listener.Value;
        Listener.Value = previous is null ? onUse : name => { onUse(name); previous(name); };
        return new Restore(previous);
    }

    private sealed class Restore(Action<string>? previous) : IDisposable
    {
        public void Dispose() => Listener.Value = previous;
    }
}
