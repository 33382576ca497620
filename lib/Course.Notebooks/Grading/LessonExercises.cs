using System.Text.RegularExpressions;

namespace Course.Notebooks.Grading;

/// <summary>One exercise as the kit defines it: the cells of its section and the kit's check call.</summary>
/// <param name="Id">"01.2".</param>
/// <param name="Cells">The section's code cells in order, between its heading and its check.</param>
/// <param name="Check">The check as a fully qualified expression the grader submits, e.g.
/// <c>global::Course.Exercises.Lesson01Checks.Update(Update)</c>: a learner's class of the same short name cannot
/// shadow it, and its value (the check's result object) is what the grader reads.</param>
public sealed record ExerciseDefinition(string Id, IReadOnlyList<ExerciseCell> Cells, string Check)
{
    /// <summary>The check method, "Lesson01Checks.Update".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string CheckMethod => Call.Groups[1].Value;

    /// <summary>The learner's functions the check takes, in order: ["Update"].</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> Functions => Call.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private System.Text.RegularExpressions.Match Call => LessonExercises.QualifiedCheck(Check);
}

/// <summary>A code cell of an exercise section: one the learner completes (its declared names find the learner's
/// version in a submission) or one the kit gives (always run as the kit wrote it).</summary>
public sealed record ExerciseCell(string Source, bool IsLearners, IReadOnlyList<string> Declares);

/// <summary>
/// What the kit's own notebook for a lesson says about grading it: the set-up cells and, per exercise, its cells and
/// check. Read from each lesson's learner version as <c>course strip</c> generates it and kept in the
/// <see cref="ExerciseManifest"/>, never from a submission or a notebook a learner edits, so neither can change what
/// decides a grade.
/// </summary>
public sealed partial class LessonExercises
{
    /// <summary>The two-digit lesson number, "01".</summary>
    public required string Lesson { get; init; }
    /// <summary>The set-up cells (their first line starts with <c>// Set-up</c>), run before anything else.</summary>
    public required IReadOnlyList<string> Setup { get; init; }
    /// <summary>The exercises in notebook order.</summary>
    public required IReadOnlyList<ExerciseDefinition> Exercises { get; init; }

    /// <summary>Exercise ids announced by the check cells' first line, <c>// Check exercise 01.2</c>.</summary>
    public static IReadOnlyList<string> ExerciseIds(IEnumerable<Cell> cells) =>
        cells.Where(c => c.IsCode).Select(c => CheckMarker().Match(c.Source)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Reads a kit notebook's exercises.</summary>
    /// <exception cref="FormatException">a set-up cell is missing, or a check cell is not one call of the kit's checks
    /// (an authoring error in the kit, reported rather than graded around).</exception>
    public static LessonExercises From(IReadOnlyList<Cell> cells, string lesson, string name)
    {
        var setup = cells.Where(c => c.IsCode && c.Source.StartsWith("// Set-up", StringComparison.Ordinal)).Select(c => c.Source).ToList();
        if (setup.Count == 0) throw new FormatException($"{name} has no set-up cell (a code cell starting with `// Set-up`).");
        var exercises = new List<ExerciseDefinition>();
        int sectionStart = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (!c.IsCode && ExerciseHeading().IsMatch(c.Source)) sectionStart = i + 1;
            var marker = c.IsCode ? CheckMarker().Match(c.Source) : Match.Empty;
            if (!marker.Success) continue;
            string id = marker.Groups[1].Value;
            var call = CheckCall().Match(c.Source[marker.Length..].Trim());
            if (!call.Success) throw new FormatException($"{name}, cell {c.Number}: the check of exercise {id} must be one call `LessonNNChecks.Name(Function);`.");
            var section = cells.Skip(sectionStart).Take(i - sectionStart).Where(s => s.IsCode && CheckMarker().Match(s.Source) is { Success: false })
                .Select(s => IsLearnersCell(s.Source) ? new ExerciseCell(s.Source, true, Declarations.Names(s.Source)) : new ExerciseCell(s.Source, false, []))
                .ToList();
            if (!section.Any(s => s.IsLearners && s.Declares.Count > 0))
                throw new FormatException($"{name}: exercise {id} has no cell for the learner to complete (one holding `// BEGIN SOLUTION` and declaring a function) between its heading and its check.");
            exercises.Add(new ExerciseDefinition(id, section, $"global::Course.Exercises.{call.Groups[1].Value}({call.Groups[2].Value})"));
            sectionStart = i + 1;
        }
        return new LessonExercises { Lesson = lesson, Setup = setup, Exercises = exercises };
    }

    // A solution cell, or its stripped form in a learner notebook.
    private static bool IsLearnersCell(string source) => source.Contains("// BEGIN SOLUTION", StringComparison.Ordinal) || source.Contains(SolutionStripper.Stub, StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*//\s*Check exercise (\d+\.\d+)[^\n]*", RegexOptions.Multiline)]
    private static partial Regex CheckMarker();

    [GeneratedRegex(@"^#+\s*Exercise \d+\.\d+", RegexOptions.Multiline)]
    private static partial Regex ExerciseHeading();

    [GeneratedRegex(@"^(Lesson\d+Checks\.\w+)\(([\w\s,]*)\);?$")]
    private static partial Regex CheckCall();

    /// <summary>The parts of a check as <see cref="ExerciseDefinition.Check"/> holds it: the method, then the arguments.</summary>
    internal static Match QualifiedCheck(string check) =>
        QualifiedCheckCall().Match(check) is { Success: true } m ? m : throw new FormatException($"not a check call: {check}");

    [GeneratedRegex(@"^global::Course\.Exercises\.(Lesson\d+Checks\.\w+)\(([\w\s,]*)\)$")]
    private static partial Regex QualifiedCheckCall();
}
