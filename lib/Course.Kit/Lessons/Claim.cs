namespace Course.Lessons;

/// <summary>
/// A statement the lesson's text makes about its own output, checked in the cell that computes it. When a change of
/// data, seed, library or machine makes the statement false, the notebook's run fails here instead of the prose
/// silently contradicting the figures beside it.
/// </summary>
/// <remarks>When the environment variable <see cref="LogVariable"/> names a file, every claim checked is appended to
/// it as one tab-separated line (<c>held</c> or <c>FAILED</c>, the statement, the evidence): the list of what a run
/// verified, with this run's figures, for an instructor or a change review.</remarks>
public static class Claim
{
    /// <summary>The environment variable naming the claims log, <c>COURSE_CLAIMS_LOG</c>.</summary>
    public const string LogVariable = "COURSE_CLAIMS_LOG";

    private static readonly object LogLock = new();

    /// <summary>Throws <see cref="ClaimFailedException"/> unless <paramref name="holds"/>.</summary>
    /// <param name="holds">Whether the statement is true in this run.</param>
    /// <param name="statement">The statement as the text makes it, e.g. "the denoising autoencoder's error is lower".</param>
    /// <param name="evidence">The figures it rests on, shown when it fails.</param>
    public static void That(bool holds, string statement, string evidence)
    {
        ArgumentNullException.ThrowIfNull(statement);
        Log(holds, statement, evidence);
        if (!holds) throw new ClaimFailedException($"The lesson says: {statement}. This run shows: {evidence}. If this cell uses functions you wrote in the exercises, check them (their checks may have passed on other inputs); in the solution notebook, the demonstration or the text needs changing.");
    }

    private static void Log(bool holds, string statement, string? evidence)
    {
        if (Environment.GetEnvironmentVariable(LogVariable) is not { Length: > 0 } path) return;
        static string Flat(string? s) => (s ?? "").Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
        lock (LogLock)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            File.AppendAllText(path, $"{(holds ? "held" : "FAILED")}\t{Flat(statement)}\t{Flat(evidence)}\n");
        }
    }
}

/// <summary>A lesson's statement about its output does not hold in this run.</summary>
public sealed class ClaimFailedException(string message) : Exception(message);
