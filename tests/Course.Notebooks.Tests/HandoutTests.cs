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
        Assert.Contains(Path.Combine("lib", "Course.Kit", "Exercises", "Lesson01Checks.cs"), files);
        var sln = File.ReadAllText(Path.Combine(handout, "Course.sln"));
        Assert.DoesNotContain("tests", sln);
        Assert.Contains("Course.Kit.csproj", sln);
        Assert.Contains("| 08 GANs |", File.ReadAllText(Path.Combine(handout, "README.md")));
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
        Assert.Contains("0 of 6 exercises passed", output);
        Assert.Contains("not attempted", output);
        // The Jupyter version is graded the same way: as handed out, nothing passes; with the answers in, everything does.
        (code, output) = Kit.Run("dotnet", [course, "grade", Path.Combine("notebooks", "01-kmeans.ipynb")], handout, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);
        Assert.Contains("0 of 6 exercises passed", output);
        var answered = Path.Combine(Directory.CreateTempSubdirectory("course-ipynb").FullName, "01-kmeans.ipynb");
        File.WriteAllText(answered, LearnerNotebooks.ToIpynb(File.ReadAllText(Path.Combine(Kit.Notebooks, "01-kmeans.solution.dib"))));
        (code, output) = Kit.Course(TimeSpan.FromMinutes(5), "grade", answered);
        Assert.True(code == 0, output);
        Assert.Contains("6 of 6 exercises passed", output);

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
        Assert.Matches(@"\| alice \| \S+ 6/6 \| 6/6 \|", output);
    }
}
