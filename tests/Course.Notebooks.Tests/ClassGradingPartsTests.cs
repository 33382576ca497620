using System.IO.Compression;
using Course.Notebooks.Grading;

namespace Course.Notebooks.Tests;

/// <summary>The pieces of a class's grading, each fed what an LMS, a spreadsheet or a hostile learner hands over.</summary>
public class ClassGradingPartsTests
{
    [Theory]
    [InlineData("smithbob_340934_208490285_01-kmeans.dib", "smithbob", "340934", "01-kmeans.dib", false)]
    [InlineData("smithbob_LATE_340934_208490285_01-kmeans.dib", "smithbob", "340934", "01-kmeans.dib", true)]
    [InlineData("alice_12345_01-kmeans.dib", "alice", "12345", "01-kmeans.dib", false)]
    [InlineData("LATE_anon_77_208490285_02-hierarchical.ipynb", "anon", "77", "02-hierarchical.ipynb", true)]
    [InlineData("Jane Doe_1234567_assignsubmission_file_01-kmeans.dib", "Jane Doe", "1234567", "01-kmeans.dib", false)]
    public void Lms_export_names_give_the_learner_and_the_file(string name, string learner, string id, string file, bool late)
        => Assert.Equal(new LmsName(learner, id, file, late), LmsNames.OfFile(name));

    [Theory]
    [InlineData("01-kmeans.dib"), InlineData("alice.dib"), InlineData("my_work_01-kmeans.dib"), InlineData("bob_12_")]
    public void Ordinary_names_are_not_read_as_lms_exports(string name) => Assert.Null(LmsNames.OfFile(name));

    [Fact]
    public void Moodle_submission_folders_name_their_learner()
    {
        Assert.Equal(new LmsName("Jane Doe", "1234567", "", false), LmsNames.OfFolder("Jane Doe_1234567_assignsubmission_file"));
        Assert.Equal(new LmsName("Jane Doe", "1234567", "", false), LmsNames.OfFolder("Jane Doe_1234567_assignsubmission_file_"));
        Assert.Null(LmsNames.OfFolder("alice"));
    }

    [Fact]
    public void A_zip_entry_that_unpacks_past_the_limit_or_a_broken_zip_is_skipped_with_its_reason()
    {
        var dir = Directory.CreateTempSubdirectory("course-zip").FullName;
        var bomb = Path.Combine(dir, "bomb.zip");
        using (var zip = ZipFile.Open(bomb, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry("01-kmeans.dib", CompressionLevel.SmallestSize).Open()) s.Write(new byte[SubmissionFiles.MaxFileBytes + 1]);
            using (var s = zip.CreateEntry("02-hierarchical.dib").Open()) s.Write("#!csharp\n\nvar x = 1;\n"u8);
        }
        Assert.True(new FileInfo(bomb).Length < 1 << 20, "the test's zip should be small and unpack large");
        var (notebooks, skipped) = SubmissionArchive.Unpack(bomb, Path.Combine(dir, "out"), "bomb.zip", n => n.EndsWith(".dib"));
        Assert.Equal(["02-hierarchical.dib"], notebooks.Select(n => n.Name));
        Assert.Equal(new SkippedEntry("bomb.zip!01-kmeans.dib", "larger than 16 MiB unpacked, or past the zip's 64 MiB"), Assert.Single(skipped));
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "out"), "*", SearchOption.AllDirectories));

        var broken = Path.Combine(dir, "broken.zip");
        File.WriteAllText(broken, "PK not really");
        var (none, refused) = SubmissionArchive.Unpack(broken, Path.Combine(dir, "out2"), "broken.zip", _ => true);
        Assert.Empty(none);
        Assert.StartsWith("not a readable zip file", Assert.Single(refused).Why);
    }

    [Theory]
    [InlineData("name\nalice\n", "must name its columns, one of them id")]
    [InlineData("id,name\nalice,A\nALICE,B\n", "line 3: the id ALICE is listed twice")]
    [InlineData("id,name\n,A\n", "line 2: the id is empty")]
    public void A_roster_without_ids_or_with_repeated_ones_is_refused_with_the_line(string text, string message)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "roster.csv");
        File.WriteAllText(path, text);
        Assert.Contains(message, Assert.Throws<FormatException>(() => Roster.Load(path)).Message);
    }

    [Fact]
    public void A_roster_from_a_spreadsheet_that_writes_semicolons_reads_the_same()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "roster.csv");
        File.WriteAllText(path, "id;name\nalice;\"Ash, Alice\"\n");
        Assert.Equal([new RosterEntry("alice", "Ash, Alice")], Roster.Load(path).Learners);
    }

    [Fact]
    public void A_roster_matches_by_id_before_a_shared_name()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "roster.csv");
        File.WriteAllText(path, "id,name\nsmithbob,Bob Smith (the first)\n340934,Bob Smith\n");
        var roster = Roster.Load(path);
        Assert.Equal("340934", roster.Match("smithbob_340934", ["340934", "smithbob"])!.Id);
        Assert.Null(roster.Match("someone", []));
    }

    [Fact]
    public void An_acceptance_holds_for_the_file_accepted_and_not_for_a_changed_one()
    {
        var manifest = ExerciseManifest.Load(Kit.Root);
        var ids = manifest["01"].Exercises.Select(e => e.Id).ToList();
        var grades = new[] { new LessonGrade("alice", "01", "01-kmeans.dib", ids.Select(i => new Grade(i, GradeStatus.Passed, "Well done.")).ToList(), ["file writes"], null) };
        var config = new GradingConfig();
        config.Accepted.Add(new Acceptance("ALICE", "01", "aaaa", DateTimeOffset.UnixEpoch));
        Gradebook Book(string sha) => new(grades, manifest, [], null, config, new Dictionary<(string, string), SubmissionFacts> { [("alice", "01")] = new(DateTimeOffset.UnixEpoch, false, sha) });
        Assert.False(Book("aaaa").Pending("alice", "01"));
        Assert.Equal(ids.Count, Book("aaaa").Points("alice"));
        Assert.True(Book("bbbb").Pending("alice", "01"));   // the file changed after it was accepted
        Assert.Equal(0, Book("bbbb").Points("alice"));
        config.Accepted.Clear();
        Assert.True(Book("aaaa").Pending("alice", "01"));
    }

    [Theory]
    [InlineData("""{ "points": { "01.9": 2 } }""", "01.9 is neither a lesson")]
    [InlineData("""{ "points": { "01": -1 } }""", "points are finite and at least 0")]
    [InlineData("""{ "overrides": [ { "learner": "a", "exercise": "01.2", "points": 2, "comment": "x" } ] }""", "which is worth 1")]
    [InlineData("""{ "overrides": [ { "learner": "a", "exercise": "01.2", "points": 1, "comment": " " } ] }""", "has no comment")]
    [InlineData("""{ "deadlines": { "09": "2026-01-01T00:00:00Z" } }""", "09 is not a lesson")]
    [InlineData("""{ "point": { "01": 2 } }""", "point")]
    public void A_grading_config_with_a_typo_or_an_impossible_grade_is_refused(string json, string message)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "grading.json");
        File.WriteAllText(path, json);
        var manifest = ExerciseManifest.Load(Kit.Root);
        var e = Assert.Throws<FormatException>(() => GradingConfig.Load(path).Validate(manifest));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Hand_in_times_need_their_offset_and_a_lessons_own_time_comes_first()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "bad.csv"), "learner,time\nalice,2026-01-01 10:00\n");
        Assert.Contains("line 2: \"2026-01-01 10:00\" is not a time with its offset", Assert.Throws<FormatException>(() => SubmissionTimes.Load(Path.Combine(dir, "bad.csv"))).Message);
        File.WriteAllText(Path.Combine(dir, "times.csv"), "learner,lesson,time\nalice,,2026-01-01T10:00:00Z\nALICE,02,2026-01-03T10:00:00+01:00\n");
        var times = SubmissionTimes.Load(Path.Combine(dir, "times.csv"));
        Assert.Equal(DateTimeOffset.Parse("2026-01-03T09:00:00Z"), times.Of("alice", "02"));
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T10:00:00Z"), times.Of("alice", "01"));
        Assert.Null(times.Of("bob", "01"));
    }
}
