namespace Course.Notebooks.Grading;

/// <summary>
/// What the grader runs for one submission, decided by the grader: the kit's set-up, then for each exercise the
/// learner's version of each cell they complete (found by the function it declares, the last such cell winning as in
/// the notebook) and the kit's version of every other cell of the section, then the kit's check. The lesson's
/// demonstrations never run, so a slow chart cannot cost an exercise, and nothing outside the exercise cells can
/// interfere.
/// </summary>
/// <param name="Setup">The kit's set-up cells, with their <c>../lib/</c> paths made absolute and without the checks (<see cref="WithoutChecks"/>).</param>
/// <param name="Run">The exercises to run, in notebook order.</param>
/// <param name="Settled">Exercises graded without running: not attempted (stub untouched, or no cell declares the function).</param>
/// <param name="Review">Reasons a person should read the code that runs (<see cref="ReviewScan"/>).</param>
public sealed partial record SubmissionPlan(IReadOnlyList<string> Setup, IReadOnlyList<PlannedExercise> Run, IReadOnlyList<Grade> Settled, IReadOnlyList<string> Review)
{
    /// <summary>Plans <paramref name="submission"/> against the kit's <paramref name="lesson"/>.</summary>
    /// <param name="lesson">The kit's lesson.</param>
    /// <param name="submission">The learner's cells.</param>
    /// <param name="kitRoot">The kit's folder.</param>
    /// <param name="fileLines">Whether the cells' <see cref="Cell.Line"/> are lines of the file (a .dib or .cs; an
    /// .ipynb's are not), so feedback can name the file's line rather than the cell's.</param>
    public static SubmissionPlan For(LessonExercises lesson, IReadOnlyList<Cell> submission, string kitRoot, bool fileLines = true)
    {
        var root = kitRoot.Replace('\\', '/').TrimEnd('/');
        var setup = lesson.Setup.Select(s => WithoutChecks(s.Replace("\"../lib/", $"\"{root}/lib/", StringComparison.Ordinal))).ToList();
        var declared = submission.Where(c => c.IsCode).Select(c => (c.Source, Names: Declarations.Names(c.Source), c.Number, Line: fileLines ? c.Line : 0)).ToList();
        var run = new List<PlannedExercise>();
        var settled = new List<Grade>();
        foreach (var exercise in lesson.Exercises)
        {
            var cells = new List<string>();
            var numbers = new List<int>();
            var lines = new List<int>();
            string? missing = null;
            bool attempted = false;
            foreach (var cell in exercise.Cells)
            {
                if (!cell.IsLearners) { cells.Add(cell.Source); numbers.Add(0); lines.Add(0); continue; }
                string name = cell.Declares[0];
                var (mine, _, number, line) = declared.LastOrDefault(d => d.Names.Contains(name));
                if (mine is null) { missing = $"no cell declares `{name}`: keep the exercise's function name and signature as given, in its own cell."; break; }
                attempted |= Normalised(mine) != Normalised(SolutionStripper.Strip(cell.Source));
                cells.Add(mine);
                numbers.Add(number);
                lines.Add(line);
            }
            if (missing is not null) settled.Add(new Grade(exercise.Id, GradeStatus.NotAttempted, missing));
            else if (!attempted) settled.Add(new Grade(exercise.Id, GradeStatus.NotAttempted, "the exercise's cell is as handed out: replace the `throw new NotImplementedException()` with your code."));
            else run.Add(new PlannedExercise(exercise.Id, cells, exercise.CheckMethod, exercise.Functions, numbers, lines));
        }
        var learners = run.SelectMany(r => r.Cells).Except(lesson.Exercises.SelectMany(e => e.Cells).Where(c => !c.IsLearners).Select(c => c.Source));
        return new SubmissionPlan(setup, run, settled, ReviewScan.Reasons(learners));
    }

    /// <summary>A set-up cell as the learner's process runs it: without the checks' assembly (which its sandbox hides,
    /// and which only the check process loads) and the namespace it brings.</summary>
    public static string WithoutChecks(string setup) =>
        ChecksReference().Replace(ChecksNamespace().Replace(setup, ""), "");

    [System.Text.RegularExpressions.GeneratedRegex(@"^#r\s+""[^""\n]*Course\.Exercises\.dll""[ \t]*\r?\n?", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex ChecksReference();

    [System.Text.RegularExpressions.GeneratedRegex(@"using\s+Course\.Exercises\s*;[ \t]*")]
    private static partial System.Text.RegularExpressions.Regex ChecksNamespace();

    private static string Normalised(string source) => string.Join("\n", source.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
