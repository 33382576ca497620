using System.Text.Json.Nodes;
using Course.Notebooks.Grading;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Course.Notebooks.Tests;

/// <summary>Every lesson runs headless in the engine, writes .ipynb and HTML, and its exercise checks behave.</summary>
[Collection("rendered lessons")]
public class LessonRunTests(RenderedLessons rendered)
{
    [Fact]
    public void Every_solution_notebook_runs_and_passes_every_exercise()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        foreach (var nb in Kit.SolutionNotebooks)
        {
            var ids = LessonExercises.ExerciseIds(DibFile.Read(nb));
            Assert.True(ids.Count >= 3, $"{Path.GetFileName(nb)} has {ids.Count} exercises; lessons need at least 3.");
            var ipynb = File.ReadAllText(Path.Combine(rendered.SolutionsOut, Path.GetFileNameWithoutExtension(nb) + ".ipynb"));
            foreach (var id in ids) Assert.Contains($"[exercise {id}] passed", ipynb);
            Assert.DoesNotContain("FAILED", ipynb);
        }
    }

    [Fact]
    public void Main_command_reports_time_per_notebook_and_writes_valid_ipynb_and_offline_html()
    {
        Assert.Matches(new Regex(@"01-kmeans\.solution\.dib\s+[\d.]+s\s+ok"), rendered.Solutions.Output);
        foreach (var nb in Kit.SolutionNotebooks)
        {
            var name = Path.GetFileNameWithoutExtension(nb);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(rendered.SolutionsOut, name + ".ipynb")));
            var cells = doc.RootElement.GetProperty("cells");
            Assert.Equal(DibFile.Read(nb).Count + 1, cells.GetArrayLength()); // the notebook's cells after the "rendered copy" note
            Assert.Contains("A rendered copy of", cells[0].GetProperty("source")[0].GetString());
            Assert.Contains(cells.EnumerateArray(), c => c.TryGetProperty("outputs", out var o) && o.GetArrayLength() > 0);
            var html = File.ReadAllText(Path.Combine(rendered.SolutionsOut, name + ".html"));
            // plotly.js linked once from the site's own files, and nothing else fetched.
            Assert.Single(Regex.Matches(html, @"<script src=""assets/plotly\.js""></script>"));
            var remote = Regex.Matches(html, @"(?:src|href)=""([^""#]+)""").Select(m => m.Groups[1].Value)
                .Where(u => (u.Contains(':') && !u.StartsWith("data:", StringComparison.Ordinal)) || u.StartsWith("//", StringComparison.Ordinal)).ToList();
            Assert.True(remote.Count == 0, $"{name}.html refers to {string.Join(", ", remote.Take(5))}");
            Assert.DoesNotContain("require.js", html);
            // Plotly.NET's default template is written once, in the page's head, and each chart on the page refers to it.
            Assert.DoesNotContain("\"template\":{", html);
            Assert.Single(Regex.Matches(html, @"window\.coursePlotlyTemplate = \{"));
            Assert.True(html.IndexOf("window.coursePlotlyTemplate = {", StringComparison.Ordinal) < html.IndexOf("<body", StringComparison.Ordinal));
            Assert.Equal(Regex.Matches(html, "var layout = ").Count, Regex.Matches(html, "\"template\":window\\.coursePlotlyTemplate").Count);
        }
        var plotly = File.ReadAllText(Path.Combine(rendered.SolutionsOut, "assets", "plotly.js"));
        Assert.Single(Regex.Matches(plotly, @"plotly\.js v\d+\.\d+\.\d+"));
        // The notebook's own outputs keep each chart's template: an output is drawn on its own in VS Code and Jupyter.
        var outputs = JsonNode.Parse(File.ReadAllText(Path.Combine(rendered.SolutionsOut, "02-hierarchical.solution.ipynb")))!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => o!["data"]?["text/html"])
            .Select(h => h is JsonArray lines ? string.Concat(lines.Select(l => (string)l!)) : (string?)h ?? "").ToList();
        Assert.Contains(outputs, h => h.Contains("\"template\":{", StringComparison.Ordinal));
        // The set-up cell's DataFrame formatter: lesson 01's customer table shows as a table with its size, not an object tree.
        Assert.Contains("DataFrame: 3,000 rows", File.ReadAllText(Path.Combine(rendered.SolutionsOut, "01-kmeans.solution.html")));
    }

    [Fact]
    public void No_rendered_output_hides_a_failure_as_text()
    {
        // The learner notebooks' outputs are checked the same way where they run, in ReplTests.
        foreach (var nb in Kit.SolutionNotebooks)
        {
            var problems = RenderedOutputs.Problems(File.ReadAllText(Path.Combine(rendered.SolutionsOut, Path.GetFileNameWithoutExtension(nb) + ".ipynb")));
            Assert.True(problems.Count == 0, $"{Path.GetFileName(nb)}:\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void A_failing_cell_is_reported_with_notebook_cell_and_line()
    {
        var (code, output) = RunNotebook("broken.dib", "#!markdown\n\n# t\n\n#!csharp\n\nvar ok = 1;\n\n#!csharp\n\nthrow new InvalidOperationException(\"planted\");\n");
        Assert.Equal(1, code);
        Assert.Contains("broken.dib, cell 3 (line 11)", output);
        Assert.Contains("planted", output);
    }

    /// <summary>An exception deep in a learner's function is reported at the line that threw, with the stack cut to the
    /// notebook's own functions: no Roslyn or kernel frames.</summary>
    [Fact]
    public void An_exception_is_reported_at_the_line_that_threw_with_only_the_notebooks_frames()
    {
        // Line 7 starts the cell; `return a[x];` is line 10 and the call, line 13.
        var (code, output) = RunNotebook("thrower.dib", "#!markdown\n\n# t\n\n#!csharp\n\nint Boom(int x)\n{\n    var a = new int[2];\n    return a[x];\n}\nvar y = 1;\nConsole.WriteLine(Boom(5));\n");
        Assert.Equal(1, code);
        Assert.Contains("thrower.dib, cell 2 (line 10): System.IndexOutOfRangeException", output);
        Assert.Contains("at Boom(Int32 x), line 10", output);
        Assert.Contains("at the cell's code, line 13", output);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", output);
        Assert.DoesNotContain("Submission#", output);
        Assert.True(new KernelSession().LineNumbers, "the kernel's script options moved: cells no longer carry line numbers");
    }

    // Writes a notebook of the given text to a new folder and runs it with the main command.
    private static (int Code, string Output) RunNotebook(string name, string text)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, name), text);
        return Kit.Course(TimeSpan.FromSeconds(120), "run", Path.Combine(dir, name), "--out", dir);
    }

    // Issue 36: the neural lessons ran above with COURSE_DEVICE forced; their device line took it, and the run (which
    // checks every tensor and model kept against the notebook's device) passed.
    [Fact]
    public void The_neural_lessons_run_on_the_device_forced_and_keep_every_tensor_on_it()
    {
        Assert.True(rendered.Solutions.Code == 0, rendered.Solutions.Output);
        foreach (var lesson in new[] { "06", "07", "08" })
        {
            var name = Path.GetFileNameWithoutExtension(Kit.SolutionNotebooks.Single(nb => Path.GetFileName(nb).StartsWith(lesson, StringComparison.Ordinal)));
            Assert.Contains($"Training on {Kit.TestDevice}, as COURSE_DEVICE asks.", File.ReadAllText(Path.Combine(rendered.SolutionsOut, name + ".ipynb")));
        }
    }

    [Fact]
    public void An_exception_in_a_function_of_an_earlier_cell_names_that_functions_line()
    {
        var (code, output) = RunNotebook("boom.dib", "#!markdown\n\n# t\n\n#!csharp\n\nint Boom(int x)\n{\n    var a = new int[2];\n    return a[x];\n}\n\n#!csharp\n\nvar y = 1;\nvar z = Boom(5);\n");
        Assert.Equal(1, code);
        Assert.Contains("boom.dib, cell 3 (line 10): System.IndexOutOfRangeException", output);
        Assert.Contains("   at Boom(Int32 x), line 10\n   at the cell's code, line 16", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_hung_cell_is_stopped_by_the_time_limit()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var nb = Path.Combine(dir, "hung.dib");
        File.WriteAllText(nb, "#!csharp\n\nwhile (true) { }\n");
        var (code, output) = Kit.Course(TimeSpan.FromSeconds(120), "run", nb, "--out", dir, "--cell-timeout", "5");
        Assert.Equal(1, code);
        Assert.Contains("did not finish within the 5 s time limit", output);
    }
}

/// <summary>The lessons' claims are live: a solution notebook whose statement stops holding fails its run.</summary>
public class ClaimRunTests
{
    [Fact]
    public void Breaking_a_claim_in_a_solution_notebook_fails_its_run_with_the_statement_and_the_figures()
    {
        // Lesson 02 as shipped, with one claim's threshold moved out of reach (no cluster can hold more than all of a
        // blob) and the library referenced where the copy can find it.
        var source = File.ReadAllText(Path.Combine(Kit.Notebooks, "02-hierarchical.solution.dib"));
        const string threshold = "shareInLargest[1], 0.8);";
        Assert.Contains(threshold, source);
        var broken = source.Replace(threshold, "shareInLargest[1], 1.5);").Replace("\"../lib/", $"\"{Kit.Root.Replace('\\', '/')}/lib/");
        var dir = Directory.CreateTempSubdirectory().FullName;
        var nb = Path.Combine(dir, "02-broken-claim.dib");
        File.WriteAllText(nb, broken);
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(5), "run", nb, "--out", dir);
        Assert.Equal(1, code);
        Assert.Contains("The lesson says: the share of a second blob in single linkage's largest cluster", output);
        Assert.Contains("(above 1.5)", output);
    }
}
