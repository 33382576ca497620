namespace Course.Notebooks.Grading;

/// <summary>The fixed set of outcomes an exercise can have in a gradebook.</summary>
public enum GradeStatus
{
    /// <summary>The kit's check passed.</summary>
    Passed,
    /// <summary>The check failed, or the learner's code did not compile, threw, hung or ended the process.</summary>
    Failed,
    /// <summary>The exercise's stub is untouched, or no cell declares its function.</summary>
    NotAttempted,
}

/// <summary>One exercise's grade, with the check's message (untrusted text: it may quote the learner's exception) and,
/// for a failed check that passed some of its cases, the share passed (<paramref name="Credit"/>, in (0, 1)).</summary>
public sealed record Grade(string Id, GradeStatus Status, string Message, double? Credit = null);

/// <summary>The grades of one submitted notebook.</summary>
/// <param name="Student">Who submitted it (the submission's folder, or the file's name).</param>
/// <param name="Lesson">"01".</param>
/// <param name="File">The file's name.</param>
/// <param name="Grades">One per exercise the kit's lesson has, in notebook order.</param>
/// <param name="Review">Why a person should read the graded code (see <see cref="ReviewScan"/>); empty when nothing.</param>
/// <param name="Problem">What went wrong with the notebook as a whole (a crash, the time limit), or null.</param>
public sealed record LessonGrade(string Student, string Lesson, string File, IReadOnlyList<Grade> Grades, IReadOnlyList<string> Review, string? Problem)
{
    /// <summary>Exercises passed.</summary>
    public int Passed => Grades.Count(g => g.Status == GradeStatus.Passed);
}
