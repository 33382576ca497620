using Course.Notebooks.Grading;
namespace Course.Notebooks.Tests;

/// <summary>Every lesson's handed-out notebook takes no marks, as a class of its own. That every lesson's answers take
/// full marks, with only the set-up, the exercise cells and the checks run (so no exercise leans on a demonstration),
/// is shown on the learner's path: each lesson edited in place in a handout and graded (HandoutTests), which until
/// now repeated this class's grading of the solution notebooks themselves.</summary>
public class GradingAllLessonsTests
{
    [Fact]
    public void Untouched_notebooks_take_no_marks_across_all_lessons()
    {
        var folder = Directory.CreateTempSubdirectory("course-all-lessons").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "untouched"));
        foreach (var p in Kit.LearnerNotebooks) File.Copy(p, Path.Combine(folder, "untouched", Path.GetFileName(p)));
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(5), "grade", folder, "--jobs", "2");
        Assert.True(code == 0, output);
        var csv = File.ReadAllLines(Path.Combine(GradeCommand.DefaultOut(folder), "gradebook.csv"));
        var header = csv[0].Split(',');
        int total = header.Count(h => h.StartsWith("ex "));
        Assert.Equal(Kit.SolutionNotebooks.Sum(p => LessonExercisesOf(p)), total);
        var untouched = csv.Single(l => l.StartsWith("untouched,")).Split(',');
        Assert.True(untouched[1..(1 + total)].All(s => s == "not attempted"), output);
        Assert.Equal("0", untouched[Array.IndexOf(header, "points")]);
        Assert.True(File.Exists(Path.Combine(GradeCommand.DefaultOut(folder), "feedback", "untouched.html")));
    }

    private static int LessonExercisesOf(string path) => Grading.LessonExercises.ExerciseIds(DibFile.Read(path)).Count;
}
