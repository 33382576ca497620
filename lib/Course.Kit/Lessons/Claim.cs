using System.Globalization;
using Course.Plotting;

namespace Course.Lessons;

/// <summary>
/// A statement the lesson's text makes about its own output, checked in the cell that computes it. When a change of
/// data, seed, library or machine makes the statement false, the notebook's run fails here instead of the prose
/// silently contradicting the figures beside it. A statement that holds is shown under its cell as one line,
/// "✓ statement: figures", so the reader sees the evidence and not only the sentence.
/// </summary>
/// <remarks>
/// <para>One short line per statement in a cell: <c>Claim.Below("K-means' ARI on the stretched blobs", kmAri, 0.8);</c>.
/// The comparison helpers write the figures and the bound themselves; <see cref="That"/> takes any condition with the
/// figures written by the caller, for what the helpers cannot say.</para>
/// <para>When the environment variable <see cref="LogVariable"/> names a file, every claim checked is also appended
/// to it as one tab-separated line (<c>held</c> or <c>FAILED</c>, the statement, the evidence): the list of what a
/// run verified, with this run's figures, for an instructor or a change review.</para>
/// </remarks>
public static class Claim
{
    /// <summary>The environment variable naming the claims log, <c>COURSE_CLAIMS_LOG</c>.</summary>
    public const string LogVariable = "COURSE_CLAIMS_LOG";

    private static readonly object LogLock = new();

    /// <summary>Shows "✓ statement: evidence" under the cell when <paramref name="holds"/>; otherwise throws
    /// <see cref="ClaimFailedException"/> naming both.</summary>
    /// <param name="holds">Whether the statement is true in this run.</param>
    /// <param name="statement">The statement as the text makes it, e.g. "the denoising autoencoder's error is lower".</param>
    /// <param name="evidence">The figures it rests on, e.g. "0.021 against 0.034"; may be empty when the statement
    /// already carries them.</param>
    /// <exception cref="ArgumentNullException">statement or evidence is null.</exception>
    public static void That(bool holds, string statement, string evidence = "")
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(evidence);
        Log(holds, statement, evidence);
        if (!holds) throw new ClaimFailedException($"The lesson says: {statement}. This run shows: {(evidence.Length > 0 ? evidence : "it does not hold")}. If this cell uses functions you wrote in the exercises, check them (their checks may have passed on other inputs); in the solution notebook, the demonstration or the text needs changing.");
        Console.WriteLine(evidence.Length > 0 ? $"✓ {statement}: {evidence}" : $"✓ {statement}");
    }

    /// <summary><paramref name="what"/> is above <paramref name="bound"/>: shows "✓ what: 0.86 (above 0.5)".</summary>
    public static void Above(string what, double value, double bound) =>
        That(value > bound, what, $"{Wording.Number(value)} (above {Wording.Number(bound)})");

    /// <summary><paramref name="what"/> is below <paramref name="bound"/>: shows "✓ what: 0.44 (below 0.8)".</summary>
    public static void Below(string what, double value, double bound) =>
        That(value < bound, what, $"{Wording.Number(value)} (below {Wording.Number(bound)})");

    /// <summary><paramref name="what"/> lies in [<paramref name="low"/>, <paramref name="high"/>]: shows
    /// "✓ what: 2.4 (within 1.8 to 4.5)".</summary>
    /// <exception cref="ArgumentException">high is below low.</exception>
    public static void Within(string what, double value, double low, double high)
    {
        if (!(high >= low)) throw new ArgumentException($"high ({high}) must be at least low ({low}).", nameof(high));
        That(value >= low && value <= high, what, $"{Wording.Number(value)} (within {Wording.Number(low)} to {Wording.Number(high)})");
    }

    /// <summary>Each of <paramref name="values"/> lies in [<paramref name="low"/>, <paramref name="high"/>]: shows them all.</summary>
    public static void AllWithin(string what, IEnumerable<double> values, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        That(list.Count > 0 && list.All(v => v >= low && v <= high), what,
            $"{Wording.Numbers(list)} (each within {Wording.Number(low)} to {Wording.Number(high)})");
    }

    /// <summary><paramref name="what"/> equals <paramref name="expected"/>: shows "✓ what: 4".</summary>
    public static void Equal<T>(string what, T value, T expected) where T : notnull
    {
        bool same = EqualityComparer<T>.Default.Equals(value, expected);
        That(same, what, Text(value) + (same ? "" : $" (expected {Text(expected)})"));
    }

    /// <summary><paramref name="better"/> beats <paramref name="worse"/> by more than <paramref name="margin"/> on a
    /// score where higher is better: shows "✓ what: 0.86 against 0.44 (needs a lead over 0.2)".</summary>
    public static void Beats(string what, double better, double worse, double margin = 0) =>
        That(better > worse + margin, what, $"{Wording.Number(better)} against {Wording.Number(worse)}" + (margin > 0 ? $" (needs a lead over {Wording.Number(margin)})" : ""));

    /// <summary><paramref name="value"/> is at most <paramref name="factor"/> times <paramref name="reference"/> (a
    /// factor below 1: "at least a quarter fewer" is 0.75): shows "✓ what: 0.28 against 0.43 (at most 0.75x)".</summary>
    public static void AtMostTimes(string what, double value, double reference, double factor) =>
        That(value <= factor * reference, what, $"{Wording.Number(value)} against {Wording.Number(reference)} (at most {Wording.Number(factor)}x)");

    /// <summary><paramref name="value"/> is at least <paramref name="factor"/> times <paramref name="reference"/>:
    /// shows "✓ what: 27 against 14 (at least 1.5x)".</summary>
    public static void AtLeastTimes(string what, double value, double reference, double factor) =>
        That(value >= factor * reference, what, $"{Wording.Number(value)} against {Wording.Number(reference)} (at least {Wording.Number(factor)}x)");

    /// <summary>Every step of <paramref name="values"/> is lower than the one before: shows the values.</summary>
    public static void Falling(string what, IEnumerable<double> values) => Steps(what, values, (a, b) => b < a);

    /// <summary>No step of <paramref name="values"/> is higher than the one before: shows the values.</summary>
    public static void NeverRising(string what, IEnumerable<double> values) => Steps(what, values, (a, b) => b <= a);

    /// <summary>Every step of <paramref name="values"/> is higher than the one before: shows the values.</summary>
    public static void Rising(string what, IEnumerable<double> values) => Steps(what, values, (a, b) => b > a);

    private static void Steps(string what, IEnumerable<double> values, Func<double, double, bool> step)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        That(list.Count > 1 && list.Zip(list.Skip(1)).All(p => step(p.First, p.Second)), what, Wording.Numbers(list));
    }

    private static string Text<T>(T value) => value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "";

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
