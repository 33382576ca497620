using System.Text;
using System.Text.Json;
using static Course.Notebooks.Tests.Lesson01Submissions;

namespace Course.Notebooks.Tests;

/// <summary>GitHub Classroom (issue 37): the handout carries the autograding workflow, and the command it runs grades a
/// learner's repository as Classroom creates it (a copy of the handout) and reports the points the reporter reads.</summary>
public class ClassroomTests
{
    [Fact]
    public void The_workflows_command_grades_a_learners_repository_and_reports_points_as_classroom_reads_them()
    {
        var repository = Path.Combine(Directory.CreateTempSubdirectory("course-classroom").FullName, "unsupervised-octo-learner");
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(2), "release", repository);
        Assert.True(code == 0, output);
        var workflow = File.ReadAllText(Path.Combine(repository, ".github", "workflows", "classroom.yml"));
        Assert.Contains("name: Autograding Tests", workflow);
        Assert.Contains("run-autograding-tests:", workflow);
        Assert.Contains("        id: grade\n        run: ./course classroom notebooks\n", workflow);
        Assert.Contains("GRADE_RESULTS: \"${{ steps.grade.outputs.result }}\"", workflow);
        Assert.Contains("runners: grade", workflow);

        // The learner's push: lesson 01 with Assign written, every other notebook as handed out. The kit's build stands
        // in for the workflow's (the command is the same program either way).
        Directory.CreateSymbolicLink(Path.Combine(repository, "lib", "Course.Kit", "bin"), Path.Combine(Kit.Root, "lib", "Course.Kit", "bin"));
        var notebook = Path.Combine(repository, "notebooks", "01-kmeans.dib");
        File.WriteAllText(notebook, WithBody(File.ReadAllText(notebook), Assign, ClassTerm.Correct));
        var outputs = Path.Combine(repository, "..", "github-output");
        var summary = Path.Combine(repository, "..", "step-summary");
        var environment = new Dictionary<string, string> { ["GITHUB_OUTPUT"] = outputs, ["GITHUB_STEP_SUMMARY"] = summary, ["GITHUB_ACTOR"] = "octo-learner" };
        (code, output) = Kit.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), "classroom", "notebooks"], repository, TimeSpan.FromMinutes(5), environment);
        Assert.True(code == 0, output);
        int exercises = Kit.SolutionNotebooks.Sum(p => Grading.LessonExercises.ExerciseIds(DibFile.Read(p)).Count);
        Assert.Contains($"Points 1/{exercises}", output);
        Assert.Contains("# Feedback for octo-learner", File.ReadAllText(summary));

        var line = Assert.Single(File.ReadAllLines(outputs));
        Assert.StartsWith("result=", line);
        using var result = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(line["result=".Length..])));
        var root = result.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("fail", root.GetProperty("status").GetString());
        Assert.Equal(exercises, root.GetProperty("max_score").GetDouble());
        var tests = root.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(exercises, tests.Count);
        Assert.Equal(1, tests.Sum(t => t.GetProperty("score").GetDouble()));
        var assign = tests.Single(t => t.GetProperty("name").GetString() == "01.1 Assign");
        Assert.Equal("pass", assign.GetProperty("status").GetString());
        Assert.Equal("01-kmeans.dib", assign.GetProperty("filename").GetString());
        var update = tests.Single(t => t.GetProperty("name").GetString() == "01.2 Update");
        Assert.Equal("fail", update.GetProperty("status").GetString());
        Assert.StartsWith("not attempted:", update.GetProperty("message").GetString());
        Assert.StartsWith("not attempted:", tests.Single(t => t.GetProperty("name").GetString()!.StartsWith("08.1")).GetProperty("message").GetString());
    }
}
