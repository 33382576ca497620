using System.Text;
using System.Text.Json;

namespace Course.Notebooks.Grading;

/// <summary>
/// The <c>classroom</c> command, which the handout's GitHub Classroom workflow (<c>.github/workflows/classroom.yml</c>)
/// runs on every push: grades the learner's own notebooks (all of the folder's top as one learner, the worked copy of
/// each lesson where the .dib, .ipynb and .cs stand side by side) with the kit's grader, and reports one test per
/// exercise, with its points, in the form GitHub Classroom's reporter action
/// (<c>classroom-resources/autograding-grading-reporter</c>) reads: a JSON object
/// <c>{"version":1,"status":...,"max_score":...,"tests":[{"name","status","score","message",...}]}</c>, base64-encoded,
/// as the step output <c>result</c> (appended to the file <c>$GITHUB_OUTPUT</c> names). The reporter then posts
/// "Points X/Y", which the Classroom dashboard shows. The learner's feedback goes to the run's summary
/// (<c>$GITHUB_STEP_SUMMARY</c>) and to standard output.
/// </summary>
/// <remarks>The workflow runs in the learner's repository, which the learner controls, so its points are feedback and a
/// first look; the grade of record comes from <c>course grade</c> on the repositories as collected.</remarks>
public static class ClassroomCommand
{
    /// <summary>Grades <paramref name="folder"/> and reports as above; returns the exit code (0 when graded, whatever
    /// the points: the reporter marks the run by the tests' statuses).</summary>
    public static async Task<int> RunAsync(string folder, string? config, GraderOptions options, TextWriter console, TextWriter log)
    {
        if (!Directory.Exists(folder)) throw new ArgumentException($"{folder} is not a folder of notebooks.");
        var book = await GradeCommand.GradeAsync(folder, "", options, log, new ClassOptions(Config: config, OneLearner: Learner));
        if (book is null) return 1;
        var json = Result(book);
        var feedback = book.Feedback(Learner);
        console.WriteLine(feedback);
        console.WriteLine(FormattableString.Invariant($"Points {book.Points(Learner):0.##}/{book.MaxPoints:0.##}"));
        if (Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is { Length: > 0 } output)
            await File.AppendAllTextAsync(output, $"result={Convert.ToBase64String(Encoding.UTF8.GetBytes(json))}\n");
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            await File.AppendAllTextAsync(summary, feedback + "\n");
        return 0;
    }

    /// <summary>The learner's id in the gradebook: the GitHub account that pushed, else "learner".</summary>
    public static string Learner => SubmissionFiles.Clean(Environment.GetEnvironmentVariable("GITHUB_ACTOR") is { Length: > 0 } actor ? actor : "learner");

    /// <summary>The reporter's JSON for the one learner of <paramref name="book"/>: a test per exercise of the kit
    /// (lessons not handed in count as not attempted), scored with the config's points and overrides, a lesson
    /// pending review scoring 0 with the reason.</summary>
    public static string Result(Gradebook book)
    {
        var manifest = ExerciseManifest.Load(KitPaths.Root);
        var tests = new List<object>();
        double max = 0;
        foreach (var (lesson, exercises) in manifest.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var graded = book.Grades.LastOrDefault(g => g.Student == Learner && g.Lesson == lesson);
            bool pending = graded is not null && book.Pending(Learner, lesson);
            foreach (var e in exercises.Exercises)
            {
                var grade = graded?.Grades.FirstOrDefault(x => x.Id == e.Id);
                double worth = book.Config.PointsFor(e.Id), score = pending || grade is null ? 0 : book.ExercisePoints(Learner, grade);
                max += worth;
                tests.Add(new Dictionary<string, object?>
                {
                    ["name"] = $"{e.Id} {string.Join(", ", e.Cells.Where(c => c.IsLearners).SelectMany(c => c.Declares).Distinct())}",
                    ["status"] = grade?.Status == GradeStatus.Passed && !pending ? "pass" : "fail",
                    ["score"] = score,
                    ["max_score"] = worth,
                    ["message"] = Gradebook.OneLine(pending ? "your instructor reviews this lesson before its points count: " + string.Join(", ", graded!.Review)
                        : grade is null ? "lesson not handed in (no notebook of it with work in it)" : $"{Gradebook.Word(grade.Status)}: {grade.Message}"),
                    ["line_no"] = 0,
                    ["filename"] = graded?.File ?? "",
                });
            }
        }
        bool all = tests.Cast<Dictionary<string, object?>>().All(t => (string)t["status"]! == "pass");
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["version"] = 1, ["status"] = all ? "pass" : "fail", ["max_score"] = max, ["tests"] = tests });
    }
}
