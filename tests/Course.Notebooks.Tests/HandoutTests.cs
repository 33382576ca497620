namespace Course.Notebooks.Tests;

/// <summary>The learner handout: no solutions or tests, a solution file that builds without them, and grading and
/// set-up that explain an unbuilt library and grade without the instructor's files.</summary>
public class HandoutTests
{
    [Fact]
    public void Release_writes_a_handout_without_solutions_that_self_grades()
    {
        var handout = Path.Combine(Directory.CreateTempSubdirectory("course-handout").FullName, "unsupervised");
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(2), "release", handout);
        Assert.True(code == 0, output);
        var files = Directory.EnumerateFiles(handout, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(handout, f)).ToList();
        Assert.DoesNotContain(files, f => f.EndsWith(".solution.dib") || f.StartsWith("tests") || f.Contains("/bin/") || f.Contains("/obj/"));
        foreach (var learner in Kit.LearnerNotebooks)
        {
            Assert.Contains(Path.Combine("notebooks", Path.GetFileName(learner)), files);
            Assert.Contains(Path.Combine("notebooks", Path.GetFileName(LearnerNotebooks.IpynbPath(learner))), files);
        }
        Assert.Contains(Path.Combine(".vscode", "extensions.json"), files);
        Assert.Contains(Path.Combine("datasets", "iris.csv"), files);
        Assert.Contains(Path.Combine("lib", "Course.Exercises", "Lesson01Checks.cs"), files);
        var sln = File.ReadAllText(Path.Combine(handout, "Course.sln"));
        Assert.DoesNotContain("tests", sln);
        Assert.Contains("Course.Kit.csproj", sln);
        var readme = File.ReadAllText(Path.Combine(handout, "README.md"));
        Assert.Contains("| 08 GANs |", readme);
        // The learner hears the same about the platform and the routes as the kit's README says.
        Assert.Contains("## Quick start", readme);
        Assert.Contains("## The notebook platform", readme);
        Assert.Contains("24 April 2026", readme);
        Assert.Contains("dotnet interactive jupyter install", readme);
        Assert.DoesNotContain("dotnet tool install -g", readme);
        Assert.Contains("course", files);
        Assert.Contains(Path.Combine(".config", "dotnet-tools.json"), files);
        Assert.NotEqual(0, Kit.Course(TimeSpan.FromMinutes(1), "release", handout).Code); // never into a non-empty folder

        // Not built yet: the grader and the notebook's first cell both say so, with the command.
        var course = Path.Combine(AppContext.BaseDirectory, "course.dll");
        var notebook = Path.Combine("notebooks", "01-kmeans.dib");
        (code, output) = Kit.Run("dotnet", [course, "grade", notebook], handout, TimeSpan.FromMinutes(1));
        Assert.Equal(2, code);
        Assert.Contains("not built", output);
        Assert.Contains("dotnet build Course.sln -c Release", output);
        var firstCell = Path.Combine(handout, "notebooks", "first-cell.dib");
        File.WriteAllText(firstCell, "#!csharp\n\n" + DibFile.Read(Path.Combine(handout, notebook)).First(c => c.IsCode).Source + "\n");
        (code, output) = Kit.Course(TimeSpan.FromMinutes(2), "run", firstCell, "--out", Directory.CreateTempSubdirectory("course-out").FullName);
        Assert.Equal(1, code);
        Assert.Contains("dotnet build Course.sln -c Release", output);
        File.Delete(firstCell);

        // Built (the kit's build stands in): the learner's own notebook is graded against the handout's lessons.
        Directory.CreateSymbolicLink(Path.Combine(handout, "lib", "Course.Kit", "bin"), Path.Combine(Kit.Root, "lib", "Course.Kit", "bin"));
        (code, output) = Kit.Run("dotnet", [course, "grade", notebook], handout, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);
        Assert.DoesNotContain("matches no lesson", output);
        Assert.Contains("0 of 8 exercises passed", output);
        Assert.Contains("not attempted", output);
        // The engine finds the handout's lessons from the learner notebooks, as there are no solutions: the README's
        // `./course list` and `./course run 02` (which failed with "no lesson" until the catalogue read them).
        (code, output) = Kit.Run("dotnet", [course, "list"], handout, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        Assert.Contains($"in {Kit.SolutionNotebooks.Count} lessons", output);
        Assert.Contains("02-hierarchical", output);

        // A learner who hands in the whole notebooks folder: the worked .dib and the blank .ipynb beside it (and a
        // Jupyter checkpoint). The one with work in it is graded, whichever sorts last.
        var submissions = Directory.CreateTempSubdirectory("course-both").FullName;
        var alice = Directory.CreateDirectory(Path.Combine(submissions, "alice")).FullName;
        File.WriteAllText(Path.Combine(alice, "01-kmeans.dib"), File.ReadAllText(Path.Combine(Kit.Notebooks, "01-kmeans.solution.dib")));
        File.Copy(Path.Combine(Kit.Notebooks, "01-kmeans.ipynb"), Path.Combine(alice, "01-kmeans.ipynb"));
        Directory.CreateDirectory(Path.Combine(alice, ".ipynb_checkpoints"));
        File.Copy(Path.Combine(Kit.Notebooks, "01-kmeans.ipynb"), Path.Combine(alice, ".ipynb_checkpoints", "01-kmeans-checkpoint.ipynb"));
        (code, output) = Kit.Course(TimeSpan.FromMinutes(5), "grade", submissions);
        Assert.True(code == 0, output);
        Assert.Contains("grading 01-kmeans.dib, the one with work in it", output);
        Assert.Matches(@"\| alice \| \S+ 8/8 \| 8/8 \|", output);
    }

    /// <summary>The loop the handout README teaches, for every lesson: edit the learner notebook in place (the stubs
    /// replaced by the solution's code), grade it with the README's command, get full marks; the same in Jupyter's
    /// .ipynb, graded while the .dib beside it is edited too, and in the lesson app's .cs. A notebook as handed out
    /// still gets "not attempted".</summary>
    [Fact]
    public void In_a_handout_each_lesson_edited_in_place_and_graded_gets_full_marks_as_dib_ipynb_and_lesson_app()
    {
        var handout = Path.Combine(Directory.CreateTempSubdirectory("course-handout-loop").FullName, "unsupervised");
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(2), "release", handout);
        Assert.True(code == 0, output);
        Directory.CreateSymbolicLink(Path.Combine(handout, "lib", "Course.Kit", "bin"), Path.Combine(Kit.Root, "lib", "Course.Kit", "bin"));
        var course = Path.Combine(AppContext.BaseDirectory, "course.dll");
        // The README's command, `dotnet run --project lib/Course.Notebooks -c Release -- grade notebooks/NN-name.dib`,
        // builds and then runs this program from the handout's root with these arguments.
        (int, string) Grade(string notebook) => Kit.Run("dotnet", [course, "grade", Path.Combine("notebooks", notebook)], handout, TimeSpan.FromMinutes(10));
        Assert.Contains("grade notebooks/01-kmeans.dib", File.ReadAllText(Path.Combine(handout, "README.md")));

        foreach (var solution in Kit.SolutionNotebooks)
        {
            var dib = Path.GetFileName(SolutionStripper.LearnerPath(solution));
            int exercises = Grading.LessonExercises.ExerciseIds(DibFile.Read(solution)).Count;
            File.WriteAllText(Path.Combine(handout, "notebooks", dib), Answered(solution));
            (code, output) = Grade(dib);
            Assert.True(code == 0, $"{dib}: {output}");
            Assert.Contains($"{exercises} of {exercises} exercises passed", output);
        }
        // The .ipynb as handed out, while the .dib beside it holds the answers: nothing attempted, nothing passes.
        (code, output) = Grade("01-kmeans.ipynb");
        Assert.True(code == 0, output);
        Assert.Contains("0 of 8 exercises passed", output);
        Assert.Contains("not attempted", output);
        // The other two forms edited in place and graded end to end: the .ipynb of a lesson with plain functions and
        // the lesson app of one whose cells declare types (moved to the app's end). That every lesson's three forms
        // plan the same cells, and so get the same grades, is checked without running them, in the test below.
        foreach (var (solution, form) in new[] { (Kit.SolutionNotebooks.First(), ".ipynb"), (Kit.SolutionNotebooks.Single(p => Path.GetFileName(p).StartsWith("06-", StringComparison.Ordinal)), ".cs") })
        {
            var dib = Path.GetFileName(SolutionStripper.LearnerPath(solution));
            var file = Path.ChangeExtension(dib, form);
            if (form == ".cs") Assert.Equal(LearnerNotebooks.Expected(solution).App, File.ReadAllText(Path.Combine(handout, "notebooks", file)).Replace("\r\n", "\n"));
            int exercises = Grading.LessonExercises.ExerciseIds(DibFile.Read(solution)).Count;
            File.WriteAllText(Path.Combine(handout, "notebooks", file), InForm(Answered(solution), dib, form));
            (code, output) = Grade(file);
            Assert.True(code == 0, $"{file}: {output}");
            Assert.Contains($"{exercises} of {exercises} exercises passed", output);
        }
        // An edited manifest is refused with what to do, never graded against.
        var manifest = Grading.ExerciseManifest.PathIn(handout);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("Lesson01Checks.Assignment(", "Lesson01Checks.Update("));
        (code, output) = Grade("01-kmeans.dib");
        Assert.Equal(2, code);
        Assert.Contains("was edited", output);
    }

    [Fact]
    public void Every_lessons_answers_plan_the_same_cells_as_dib_ipynb_and_lesson_app()
    {
        // What the grader runs for a submission is its plan; equal plans get equal grades. The end-to-end grading above
        // runs one .ipynb and one lesson app; this covers every lesson's three forms.
        var lessons = Grading.ExerciseManifest.Load(Kit.Root);
        foreach (var solution in Kit.SolutionNotebooks)
        {
            var dib = Path.GetFileName(SolutionStripper.LearnerPath(solution));
            var lesson = lessons[dib[..2]];
            var cells = DibFile.Parse(InForm(Answered(solution), dib, ".dib"), dib);
            Assert.Equal(lesson.Exercises.Count, Grading.SubmissionPlan.For(lesson, cells, Kit.Root).Run.Count);
            var expected = Plan(lesson, cells);
            foreach (var form in new[] { ".ipynb", ".cs" })
            {
                var path = Path.Combine(Directory.CreateTempSubdirectory("course-forms").FullName, Path.ChangeExtension(dib, form));
                File.WriteAllText(path, InForm(Answered(solution), dib, form));
                Assert.Equal(expected, Plan(lesson, DibFile.Read(path)));
            }
        }
        static string Plan(Grading.LessonExercises lesson, IReadOnlyList<Cell> cells) =>
            string.Join("\n\n", Grading.SubmissionPlan.For(lesson, cells, Kit.Root).Run.Select(r => r.Id + ": " + string.Join("\n---\n", r.Cells) + " → " + r.Check + "(" + string.Join(", ", r.Functions) + ")"));
    }

    // A lesson's answered text in one of the three forms a learner edits.
    private static string InForm(string answered, string dib, string form) => form switch
    {
        ".ipynb" => LearnerNotebooks.ToIpynb(answered),
        ".cs" => LessonAppSource.Generate(answered, dib),
        _ => answered,
    };

    // A learner's notebook with every exercise done: the solution's text without its BEGIN/END SOLUTION marker lines,
    // which is the handed-out notebook with each stub replaced by working code.
    private static string Answered(string solution) => string.Join("\n",
        File.ReadAllText(solution).Replace("\r\n", "\n").Split('\n').Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*(//|<!--)\s*(BEGIN|END) SOLUTION\b")));
}
