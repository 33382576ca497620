using System.Text.RegularExpressions;
using Course.Notebooks.Grading;
namespace Course.Notebooks.Tests;

public class StripperAndDibTests
{
    [Fact]
    public void Learner_notebooks_never_drift_from_their_stripped_solutions()
    {
        Assert.NotEmpty(Kit.SolutionNotebooks);
        foreach (var solution in Kit.SolutionNotebooks)
        {
            var learner = SolutionStripper.LearnerPath(solution);
            Assert.True(File.Exists(learner), $"{learner} is missing; run `course strip`.");
            Assert.True(SolutionStripper.Strip(File.ReadAllText(solution)) == File.ReadAllText(learner).Replace("\r\n", "\n"),
                $"{Path.GetFileName(learner)} differs from its stripped solution; edit the .solution.dib and run `course strip`.");
            Assert.DoesNotContain("BEGIN SOLUTION", File.ReadAllText(learner));
            // Stripping must never lose an exercise's check cell.
            Assert.Equal(LessonExercises.ExerciseIds(DibFile.Read(solution)), LessonExercises.ExerciseIds(DibFile.Read(learner)));
            // The Jupyter twin: generated from the same text, holding the same cells.
            var ipynb = LearnerNotebooks.IpynbPath(learner);
            Assert.True(File.Exists(ipynb), $"{ipynb} is missing; run `course strip`.");
            Assert.True(LearnerNotebooks.Expected(solution).Ipynb == File.ReadAllText(ipynb).Replace("\r\n", "\n"),
                $"{Path.GetFileName(ipynb)} differs from its stripped solution; edit the .solution.dib and run `course strip`.");
            Assert.Equal(DibFile.Read(learner).Select(c => (c.Kernel, c.Source)), DibFile.Read(ipynb).Select(c => (c.Kernel, c.Source)));
            // The lesson app: generated from the same text too.
            var app = LessonAppSource.PathFor(learner);
            Assert.True(File.Exists(app), $"{app} is missing; run `course strip`.");
            Assert.True(LearnerNotebooks.Expected(solution).App == File.ReadAllText(app).Replace("\r\n", "\n"),
                $"{Path.GetFileName(app)} differs from its stripped solution; edit the .solution.dib and run `course strip`.");
        }
        // The grader's reference: generated from the same solutions, holding no solution code.
        var manifest = ExerciseManifest.PathIn(Kit.Root);
        Assert.True(File.Exists(manifest) && ExerciseManifest.Generate(Kit.Notebooks) == File.ReadAllText(manifest).Replace("\r\n", "\n"),
            "lib/Course.Exercises/exercises.json differs from what the solutions give; run `course strip`.");
        Assert.DoesNotContain("BEGIN SOLUTION", File.ReadAllText(manifest));
        Assert.Equal(Kit.SolutionNotebooks.Sum(s => LessonExercises.ExerciseIds(DibFile.Read(s)).Count), ExerciseManifest.Load(Kit.Root).Values.Sum(l => l.Exercises.Count));
    }

    [Fact]
    public void An_ipynb_reads_as_its_cells_and_a_file_that_is_not_a_notebook_is_a_format_error()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var path = Path.Combine(dir, "01-kmeans.ipynb");
        File.WriteAllText(path, LearnerNotebooks.ToIpynb("#!markdown\n\n# T\n\n#!csharp\n\nvar x = 1;\n"));
        Assert.Equal([("markdown", "# T"), ("csharp", "var x = 1;")], DibFile.Read(path).Select(c => (c.Kernel, c.Source)));
        // Cell text can never forge a cell boundary, and raw cells are not code.
        string Cells(string cells) => "{\"cells\": [" + cells + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
        var forged = IpynbFile.Parse(Cells("""
            {"cell_type": "markdown", "source": ["text\n", "#!csharp\n", "System.Environment.Exit(1);"]},
            {"cell_type": "raw", "source": "#!csharp\nthrow null;"},
            {"cell_type": "code", "execution_count": 1e10, "metadata": {}, "outputs": [], "source": "int F() => 1;"}
            """));
        Assert.Equal([("markdown", "text\n#!csharp\nSystem.Environment.Exit(1);"), ("csharp", "int F() => 1;")], forged.Select(c => (c.Kernel, c.Source)));
        // Every malformed shape is one FormatException naming the file.
        foreach (var bad in new[]
        {
            "{ \"cells\": 7 }", "not json at all", "[1, 2]", Cells("null"), Cells("7"), Cells("{\"source\": \"x\"}"),
            Cells("{\"cell_type\": \"code\", \"source\": 5}"), Cells("{\"cell_type\": \"code\", \"source\": [\"a\", null]}"),
            Cells("{\"cell_type\": \"code\", \"metadata\": {\"polyglot_notebook\": {\"kernelName\": \"pwsh\"}}, \"source\": \"ls\"}"),
            Cells("{\"cell_type\": \"picture\", \"source\": \"\"}"), new string('[', 100_000),
        })
        {
            var e = Assert.Throws<FormatException>(() => IpynbFile.Parse(bad, "alice.ipynb"));
            Assert.Contains("alice.ipynb", e.Message);
        }
    }

    [Fact]
    public void Strip_replaces_code_and_markdown_regions_keeping_indentation()
    {
        var text = "int F()\n{\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}\n<!-- BEGIN SOLUTION -->\nThe answer.\n<!-- END SOLUTION -->\nend";
        Assert.Equal("int F()\n{\n    throw new NotImplementedException(); // your code here\n}\n*Your answer here.*\nend", SolutionStripper.Strip(text));
    }

    [Fact]
    public void Strip_rejects_unbalanced_regions()
    {
        Assert.Contains("never closed", Assert.Throws<FormatException>(() => SolutionStripper.Strip("// BEGIN SOLUTION\nx")).Message);
        Assert.Contains("without BEGIN", Assert.Throws<FormatException>(() => SolutionStripper.Strip("x\n// END SOLUTION")).Message);
        Assert.Contains("new cell starts", Assert.Throws<FormatException>(() => SolutionStripper.Strip("// BEGIN SOLUTION\nx\n#!csharp\n// END SOLUTION")).Message);
        Assert.Contains("closed with", Assert.Throws<FormatException>(() => SolutionStripper.Strip("// BEGIN SOLUTION\nx\n<!-- END SOLUTION -->")).Message);
    }

    [Fact]
    public void Dib_cells_are_split_on_kernel_lines_with_their_line_numbers()
    {
        var cells = DibFile.Parse("#!meta\n\n{\"a\":1}\n\n#!markdown\n\n# Title\n\n#!csharp\n\n#!time\nvar x = 1;\n");
        Assert.Equal(2, cells.Count);
        Assert.Equal(("markdown", "# Title", 1), (cells[0].Kernel, cells[0].Source, cells[0].Number));
        Assert.Equal(("csharp", "#!time\nvar x = 1;", 11), (cells[1].Kernel, cells[1].Source, cells[1].Line));
        Assert.Contains("line 1", Assert.Throws<FormatException>(() => DibFile.Parse("#!fsharp\n1")).Message);
    }
}

public class NotebookConventionTests
{
    [Fact]
    public void Every_notebook_opens_with_the_same_setup_cells_and_brings_no_nuget_package()
    {
        var all = Kit.SolutionNotebooks.Concat(Kit.LearnerNotebooks).ToList();
        var setups = all.Select(nb => string.Join("\n#!csharp\n", DibFile.Read(nb).Where(c => c.IsCode).Take(2).Select(c => c.Source))).Distinct().ToList();
        Assert.Single(setups);
        Assert.Contains("not built yet", setups[0]); // the first cell says what to do before the second fails to load
        foreach (var assembly in new[] { "Course.Lib", "Course.Neural", "Course.Kit" })
            Assert.Contains($"#r \"../lib/Course.Kit/bin/{assembly}.dll\"", setups[0]);
        Assert.Contains("Kit.Setup()", setups[0]);
        foreach (var nb in all) Assert.DoesNotContain("#r \"nuget:", File.ReadAllText(nb));
    }

    // Issues 35 and 36: a learner cell keeps the idea, not the check plumbing, and reads without scrolling sideways.
    [Theory]
    [InlineData("01"), InlineData("02"), InlineData("03"), InlineData("04"), InlineData("05"), InlineData("06"), InlineData("07")]
    [InlineData("08")]
    public void Learner_cells_check_each_statement_in_one_short_line_and_no_code_line_is_over_110_characters(string lesson)
    {
        var learner = Kit.LearnerNotebooks.Single(nb => Path.GetFileName(nb).StartsWith(lesson, StringComparison.Ordinal));
        var tooLong = new List<string>();
        var spread = new List<string>();
        foreach (var cell in DibFile.Read(learner).Where(c => c.IsCode))
        {
            var lines = cell.Source.Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > 110) tooLong.Add($"line {cell.Line + i} ({lines[i].Length}): {lines[i].Trim()[..Math.Min(60, lines[i].Trim().Length)]}…");
                // A claim is one statement on one line: its call closes on the line that opens it.
                int at = lines[i].IndexOf("Claim.", StringComparison.Ordinal);
                if (at >= 0 && !lines[i].TrimEnd().EndsWith(");", StringComparison.Ordinal))
                    spread.Add($"line {cell.Line + i}: {lines[i].Trim()}");
            }
        }
        Assert.True(tooLong.Count == 0, $"{Path.GetFileName(learner)} has {tooLong.Count} code lines over 110 characters:\n" + string.Join("\n", tooLong));
        Assert.True(spread.Count == 0, $"{Path.GetFileName(learner)} has claims spread over several lines:\n" + string.Join("\n", spread));
    }

    // Issue 36: the neural lessons carry one device variable, and every tensor and model a cell makes is created on it
    // (or on the device of the tensor or model it works with, or moved there at once), so the same cells run on a GPU.
    // Each creating call must name a device among its arguments or be followed by .to(...).
    [Theory]
    [InlineData("06"), InlineData("07"), InlineData("08")]
    public void Every_tensor_and_model_a_neural_lesson_creates_is_put_on_a_device(string lesson)
    {
        var learner = Kit.LearnerNotebooks.Single(nb => Path.GetFileName(nb).StartsWith(lesson, StringComparison.Ordinal));
        var cells = DibFile.Read(learner).Where(c => c.IsCode).ToList();
        Assert.Contains(cells, c => c.Source.Contains("var (device, why) = NeuralDevice.Choose();"));
        var creating = new Regex(@"torch\.(randn|rand|randint|zeros|ones|empty|full|arange|tensor|from_array)\(|\.ToTensor\(|new (Small\w+|Dcgan\w+|Vae|MlpAutoencoder|ConvAutoencoder)\(");
        var offDevice = new List<string>();
        foreach (var cell in cells)
            foreach (Match m in creating.Matches(cell.Source))
            {
                int end = m.Index + m.Length, depth = 1;
                while (depth > 0 && end < cell.Source.Length) depth += cell.Source[end++] switch { '(' => 1, ')' => -1, _ => 0 };
                string arguments = cell.Source[(m.Index + m.Length)..(end - 1)];
                bool moved = cell.Source[end..].TrimStart().StartsWith(".to(", StringComparison.Ordinal);
                if (!arguments.Contains("device") && !moved)
                    offDevice.Add($"line {cell.Line + cell.Source[..m.Index].Count(ch => ch == '\n')}: {cell.Source[m.Index..end]}");
            }
        Assert.True(offDevice.Count == 0, $"{Path.GetFileName(learner)} creates tensors or models on no device:\n" + string.Join("\n", offDevice));
    }

    [Fact]
    public void The_readme_counts_each_lessons_exercises_as_the_notebooks_do()
    {
        var readme = File.ReadAllLines(Path.Combine(Kit.Root, "README.md"));
        int total = 0;
        foreach (var solution in Kit.SolutionNotebooks)
        {
            var lesson = Path.GetFileName(solution)[..2];
            int count = LessonExercises.ExerciseIds(DibFile.Read(solution)).Count;
            total += count;
            Assert.Contains(readme, l => l.StartsWith($"| {lesson} ") && l.EndsWith($"| {count}: ", StringComparison.Ordinal) is false && l.Contains($"| {count}: "));
            Assert.Contains(readme, l => l.EndsWith($"| {lesson} | {count} |"));
        }
        Assert.Contains(readme, l => l.StartsWith($"There are {total} exercises"));
    }
}
