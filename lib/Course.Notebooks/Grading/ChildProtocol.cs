using System.Text.Json;

namespace Course.Notebooks.Grading;

/// <summary>What the grader sends a child on its standard input: the cells to run, in order, and a secret.</summary>
/// <param name="Nonce">Random per child: report lines start with it, so text a submission prints cannot pass for one.</param>
/// <param name="CellTimeoutSeconds">Limit per cell.</param>
/// <param name="Setup">The kit's set-up cells.</param>
/// <param name="Exercises">The exercises to check, each its cells then its check.</param>
/// <param name="KitBin">The built library the set-up cells load, the grader's <see cref="KitPaths.KitBin"/>: only a
/// result object from its Course.Kit.dll counts. Sent, not rediscovered, because the child's own program may live in
/// another copy of the kit than the one being graded against.</param>
public sealed record ChildPlan(string Nonce, int CellTimeoutSeconds, IReadOnlyList<string> Setup, IReadOnlyList<PlannedExercise> Exercises, string KitBin);

/// <summary>An exercise as a child runs it: the section's cells (the learner's and the kit's) then the kit's check.</summary>
public sealed record PlannedExercise(string Id, IReadOnlyList<string> Cells, string Check);

/// <summary>One line a child reports: <c>start</c> (an exercise begins), <c>result</c>, <c>setup-failed</c> or <c>done</c>.</summary>
public sealed record ChildEvent(string Event, string? Id = null, GradeStatus? Status = null, string? Message = null)
{
    /// <summary>The line as written: the nonce, a space, the event as JSON.</summary>
    public string ToLine(string nonce) => nonce + " " + JsonSerializer.Serialize(this, Json);

    /// <summary>The event on <paramref name="line"/> if it carries <paramref name="nonce"/> and parses; else null.</summary>
    public static ChildEvent? Parse(string line, string nonce)
    {
        if (!line.StartsWith(nonce + " ", StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<ChildEvent>(line[(nonce.Length + 1)..], Json); }
        catch (JsonException) { return null; }
    }

    internal static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}
