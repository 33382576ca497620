using System.Text.Json;
using Course.Notebooks.Grading;

namespace Course.Notebooks.Tests;

/// <summary>The `course` command as a learner meets it: lessons named the ways people name them, mistakes answered
/// with what was meant, and progress and a course index from a run.</summary>
public class CommandLineTests
{
    private static readonly IReadOnlyList<Lesson> Lessons = LessonCatalog.All(Kit.Notebooks);

    [Theory]
    [InlineData("02")]
    [InlineData("2")]
    [InlineData("02-hierarchical")]
    [InlineData("hierarchical")]
    [InlineData("02-hierarchical.dib")]
    [InlineData("notebooks/02-hierarchical.dib")]
    public void A_lesson_is_found_by_number_name_or_path(string typed)
    {
        Assert.Equal(Path.Combine(Kit.Notebooks, "02-hierarchical.dib"), LessonCatalog.Resolve(typed, false, Lessons, Kit.Root));
        Assert.Equal(Path.Combine(Kit.Notebooks, "02-hierarchical.solution.dib"), LessonCatalog.Resolve(typed.Replace(".dib", ""), true, Lessons, Kit.Root));
    }

    [Fact]
    public void The_catalogue_counts_each_lessons_exercises_and_reads_its_title()
    {
        Assert.Equal(Kit.SolutionNotebooks.Count, Lessons.Count);
        foreach (var l in Lessons)
            Assert.Equal(LessonExercises.ExerciseIds(DibFile.Read(l.SolutionPath)).Count, l.Exercises);
        Assert.Equal(("02", "Hierarchical clustering"), (Lessons[1].Number, Lessons[1].Title));
    }

    [Fact]
    public void A_wrong_lesson_name_lists_the_lessons_and_suggests_the_likely_one_before_running_anything()
    {
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(1), "run", "2-hier");
        Assert.Equal(2, code);
        Assert.Contains("no lesson or notebook '2-hier'", output);
        Assert.Contains("Did you mean 02 (02-hierarchical)?", output);
        foreach (var l in Lessons) Assert.Contains(l.Name, output);
        Assert.DoesNotContain("▶", output);
        // A typo a few letters off, and a name that resembles nothing: the list either way, a suggestion only for the first.
        Assert.Contains("Did you mean 05 (05-tsne-umap)?", Assert.Throws<LessonNotFoundException>(() => LessonCatalog.Resolve("tnse-umap", false, Lessons, Kit.Root)).Message);
        var unrelated = Assert.Throws<LessonNotFoundException>(() => LessonCatalog.Resolve("xyzzy", false, Lessons, Kit.Root)).Message;
        Assert.DoesNotContain("Did you mean", unrelated);
        Assert.Contains("08-gans", unrelated);
    }

    [Theory]
    [InlineData("runn", "'runn' was not matched. Did you mean one of the following?\nrun")]
    [InlineData("run 02 --cell-timeout abc", "--cell-timeout takes a whole number of seconds, such as --cell-timeout 60; got 'abc'.")]
    [InlineData("grade x --jobs two", "--jobs takes a whole number of notebooks, such as --jobs 2; got 'two'.")]
    [InlineData("run 02 --cell-timeout 0", "--cell-timeout must be at least 1; got 0.")]
    [InlineData("run 02 --sollutions", "unknown option '--sollutions' for run; its options are --solutions, --out, --cell-timeout, --single-page. Did you mean --solutions?")]
    [InlineData("grade", "Required argument missing for command: 'grade'.")]
    [InlineData("lst", "Did you mean one of the following?\nlist")]
    public void Unknown_commands_and_bad_options_are_named_with_a_suggestion(string commandLine, string expected)
    {
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(1), commandLine.Split(' '));
        Assert.NotEqual(0, code);
        Assert.Contains(expected, output.Replace("\r\n", "\n"));
        Assert.DoesNotContain("   at ", output); // a message, never a stack trace
        Assert.DoesNotContain("Required command was not provided", output); // one message for one mistake
        Assert.DoesNotContain("System.", output); // words, not .NET type names
        Assert.DoesNotContain("▶", output);
    }

    [Fact]
    public void List_shows_every_lesson_with_its_exercises_and_the_last_run_recorded_in_the_folder()
    {
        var dir = Directory.CreateTempSubdirectory("course-list").FullName;
        File.WriteAllText(Path.Combine(dir, "runs.json"), """[{"Notebook":"02-hierarchical.dib","Seconds":12.5,"Finished":"2026-11-30T10:00:00+00:00","Succeeded":true}]""");
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(1), "list", "--out", dir);
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        foreach (var l in Lessons)
            Assert.Contains(lines, line => line.StartsWith(l.Name + " ", StringComparison.Ordinal) && line.Contains($" {l.Exercises}  "));
        Assert.Contains(lines, line => line.StartsWith("02-hierarchical") && line.Contains("12.5 s  ok"));
        Assert.Contains(lines, line => line.StartsWith("01-kmeans") && line.TrimEnd().EndsWith("never"));
        Assert.Contains($"{Lessons.Sum(l => l.Exercises)} exercises in {Lessons.Count} lessons", output);
        // A damaged history loses only the history.
        File.WriteAllText(Path.Combine(dir, "runs.json"), "{ not json");
        Assert.Equal(0, Kit.Course(TimeSpan.FromMinutes(1), "list", "--out", dir).Code);
    }

    [Fact]
    public void Running_a_lesson_by_number_announces_each_cell_and_writes_the_page_the_history_and_the_index()
    {
        var dir = Directory.CreateTempSubdirectory("course-run02").FullName;
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(3), "run", "02", "--out", dir);
        Assert.True(code == 0, output);
        int cells = DibFile.Read(Path.Combine(Kit.Notebooks, "02-hierarchical.dib")).Count;
        var codeCells = DibFile.Read(Path.Combine(Kit.Notebooks, "02-hierarchical.dib")).Where(c => c.IsCode).ToList();
        // Every code cell announced with its number among all cells and its line, and finished with a status.
        foreach (var c in codeCells)
            Assert.Matches($@"cell {c.Number}/{cells}, line {c.Line} +[0-9.]+ s  ok", output);
        Assert.Matches(@"02-hierarchical\.dib +[0-9.]+s  ok", output);
        foreach (var file in new[] { "02-hierarchical.html", "02-hierarchical.ipynb", "index.html", "runs.json" })
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        var history = JsonSerializer.Deserialize<List<RunRecord>>(File.ReadAllText(Path.Combine(dir, "runs.json")))!;
        Assert.Equal("02-hierarchical.dib", Assert.Single(history).Notebook);
        var index = File.ReadAllText(Path.Combine(dir, "index.html"));
        Assert.Contains("<a href=\"02-hierarchical.html\">02 Hierarchical clustering</a>", index);
        Assert.Contains("<td>01 K-means clustering</td>", index); // not rendered here: listed, not linked
        Assert.Contains("Which method when", index);
        // Its neighbours are not rendered in this folder: named, not linked (no dead links); the table of contents is there.
        var page = File.ReadAllText(Path.Combine(dir, "02-hierarchical.html"));
        Assert.Contains("<span class=\"prev missing\" title=\"not rendered in this folder\">← 01 K-means clustering</span>", page);
        Assert.DoesNotContain("href=\"03-density.html\"", page);
        Assert.Contains("<nav class=\"toc\">", page);
        Assert.Matches("<a href=\"#choosing-the-cut\">2\\.[0-9]+ Choosing the cut</a>", page);
        Assert.Matches("<h2 id=\"choosing-the-cut\"><span class=\"secno\">2\\.[0-9]+</span> Choosing the cut</h2>", page);
        // A page of the site: the shared files linked, not inlined; the lesson's files beside it; the site's index has it.
        Assert.Contains("<script src=\"assets/plotly.js\"></script>", page);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/course.css\">", page);
        Assert.DoesNotContain("data-course-plotly", page);
        foreach (var file in new[] { "assets/plotly.js", "assets/course.css", "assets/katex.css", "assets/katex.js", "assets/math.js", "assets/site.js", "02-hierarchical.dib", "02-hierarchical.cs" })
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        Assert.Contains("href=\"02-hierarchical.dib\" download", page);
        Assert.Contains("\"file\":\"02-hierarchical.html\"", File.ReadAllText(Path.Combine(dir, "assets", "site-index.js")));
        // A second lesson run into the same folder, as one self-contained page: the history keeps both, the new page
        // links back to 02 and carries plotly.js and its style itself, and the site's index still lists 02.
        (code, output) = Kit.Course(TimeSpan.FromMinutes(3), "run", "notebooks/03-density.ipynb", "--out", dir, "--cell-timeout", "1", "--single-page");
        Assert.Equal(2, Kit.Course(TimeSpan.FromMinutes(1), "list", "--out", dir).Output.Split('\n').Count(l => l.Contains(" s  ok") || l.Contains(" s  FAILED")));
        var single = File.ReadAllText(Path.Combine(dir, "03-density.html"));
        Assert.Contains("<a rel=\"prev\" class=\"prev\" href=\"02-hierarchical.html\">", single);
        Assert.DoesNotContain("assets/", single);
        Assert.Contains("<style>body{", single);
        Assert.Contains("\"file\":\"02-hierarchical.html\"", File.ReadAllText(Path.Combine(dir, "assets", "site-index.js")));
    }

    [Fact]
    public void The_built_command_starts_directly_as_the_readme_says()
    {
        var apphost = Path.Combine(Kit.Root, "lib", "Course.Notebooks", "bin", OperatingSystem.IsWindows() ? "course.exe" : "course");
        Assert.True(File.Exists(apphost), $"{apphost} is missing: the README's short form would not work.");
        var (code, output) = Kit.Run(apphost, ["list"], Kit.Root, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
        Assert.Contains("02-hierarchical", output);
    }

    [Fact]
    public void Cross_references_link_prose_only_never_code_links_headings_or_the_page_itself()
    {
        var page = new SitePage("02", "Lesson 02: H", null, null, new Dictionary<string, string> { ["01"] = "01-kmeans.html", ["02"] = "02-h.html", ["03"] = "03-density.html" }, []);
        var html = "<p>See lesson 01 and Lessons 03; not lesson 02 (this page), nor lesson 09.</p>"
            + "<pre><code>// lesson 01</code></pre><h2 id=\"x\">After lesson 01</h2><a href=\"y\">lesson 03</a><p title=\"lesson 01\">z</p><script>var s = 'lesson 01';</script>";
        var linked = CourseSite.LinkCrossReferences(html, page);
        Assert.Contains("See <a class=\"xref\" href=\"01-kmeans.html\">lesson 01</a> and <a class=\"xref\" href=\"03-density.html\">Lessons 03</a>; not lesson 02", linked);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(linked, "class=\"xref\"").Count);
        Assert.Contains("<p title=\"lesson 01\">", linked);
    }

    [Fact]
    public void Unknown_options_are_refused_by_every_command_not_taken_as_names()
    {
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(1), "release", "--dry-run");
        Assert.NotEqual(0, code);
        Assert.Contains("unknown option '--dry-run' for release", output);
        Assert.False(Directory.Exists(Path.Combine(Kit.Root, "--dry-run")));
        (code, output) = Kit.Course(TimeSpan.FromMinutes(1), "grade", "--jbos", "2", "submissions");
        Assert.Contains("unknown option '--jbos' for grade", output);
        Assert.Contains("Did you mean --jobs?", output);
        // A file that is not a notebook is not run as C#; an empty name is no lesson.
        Assert.Contains("no lesson or notebook 'README.md'", Kit.Course(TimeSpan.FromMinutes(1), "run", "README.md").Output);
        Assert.Throws<LessonNotFoundException>(() => LessonCatalog.Resolve("", false, Lessons, Kit.Root));
        Assert.Equal("token", Assert.Throws<LessonNotFoundException>(() => LessonCatalog.Resolve("nope", false, Lessons, Kit.Root)).ParamName);
        Assert.Throws<ArgumentNullException>(() => LessonCatalog.Resolve(null!, false, Lessons, Kit.Root));
    }

    [Fact]
    public void Progress_announces_a_cell_keeps_a_long_one_alive_and_ends_its_line()
    {
        // A fake clock: the timers fire exactly as time is advanced, however busy the machine is.
        var cell = new Cell(7, "csharp", "x", 120);
        var log = new StringWriter();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using (var quiet = new CellProgress(log, interactive: false, tick: TimeSpan.FromSeconds(1), quietInterval: TimeSpan.FromSeconds(15), time: clock))
        {
            quiet.Start(cell, 48);
            for (int s = 0; s < 46; s++) clock.Advance(TimeSpan.FromSeconds(1));
            quiet.Done(new CellResult { Cell = cell, Elapsed = TimeSpan.FromSeconds(46) });
        }
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("  cell 7/48, line 120", lines[0]);
        // A line at 15, 30 and 45 s, no more.
        Assert.Equal(["15 s", "30 s", "45 s"], lines.Where(l => l.Contains("still running")).Select(l => l[(l.LastIndexOf(',') + 2)..]));
        Assert.Matches(@"^  cell 7/48, line 120 +46\.0 s  ok$", lines[^1]);
        var terminal = new StringWriter();
        var liveClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using (var live = new CellProgress(terminal, interactive: true, time: liveClock))
        {
            live.Start(cell, 48);
            liveClock.Advance(TimeSpan.FromSeconds(1));
            live.Done(new CellResult { Cell = cell, Elapsed = TimeSpan.FromSeconds(2), Error = "boom" });
        }
        Assert.Contains("\r  cell 7/48, line 120       running 1 s\u001b[K", terminal.ToString());
        Assert.EndsWith("2.0 s  FAILED\u001b[K\n", terminal.ToString());
        Assert.Throws<ArgumentNullException>(() => new CellProgress(new StringWriter(), false).Start(null!, 1));
    }
}
