using System.Diagnostics;
using System.Globalization;

namespace Course.Benchmarks;

/// <summary>
/// <c>--lessons</c>: runs each lesson's learner notebook in the kit's engine (<c>lib/Course.Notebooks/bin/course run</c>)
/// and in the stand-alone kernel a learner's VS Code uses (<c>dotnet repl</c>, pinned in .config/dotnet-tools.json,
/// from the notebooks folder as VS Code runs it), and prints both times against the budgets: 60 s in the engine, 90 s
/// in the stand-alone kernel. The engine's figure is the lesson's time from its summary; the stand-alone kernel's is
/// the whole process, start-up included, as a learner waits for it. Run it after the build a learner made (<c>dotnet build Course.sln</c>, Debug, or the
/// README's Release build): the notebooks load whatever that build left in lib/Course.Kit/bin.
/// </summary>
public static class LessonTimes
{
    /// <summary>Budget in the engine, seconds.</summary>
    public const double EngineBudget = 60;

    /// <summary>Budget in the stand-alone kernel, seconds.</summary>
    public const double ReplBudget = 90;

    /// <summary>Times the lessons whose numbers are given (all when none); 0 when every run passed within budget,
    /// 1 otherwise.</summary>
    public static int Run(IReadOnlyList<string> lessons)
    {
        string root = KitRoot(), notebooks = Path.Combine(root, "notebooks");
        string engine = Path.Combine(root, "lib", "Course.Notebooks", "bin", OperatingSystem.IsWindows() ? "course.exe" : "course");
        if (!File.Exists(engine))
        {
            Console.Error.WriteLine($"error: {engine} is missing; build the kit first (dotnet build Course.sln).");
            return 1;
        }
        var library = new FileInfo(Path.Combine(root, "lib", "Course.Kit", "bin", "Course.Lib.dll"));
        Console.WriteLine($"library loaded by the notebooks: {library.FullName}, written {library.LastWriteTime:yyyy-MM-dd HH:mm}");
        var (restored, restoreOutput, _) = Start("dotnet", ["tool", "restore"], root);
        if (restored != 0) { Console.Error.WriteLine(restoreOutput); return 1; }
        var learner = Directory.GetFiles(notebooks, "??-*.dib").Where(f => !f.EndsWith(".solution.dib", StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            .Where(f => lessons.Count == 0 || lessons.Any(l => f.StartsWith(l.PadLeft(2, '0') + "-", StringComparison.Ordinal))).ToList();
        string scratch = Directory.CreateTempSubdirectory("course-lesson-times").FullName;
        var rows = new List<string>();
        bool allWithin = true;
        foreach (var file in learner)
        {
            string number = file[..2];
            var (engineCode, engineOutput, engineSeconds) = Start(engine, ["run", number, "--out", Path.Combine(scratch, "engine")], root);
            var (replCode, replOutput, replSeconds) = Start("dotnet", ["repl", "--run", file, "--exit-after-run", "--output-format", "ipynb",
                "--output-path", Path.Combine(scratch, Path.ChangeExtension(file, ".ipynb"))], notebooks);
            // The engine's own figure for the lesson (its summary line), without the process's start-up.
            var summary = System.Text.RegularExpressions.Regex.Match(engineOutput, $@"^{System.Text.RegularExpressions.Regex.Escape(file)}\s+([0-9.]+)s\s+ok", System.Text.RegularExpressions.RegexOptions.Multiline);
            if (summary.Success) engineSeconds = double.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
            bool ok = engineCode == 0 && replCode == 0 && engineSeconds <= EngineBudget && replSeconds <= ReplBudget;
            allWithin &= ok;
            if (engineCode != 0) Console.Error.WriteLine(engineOutput);
            if (replCode != 0) Console.Error.WriteLine(replOutput);
            string row = string.Create(CultureInfo.InvariantCulture,
                $"{file,-22} {Status(engineCode, engineSeconds),12} {Status(replCode, replSeconds),12}  {(ok ? "within budget" : "OVER BUDGET OR FAILED")}");
            Console.WriteLine(row);
            rows.Add(row);
        }
        Console.WriteLine();
        Console.WriteLine($"{"lesson",-22} {"engine s",12} {"repl s",12}  budget {EngineBudget:F0} s in the engine, {ReplBudget:F0} s in dotnet repl");
        Console.WriteLine(new string('-', 70));
        rows.ForEach(Console.WriteLine);
        Directory.Delete(scratch, recursive: true);
        return allWithin ? 0 : 1;
    }

    private static string Status(int code, double seconds) =>
        code == 0 ? seconds.ToString("F1", CultureInfo.InvariantCulture) : $"exit {code}";

    // Runs a command to the end, output captured (the engine's progress lines would interleave with the table).
    private static (int Code, string Output, double Seconds) Start(string file, IReadOnlyList<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result, clock.Elapsed.TotalSeconds);
    }

    private static string KitRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException("Course.sln not found above the benchmark's folder.");
    }
}
