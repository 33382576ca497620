using System.Globalization;
using System.Text;

namespace Course.Notebooks.Grading;

/// <summary>What the grader knows of a submitted notebook besides its grades: when it was handed in (the submissions
/// list's time, else the file's), whether an LMS marked it late, and the SHA-256 of its content (acceptances name it).</summary>
public sealed record SubmissionFacts(DateTimeOffset Time, bool MarkedLate, string Sha256);

/// <summary>
/// The gradebook the grader writes: one row per learner across all lessons (CSV for a spreadsheet, Markdown for a
/// person), and a feedback page per learner. With a <see cref="Roster"/> every listed learner has a row, those who
/// handed nothing in marked missing; with a <see cref="GradingConfig"/> exercises carry points, overrides replace
/// them, lessons handed in after their deadline are flagged late, and a lesson flagged for review counts no points
/// (its score is pending) until the instructor accepts that very file. Everything a submission can influence
/// (student names come from folder names, messages may quote its exceptions) is written as one escaped line;
/// statuses come from <see cref="GradeStatus"/>.
/// </summary>
public sealed class Gradebook
{
    private readonly IReadOnlyList<LessonGrade> grades;
    private readonly IReadOnlyList<(string Lesson, IReadOnlyList<string> Ids)> columns;
    private readonly IReadOnlyList<string> students;
    private readonly IReadOnlyList<SkippedEntry> skipped;
    private readonly Roster? roster;
    private readonly GradingConfig config;
    private readonly IReadOnlyDictionary<(string Student, string Lesson), SubmissionFacts> facts;

    /// <summary>A gradebook of <paramref name="grades"/>; <paramref name="lessons"/> gives each lesson's exercises and
    /// <paramref name="skipped"/> what in the submissions was not graded, and why. Students in <paramref name="grades"/>
    /// are roster ids where the roster knows them (<see cref="Roster.Match"/>).</summary>
    public Gradebook(IReadOnlyList<LessonGrade> grades, IReadOnlyDictionary<string, LessonExercises> lessons, IReadOnlyList<SkippedEntry>? skipped = null,
        Roster? roster = null, GradingConfig? config = null, IReadOnlyDictionary<(string Student, string Lesson), SubmissionFacts>? facts = null)
    {
        this.grades = grades;
        this.skipped = skipped ?? [];
        this.roster = roster;
        this.config = config ?? new GradingConfig();
        this.facts = facts ?? new Dictionary<(string, string), SubmissionFacts>();
        columns = grades.Select(g => g.Lesson).Distinct().Order(StringComparer.Ordinal)
            .Select(l => (l, (IReadOnlyList<string>)lessons[l].Exercises.Select(e => e.Id).ToList())).ToList();
        students = grades.Select(g => g.Student).Concat(roster?.Learners.Select(l => l.Id) ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The word a status is written as.</summary>
    public static string Word(GradeStatus? status) => status switch
    {
        GradeStatus.Passed => "passed",
        GradeStatus.Failed => "failed",
        GradeStatus.NotAttempted => "not attempted",
        _ => "not submitted",
    };

    /// <summary>CSV: student, each exercise's status (or its override), each lesson's points ("pending" while flagged),
    /// exercises passed and their number, the roster's name and standing, points counted and possible, late lessons,
    /// lessons pending review, overrides, review reasons, problems.</summary>
    public string Csv()
    {
        var header = new List<string> { "student" };
        header.AddRange(columns.SelectMany(c => c.Ids.Select(i => "ex " + i)));
        header.AddRange(columns.Select(c => "lesson " + c.Lesson));
        header.AddRange(["passed", "total", "name", "roster", "points", "max points", "late", "pending review", "overrides", "needs review", "problems"]);
        var sb = new StringBuilder(string.Join(",", header)).Append('\n');
        foreach (var s in students)
        {
            var row = new List<string> { CsvField(s) };
            row.AddRange(columns.SelectMany(c => c.Ids.Select(i => config.OverrideOf(s, i) is { } o
                ? Number(o.Points) + " (override)"
                : Word(Of(s, c.Lesson)?.Grades.First(g => g.Id == i).Status))));
            row.AddRange(columns.Select(c => Of(s, c.Lesson) is null ? "" : Pending(s, c.Lesson) ? "pending" : Number(LessonPoints(s, c))));
            row.Add(Mine(s).Sum(g => g.Passed).ToString(CultureInfo.InvariantCulture));
            row.Add(columns.Sum(c => c.Ids.Count).ToString(CultureInfo.InvariantCulture));
            row.Add(CsvField(Name(s)));
            row.Add(Standing(s));
            row.Add(Number(Points(s)));
            row.Add(Number(MaxPoints));
            row.Add(string.Join(" ", columns.Where(c => Late(s, c.Lesson)).Select(c => c.Lesson)));
            row.Add(string.Join(" ", columns.Where(c => Pending(s, c.Lesson)).Select(c => c.Lesson)));
            row.Add(CsvField(Overrides(s)));
            row.Add(CsvField(Review(s)));
            row.Add(CsvField(Problems(s)));
            sb.Append(string.Join(",", row)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Markdown: a score table (per lesson and total), then every failure with its message, the overrides,
    /// and what in the submissions was not graded.</summary>
    public string Markdown()
    {
        var sb = new StringBuilder("| student | " + (roster is null ? "" : "name | ") + string.Join(" | ", columns.Select(c => "lesson " + c.Lesson)) + " | points | late | needs review |\n");
        sb.Append("|---|").Append(roster is null ? "" : "---|").Append(string.Concat(columns.Select(_ => "---|"))).Append("---|---|---|\n");
        foreach (var s in students)
        {
            sb.Append("| ").Append(Md(s)).Append(" | ");
            if (roster is not null) sb.Append(Md(Name(s))).Append(Standing(s) is "missing" or "not on roster" ? $" ({Standing(s)})" : "").Append(" | ");
            sb.Append(string.Join(" | ", columns.Select(c => Of(s, c.Lesson) is { } g
                ? $"{string.Concat(g.Grades.Select(x => Symbol(x.Status)))} {(Pending(s, c.Lesson) ? "pending review" : $"{Number(LessonPoints(s, c))}/{Number(LessonMax(c))}")}"
                : "not submitted")));
            sb.Append($" | {Number(Points(s))}/{Number(MaxPoints)} | {string.Join(" ", columns.Where(c => Late(s, c.Lesson)).Select(c => c.Lesson))} | {Md(Review(s))} |\n");
        }
        sb.Append("\n✅ passed · ❌ failed · ⬜ not attempted. A lesson flagged for review counts no points until you accept it (`course grade FOLDER --accept LEARNER`).\n");
        var failures = grades.OrderBy(g => g.Student, StringComparer.Ordinal).ThenBy(g => g.Lesson, StringComparer.Ordinal)
            .SelectMany(g => g.Grades.Where(x => x.Status == GradeStatus.Failed).Select(x => $"- {Md(g.Student)}, exercise {x.Id}: {Md(x.Message)}")).ToList();
        if (failures.Count > 0) sb.Append("\n### Failures\n\n").Append(string.Join("\n", failures)).Append('\n');
        var overrides = students.Where(s => Overrides(s).Length > 0).Select(s => $"- {Md(s)}: {Md(Overrides(s))}").ToList();
        if (overrides.Count > 0) sb.Append("\n### Overrides\n\n").Append(string.Join("\n", overrides)).Append('\n');
        if (skipped.Count > 0) sb.Append("\n### Not graded\n\n").Append(string.Join("\n", skipped.Select(s => $"- {Md(s.Path)}: {Md(s.Why)}"))).Append('\n');
        return sb.ToString();
    }

    /// <summary>The learners, in order: everyone graded and everyone on the roster.</summary>
    public IReadOnlyList<string> Students => students;

    /// <summary>The lessons graded, each with its exercises.</summary>
    public IReadOnlyList<(string Lesson, IReadOnlyList<string> Ids)> Columns => columns;

    /// <summary>Every lesson graded, as graded.</summary>
    public IReadOnlyList<LessonGrade> Grades => grades;

    /// <summary>Points counted for <paramref name="student"/>: every lesson not pending review.</summary>
    public double Points(string student) => columns.Where(c => Of(student, c.Lesson) is not null && !Pending(student, c.Lesson)).Sum(c => LessonPoints(student, c));

    /// <summary>Points possible over the lessons graded.</summary>
    public double MaxPoints => columns.Sum(LessonMax);

    /// <summary>"on roster", "missing" (on the roster, nothing handed in), "not on roster", or "" without a roster.</summary>
    public string Standing(string student) => roster is null ? ""
        : roster.Learners.Any(l => l.Id == student) ? (Mine(student).Any() ? "on roster" : "missing") : "not on roster";

    /// <summary>Whether <paramref name="student"/>'s lesson was handed in after its deadline, or the LMS said so.</summary>
    public bool Late(string student, string lesson)
        => Of(student, lesson) is not null && facts.TryGetValue((student, lesson), out var f)
           && (f.MarkedLate || config.DeadlineFor(lesson) is { } deadline && f.Time > deadline);

    /// <summary>Whether the lesson is flagged for review and that file has not been accepted.</summary>
    public bool Pending(string student, string lesson)
        => Of(student, lesson) is { Review.Count: > 0 }
           && !(facts.TryGetValue((student, lesson), out var f) && config.IsAccepted(student, lesson, f.Sha256));

    /// <summary>A learner's feedback page (Markdown): per lesson, each exercise with its status, points and message.</summary>
    public string Feedback(string student)
    {
        var sb = new StringBuilder($"# Feedback for {Md(student)}\n\n");
        sb.Append($"**{Mine(student).Sum(g => g.Passed)} of {columns.Sum(c => c.Ids.Count)} exercises passed; {Number(Points(student))} of {Number(MaxPoints)} points.**\n");
        foreach (var c in columns)
        {
            sb.Append($"\n## Lesson {c.Lesson}\n\n");
            if (Of(student, c.Lesson) is not { } g) { sb.Append("Not submitted.\n"); continue; }
            sb.Append($"{Md(g.File)}: {g.Passed} of {c.Ids.Count} passed, {Number(LessonPoints(student, c))} of {Number(LessonMax(c))} points");
            if (Pending(student, c.Lesson)) sb.Append(" (pending: your instructor reviews this notebook before its points count)");
            if (Late(student, c.Lesson)) sb.Append("; handed in after the deadline");
            sb.Append(".\n\n| exercise | result | points | what the check said |\n|---|---|---|---|\n");
            foreach (var x in g.Grades)
            {
                var o = config.OverrideOf(student, x.Id);
                sb.Append($"| {x.Id} | {Symbol(x.Status)} {Word(x.Status)} | {Number(ExercisePoints(student, x))}/{Number(config.PointsFor(x.Id))} | {Md(x.Message)}{(o is null ? "" : $" **Your instructor:** {Md(o.Comment)}")} |\n");
            }
            if (g.Problem is not null) sb.Append($"\nWhile grading: {Md(g.Problem)}\n");
        }
        return sb.ToString();
    }

    /// <summary>A file name for <paramref name="student"/>'s feedback page: letters, digits, '-', '_' and '.' only.</summary>
    public static string FileName(string student)
    {
        var safe = new string(student.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return (safe.Length == 0 ? "student" : safe) + ".md";
    }

    private LessonGrade? Of(string student, string lesson) => grades.LastOrDefault(g => g.Student == student && g.Lesson == lesson);
    /// <summary>The grading config the points come from.</summary>
    public GradingConfig Config => config;

    /// <summary>What <paramref name="grade"/> earns <paramref name="student"/>: the override, else the exercise's points
    /// when it passed, the share of its cases passed when it failed some (partial credit), else 0.</summary>
    public double ExercisePoints(string student, Grade grade)
        => config.OverrideOf(student, grade.Id)?.Points ?? grade.Status switch
        {
            GradeStatus.Passed => config.PointsFor(grade.Id),
            GradeStatus.Failed when grade.Credit is double share => Math.Round(config.PointsFor(grade.Id) * share, 2),
            _ => 0,
        };
    private double LessonPoints(string student, (string Lesson, IReadOnlyList<string> Ids) column)
        => Of(student, column.Lesson) is { } g ? g.Grades.Sum(x => ExercisePoints(student, x)) : 0;
    private double LessonMax((string Lesson, IReadOnlyList<string> Ids) column) => column.Ids.Sum(config.PointsFor);
    private string Name(string student) => roster?.Learners.FirstOrDefault(l => l.Id == student)?.Name ?? "";
    private string Overrides(string student) => string.Join("; ", columns.SelectMany(c => c.Ids).Select(i => config.OverrideOf(student, i))
        .OfType<Override>().Select(o => $"{o.Exercise}: {Number(o.Points)} ({o.Comment})"));
    private static string Number(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
    private IEnumerable<LessonGrade> Mine(string student) => columns.Select(c => Of(student, c.Lesson)).OfType<LessonGrade>();
    private string Review(string s) => string.Join("; ", Mine(s).Where(g => g.Review.Count > 0).Select(g => $"{g.Lesson}: {string.Join(", ", g.Review)}"));
    private string Problems(string s) => string.Join("; ", Mine(s).Where(g => g.Problem is not null).Select(g => $"{g.Lesson}: {g.Problem}"));

    private static string Symbol(GradeStatus status) => status switch { GradeStatus.Passed => "✅", GradeStatus.Failed => "❌", _ => "⬜" };

    /// <summary>One line: control characters (newlines included) become spaces; at most 600 characters.</summary>
    public static string OneLine(string s)
    {
        var line = new string(s.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c).ToArray()).Trim();
        return line.Length > 600 ? line[..600] + "…" : line;
    }

    /// <summary>A CSV field: one line, quoted when needed, and never read as a formula by a spreadsheet.</summary>
    public static string CsvField(string s)
    {
        var line = OneLine(s);
        if (line.Length > 0 && line[0] is '=' or '+' or '-' or '@') line = "'" + line;
        return line.IndexOfAny([',', '"']) >= 0 ? "\"" + line.Replace("\"", "\"\"") + "\"" : line;
    }

    /// <summary>Markdown table-cell text: one line, with characters that would start markup or HTML escaped.</summary>
    public static string Md(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in OneLine(s))
            sb.Append(c switch { '|' => "\\|", '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", '\\' => "\\\\", '`' => "\\`", '*' => "\\*", '_' => "\\_", '[' => "\\[", ']' => "\\]", '#' => "\\#", _ => c.ToString() });
        return sb.ToString();
    }
}
