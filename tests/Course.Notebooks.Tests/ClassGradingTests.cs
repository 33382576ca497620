using System.IO.Compression;
using Course.Notebooks.Grading;
using static Course.Notebooks.Tests.Lesson01Submissions;

namespace Course.Notebooks.Tests;

/// <summary>
/// An instructor's term (issue 37), graded as one class three times: a roster of 8 (two never hand anything in, one
/// hands in a zip of 10,000 files), learners in folders, a Canvas flat export (one marked late), a zip with hostile
/// entries, two learners whose work is flagged for review; points, a deadline and an override in the config. The
/// first run accepts one flagged learner (alice), the second is a plain regrade; the other flagged learner (mallory,
/// not on the roster) is never accepted.
/// </summary>
public sealed class ClassTerm
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("course-term").FullName;
    public string Submissions => Path.Combine(Folder, "submissions");
    public string Out => GradeCommand.DefaultOut(Submissions);
    public string Config => GradeCommand.DefaultConfig(Submissions);
    public sealed record Result(int Code, string Output, Dictionary<string, string[]> Rows, string[] Header, string Report);
    public Result First { get; }
    public Result Regraded { get; }

    public static readonly DateTime Before = new(2025, 12, 31, 12, 0, 0, DateTimeKind.Utc), After = new(2026, 1, 2, 12, 0, 0, DateTimeKind.Utc);
    public const string Correct = "    var l = new int[x.Rows];\n    for (int i = 0; i < x.Rows; i++) { double best = double.MaxValue; for (int j = 0; j < centroids.Rows; j++) { double d = Course.Compute.Distance.Squared(x.Row(i), centroids.Row(j)); if (d < best) { best = d; l[i] = j; } } }\n    return l;";

    public ClassTerm()
    {
        Directory.CreateDirectory(Submissions);
        string correct = WithBody(Learner, Assign, Correct), wrong = WithBody(Learner, Assign, "    return new int[x.Rows];");
        var flagged = WithBody(Learner, Assign, "    System.IO.File.WriteAllText(\"notes.txt\", \"\");\n" + Correct);
        Write("alice/01-kmeans.dib", flagged, Before);
        Write("bob/01-kmeans.dib", correct, After); // after the deadline
        // Canvas: name, user id, file id, file. Carol's Assign reads two columns only: right on the check's 2-D case,
        // wrong on its 3-D one, so half of 01.1's points.
        var twoColumns = WithBody(Learner, Assign, "    var l = new int[x.Rows];\n    for (int i = 0; i < x.Rows; i++) { double best = double.MaxValue; for (int j = 0; j < centroids.Rows; j++) { double d = Math.Pow(x[i, 0] - centroids[j, 0], 2) + Math.Pow(x[i, 1] - centroids[j, 1], 2); if (d < best) { best = d; l[i] = j; } } }\n    return l;");
        Write("carol_1003_208490285_01-kmeans.dib", twoColumns, Before);
        Write("smithdave_LATE_1004_01-kmeans.dib", Learner, Before); // Canvas marked it late; the roster knows dave by his id
        Write("mallory/01-kmeans.dib", flagged, Before);
        Zip("erin.zip", z =>
        {
            Entry(z, "handin/01-kmeans.dib", wrong);
            Entry(z, "../alice/01-kmeans.dib", Learner);                  // climbs out
            Entry(z, "/etc/01-kmeans.dib", Learner);                      // absolute
            var link = Entry(z, "shortcut.dib", "/work/main/notebooks/01-kmeans.solution.dib");
            link.ExternalAttributes = (0xA000 | 0x1FF) << 16;            // a symbolic link
            Entry(z, "inner.zip", "PK");
            Entry(z, "README.txt", "my work");
        });
        Zip("frank.zip", z => { for (int i = 0; i < 10_000; i++) Entry(z, $"f{i}.dib", ""); });
        File.WriteAllText(Path.Combine(Folder, "roster.csv"),
            "id,name\nalice,Alice Ash\nbob,Bob Birch\ncarol,Carol Cedar\n1004,Dave Smith\nerin,Erin Elm\nfrank,Frank Fir\ngrace,Grace Gum\nheidi,\"Hazel, Heidi\"\n");
        File.WriteAllText(Config, """
            {
              // Assign is worth 3, every other exercise of lesson 01 2: 17 in all.
              "points": { "01": 2, "01.1": 3 },
              "deadline": "2026-01-01T00:00:00Z",
              "overrides": [ { "learner": "bob", "exercise": "01.2", "points": 1.5, "comment": "Update right on paper, one index off" } ]
            }
            """);
        First = Grade("--accept", "alice");
        Regraded = Grade();
    }

    private Result Grade(params string[] more)
    {
        var (code, output) = Kit.Course(TimeSpan.FromMinutes(5), ["grade", Submissions, "--roster", Path.Combine(Folder, "roster.csv"), "--jobs", "2", .. more]);
        if (code != 0) return new Result(code, output, [], [], "");
        var csv = File.ReadAllLines(Path.Combine(Out, "gradebook.csv"));
        var header = csv[0].Split(',');
        var rows = csv.Skip(1).Select(GraderAttackTests.Fields).ToDictionary(f => f[0]);
        return new Result(code, output, rows, header, File.ReadAllText(Path.Combine(Out, "class-report.md")));
    }

    private void Write(string relative, string text, DateTime time)
    {
        var path = Path.Combine(Submissions, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, time);
    }

    private void Zip(string name, Action<ZipArchive> fill)
    {
        using var zip = ZipFile.Open(Path.Combine(Submissions, name), ZipArchiveMode.Create);
        fill(zip);
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name);
        entry.LastWriteTime = new DateTimeOffset(Before);
        using (var w = new StreamWriter(entry.Open())) w.Write(text);
        return entry;
    }
}

public class ClassGradingTests(ClassTerm term) : IClassFixture<ClassTerm>
{
    private static string Cell(ClassTerm.Result r, string student, string column) => r.Rows[student][Array.IndexOf(r.Header, column)];

    [Fact]
    public void Every_learner_on_the_roster_has_a_row_and_the_missing_are_named()
    {
        var r = term.First;
        Assert.True(r.Code == 0, r.Output);
        Assert.Equal(["1004", "alice", "bob", "carol", "erin", "frank", "grace", "heidi", "mallory"], r.Rows.Keys.Order(StringComparer.Ordinal));
        foreach (var missing in new[] { "frank", "grace", "heidi" }) Assert.Equal("missing", Cell(r, missing, "roster"));
        Assert.Equal("not on roster", Cell(r, "mallory", "roster"));
        Assert.Equal("Dave Smith", Cell(r, "1004", "name"));
        Assert.Equal("Hazel, Heidi", Cell(r, "heidi", "name"));
        Assert.Contains("3 on the roster handed nothing in: frank, grace, heidi", r.Report);
    }

    [Fact]
    public void Every_skipped_file_is_listed_with_its_reason_and_nobody_is_graded_on_anothers_files()
    {
        var markdown = File.ReadAllText(Path.Combine(term.Out, "gradebook.md"));
        foreach (var line in new[]
        {
            "erin.zip!../alice/01-kmeans.dib: a path leading out of the zip's folder",
            "erin.zip!/etc/01-kmeans.dib: a path leading out of the zip's folder",
            "erin.zip!shortcut.dib: a symbolic link inside the zip: only regular files are graded",
            "erin.zip!inner.zip: a zip inside the zip: not unpacked",
            "erin.zip: 1 file(s) in the zip that are not notebooks",
            "frank.zip: a zip of 10,000 entries, more than 1,000: not unpacked",
        })
            Assert.Contains(Gradebook.Md(line).Replace("\\_", "_"), markdown.Replace("\\_", "_"));
        var r = term.First;
        // alice's grade is hers alone: erin's zip entry aimed at alice's folder was never unpacked.
        Assert.Equal("passed", Cell(r, "alice", "ex 01.1"));
        Assert.Equal("failed", Cell(r, "erin", "ex 01.1"));
        Assert.Equal("failed", Cell(r, "carol", "ex 01.1"));
        Assert.Equal("not attempted", Cell(r, "1004", "ex 01.1"));
        Assert.Contains("notes.txt", File.ReadAllText(Path.Combine(term.Submissions, "alice", "01-kmeans.dib"))); // her own, not erin's entry
    }

    [Fact]
    public void Points_partial_credit_late_flags_and_overrides_come_from_the_config_and_survive_regrading()
    {
        foreach (var r in new[] { term.First, term.Regraded })
        {
            Assert.Equal("17", Cell(r, "alice", "max points"));
            Assert.Equal("3", Cell(r, "alice", "points"));
            Assert.Equal("4.5", Cell(r, "bob", "points"));
            Assert.Equal("1.5", Cell(r, "carol", "points")); // partial credit: one of 01.1's two cases
            Assert.Equal("0", Cell(r, "erin", "points"));
            Assert.Equal("1.5 (override)", Cell(r, "bob", "ex 01.2"));
            Assert.Contains("Update right on paper, one index off", Cell(r, "bob", "overrides"));
            Assert.Equal("01", Cell(r, "bob", "late"));    // handed in after the deadline
            Assert.Equal("01", Cell(r, "1004", "late"));   // Canvas's LATE marker
            Assert.Equal("", Cell(r, "alice", "late"));
            Assert.Equal("", Cell(r, "erin", "late"));     // the zip entry's own time
        }
        Assert.Contains("Your instructor:** Update right on paper", File.ReadAllText(Path.Combine(term.Out, "feedback", "bob.md")));
    }

    [Fact]
    public void Flagged_work_stays_pending_until_accepted_and_the_acceptance_survives_a_regrade()
    {
        foreach (var r in new[] { term.First, term.Regraded })
        {
            Assert.True(r.Code == 0, r.Output);
            // Never accepted: pending, no points, the reason shown.
            Assert.Equal("pending", Cell(r, "mallory", "lesson 01"));
            Assert.Equal("01", Cell(r, "mallory", "pending review"));
            Assert.Equal("0", Cell(r, "mallory", "points"));
            Assert.Contains("file writes", Cell(r, "mallory", "needs review"));
            // Accepted in the first run, and still in the regrade, which reads the acceptance from the config.
            Assert.Contains("file writes", Cell(r, "alice", "needs review"));
            Assert.Equal("3", Cell(r, "alice", "lesson 01"));
            Assert.Equal("", Cell(r, "alice", "pending review"));
            Assert.Equal("3", Cell(r, "alice", "points"));
        }
        Assert.Contains("\"learner\": \"alice\"", File.ReadAllText(term.Config));
        Assert.Contains("accepted alice's 01-kmeans.dib as reviewed", term.First.Output);
        Assert.DoesNotContain("accepted", term.Regraded.Output);
    }

    [Fact]
    public void The_class_report_names_the_most_failed_exercise_and_draws_the_points()
    {
        Assert.Contains("**Most failed: exercise 01.1**, failed by 2 of the 6 who handed it in", term.First.Report);
        Assert.Contains("| 01.1 | 6 | 3 | 50 % | 2 | 1 | (1) ", term.First.Report);
        Assert.Contains("(1 of 2 cases passed.)", File.ReadAllText(Path.Combine(term.Out, "feedback", "carol.md")));
        var html = File.ReadAllText(Path.Combine(term.Out, "class-report.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("learner(s) at 3 points", html);
        Assert.DoesNotContain("<script", html);
    }
}
