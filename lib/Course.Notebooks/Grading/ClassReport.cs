using System.Globalization;
using System.Text;

namespace Course.Notebooks.Grading;

/// <summary>
/// The class at a glance, for the instructor: per exercise how many handed it in, the share that passed and the
/// failure messages most learners got (the same mistake gives the same message, since every learner's function meets
/// the same test vectors); the exercise that tripped most learners; who is missing; and the distribution of points as
/// a bar chart (drawn here as SVG, so the page needs nothing online).
/// </summary>
public static class ClassReport
{
    /// <summary>Failure messages listed per exercise.</summary>
    public const int CommonFailures = 3;

    /// <summary>One exercise across the class.</summary>
    public sealed record ExerciseSummary(string Id, int HandedIn, int Passed, int Failed, int NotAttempted, IReadOnlyList<(string Message, int Learners)> Failures)
    {
        /// <summary>Passed over handed in (0 when none was).</summary>
        public double PassRate => HandedIn == 0 ? 0 : (double)Passed / HandedIn;
    }

    /// <summary>Every exercise of the lessons graded, in order.</summary>
    public static IReadOnlyList<ExerciseSummary> Exercises(Gradebook book) =>
        book.Columns.SelectMany(c => c.Ids.Select(id =>
        {
            var graded = book.Grades.Where(g => g.Lesson == c.Lesson).GroupBy(g => g.Student).Select(g => g.Last())
                .Select(g => g.Grades.First(x => x.Id == id)).ToList();
            var failures = graded.Where(x => x.Status == GradeStatus.Failed).GroupBy(x => Gradebook.OneLine(x.Message))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(CommonFailures)
                .Select(g => (g.Key, g.Count())).ToList();
            return new ExerciseSummary(id, graded.Count, graded.Count(x => x.Status == GradeStatus.Passed),
                graded.Count(x => x.Status == GradeStatus.Failed), graded.Count(x => x.Status == GradeStatus.NotAttempted), failures);
        })).ToList();

    /// <summary>The exercise most learners failed (ties: the lower pass rate, then the first), or null when none failed.</summary>
    public static ExerciseSummary? MostFailed(Gradebook book)
        => Exercises(book).Where(e => e.Failed > 0).OrderByDescending(e => e.Failed).ThenBy(e => e.PassRate).FirstOrDefault();

    /// <summary>The report as Markdown.</summary>
    public static string Markdown(Gradebook book)
    {
        var exercises = Exercises(book);
        var handedIn = book.Students.Where(s => book.Grades.Any(g => g.Student == s)).ToList();
        var missing = book.Students.Where(s => book.Standing(s) == "missing").ToList();
        var sb = new StringBuilder("# Class report\n\n");
        sb.Append(Invariant($"{handedIn.Count} learner(s) handed work in"));
        if (missing.Count > 0) sb.Append(Invariant($"; {missing.Count} on the roster handed nothing in: {string.Join(", ", missing.Select(Gradebook.Md))}"));
        sb.Append(".\n\n");
        if (handedIn.Count > 0)
        {
            var points = handedIn.Select(book.Points).Order().ToList();
            sb.Append(Invariant($"Points (of {book.MaxPoints:0.##}): median {Median(points):0.##}, lowest {points[0]:0.##}, highest {points[^1]:0.##}."));
            int pending = handedIn.Count(s => book.Columns.Any(c => book.Pending(s, c.Lesson)));
            int late = handedIn.Count(s => book.Columns.Any(c => book.Late(s, c.Lesson)));
            if (pending > 0) sb.Append(Invariant($" {pending} learner(s) have a lesson pending review (not counted)."));
            if (late > 0) sb.Append(Invariant($" {late} learner(s) handed a lesson in late."));
            sb.Append("\n\n");
        }
        if (MostFailed(book) is { } worst)
            sb.Append(Invariant($"**Most failed: exercise {worst.Id}**, failed by {worst.Failed} of the {worst.HandedIn} who handed it in; most often: {Gradebook.Md(worst.Failures[0].Message)}\n\n"));
        sb.Append("| exercise | handed in | passed | pass rate | failed | not attempted | most common failures (learners) |\n|---|---|---|---|---|---|---|\n");
        foreach (var e in exercises)
            sb.Append(Invariant($"| {e.Id} | {e.HandedIn} | {e.Passed} | {e.PassRate:P0} | {e.Failed} | {e.NotAttempted} | {string.Join("<br>", e.Failures.Select(f => $"({f.Learners}) {Gradebook.Md(f.Message)}"))} |\n"));
        return sb.ToString();
    }

    /// <summary>The report as a page: the Markdown, then the distribution of points.</summary>
    public static string Html(Gradebook book)
    {
        var points = book.Students.Where(s => book.Grades.Any(g => g.Student == s)).Select(book.Points).ToList();
        return Rendering.GradingPage(Markdown(book).Replace("<br>", " · "), "Class report", "<h2>Points</h2>\n" + Histogram(points, book.MaxPoints));
    }

    /// <summary>A bar chart of how many learners scored each range of points: at most 20 bars, as SVG.</summary>
    public static string Histogram(IReadOnlyList<double> points, double max)
    {
        // One bar per whole point up to 19 points, else 20 bars of max / 19 each; a score goes to the nearest bar.
        int bins = Math.Max(1, (int)Math.Min(20, Math.Floor(max) + 1));
        double width = bins > 1 ? max / (bins - 1) : 1;
        var counts = new int[bins];
        foreach (var p in points) counts[Math.Clamp((int)Math.Round(p / width), 0, bins - 1)]++;
        int top = Math.Max(1, counts.Max());
        const int w = 640, h = 240, left = 40, bottom = 30;
        double bar = (w - left - 10) / (double)bins;
        var sb = new StringBuilder(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"learners by points\">"));
        for (int i = 0; i < bins; i++)
        {
            double height = (h - bottom - 10) * counts[i] / (double)top, x = left + i * bar;
            sb.Append(Invariant($"<rect x=\"{x + 2:0.#}\" y=\"{h - bottom - height:0.#}\" width=\"{bar - 4:0.#}\" height=\"{height:0.#}\" fill=\"#4c78a8\"><title>{counts[i]} learner(s) at {i * width:0.##} points</title></rect>"));
            sb.Append(Invariant($"<text x=\"{x + bar / 2:0.#}\" y=\"{h - bottom + 16}\" font-size=\"11\" text-anchor=\"middle\">{i * width:0.#}</text>"));
            if (counts[i] > 0) sb.Append(Invariant($"<text x=\"{x + bar / 2:0.#}\" y=\"{h - bottom - height - 3:0.#}\" font-size=\"11\" text-anchor=\"middle\">{counts[i]}</text>"));
        }
        sb.Append(Invariant($"<text x=\"{left}\" y=\"{h - 2}\" font-size=\"11\">points (of {max:0.##}); bar height: learners</text></svg>\n"));
        return sb.ToString();
    }

    private static double Median(IReadOnlyList<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
