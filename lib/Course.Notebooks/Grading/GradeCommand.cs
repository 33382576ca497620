using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Course.Notebooks.Grading;

/// <summary>What a class's grading adds to a folder of submissions: the roster (<see cref="Roster"/>), the grading
/// config (<see cref="GradingConfig"/>; default <see cref="GradeCommand.DefaultConfig"/>), a list of hand-in times
/// (<see cref="SubmissionTimes"/>), and learners whose flagged work the instructor accepts now.</summary>
/// <param name="Roster">The class list's CSV file, or null.</param>
/// <param name="Config">The grading config's JSON file, or null for the default.</param>
/// <param name="Submitted">The hand-in times' CSV file, or null.</param>
/// <param name="AcceptLearners">Learners whose flagged work is accepted now.</param>
/// <param name="OneLearner">When set, the notebooks at the folder's top are all this learner's and its subfolders are
/// not searched (a learner's own repository, <see cref="ClassroomCommand"/>).</param>
public sealed record ClassOptions(string? Roster = null, string? Config = null, string? Submitted = null, IReadOnlyList<string>? AcceptLearners = null, string? OneLearner = null)
{
    /// <summary>Learners to accept (never null).</summary>
    public IReadOnlyList<string> Accept => AcceptLearners ?? [];
}

/// <summary>The <c>grade</c> command: find the submissions, read them all, grade them, write the gradebook.</summary>
public static partial class GradeCommand
{
    /// <summary>Grades <paramref name="target"/> (a notebook, or a class folder: one folder or zip per learner, or an LMS
    /// export) and writes the gradebook, the class report and the feedback pages to <paramref name="outDir"/> (none when
    /// empty). Returns the exit code.</summary>
    public static async Task<int> RunAsync(string target, string outDir, GraderOptions options, TextWriter console, TextWriter log, ClassOptions? classOptions = null)
    {
        bool folder = Directory.Exists(target);
        var book = await GradeAsync(target, outDir, options, log, classOptions);
        if (book is null) return 1;
        var markdown = book.Markdown();
        var feedback = book.Students.Where(st => book.Grades.Any(g => g.Student == st)).ToDictionary(st => st, book.Feedback);
        console.WriteLine(folder ? markdown : feedback.Values.First());
        if (outDir.Length > 0)
        {
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, "gradebook.csv"), book.Csv());
            await File.WriteAllTextAsync(Path.Combine(outDir, "gradebook.md"), markdown);
            if (folder)
            {
                await File.WriteAllTextAsync(Path.Combine(outDir, "class-report.md"), ClassReport.Markdown(book));
                await File.WriteAllTextAsync(Path.Combine(outDir, "class-report.html"), ClassReport.Html(book));
            }
            var pages = Directory.CreateDirectory(Path.Combine(outDir, "feedback")).FullName;
            foreach (var (student, md) in feedback)
            {
                var file = Path.Combine(pages, Gradebook.FileName(student));
                await File.WriteAllTextAsync(file, md);
                await File.WriteAllTextAsync(Path.ChangeExtension(file, ".html"), Rendering.FeedbackHtml(md, student));
            }
            console.WriteLine($"gradebook written to {Path.Combine(outDir, "gradebook.csv")} and gradebook.md{(folder ? ", the class report to class-report.html" : "")}; a feedback page per learner in {pages}");
        }
        return 0;
    }

    /// <summary>Collects and grades <paramref name="target"/> as <see cref="RunAsync"/> does, writing nothing but
    /// progress to <paramref name="log"/> and an acceptance to the config; null when there is nothing to grade.</summary>
    public static async Task<Gradebook?> GradeAsync(string target, string outDir, GraderOptions options, TextWriter log, ClassOptions? classOptions = null)
    {
        classOptions ??= new ClassOptions();
        bool folder = Directory.Exists(target);
        if (!folder && !File.Exists(target)) throw new FileNotFoundException($"{target} is neither a notebook nor a folder.");
        if (!folder && (classOptions.Roster ?? classOptions.Config ?? classOptions.Submitted) is not null || !folder && classOptions.Accept.Count > 0)
            throw new ArgumentException("--roster, --config, --submitted and --accept grade a class: give a folder of submissions.");
        // The reference is the exercise manifest, never a notebook the learner may have edited (ExerciseManifest).
        var manifest = ExerciseManifest.Load(KitPaths.Root);
        var roster = classOptions.Roster is { } r ? Roster.Load(r) : null;
        var configPath = classOptions.Config ?? (folder ? DefaultConfig(target) : "");
        var config = configPath.Length > 0 ? GradingConfig.Load(configPath) : new GradingConfig();
        config.Validate(manifest);
        var times = classOptions.Submitted is { } t ? SubmissionTimes.Load(t) : null;
        // Zips are unpacked into a folder of the grader's, hidden from every learner's process like the submissions.
        var unpacked = Directory.CreateTempSubdirectory("course-unpacked-").FullName;
        try
        {
            // Submissions are read as untrusted (SubmissionFiles): regular files only, links never followed, ids made safe.
            var (files, skipped) = folder
                ? SubmissionFiles.InFolder(target, IsNotebook, outDir.Length == 0 ? null : Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar), unpacked, classOptions.OneLearner)
                : SubmissionFiles.IsRegularFile(target)
                    ? ([new FoundNotebook(SubmissionFiles.Clean(Path.GetFileNameWithoutExtension(target)), target)], [])
                    : ((IReadOnlyList<FoundNotebook>)[], (IReadOnlyList<SkippedEntry>)[new SkippedEntry(Path.GetFileName(target), "not a regular file (a symbolic link, FIFO or device)")]);
            foreach (var s in skipped) log.WriteLine($"warning: {s.Path} is not graded: {s.Why}.");
            var lessons = new Dictionary<string, LessonExercises>();
            var submissions = new List<SubmittedNotebook>();
            var facts = new Dictionary<(string, string), SubmissionFacts>();
            // Every submission is read before any runs: a submission that rewrites a classmate's file changes nothing.
            foreach (var found in files)
            {
                var student = roster?.Match(found.Student, found.Aliases)?.Id ?? found.Student;
                var name = found.Name;
                var lesson = LessonPrefix().Match(name) is { Success: true } m ? m.Groups[1].Value : null;
                if (lesson is not null && manifest.TryGetValue(lesson, out var exercises)) lessons[lesson] = exercises;
                if (lesson is null || !lessons.ContainsKey(lesson))
                {
                    log.WriteLine($"warning: {student}'s {name} matches no lesson of the kit (name it like 01-kmeans.dib, 01-kmeans.ipynb or 01-kmeans.cs); not graded.");
                    continue;
                }
                IReadOnlyList<Cell> cells;
                byte[] bytes = [];
                try { bytes = File.ReadAllBytes(found.Path); cells = DibFile.Read(found.Path); }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    log.WriteLine($"warning: {student}'s {name} cannot be read ({e.Message}); graded as empty.");
                    cells = [];
                }
                if (submissions.FindIndex(s => s.Student == student && s.Lesson == lesson) is int earlier and >= 0)
                {
                    // Two notebooks for one lesson, typically the .dib and the .ipynb of a handed-in notebooks folder: the one
                    // the learner worked in is the one that differs from the kit's blank copy (the later by name if both do).
                    bool earlierBlank = Untouched(submissions[earlier].Cells, lessons[lesson]), thisBlank = Untouched(cells, lessons[lesson]);
                    var kept = earlierBlank && !thisBlank || earlierBlank == thisBlank ? name : submissions[earlier].File;
                    // Blank copies beside each other (a whole repository as handed out) are no news.
                    if (!(earlierBlank && thisBlank))
                        log.WriteLine($"warning: {student} has more than one notebook for lesson {lesson}; grading {kept}{(earlierBlank != thisBlank ? ", the one with work in it" : ", the last by name")}.");
                    if (kept != name) continue;
                    submissions.RemoveAt(earlier);
                }
                submissions.Add(new SubmittedNotebook(student, name, lesson, cells));
                var time = times?.Of(student, lesson) ?? new DateTimeOffset(File.GetLastWriteTimeUtc(found.Path), TimeSpan.Zero);
                facts[(student, lesson)] = new SubmissionFacts(time, found.MarkedLate, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            }
            if (submissions.Count == 0 && roster is null) { log.WriteLine("nothing to grade."); return null; }
            if (classOptions.Accept.Count > 0) Accept(classOptions.Accept, submissions, facts, config, configPath, log);

            var grader = new Grader(options, folder ? [target, unpacked] : [Path.GetDirectoryName(target)!]);
            log.WriteLine(grader.Isolation == Isolation.Namespaces
                ? $"grading {submissions.Count} notebook(s), {grader.Jobs} at a time; each in its own namespaces (bubblewrap: no network, no view of other processes, the kit read-only, solutions and other submissions hidden)."
                : $"grading {submissions.Count} notebook(s) one at a time{(options.Jobs > 1 ? $" (not {options.Jobs}: without namespaces a submission could change the kit for the others)" : "")}; each in its own process (namespaces are unavailable here: install bubblewrap, or see the README on grading untrusted work).");
            var clock = Stopwatch.StartNew();
            int finished = 0;
            var graded = await grader.GradeAllAsync(submissions, lessons, g =>
                log.WriteLine($"  [{Interlocked.Increment(ref finished)}/{submissions.Count}] {g.Student}, lesson {g.Lesson}: {g.Passed}/{g.Grades.Count}{(g.Review.Count > 0 ? "  (needs review)" : "")}  {clock.Elapsed.TotalSeconds:0} s"));
            log.WriteLine($"graded in {clock.Elapsed.TotalSeconds:0.0} s.");
            return new Gradebook(graded, lessons, skipped, roster, config, facts);
        }
        finally { Directory.Delete(unpacked, recursive: true); }
    }

    // Records that the instructor read each named learner's submissions as they are now (by content), so that a flagged
    // lesson counts; a later change to the file makes it pending again.
    private static void Accept(IReadOnlyList<string> learners, IReadOnlyList<SubmittedNotebook> submissions,
        IReadOnlyDictionary<(string, string), SubmissionFacts> facts, GradingConfig config, string configPath, TextWriter log)
    {
        foreach (var learner in learners)
        {
            var theirs = submissions.Where(s => s.Student.Equals(learner, StringComparison.OrdinalIgnoreCase)).ToList();
            if (theirs.Count == 0) throw new ArgumentException($"--accept {learner}: no learner of that id handed anything in (ids are as the gradebook writes them).");
            foreach (var s in theirs)
            {
                config.Accepted.RemoveAll(a => a.Lesson == s.Lesson && a.Learner.Equals(s.Student, StringComparison.OrdinalIgnoreCase));
                config.Accepted.Add(new Acceptance(s.Student, s.Lesson, facts[(s.Student, s.Lesson)].Sha256, DateTimeOffset.UtcNow));
                log.WriteLine($"accepted {s.Student}'s {s.File} as reviewed (recorded in {configPath}).");
            }
        }
        config.Save(configPath);
    }

    /// <summary>The grading config used when <c>--config</c> is not given: beside the submissions folder,
    /// <c>FOLDER-grading.json</c>.</summary>
    public static string DefaultConfig(string target) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)) + "-grading.json";

    /// <summary>Where the gradebook and feedback go by default: beside the submissions folder, never inside it, so that
    /// no learner's folder (one named <c>feedback</c> or <c>gradebook.csv</c>) can take their place.</summary>
    public static string DefaultOut(string target) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)) + "-graded";

    // Learners submit what they worked in: Polyglot Notebooks' .dib, Jupyter's .ipynb or the lesson app's .cs (Jupyter's
    // autosaved checkpoints and rendered read-only copies are skipped by SubmissionFiles).
    // A .cs file counts only when named as a lesson app (NN-name.cs): a learner's whole repository (GitHub Classroom's
    // download) holds the kit's library sources too.
    private static bool IsNotebook(string name) => Path.GetExtension(name) is ".dib" or ".ipynb" || Path.GetExtension(name) == ".cs" && LessonPrefix().IsMatch(name);

    // Whether a submission has no work in it: every exercise as handed out (a blank copy handed in beside the real work).
    private static bool Untouched(IReadOnlyList<Cell> cells, LessonExercises lesson) => SubmissionPlan.For(lesson, cells, KitPaths.Root).Run.Count == 0;

    [GeneratedRegex(@"^(\d\d)-")]
    private static partial Regex LessonPrefix();
}
