namespace Course.Lessons;

/// <summary>
/// A statement the lesson's text makes about its own output, checked in the cell that computes it. When a change of
/// data, seed, library or machine makes the statement false, the notebook's run fails here instead of the prose
/// silently contradicting the figures beside it.
/// </summary>
public static class Claim
{
    /// <summary>Throws <see cref="ClaimFailedException"/> unless <paramref name="holds"/>.</summary>
    /// <param name="holds">Whether the statement is true in this run.</param>
    /// <param name="statement">The statement as the text makes it, e.g. "the denoising autoencoder's error is lower".</param>
    /// <param name="evidence">The figures it rests on, shown when it fails.</param>
    public static void That(bool holds, string statement, string evidence)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!holds) throw new ClaimFailedException($"The lesson says: {statement}. This run shows: {evidence}. If this cell uses functions you wrote in the exercises, check them (their checks may have passed on other inputs); in the solution notebook, the demonstration or the text needs changing.");
    }
}

/// <summary>A lesson's statement about its output does not hold in this run.</summary>
public sealed class ClaimFailedException(string message) : Exception(message);
