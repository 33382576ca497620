using Course.Notebooks.Grading;
using static Course.Notebooks.Tests.Lesson01Submissions;

namespace Course.Notebooks.Tests;

/// <summary>
/// A class of lesson 01 submissions graded together with <c>--jobs 2</c>: honest ones (a solution, a blank notebook, a
/// wrong update step) beside every attack the grader must withstand. None may get credit it did not earn, and none
/// may change another learner's result or the gradebook. Limits are generous: they are about the attacks (a hung
/// cell costs one cell limit), not about the machine's speed.
/// </summary>
public class GraderAttackTests
{
    private static readonly string ClassFolder = Directory.CreateTempSubdirectory("course-class").FullName;
    private static readonly string Out = GradeCommand.DefaultOut(ClassFolder);
    private const string Secret = "COURSE_TEST_SECRET";
    private static readonly Lazy<Graded> Run = new(GradeTheClass);

    private sealed record Graded(int Code, string Output, string[] Csv, string Markdown, Dictionary<string, string[]> Rows, Isolation Isolation, string CsvText,
        IReadOnlyDictionary<string, string> Handed);

    private const string Pass = "passed", Fail = "failed", Not = "not attempted";

    private static Graded GradeTheClass()
    {
        var isolation = Sandbox.Create(Kit.Root, []).Mode;
        string solution = Solution, learner = Learner;
        var correctAssign = "    var l = new int[x.Rows];\n    for (int i = 0; i < x.Rows; i++) { double best = double.MaxValue; for (int j = 0; j < centroids.Rows; j++) { double d = Course.Compute.Distance.Squared(x.Row(i), centroids.Row(j)); if (d < best) { best = d; l[i] = j; } } }\n    return l;";
        var gradebook = Path.Combine(Out, "gradebook.csv");
        var nuget = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // Looks for everything the sandbox must hide and says what it saw in its failure message.
        var peek = $$"""
                var seen = new List<string>();
                void Look(string what, Func<bool> found) { try { if (found()) seen.Add(what); } catch (Exception) { } }
                Look("the solution", () => System.IO.File.Exists(@"{{Path.Combine(Kit.Notebooks, "01-kmeans.solution.dib")}}"));
                Look("a classmate", () => System.IO.File.Exists(@"{{Path.Combine(ClassFolder, "alice", "01-kmeans.dib")}}"));
                Look("the tests", () => System.IO.File.Exists(@"{{Path.Combine(Kit.Root, "tests", "Course.Notebooks.Tests", "GraderAttackTests.cs")}}"));
                Look("the history", () => System.IO.Directory.EnumerateFileSystemEntries(@"{{Path.Combine(Kit.Root, ".git")}}").Any());
                Look("the package cache", () => System.IO.Directory.Exists(@"{{nuget}}"));
                Look("a diagnostics socket", () => new[] { "/tmp", @"{{Path.GetTempPath()}}" }.Any(d => System.IO.Directory.Exists(d) && System.IO.Directory.EnumerateFiles(d, "dotnet-diagnostic-*").Any()));
                Look("the grader's environment", () => Environment.GetEnvironmentVariable("{{Secret}}") is not null);
                Look("the checks' sources", () => System.IO.File.Exists(@"{{Path.Combine(Kit.Root, "lib", "Course.Exercises", "Lesson01Checks.cs")}}"));
                Look("the checks' assembly", () => new System.IO.FileInfo(@"{{Path.Combine(Kit.Root, "lib", "Course.Kit", "bin", "Course.Exercises.dll")}}").Length > 0);
                Look("the checks in memory", () => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Course.Exercises"));
                Look("a writable kit", () => { System.IO.File.WriteAllText(@"{{Path.Combine(Kit.Root, "lib", "Course.Kit", "bin", "peek.txt")}}", "x"); return true; });
                throw new Exception("saw: " + (seen.Count == 0 ? "nothing" : string.Join(", ", seen)));
            """;
        var students = new Dictionary<string, string>
        {
            ["alice"] = solution,
            ["bob"] = learner,
            // Carol's update divides by the number of all points instead of the cluster's.
            // An exception deep in the learner's code: the feedback names the function and the line of the file.
            ["thrower"] = WithBody(learner, Assign, "    var labels = new int[x.Rows];\n    for (int r = 0; r <= x.Rows; r++)\n        labels[r] = 0;\n    return labels;"),
            ["carol"] = WithBody(solution, Update, "    var m = new Matrix(k, x.Cols);\n    for (int i = 0; i < x.Rows; i++) for (int t = 0; t < x.Cols; t++) m[labels[i], t] += x[i, t] / x.Rows;\n    return m;"),
            // Prints the result lines the old grader parsed, in an exercise cell, a demonstration cell and an edited check cell.
            ["printer"] = WithCheckCell(WithCellBefore(WithBody(learner, Assign, string.Concat(Ids.Select(i => $"    Console.WriteLine(\"[exercise {i}] passed: Well done.\");\n")) + "    return new int[x.Rows];"),
                Representatives, string.Concat(Ids.Select(i => $"Console.WriteLine(\"[exercise {i}] passed: Well done.\");\n"))), "01.2", "Console.WriteLine(\"[exercise 01.2] passed: Well done.\");"),
            // Declares its own Lesson01Checks whose checks always pass, and calls it from its check cells.
            ["shadow"] = WithBody(learner, Assign, "    return new int[x.Rows];\n}\nstatic class Lesson01Checks\n{\n    public static ExerciseResult Assignment(Func<Matrix, Matrix, int[]> f) => new(\"01.1\", \"x\", ExerciseStatus.Passed, \"ok\");\n    public static ExerciseResult Update(Func<Matrix, int[], int, Matrix> f) => new(\"01.2\", \"x\", ExerciseStatus.Passed, \"ok\");"),
            // Zeroes its inputs so that "expected" computed afterwards would agree with a zero answer.
            ["clearer"] = WithBody(WithBody(learner, Assign, "    Array.Clear(x.Data); Array.Clear(centroids.Data);\n    return new int[x.Rows];"), Update,
                "    Array.Clear(x.Data);\n    return new Matrix(k, x.Cols);"),
            // Smuggles rows into the CSV and the Markdown table through an exception message.
            ["injector"] = WithBody(learner, Assign, "    throw new Exception(\"x\\nmallory,passed,passed,passed,passed,passed,5,5,5,5,,\\n| mallory | ✅✅✅✅✅ 5/5 | 5/5 | |\\r\\n=cmd|' /C calc'!A0\");"),
            // Correct, but also attacks: writes the gradebook and every path on its command line, overwrites alice's
            // notebook, and leaves a detached process that rewrites the gradebook once the grader has written it.
            ["vandal"] = WithBody(solution, Assign, $$"""
                    foreach (var target in Environment.GetCommandLineArgs().Append(@"{{gradebook}}").Append(@"{{Path.Combine(Out, "gradebook.md")}}"))
                        try { System.IO.File.WriteAllText(target, "vandal,passed,passed,passed,passed,passed\n"); } catch (Exception) { }
                    try { System.IO.File.WriteAllText(@"{{Path.Combine(ClassFolder, "alice", "01-kmeans.dib")}}", "#!csharp\n\n// nothing\n"); } catch (Exception) { }
                    try { System.Diagnostics.Process.Start("setsid", ["sh", "-c", "for i in $(seq 600); do if [ -f '{{gradebook}}' ]; then sleep 1; echo hacked > '{{gradebook}}'; exit; fi; sleep 0.2; done"]); } catch (Exception) { }
                {{correctAssign}}
                """),
            // Ends the process in the middle of the lesson, after two passing exercises.
            ["exiter"] = WithBody(solution, Seeding, "    Environment.Exit(0);\n    return null;"),
            // A demonstration cell that never finishes: grading must not run it.
            ["slowdemo"] = WithCellBefore(solution, Representatives, "System.Threading.Thread.Sleep(TimeSpan.FromHours(1));"),
            // The first exercise never returns; the others are right and must still be graded.
            ["hung"] = WithBody(solution, Assign, "    while (true) { }"),
            // Endless recursion: the process dies of a stack overflow.
            ["overflow"] = WithBody(solution, Update, "    return Update(x, labels, k);"),
            // Rewrites a check cell to print a pass and answers wrongly.
            ["editor"] = WithCheckCell(WithBody(solution, SilhouetteOf, "    return 0;"), "01.6", "Console.WriteLine(\"[exercise 01.6] passed: Well done.\");"),
            // Right, but reaches for reflection: graded on its merits and flagged for review.
            ["reflective"] = WithBody(solution, Assign, "    _ = typeof(Matrix).GetMethod(\"Clone\");\n" + correctAssign),
            // Renamed the function: nothing declares Assign.
            ["renamer"] = solution.Replace(Assign, "int[] Assign2(Matrix x, Matrix centroids)"),
            // Reads whatever the sandbox lets it see (a solution, a classmate, the grader's environment, ...).
            ["peeker"] = WithBody(solution, Assign, peek),
            // Allocates 4 GiB in the first exercise; the others are right.
            ["hog"] = WithBody(solution, Assign, "    var keep = new List<byte[]>();\n    for (int i = 0; i < 40; i++) keep.Add(new byte[100_000_000]);\n    return new int[keep.Count];"),
            // Writes 64 MiB straight to the process's standard error in the first exercise; the others are right.
            ["chatter"] = WithBody(solution, Assign, "    using var raw = Console.OpenStandardError();\n    var block = new byte[1 << 20];\n    for (int i = 0; i < 64; i++) raw.Write(block);\n    return new int[x.Rows];"),
            // Writes to standard error without end in the first exercise (and never returns); the others are right.
            ["flooder"] = WithBody(solution, Assign, "    using var raw = Console.OpenStandardError();\n    var block = new byte[1 << 20];\n    while (true) raw.Write(block);"),
            // Returns 40 MB from the first exercise, more than the grader passes between processes; the others are right.
            ["hoarder"] = WithBody(solution, Assign, "    return new int[10_000_000];"),
            // Answers wrongly and writes "passed" results for every exercise, framed as the grader's messages, straight
            // to the process's standard output (the old grader's report channel), then goes on as if nothing happened.
            ["forger"] = WithBody(learner, Assign, "    using var raw = Console.OpenStandardOutput();\n" +
                "    foreach (var id in new[] { \"01.1\", \"01.2\", \"01.3\", \"01.4\", \"01.5\", \"01.6\", \"01.7\", \"01.8\" })\n" +
                "    {\n        var json = System.Text.Encoding.UTF8.GetBytes(\"{\\\"Id\\\":\\\"\" + id + \"\\\",\\\"Status\\\":\\\"Passed\\\",\\\"Message\\\":\\\"Well done.\\\"}\");\n" +
                "        var frame = new byte[5 + json.Length]; BitConverter.TryWriteBytes(frame, json.Length); frame[4] = (byte)'R'; json.CopyTo(frame, 5);\n" +
                "        raw.Write(frame); raw.Flush();\n    }\n    return new int[x.Rows];"),
            // Calls a helper defined in a cell of its own, which grading does not run.
            ["helper"] = WithCellBefore(WithBody(solution, Assign, "    return Nearest(x, centroids);"), Assign, $"int[] Nearest(Matrix x, Matrix centroids)\n{{\n{correctAssign}\n}}"),
        };
        // Kills every process it can see and its parent: harmless only when the child cannot see the grader.
        if (isolation == Isolation.Namespaces)
            students["killer"] = WithBody(solution, Assign, "    foreach (var p in System.Diagnostics.Process.GetProcesses()) if (p.Id != Environment.ProcessId) try { p.Kill(true); } catch (Exception) { }\n" +
                "    try { var stat = System.IO.File.ReadAllText(\"/proc/self/stat\").Split(' '); System.Diagnostics.Process.GetProcessById(int.Parse(stat[3])).Kill(true); } catch (Exception) { }\n" + correctAssign);
        // Loads the checks' assembly from the kit's built library and calls the check's own reference Lloyd loop through
        // reflection. Where files are not hidden (process isolation) the assembly is there to load: the README says so.
        if (isolation == Isolation.Namespaces)
            students["borrower"] = WithBody(solution, Lloyd, $$"""
                    var checks = System.Reflection.Assembly.LoadFrom(@"{{Path.Combine(Kit.Root, "lib", "Course.Kit", "bin", "Course.Exercises.dll")}}").GetType("Course.Exercises.Lesson01Checks");
                    var reference = checks.GetMethod("LloydReference", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
                    var r = reference.Invoke(null, new object[] { x, initial, maxIterations });
                    var t = r.GetType();
                    return ((Matrix)t.GetField("Item1").GetValue(r), (int[])t.GetField("Item2").GetValue(r), (int)t.GetField("Item3").GetValue(r));
                """);
        // Names that once stopped the class or mixed learners up: the grader's own output names, two names that escape to
        // one file name, a right-to-left override, a name longer than a file name may be. Blank notebooks: no child runs.
        foreach (var name in new[] { "gradebook.csv", "feedback", "bob~smith", "bob_smith", "eve\u202Egpj.exe", new string('n', 250) })
            students[name] = learner;
        // The peeker's write into the kit is judged by this run alone (a run without namespaces may have left one).
        File.Delete(Path.Combine(Kit.Root, "lib", "Course.Kit", "bin", "peek.txt"));
        foreach (var (student, text) in students)
        {
            Directory.CreateDirectory(Path.Combine(ClassFolder, student));
            File.WriteAllText(Path.Combine(ClassFolder, student, "01-kmeans.dib"), text);
        }
        // Entries that are not a learner's regular files: a FIFO named as a notebook (reading it would hang), a link to
        // the kit's solution, a folder that is a link to a classmate's, and a link loop.
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path.Combine(ClassFolder, "fifo"));
            Assert.Equal(0, Kit.Run("mkfifo", [Path.Combine(ClassFolder, "fifo", "01-kmeans.dib")], ClassFolder, TimeSpan.FromSeconds(10)).Code);
        }
        Directory.CreateDirectory(Path.Combine(ClassFolder, "linker"));
        File.CreateSymbolicLink(Path.Combine(ClassFolder, "linker", "01-kmeans.dib"), Path.Combine(Kit.Notebooks, "01-kmeans.solution.dib"));
        Directory.CreateSymbolicLink(Path.Combine(ClassFolder, "twin"), Path.Combine(ClassFolder, "alice"));
        Directory.CreateSymbolicLink(Path.Combine(ClassFolder, "bob", "loop"), ClassFolder);
        var (code, output) = Kit.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), "grade", ClassFolder, "--jobs", "2", "--cell-timeout", "30", "--timeout", "600"],
            Kit.Root, TimeSpan.FromMinutes(20), new Dictionary<string, string> { [Secret] = "the grader's secret" });
        var csvText = File.ReadAllText(gradebook);
        var csv = csvText.TrimEnd('\n').Split('\n');
        var rows = csv.Skip(1).Select(Fields).ToDictionary(f => f[0]);
        return new Graded(code, output, csv, File.ReadAllText(Path.Combine(Out, "gradebook.md")), rows, isolation, csvText, students);
    }

    // One CSV line's fields (the gradebook writes one line per row; quoted fields may hold commas and doubled quotes).
    internal static string[] Fields(string line)
    {
        using var csv = new CsvHelper.CsvParser(new StringReader(line), System.Globalization.CultureInfo.InvariantCulture);
        return csv.Read() ? csv.Record! : [];
    }

    private static void AssertGrades(string student, params string[] statuses)
    {
        var run = Run.Value;
        Assert.True(run.Code == 0, run.Output);
        Assert.True(run.Rows.ContainsKey(student), $"{student} is missing from the gradebook:\n{string.Join("\n", run.Csv)}\n{run.Output}");
        Assert.True(statuses.SequenceEqual(run.Rows[student][1..(1 + Ids.Length)]), $"{student}: expected {string.Join(",", statuses)}, got {string.Join(",", run.Rows[student][1..(1 + Ids.Length)])}\n{run.Markdown}");
    }

    private static string Feedback(string student) => File.ReadAllText(Path.Combine(Out, "feedback", Gradebook.FileName(student)));

    [Fact]
    public void Honest_submissions_are_graded_exactly()
    {
        AssertGrades("alice", Pass, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        AssertGrades("bob", Not, Not, Not, Not, Not, Not, Not, Not);
        AssertGrades("carol", Pass, Fail, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("centroid 0 should be the mean of its 3 points", Feedback("carol"));
        Assert.Equal("", Run.Value.Rows["alice"][^2]); // nothing to review
        Assert.Equal("student,ex 01.1,ex 01.2,ex 01.3,ex 01.4,ex 01.5,ex 01.6,ex 01.7,ex 01.8,lesson 01,passed,total,name,roster,points,max points,late,pending review,overrides,needs review,problems", Run.Value.Csv[0]);
    }

    [Fact]
    public void An_exception_in_the_learners_function_is_placed_at_its_line_in_the_learners_file()
    {
        AssertGrades("thrower", Fail, Not, Not, Not, Not, Not, Not, Not);
        var text = File.ReadAllLines(Path.Combine(ClassFolder, "thrower", "01-kmeans.dib"));
        int line = Array.FindIndex(text, l => l.Contains("labels[r] = 0;")) + 1;
        Assert.Contains($"your code threw IndexOutOfRangeException: Index was outside the bounds of the array. (In your code: Assign (line {line}).)", Feedback("thrower"));
    }

    [Fact]
    public void Printed_results_shadow_checks_and_edited_check_cells_earn_nothing()
    {
        AssertGrades("printer", Fail, Not, Not, Not, Not, Not, Not, Not);
        AssertGrades("shadow", Fail, Not, Not, Not, Not, Not, Not, Not);
        AssertGrades("editor", Pass, Pass, Pass, Pass, Pass, Fail, Pass, Pass);
    }

    [Fact]
    public void Results_forged_on_the_learners_standard_output_earn_nothing()
    {
        // The learner's process has no results channel: its standard output carries only its functions' answers, and a
        // message the grader did not ask for ends that exercise.
        AssertGrades("forger", Fail, Not, Not, Not, Not, Not, Not, Not);
        Assert.Contains("grader's channel", Feedback("forger"));
    }

    [SkippableFact]
    public void The_checks_reference_code_is_out_of_the_learners_reach()
    {
        Skip.If(Run.Value.Isolation != Isolation.Namespaces, "without namespaces the checks' assembly is there to load (the README says so)");
        AssertGrades("borrower", Pass, Pass, Fail, Pass, Pass, Pass, Pass, Pass);
    }

    [Fact]
    public void Clearing_the_inputs_cannot_change_the_expected_answer()
    {
        AssertGrades("clearer", Fail, Fail, Not, Not, Not, Not, Not, Not);
        Assert.Contains("should go to centroid", Feedback("clearer"));
    }

    [Fact]
    public void Messages_cannot_inject_rows_into_the_gradebook()
    {
        AssertGrades("injector", Fail, Not, Not, Not, Not, Not, Not, Not);
        var run = Run.Value;
        Assert.Equal(run.Rows.Count + 1, run.Csv.Length);
        Assert.DoesNotContain(run.Csv, l => l.StartsWith("mallory") || l.StartsWith("="));
        Assert.DoesNotContain(run.Markdown.Split('\n'), l => l.StartsWith("| mallory"));
        Assert.Contains("=cmd|' /C calc'!A0", run.Markdown.Replace("\\", "")); // the message is there, as text on one line
    }

    [Fact]
    public void Writing_files_and_detached_processes_change_no_one_else_and_not_the_gradebook()
    {
        AssertGrades("vandal", Pass, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        AssertGrades("alice", Pass, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("processes", Run.Value.Rows["vandal"][^2]);
        Assert.Contains("file writes", Run.Value.Rows["vandal"][^2]);
        // The detached process would rewrite the gradebook a second after it appears, and it is polled every 0.2 s.
        Thread.Sleep(TimeSpan.FromSeconds(4));
        Assert.Equal(Run.Value.CsvText, File.ReadAllText(Path.Combine(Out, "gradebook.csv")));
    }

    [SkippableFact]
    public void Killing_visible_processes_cannot_stop_the_grader()
    {
        Skip.If(Run.Value.Isolation != Isolation.Namespaces, "the attack is only safe to try where it is defended (namespaces)");
        AssertGrades("killer", Pass, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        AssertGrades("alice", Pass, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
    }

    [Fact]
    public void Exiting_crashing_or_hanging_costs_only_the_exercise_that_did_it()
    {
        AssertGrades("exiter", Pass, Pass, Pass, Fail, Pass, Pass, Pass, Pass);
        Assert.Contains("exit code 0", Feedback("exiter"));
        Assert.Contains("Environment.Exit", Feedback("exiter"));
        AssertGrades("overflow", Pass, Fail, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("stack overflow", Feedback("overflow"));
        AssertGrades("hung", Fail, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("time limit", Feedback("hung"));
    }

    [Fact]
    public void Demonstrations_do_not_run_and_missing_functions_or_helpers_are_explained()
    {
        AssertGrades("slowdemo", Pass, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        AssertGrades("renamer", Not, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("no cell declares `Assign`", Feedback("renamer").Replace("\\", ""));
        AssertGrades("helper", Fail, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("define any helper inside", Feedback("helper"));
        AssertGrades("reflective", Pass, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("reflection", Run.Value.Rows["reflective"][^2]);
    }

    [Fact]
    public void The_sandbox_hides_solutions_classmates_the_tests_and_the_graders_environment()
    {
        AssertGrades("peeker", Fail, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        var feedback = Feedback("peeker");
        Assert.Contains("saw: ", feedback);
        Assert.DoesNotContain("the grader's environment", feedback);
        // Process isolation (no bubblewrap) hides no file: the README says so. With namespaces nothing is in sight.
        if (Run.Value.Isolation == Isolation.Namespaces) Assert.Contains("saw: nothing", feedback);
        Assert.False(File.Exists(Path.Combine(Kit.Root, "lib", "Course.Kit", "bin", "peek.txt")) && Run.Value.Isolation == Isolation.Namespaces);
    }

    [Fact]
    public void Memory_and_output_limits_cost_only_the_exercise_that_hit_them_with_a_message()
    {
        AssertGrades("hog", Fail, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains($"more than {SubmissionLimits.Words(SubmissionLimits.MemoryBytes)} of memory", Feedback("hog"));
        AssertGrades("chatter", Fail, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains($"printed more than {SubmissionLimits.Words(SubmissionLimits.OutputBytes)}", Feedback("chatter"));
        AssertGrades("flooder", Fail, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains($"printed more than {SubmissionLimits.Words(SubmissionLimits.OutputBytes)}", Feedback("flooder"));
        AssertGrades("hoarder", Fail, Pass, Pass, Pass, Pass, Pass, Pass, Pass);
        Assert.Contains("more than the 16 MiB the grader passes between processes", Feedback("hoarder"));
    }

    [Fact]
    public void Hostile_names_and_entries_neither_stop_the_class_nor_mix_learners_up()
    {
        var run = Run.Value;
        // Folders named like the grader's outputs are learners like any other; the outputs live beside the class.
        AssertGrades("gradebook.csv", Not, Not, Not, Not, Not, Not, Not, Not);
        AssertGrades("feedback", Not, Not, Not, Not, Not, Not, Not, Not);
        Assert.True(File.Exists(Path.Combine(Out, "feedback", "alice.md")));
        // Two names that escape to one file name stay two learners, each with a page of their own.
        var bobs = run.Rows.Keys.Where(k => k.StartsWith("bob~smith-") || k.StartsWith("bob_smith-")).ToList();
        Assert.Equal(2, bobs.Count);
        Assert.Equal(2, bobs.Select(b => Gradebook.FileName(b)).Distinct().Count());
        Assert.All(bobs, b => Assert.True(File.Exists(Path.Combine(Out, "feedback", Gradebook.FileName(b)))));
        // No bidirectional override reaches the gradebook; a long name is shortened, not lost.
        Assert.DoesNotContain('\u202E', run.CsvText + run.Markdown);
        Assert.Contains(run.Rows.Keys, k => k.StartsWith("nnnn") && k.Length <= SubmissionFiles.MaxIdLength);
        // Links and FIFOs are listed as not graded and followed nowhere: no row for a link, no loop.
        var notGraded = run.Markdown[run.Markdown.IndexOf("### Not graded", StringComparison.Ordinal)..];
        foreach (var entry in new[] { "linker", "twin", "loop" }.Concat(OperatingSystem.IsWindows() ? [] : ["fifo"]))
            Assert.Contains(entry, notGraded);
        Assert.DoesNotContain("linker", run.Rows.Keys);
        Assert.DoesNotContain("twin", run.Rows.Keys);
        Assert.Equal(1, run.Output.Split('\n').Count(l => l.Contains("bob, lesson 01", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_namespaces_the_credit_attacks_earn_nothing_and_honest_work_keeps_its_grades()
    {
        // The process split does not depend on the sandbox: graded as plain processes, the attacks on the check
        // (printing or forging results, shadow checks, cleared inputs, injected rows, poisoned global state) earn what
        // they earned with namespaces, and the honest controls keep theirs.
        var folder = Directory.CreateTempSubdirectory("course-class-plain").FullName;
        var names = new[] { "alice", "bob", "carol", "printer", "shadow", "forger", "clearer", "injector" };
        var namespaced = Run.Value;
        foreach (var name in names)
        {
            Directory.CreateDirectory(Path.Combine(folder, name));
            // As handed in: without namespaces the vandal in the class above overwrote alice's file there.
            File.WriteAllText(Path.Combine(folder, name, "01-kmeans.dib"), namespaced.Handed[name]);
        }
        var (code, output) = Kit.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), "grade", folder, "--cell-timeout", "60", "--timeout", "300"],
            Kit.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["COURSE_GRADE_ISOLATION"] = "process" });
        Assert.True(code == 0, output);
        Assert.Contains("each in its own process", output);
        var rows = File.ReadAllText(Path.Combine(GradeCommand.DefaultOut(folder), "gradebook.csv")).TrimEnd('\n').Split('\n').Skip(1).Select(Fields).ToDictionary(f => f[0]);
        foreach (var name in names)
            Assert.True(namespaced.Rows[name][1..(1 + Ids.Length)].SequenceEqual(rows[name][1..(1 + Ids.Length)]),
                $"{name}: {string.Join(",", rows[name])} without namespaces, {string.Join(",", namespaced.Rows[name])} with them");
    }

    [Fact]
    public void Without_namespaces_a_submission_that_rewrites_the_engine_it_runs_from_stops_neither_the_grader_nor_the_next()
    {
        // Rewriting the engine's assembly in place (the first path on its command line) killed the grader, which has
        // it mapped, with SIGBUS: learner processes now run from a private copy, restored after each of them.
        var folder = Directory.CreateTempSubdirectory("course-class-wreck").FullName;
        // Graded in name order: the wrecker first, then zed.
        var handed = new Dictionary<string, string>
        {
            ["zed"] = Solution,
            ["wrecker"] = WithBody(Solution, Assign, "    foreach (var target in Environment.GetCommandLineArgs())\n" +
                "        try { System.IO.File.WriteAllText(target, \"wrecked\"); } catch (Exception) { }\n    return new int[x.Rows];"),
        };
        foreach (var (name, text) in handed)
        {
            Directory.CreateDirectory(Path.Combine(folder, name));
            File.WriteAllText(Path.Combine(folder, name, "01-kmeans.dib"), text);
        }
        var (code, output) = Kit.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), "grade", folder, "--cell-timeout", "60", "--timeout", "300"],
            Kit.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["COURSE_GRADE_ISOLATION"] = "process" });
        Assert.True(code == 0, output);
        var rows = File.ReadAllText(Path.Combine(GradeCommand.DefaultOut(folder), "gradebook.csv")).TrimEnd('\n').Split('\n').Skip(1).Select(Fields).ToDictionary(f => f[0]);
        Assert.All(rows["zed"][1..(1 + Ids.Length)], status => Assert.Equal(Pass, status));
        Assert.Equal(Fail, rows["wrecker"][1]);
        Assert.Contains("changed the kit's files", rows["wrecker"][^2]);
    }

    [SkippableFact]
    public void Without_namespaces_an_ordinary_user_cannot_write_into_the_check_process_through_proc()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "/proc is Linux's");
        Skip.If(Environment.UserName == "root", "as root a submission may open any process's /proc entries (CAP_SYS_PTRACE): the README says not to grade untrusted work without namespaces as root");
        var folder = Directory.CreateTempSubdirectory("course-class-proc").FullName;
        // Without a pid namespace the grader and the check process are in sight: this one opens their standard output
        // through /proc (the check process's is the results channel) to write a "passed" for the exercise being
        // checked, and answers wrongly. They are non-dumpable, so /proc keeps their descriptors closed to it.
        Directory.CreateDirectory(Path.Combine(folder, "procwriter"));
        File.WriteAllText(Path.Combine(folder, "procwriter", "01-kmeans.dib"), WithBody(Learner, Assign, """
                var json = System.Text.Encoding.UTF8.GetBytes("{\"Id\":\"01.1\",\"Status\":\"Passed\",\"Message\":\"Well done.\"}");
                var frame = new byte[5 + json.Length]; BitConverter.TryWriteBytes(frame, json.Length); frame[4] = (byte)'R'; json.CopyTo(frame, 5);
                foreach (var dir in System.IO.Directory.GetDirectories("/proc"))
                    try
                    {
                        var command = System.IO.File.ReadAllText(dir + "/cmdline");
                        if (!command.Contains("check-host") && !command.Contains("grade")) continue;
                        using var channel = new System.IO.FileStream(dir + "/fd/1", System.IO.FileMode.Open, System.IO.FileAccess.Write);
                        channel.Write(frame); channel.Flush();
                    }
                    catch (Exception) { }
                return new int[x.Rows];
            """));
        var (code, output) = Kit.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), "grade", folder, "--cell-timeout", "60", "--timeout", "300"],
            Kit.Root, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["COURSE_GRADE_ISOLATION"] = "process" });
        Assert.True(code == 0, output);
        Assert.StartsWith("procwriter,failed,not attempted", File.ReadAllText(Path.Combine(GradeCommand.DefaultOut(folder), "gradebook.csv")).Split('\n')[1]);
    }

    [Fact]
    public void Global_state_set_in_the_learners_process_cannot_reach_the_check()
    {
        // 04.2's answer is the coordinate axes, and its cell makes the library's linear algebra answer every
        // decomposition with the axes too: a check computing its reference PCA in the same process would agree.
        var lesson = File.ReadAllText(Path.Combine(Kit.Notebooks, "04-pca.dib"));
        var poisoned = WithBody(lesson, "Matrix TopComponents(Matrix x, int k, int iterations)", """
                Course.Compute.LinearAlgebra.Backend = new AxesBackend();
                return AxesBackend.Axes(k, x.Cols);
            }
            class AxesBackend : Course.Compute.ILinearAlgebraBackend
            {
                private readonly Course.Compute.ILinearAlgebraBackend inner = new Course.Compute.ManagedLinearAlgebra();
                public static Matrix Axes(int r, int d) { var m = new Matrix(r, d); for (int i = 0; i < Math.Min(r, d); i++) m[i, i] = 1; return m; }
                private static double[] Falling(int r) => Enumerable.Range(0, r).Select(i => (double)(r - i)).ToArray();
                public string Name => "axes";
                public (Matrix U, double[] S, Matrix Vt) ThinSvd(Matrix a) { int r = Math.Min(a.Rows, a.Cols); return (Axes(a.Rows, r), Falling(r), Axes(r, a.Cols)); }
                public (double[] S, Matrix Vt) SingularValuesAndRightVectors(Matrix a, double[] mean) { var (_, s, vt) = ThinSvd(a); return (s, vt); }
                public (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a) => (Falling(a.Rows), Axes(a.Rows, a.Rows));
                public Matrix CentredGram(Matrix a, double[] mean) => inner.CentredGram(a, mean);
                public Matrix SolvePositiveDefinite(Matrix a, Matrix b) => inner.SolvePositiveDefinite(a, b);
                public Matrix Multiply(Matrix a, Matrix b, bool transposeA, bool transposeB) => inner.Multiply(a, b, transposeA, transposeB);
                public Matrix OrthonormalBasis(Matrix a) => inner.OrthonormalBasis(a);
            """);
        var folder = Directory.CreateTempSubdirectory("course-class-global").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "mallory"));
        File.WriteAllText(Path.Combine(folder, "mallory", "04-pca.dib"), poisoned);
        var (code, output) = Kit.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), "grade", folder, "--cell-timeout", "60", "--timeout", "300"], Kit.Root, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);
        var row = File.ReadAllText(Path.Combine(GradeCommand.DefaultOut(folder), "gradebook.csv")).Split('\n')[1];
        Assert.StartsWith("mallory,not attempted,failed,", row);
    }

    [SkippableFact]
    public void Without_namespaces_a_detached_process_still_cannot_rewrite_the_gradebook()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "setsid and the child subreaper are Linux's");
        var folder = Directory.CreateTempSubdirectory("course-class-process").FullName;
        var gradebook = Path.Combine(GradeCommand.DefaultOut(folder), "gradebook.csv");
        Directory.CreateDirectory(Path.Combine(folder, "mallory"));
        File.WriteAllText(Path.Combine(folder, "mallory", "01-kmeans.dib"), WithBody(Learner, Assign,
            $"    System.Diagnostics.Process.Start(\"setsid\", [\"sh\", \"-c\", \"for i in $(seq 600); do if [ -f '{gradebook}' ]; then sleep 1; echo hacked > '{gradebook}'; exit; fi; sleep 0.2; done\"]);\n    return new int[x.Rows];"));
        var (code, output) = Kit.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "course.dll"), "grade", folder, "--cell-timeout", "60", "--timeout", "300"],
            Kit.Root, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["COURSE_GRADE_ISOLATION"] = "process" });
        Assert.True(code == 0, output);
        Assert.Contains("each in its own process", output);
        var written = File.ReadAllText(gradebook);
        Assert.StartsWith("mallory,failed,not attempted", written.Split('\n')[1]);
        Thread.Sleep(TimeSpan.FromSeconds(4));
        Assert.Equal(written, File.ReadAllText(gradebook));
    }
}
