using System.CommandLine;
using System.CommandLine.Invocation;
using Course.Notebooks;
using Course.Notebooks.Grading;

// The kit's command line, `course`: run and render lessons, list them, regenerate learner notebooks, grade, hand out.
// System.CommandLine does the parsing, help, typo suggestions and errors that name the option; the actions are ours.

// The kernel redirects Console.Out while a cell runs (to capture the cell's output), and a cell that overran its time
// limit is still running: report through the process's real streams, captured before any kernel exists.
var console = Console.Out;
var consoleError = Console.Error;

var cellTimeout = WholeNumber(new Option<int>("--cell-timeout") { Description = "Seconds a cell may run before the run stops.", DefaultValueFactory = _ => 120, HelpName = "SECONDS" }, "seconds", 60);
AtLeast(cellTimeout, 1);
var solutions = new Option<bool>("--solutions") { Description = "Use the instructor versions (NN-name.solution.dib)." };

var lessonsArg = new Argument<string[]>("lessons") { Description = "Lessons by number (02), name (02-hierarchical, hierarchical) or path; default: every lesson.", Arity = ArgumentArity.ZeroOrMore };
var outOption = new Option<string>("--out") { Description = "Where to write NAME.ipynb, NAME.html and index.html (default notebooks/_rendered).", HelpName = "DIR" };
var singlePage = new Option<bool>("--single-page") { Description = "Write each lesson as one self-contained page (plotly.js, KaTeX and style inside, no sidebar or search), to hand a lesson out alone." };
var run = new Command("run", "Execute lessons headless with per-cell progress, render each as .ipynb and an offline HTML page of the course site (sidebar, search, index), print the time per lesson; exit 1 if a cell fails.")
{
    lessonsArg, solutions, outOption, cellTimeout, singlePage,
};
run.SetAction((parse, _) =>
{
    var lessons = LessonCatalog.All(KitPaths.Notebooks);
    bool sol = parse.GetValue(solutions);
    var names = parse.GetValue(lessonsArg) ?? [];
    // Every name is resolved before anything runs, so a typo in the third name does not cost two lessons' time.
    var notebooks = names.Length > 0 ? names.Select(n => LessonCatalog.Resolve(n, sol, lessons, KitPaths.Root)).ToList()
        : lessons.Select(l => l.PathFor(sol)).ToList();
    if (KitPaths.LibraryMissing() is { } missing) { consoleError.WriteLine($"error: {missing}"); return Task.FromResult(2); }
    var outDir = Path.GetFullPath(parse.GetValue(outOption) is { Length: > 0 } o ? o : KitPaths.Rendered);
    return RunCommand.RunAsync(notebooks, lessons, sol, outDir, TimeSpan.FromSeconds(parse.GetValue(cellTimeout)), console, parse.GetValue(singlePage));
});

var list = new Command("list", "List the lessons with their exercise count and last run (from notebooks/_rendered, or --out).") { solutions, outOption };
list.SetAction(parse =>
{
    var outDir = Path.GetFullPath(parse.GetValue(outOption) is { Length: > 0 } o ? o : KitPaths.Rendered);
    RunCommand.List(LessonCatalog.All(KitPaths.Notebooks), parse.GetValue(solutions), RunHistory.Load(outDir), console);
    return 0;
});

var check = new Option<bool>("--check") { Description = "Only report drift (exit 1), write nothing." };
var strip = new Command("strip", "Regenerate every learner notebook (.dib and .ipynb) and the grader's exercise manifest from the .solution.dib files.") { check };
strip.SetAction(parse => LearnerNotebooks.Strip(KitPaths.Root, parse.GetValue(check), console));

var gradeTarget = new Argument<string>("path") { Description = "One learner notebook, or a folder with one folder of NN-*.dib / NN-*.ipynb per learner." };
var gradeOut = new Option<string>("--out") { Description = "Where to write gradebook.csv, gradebook.md and feedback/ (default: beside the submissions folder, FOLDER-graded).", HelpName = "DIR" };
var jobs = WholeNumber(new Option<int>("--jobs") { Description = "Notebooks graded at once.", DefaultValueFactory = _ => 1, HelpName = "N" }, "notebooks", 2);
AtLeast(jobs, 1);
var timeout = WholeNumber(new Option<int>("--timeout") { Description = "Seconds one notebook's grading may take.", DefaultValueFactory = _ => 300, HelpName = "SECONDS" }, "seconds", 600);
var roster = ExistingFile(new Option<string>("--roster") { Description = "The class list, a CSV file with the columns id and name: everyone on it gets a row, those who handed nothing in marked missing.", HelpName = "CSV" });
var gradingConfig = new Option<string>("--config") { Description = "Points, deadlines, overrides and acceptances, a JSON file you keep (default: beside the submissions folder, FOLDER-grading.json, when it exists).", HelpName = "JSON" };
var submitted = ExistingFile(new Option<string>("--submitted") { Description = "When each learner handed in, a CSV file with the columns learner, time and optionally lesson; late flags read it before the files' own times.", HelpName = "CSV" });
var accept = new Option<string[]>("--accept") { Description = "Accept a learner's work flagged for review, as it is now; recorded in the config, so it holds on every regrade until the file changes. Repeat for several.", HelpName = "LEARNER", AllowMultipleArgumentsPerToken = false };
var grade = new Command("grade", "Grade a notebook, or a class of submissions, each in its own sandboxed process.") { gradeTarget, gradeOut, jobs, cellTimeout, timeout, roster, gradingConfig, submitted, accept };
grade.SetAction(async (parse, _) =>
{
    if (KitPaths.LibraryMissing() is { } missing) { consoleError.WriteLine($"error: {missing}"); return 2; }
    var target = Path.GetFullPath(parse.GetValue(gradeTarget)!);
    var outDir = parse.GetValue(gradeOut) is { Length: > 0 } o ? Path.GetFullPath(o) : Directory.Exists(target) ? GradeCommand.DefaultOut(target) : "";
    var options = new GraderOptions(TimeSpan.FromSeconds(parse.GetValue(cellTimeout)), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(jobs));
    var classOptions = new ClassOptions(FullPath(parse.GetValue(roster)), FullPath(parse.GetValue(gradingConfig)), FullPath(parse.GetValue(submitted)), parse.GetValue(accept) ?? []);
    try { return await GradeCommand.RunAsync(target, outDir, options, console, consoleError, classOptions); }
    catch (Exception e) when (e is FormatException or ArgumentException)
    {
        consoleError.WriteLine($"error: {e.Message}");
        return 2;
    }
});

var classroomFolder = new Argument<string>("folder") { Description = "The learner's notebooks (default notebooks).", DefaultValueFactory = _ => "notebooks" };
var classroomConfig = new Option<string>("--config") { Description = "Points and deadlines (see grade --config).", HelpName = "JSON" };
var classroom = new Command("classroom", "Grade a learner's own notebooks and report the points as GitHub Classroom's autograding reads them (the handout's workflow runs this on every push).") { classroomFolder, classroomConfig, cellTimeout, timeout };
classroom.SetAction(async (parse, _) =>
{
    if (KitPaths.LibraryMissing() is { } missing) { consoleError.WriteLine($"error: {missing}"); return 2; }
    var options = new GraderOptions(TimeSpan.FromSeconds(parse.GetValue(cellTimeout)), TimeSpan.FromSeconds(parse.GetValue(timeout)));
    try { return await ClassroomCommand.RunAsync(Path.GetFullPath(parse.GetValue(classroomFolder)!), FullPath(parse.GetValue(classroomConfig)), options, console, consoleError); }
    catch (Exception e) when (e is FormatException or ArgumentException)
    {
        consoleError.WriteLine($"error: {e.Message}");
        return 2;
    }
});

var handoutDir = new Argument<string>("dir") { Description = "A new or empty folder outside the kit." };
var release = new Command("release", "Write the learner handout: learner notebooks, library sources, data, README, dev container; no solutions, no tests.") { handoutDir };
release.SetAction(parse =>
{
    var destination = Path.GetFullPath(parse.GetValue(handoutDir)!);
    var written = Handout.Write(destination);
    console.WriteLine($"handout written to {destination} ({written} files); zip it or push it for your learners.");
    return 0;
});

// The child side of `grade`: its plan arrives on standard input; it ends the process itself.
var exec = new Command("exec", "Internal: one grading child process.") { Hidden = true };
exec.SetAction(async (_, _) => { await GradingChild.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput()); return 0; });

// The grader's other process per submission: the kit's checks, calling the learner's functions in `exec`.
var checkHost = new Command("check-host", "Internal: the grading process that runs the kit's checks.") { Hidden = true };
checkHost.SetAction(_ => CheckHostCommand.Run());

// Arguments take any word, so an unknown option would arrive as a lesson name or a folder: name it as an option.
foreach (var (command, argument) in new (Command, Argument)[] { (run, lessonsArg), (grade, gradeTarget), (classroom, classroomFolder), (release, handoutDir) })
    argument.Validators.Add(r =>
    {
        foreach (var token in r.Tokens.Where(t => t.Value.StartsWith('-')))
            r.AddError($"unknown option '{token.Value}' for {command.Name}; its options are {string.Join(", ", command.Options.Where(o => !o.Hidden).Select(o => o.Name))}.{Suggestion(token.Value, command.Options.Select(o => o.Name))}");
    });

var root = new RootCommand("""
    The course kit's command. From the kit's folder:
      ./course run 02        (Windows: course run 02)
    or through the SDK, which checks the build first:
      dotnet run --project lib/Course.Notebooks -c Release -- run 02
    """)
{
    run, list, strip, grade, classroom, release, exec, checkHost,
};
// No command at all: a newcomer exploring gets the help, and a mistyped command is reported once, as itself, not
// also as "Required command was not provided".
root.SetAction(parse => { root.Parse(["--help"]).Invoke(); return 0; });

try
{
    var parsed = root.Parse(args);
    // On a parse error print the error and the suggestion, then where the options are, not the whole help page,
    // which would scroll the error away.
    if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction onError)
    {
        onError.ShowHelp = false;
        int code = await parsed.InvokeAsync();
        var command = parsed.CommandResult.Command == root ? "course" : $"course {parsed.CommandResult.Command.Name}";
        consoleError.WriteLine($"Run `{command} --help` for what it accepts.");
        return code;
    }
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is LessonNotFoundException or FormatException or IOException or UnauthorizedAccessException)
{
    // Mistakes a person can fix (a wrong lesson name, a malformed notebook, an unreadable file): the message, not a
    // stack trace. Anything else is a bug in the kit and keeps its trace.
    consoleError.WriteLine($"error: {(e is LessonNotFoundException l ? l.Explanation : e.Message)}");
    return 2;
}

// " Did you mean --out?" when a name is a small typo away from one of the choices.
static string Suggestion(string typed, IEnumerable<string> choices)
{
    var best = choices.Select(c => (c, d: LessonNotFoundException.Distance(typed, c))).OrderBy(x => x.d).FirstOrDefault();
    return best.c is not null && best.d <= Math.Max(2, typed.Length / 3) ? $" Did you mean {best.c}?" : "";
}

// A whole number, with a message in words when it is not one (the parser's own names the .NET type, System.Int32).
static Option<int> WholeNumber(Option<int> option, string unit, int example)
{
    option.CustomParser = r =>
    {
        if (r.Tokens.Count == 0 && option.DefaultValueFactory is { } fallback) return fallback(r);
        var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)) return v;
        r.AddError($"{option.Name} takes a whole number of {unit}, such as {option.Name} {example}; got '{text}'.");
        return 0;
    };
    return option;
}

// A lower bound checked only once the value parsed (a value that does not parse is reported by the parser itself).
static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(r =>
{
    if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out var v) && v < minimum)
        r.AddError($"{option.Name} must be at least {minimum}; got {v}.");
});

static string? FullPath(string? path) => path is { Length: > 0 } ? Path.GetFullPath(path) : null;

static Option<string> ExistingFile(Option<string> option)
{
    option.Validators.Add(r =>
    {
        if (r.GetValueOrDefault<string>() is { Length: > 0 } path && !File.Exists(path)) r.AddError($"{option.Name}: no file {path}.");
    });
    return option;
}
