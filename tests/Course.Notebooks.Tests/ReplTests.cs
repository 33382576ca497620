using Course.Notebooks.Grading;
namespace Course.Notebooks.Tests;

/// <summary>
/// The engine must not hide a problem VS Code would show: every learner notebook also runs cell for cell under
/// dotnet-repl, the stand-alone kernel (a local tool pinned in .config/dotnet-tools.json), with the notebook's folder
/// as the current directory as VS Code does. The solution notebooks run in the engine (RenderedLessons), which hosts
/// the same C# kernel; running them here too doubled this test to about 15 of the suite's 30 minutes. The lessons' times in
/// both kernels are measured by tests/Course.Benchmarks --lessons, not here.
/// </summary>
public class ReplTests
{
    [Fact]
    public void Every_learner_notebook_runs_under_dotnet_repl()
    {
        foreach (var nb in Kit.LearnerNotebooks)
        {
            // Every exercise reports "not attempted yet", and no output hides a failure as text.
            var problems = RenderedOutputs.Problems(AssertRunsInRepl(nb, "not attempted yet"));
            Assert.True(problems.Count == 0, $"{Path.GetFileName(nb)}:\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void A_learner_ipynb_runs_in_the_stand_alone_kernel_from_the_notebooks_folder()
    {
        // The Jupyter path: the generated .ipynb, opened where a learner opens it, its exercises reported as in the .dib.
        var executed = AssertRunsInRepl(LearnerNotebooks.IpynbPath(Path.Combine(Kit.Notebooks, "02-hierarchical.dib")), "not attempted yet");
        Assert.DoesNotContain("\"ename\"", executed);
        Assert.Contains("plotly", executed); // the charts were drawn
    }

    // Runs a notebook of notebooks/ under dotnet-repl with that folder as the current directory, checks every
    // exercise reported the status, and returns the executed notebook's JSON.
    private static string AssertRunsInRepl(string notebook, string status)
    {
        var restore = Kit.Run("dotnet", ["tool", "restore"], Kit.Root, TimeSpan.FromMinutes(5));
        Assert.True(restore.Code == 0, restore.Output);
        var output = Path.Combine(Directory.CreateTempSubdirectory("course-repl").FullName, Path.GetFileNameWithoutExtension(notebook) + ".ipynb");
        var (code, text) = Kit.Run("dotnet", ["repl", "--run", Path.GetFileName(notebook), "--exit-after-run", "--output-format", "ipynb", "--output-path", output],
            Kit.Notebooks, TimeSpan.FromSeconds(240));
        Assert.True(code == 0, $"dotnet repl failed on {Path.GetFileName(notebook)} (exit {code}):\n{text}");
        var executed = File.ReadAllText(output);
        foreach (var id in LessonExercises.ExerciseIds(DibFile.Read(notebook)))
            Assert.Contains($"[exercise {id}] {status}", executed);
        return executed;
    }
}
