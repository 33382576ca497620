using Course.Notebooks.Grading;

namespace Course.Notebooks.Tests;

/// <summary>The grader's parts on their own: what it reads from the kit, what it runs, what it flags and how it writes.</summary>
public class GradingPartsTests
{
    [Fact]
    public void Every_lesson_defines_its_exercises_with_a_learner_cell_and_a_fully_qualified_check()
    {
        foreach (var solution in Kit.SolutionNotebooks)
        {
            var cells = DibFile.Read(solution);
            var lesson = LessonExercises.From(cells, Path.GetFileName(solution)[..2], Path.GetFileName(solution));
            Assert.Equal(LessonExercises.ExerciseIds(cells), lesson.Exercises.Select(e => e.Id));
            // The two set-up cells every lesson shares, and in the neural lessons one more for TorchSharp's names.
            bool neural = string.CompareOrdinal(Path.GetFileName(solution)[..2], "06") >= 0;
            Assert.Equal(neural ? 3 : 2, lesson.Setup.Count);
            if (neural) Assert.StartsWith("// Set-up for the neural lessons", lesson.Setup[2]);
            foreach (var e in lesson.Exercises)
            {
                Assert.StartsWith("global::Course.Exercises.Lesson", e.Check);
                Assert.Contains(e.Cells, c => c.IsLearners && c.Declares.Count > 0);
                // Each exercise stands alone: the grader skips untouched exercises, so a learner cell that calls what
                // another exercise declares would fail to compile whenever that one is left undone.
                foreach (var other in lesson.Exercises.Where(o => o.Id != e.Id))
                    foreach (var name in other.Cells.Where(c => c.IsLearners).SelectMany(c => c.Declares))
                        Assert.False(e.Cells.Where(c => c.IsLearners).Any(c => Calls(c.Source, name) && !DeclaresLocally(c.Source, name)),
                            $"{Path.GetFileName(solution)}: exercise {e.Id}'s cell uses {name}, which exercise {other.Id} declares");
            }
            // The learner's version plans the same exercises, all untouched; the solution's runs them all, unflagged.
            var learner = SubmissionPlan.For(lesson, DibFile.Read(SolutionStripper.LearnerPath(solution)), Kit.Root);
            Assert.Empty(learner.Run);
            Assert.All(learner.Settled, g => Assert.Equal(GradeStatus.NotAttempted, g.Status));
            var solved = SubmissionPlan.For(lesson, cells, Kit.Root);
            Assert.Equal(lesson.Exercises.Count, solved.Run.Count);
            Assert.True(solved.Review.Count == 0, $"{Path.GetFileName(solution)}: {string.Join(", ", solved.Review)}");
            Assert.All(solved.Setup, s => Assert.DoesNotContain("\"../lib/", s));
        }
    }

    [Theory]
    [InlineData("var d = System.IO.File.ReadAllText(\"data.csv\"); // Process, Environment.Exit in a comment", "")]
    [InlineData("var s = \"GetMethod File.WriteAllText Process.Start\";", "")]
    [InlineData("System.IO.File.WriteAllText(\"x\", \"y\");", "file writes")]
    [InlineData("using var w = new System.IO.StreamWriter(\"x\");", "file writes")]
    [InlineData("Environment.Exit(0);", "Environment.Exit")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\");", "processes")]
    [InlineData("typeof(int).GetField(\"x\");", "reflection")]
    [InlineData("unsafe { int* p = null; }", "unsafe code")]
    [InlineData("Console.SetOut(TextWriter.Null);", "console streams")]
    [InlineData("#r \"evil.dll\"\nint F() => 1;", "kernel directives")]
    [InlineData("#!set --name x --value 1", "kernel directives")]
    // The bypasses of the second round: each must be flagged.
    [InlineData("using var w = System.Xml.XmlWriter.Create(\"/tmp/x\");", "file writes")]
    [InlineData("Microsoft.DotNet.Interactive.Utility.CommandLine.Execute(\"sh\", \"-c id\");", "processes")]
    [InlineData("int F() => 1;\r#r \"evil.dll\"", "kernel directives")]
    [InlineData("[System.Runtime.CompilerServices.ModuleInitializer] internal static void Init() { }", "reflection")]
    [InlineData("using var p = new System.IO.Pipes.NamedPipeClientStream(\"x\");", "pipes and sockets")]
    [InlineData("var s = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);", "pipes and sockets")]
    [InlineData("dynamic check = null; check.Reference();", "reflection")]
    [InlineData("var call = System.Linq.Expressions.Expression.Call(null, null);", "reflection")]
    [InlineData("LinearAlgebra.Backend = null;", "global state")]
    public void Review_flags_reach_outside_an_exercise_and_ignore_comments_strings_and_reads(string code, string reasons)
        => Assert.Equal(reasons, string.Join(", ", ReviewScan.Reasons([code])));

    [Fact]
    public void Gradebook_fields_stay_on_one_line_and_cannot_become_markup_or_formulas()
    {
        Assert.Equal("\"a, b\"", Gradebook.CsvField("a, b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Gradebook.CsvField("say \"hi\""));
        Assert.Equal("x   y", Gradebook.CsvField("x\r\n\ty"));
        Assert.Equal("'=1+1", Gradebook.CsvField("=1+1"));
        Assert.Equal("'-2", Gradebook.CsvField("-2"));
        var md = Gradebook.Md("a | b\n<script>alert(1)</script> [x](http://e)");
        Assert.DoesNotContain("\n", md);
        Assert.DoesNotContain("<", md);
        Assert.Equal(0, md.Split("\\|").Sum(part => part.Count(c => c == '|')));
        Assert.Equal("_.._etc_passwd.md", Gradebook.FileName("../../etc/passwd"));
        Assert.Equal("student.md", Gradebook.FileName(".."));
    }

    [Fact]
    public void Frames_round_trip_and_a_frame_over_the_limit_or_cut_short_is_refused()
    {
        var stream = new MemoryStream();
        Course.Grading.Frames.Write(stream, Course.Grading.Frames.Result, "{\"Id\":\"01.1\"}");
        Course.Grading.Frames.Write(stream, Course.Grading.Frames.Next, "");
        stream.Position = 0;
        var first = Course.Grading.Frames.Read(stream)!.Value;
        Assert.Equal(Course.Grading.Frames.Result, first.Kind);
        Assert.Equal("{\"Id\":\"01.1\"}", Course.Grading.Frames.Text(first.Payload));
        Assert.Equal(Course.Grading.Frames.Next, Course.Grading.Frames.Read(stream)!.Value.Kind);
        Assert.Null(Course.Grading.Frames.Read(stream));
        // A length over the limit is refused before anything is allocated; a frame cut short is an error, not a message.
        var huge = new MemoryStream([0xff, 0xff, 0xff, 0x7f, (byte)'A']);
        Assert.Throws<InvalidDataException>(() => Course.Grading.Frames.Read(huge));
        var negative = new MemoryStream([0xff, 0xff, 0xff, 0xff, (byte)'A']);
        Assert.Throws<InvalidDataException>(() => Course.Grading.Frames.Read(negative));
        Assert.ThrowsAny<IOException>(() => Course.Grading.Frames.Read(new MemoryStream([5, 0, 0, 0, (byte)'A', 1, 2])));
        Assert.Throws<InvalidDataException>(() => Course.Grading.Frames.Read(new MemoryStream([5, 0])));
    }

    [Fact]
    public void A_plan_finds_the_learners_cell_by_what_it_declares_and_settles_missing_ones()
    {
        var lesson = LessonExercises.From(DibFile.Read(Lesson01Submissions.SolutionPath), "01", "01");
        // Reformatted and moved to the end of the notebook, Assign is still found; Update is gone.
        var text = Lesson01Submissions.Solution.Replace(Lesson01Submissions.Update, "Matrix Update2(Matrix x, int[] labels, int k)")
            + "\n#!csharp\n\n// my final version\nint[]   Assign( Matrix x,Matrix centroids ) => new int[x.Rows];\n";
        var plan = SubmissionPlan.For(lesson, DibFile.Parse(text), Kit.Root);
        Assert.Contains("=> new int[x.Rows]", plan.Run.Single(r => r.Id == "01.1").Cells.Single());
        var update = plan.Settled.Single(g => g.Id == "01.2");
        Assert.Equal(GradeStatus.NotAttempted, update.Status);
        Assert.Contains("no cell declares `Update`", update.Message);
    }

    private static string WithoutComments(string code) => System.Text.RegularExpressions.Regex.Replace(code, @"//[^\n]*", "");

    private static bool Calls(string code, string name) => System.Text.RegularExpressions.Regex.IsMatch(WithoutComments(code), $@"\b{name}\s*\(");

    /// <summary>Whether the cell declares its own <paramref name="name"/> (a pasted local function, as lesson 05.2 asks):
    /// a type-like word right before the name, other than a keyword that precedes a call.</summary>
    private static bool DeclaresLocally(string code, string name) =>
        System.Text.RegularExpressions.Regex.Matches(WithoutComments(code), $@"([\w\]>]+)\s+{name}\s*\(").Any(m => m.Groups[1].Value is not ("return" or "await" or "new" or "throw"));
}
