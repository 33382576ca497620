using System.Text;

namespace Course.Notebooks.Grading;

/// <summary>
/// The gradebook the grader writes: one row per learner across all lessons (CSV for a spreadsheet, Markdown for a
/// person), and a feedback page per learner. Everything a submission can influence (student names come from folder
/// names, messages may quote its exceptions) is written as one escaped line; statuses come from <see cref="GradeStatus"/>.
/// </summary>
public sealed class Gradebook
{
    private readonly IReadOnlyList<LessonGrade> grades;
    private readonly IReadOnlyList<(string Lesson, IReadOnlyList<string> Ids)> columns;
    private readonly IReadOnlyList<string> students;
    private readonly IReadOnlyList<SkippedEntry> skipped;

    /// <summary>A gradebook of <paramref name="grades"/>; <paramref name="lessons"/> gives each lesson's exercises and
    /// <paramref name="skipped"/> what in the submissions was not graded, and why.</summary>
    public Gradebook(IReadOnlyList<LessonGrade> grades, IReadOnlyDictionary<string, LessonExercises> lessons, IReadOnlyList<SkippedEntry>? skipped = null)
    {
        this.grades = grades;
        this.skipped = skipped ?? [];
        columns = grades.Select(g => g.Lesson).Distinct().Order(StringComparer.Ordinal)
            .Select(l => (l, (IReadOnlyList<string>)lessons[l].Exercises.Select(e => e.Id).ToList())).ToList();
        students = grades.Select(g => g.Student).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The word a status is written as.</summary>
    public static string Word(GradeStatus? status) => status switch
    {
        GradeStatus.Passed => "passed",
        GradeStatus.Failed => "failed",
        GradeStatus.NotAttempted => "not attempted",
        _ => "not submitted",
    };

    /// <summary>CSV: student, each exercise's status, each lesson's score, the total, review reasons, problems.</summary>
    public string Csv()
    {
        var header = new List<string> { "student" };
        header.AddRange(columns.SelectMany(c => c.Ids.Select(i => "ex " + i)));
        header.AddRange(columns.Select(c => "lesson " + c.Lesson));
        header.AddRange(["passed", "total", "needs review", "problems"]);
        var sb = new StringBuilder(string.Join(",", header)).Append('\n');
        foreach (var s in students)
        {
            var row = new List<string> { CsvField(s) };
            row.AddRange(columns.SelectMany(c => c.Ids.Select(i => Word(Of(s, c.Lesson)?.Grades.First(g => g.Id == i).Status))));
            row.AddRange(columns.Select(c => Of(s, c.Lesson) is { } g ? g.Passed.ToString() : ""));
            row.Add(Mine(s).Sum(g => g.Passed).ToString());
            row.Add(columns.Sum(c => c.Ids.Count).ToString());
            row.Add(CsvField(Review(s)));
            row.Add(CsvField(Problems(s)));
            sb.Append(string.Join(",", row)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Markdown: a score table (per lesson and total), then every failure with its message.</summary>
    public string Markdown()
    {
        var sb = new StringBuilder("| student | " + string.Join(" | ", columns.Select(c => "lesson " + c.Lesson)) + " | total | needs review |\n");
        sb.Append("|---|").Append(string.Concat(columns.Select(_ => "---|"))).Append("---|---|\n");
        foreach (var s in students)
        {
            sb.Append("| ").Append(Md(s)).Append(" | ");
            sb.Append(string.Join(" | ", columns.Select(c => Of(s, c.Lesson) is { } g ? $"{string.Concat(g.Grades.Select(x => Symbol(x.Status)))} {g.Passed}/{c.Ids.Count}" : "not submitted")));
            sb.Append($" | {Mine(s).Sum(g => g.Passed)}/{columns.Sum(c => c.Ids.Count)} | {Md(Review(s))} |\n");
        }
        sb.Append("\n✅ passed · ❌ failed · ⬜ not attempted\n");
        var failures = grades.OrderBy(g => g.Student, StringComparer.Ordinal).ThenBy(g => g.Lesson, StringComparer.Ordinal)
            .SelectMany(g => g.Grades.Where(x => x.Status == GradeStatus.Failed).Select(x => $"- {Md(g.Student)}, exercise {x.Id}: {Md(x.Message)}")).ToList();
        if (failures.Count > 0) sb.Append("\n### Failures\n\n").Append(string.Join("\n", failures)).Append('\n');
        if (skipped.Count > 0) sb.Append("\n### Not graded\n\n").Append(string.Join("\n", skipped.Select(s => $"- {Md(s.Path)}: {Md(s.Why)}"))).Append('\n');
        return sb.ToString();
    }

    /// <summary>The learners, in order.</summary>
    public IReadOnlyList<string> Students => students;

    /// <summary>A learner's feedback page (Markdown): per lesson, each exercise with its status and message.</summary>
    public string Feedback(string student)
    {
        var sb = new StringBuilder($"# Feedback for {Md(student)}\n\n");
        sb.Append($"**{Mine(student).Sum(g => g.Passed)} of {columns.Sum(c => c.Ids.Count)} exercises passed.**\n");
        foreach (var (lesson, ids) in columns)
        {
            sb.Append($"\n## Lesson {lesson}\n\n");
            if (Of(student, lesson) is not { } g) { sb.Append("Not submitted.\n"); continue; }
            sb.Append($"{Md(g.File)}: {g.Passed} of {ids.Count} passed.\n\n| exercise | result | what the check said |\n|---|---|---|\n");
            foreach (var x in g.Grades) sb.Append($"| {x.Id} | {Symbol(x.Status)} {Word(x.Status)} | {Md(x.Message)} |\n");
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
