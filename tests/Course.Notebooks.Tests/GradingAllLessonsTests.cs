using Course.Notebooks.Grading;
namespace Course.Notebooks.Tests;

/// <summary>Every lesson's exercises grade on their own: the solutions take full marks and the handed-out notebooks
/// none, with only the set-up, the exercise cells and the checks run (so no exercise leans on a demonstration).</summary>
public class GradingAllLessonsTests
{
    [Fact]
    public void Solutions_take_full_marks_and_untouched_notebooks_none_across_all_lessons()
    {
        var folder = Directory.CreateTempSubdirectory("course-all-lessons").FullName;
        foreach (var (student, paths) in new[] { ("solutions", Kit.SolutionNotebooks), ("untouched", Kit.LearnerNotebooks) })
        {
            Directory.CreateDirectory(Path.Combine(folder, student));
            foreach (var p in paths) File.Copy(p, Path.Combine(folder, student, Path.GetFileName(p).Replace(SolutionStripper.SolutionSuffix, ".dib")));
        }
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(15), "grade", folder, "--jobs", "2", "--cell-timeout", "120", "--timeout", "600");
        Assert.True(code == 0, output);
        var csv = File.ReadAllLines(Path.Combine(GradeCommand.DefaultOut(folder), "gradebook.csv"));
        var header = csv[0].Split(',');
        int total = header.Count(h => h.StartsWith("ex "));
        Assert.Equal(Kit.SolutionNotebooks.Sum(p => LessonExercisesOf(p)), total);
        var solutions = csv.Single(l => l.StartsWith("solutions,")).Split(',');
        Assert.True(solutions[1..(1 + total)].All(s => s == "passed"), output);
        Assert.Equal($"{total}", solutions[Array.IndexOf(header, "passed")]);
        var untouched = csv.Single(l => l.StartsWith("untouched,")).Split(',');
        Assert.True(untouched[1..(1 + total)].All(s => s == "not attempted"), output);
        Assert.True(File.Exists(Path.Combine(GradeCommand.DefaultOut(folder), "feedback", "solutions.html")));
    }

    private static int LessonExercisesOf(string path) => Grading.LessonExercises.ExerciseIds(DibFile.Read(path)).Count;
}
