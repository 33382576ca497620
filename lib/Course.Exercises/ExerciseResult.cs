namespace Course.Exercises;

/// <summary>Outcome of checking one exercise.</summary>
public enum ExerciseStatus
{
    /// <summary>The stub still throws <see cref="NotImplementedException"/>.</summary>
    NotAttempted,
    /// <summary>Every check held.</summary>
    Passed,
    /// <summary>A check failed; the message says which and by how much.</summary>
    Failed,
}

/// <summary>
/// The result of an exercise check. Its <see cref="ToString"/> is the line a check cell prints and the grader parses:
/// <c>[exercise 01.2] passed: ...</c>, <c>[exercise 01.2] FAILED: ...</c> or <c>[exercise 01.2] not attempted yet: ...</c>.
/// </summary>
public sealed record ExerciseResult(string Id, string Title, ExerciseStatus Status, string Message)
{
    /// <summary>The check's cases (1 for a check that gives one verdict; 0 when not attempted).</summary>
    public int Cases { get; init; }

    /// <summary>The cases passed: a failed exercise whose check has several cases earns this share of its points.</summary>
    public int CasesPassed { get; init; }

    /// <summary>The word the printed line uses for <see cref="Status"/>.</summary>
    public string StatusWord => Status switch
    {
        ExerciseStatus.Passed => "passed",
        ExerciseStatus.Failed => "FAILED",
        _ => "not attempted yet",
    };

    /// <inheritdoc/>
    public override string ToString() => $"[exercise {Id}] {StatusWord}: {Title}. {Capitalised(Message)}";

    private static string Capitalised(string s) => s.Length > 0 && char.IsLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;
}
