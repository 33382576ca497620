using System.Text;
using System.Text.RegularExpressions;

namespace Course.Notebooks;

/// <summary>
/// The <c>release</c> command: the learner handout, a copy of the kit without solutions or tests that builds, runs
/// and self-grades on its own. Copies an allow-list of the kit's top-level entries (skipping build output, rendered
/// pages and every <c>.solution.dib</c>), writes a solution file without the test projects and a learner README, and
/// refuses to finish if any copied file still holds a solution region.
/// </summary>
public static partial class Handout
{
    private static readonly string[] TopLevel = [".config", ".devcontainer", ".vscode", ".gitattributes", ".gitignore", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "LICENSE", "course", "course.cmd", "datasets", "lib", "notebooks"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "_rendered", "TestResults", ".vs", ".ipynb_checkpoints"];

    /// <summary>Writes the handout into <paramref name="destination"/> (new or empty, outside the kit); returns the number of files.</summary>
    /// <exception cref="IOException">the folder is not empty, or lies inside the kit.</exception>
    /// <exception cref="InvalidOperationException">a copied notebook holds a solution region (the kit is inconsistent).</exception>
    public static int Write(string destination)
    {
        var root = KitPaths.Root;
        if ((destination + Path.DirectorySeparatorChar).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new IOException($"write the handout outside the kit ({root}).");
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
            throw new IOException($"{destination} is not empty; choose a new folder.");
        int count = 0;
        foreach (var entry in TopLevel)
        {
            var source = Path.Combine(root, entry);
            if (File.Exists(source)) { Copy(source, Path.Combine(destination, entry)); count++; }
            else if (Directory.Exists(source)) count += CopyFolder(source, Path.Combine(destination, entry));
        }
        File.WriteAllText(Path.Combine(destination, "Course.sln"), WithoutTests(File.ReadAllText(Path.Combine(root, "Course.sln"))));
        // GitHub Classroom's autograding: a handout pushed as an assignment's template grades every learner's push
        // (Grading/ClassroomCommand). It lives in the kit as an asset, so the kit's own repository runs no such workflow.
        Copy(Path.Combine(root, "lib", "Course.Notebooks", "Assets", "classroom.yml"), Path.Combine(destination, ".github", "workflows", "classroom.yml"));
        File.WriteAllText(Path.Combine(destination, "README.md"), LearnerReadme(File.ReadAllText(Path.Combine(root, "README.md"))));
        foreach (var file in Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories).Where(f => Path.GetExtension(f) is ".dib" or ".ipynb"
            || (Path.GetExtension(f) == ".cs" && Path.GetDirectoryName(f) == Path.Combine(destination, "notebooks")) || f == Grading.ExerciseManifest.PathIn(destination)))
            if (File.ReadAllText(file).Contains("BEGIN SOLUTION", StringComparison.Ordinal))
                throw new InvalidOperationException($"{file} holds a solution region; regenerate the learner notebooks with `course strip` and release again.");
        return count + 3;
    }

    private static int CopyFolder(string source, string destination)
    {
        int count = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(SkippedFolders.Contains)) continue;
            if (file.EndsWith(SolutionStripper.SolutionSuffix, StringComparison.Ordinal)) continue;
            Copy(file, Path.Combine(destination, relative));
            count++;
        }
        return count;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    /// <summary>The kit's solution file minus the test projects (and the folder that holds them), which a handout lacks.</summary>
    public static string WithoutTests(string sln)
    {
        var dropped = ProjectLine().Matches(sln).Where(m => m.Groups["path"].Value.Replace('\\', '/').Split('/')[0] == "tests").Select(m => m.Groups["guid"].Value).ToList();
        var kept = new StringBuilder();
        var lines = sln.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (dropped.Any(g => lines[i].Contains(g, StringComparison.OrdinalIgnoreCase)))
            {
                if (lines[i].StartsWith("Project(", StringComparison.Ordinal)) while (i < lines.Length && lines[i] != "EndProject") i++;
                continue;
            }
            kept.Append(lines[i]).Append('\n');
        }
        return kept.ToString().TrimEnd('\n') + "\n";
    }

    private static string LearnerReadme(string kitReadme)
    {
        var table = LessonTable().Match(kitReadme).Value.Trim();
        // The module map travels too: the course index that `run` writes shows it. The quick start, the routes and the
        // platform's state are the kit README's own sections, so the two READMEs cannot say different things.
        var map = ModuleMap().Match(kitReadme).Value.Trim();
        string Section(string heading)
        {
            int start = kitReadme.IndexOf("\n" + heading, StringComparison.Ordinal);
            if (start < 0) throw new InvalidOperationException($"the kit's README has no section '{heading}'.");
            int end = kitReadme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            return kitReadme[(start + 1)..(end < 0 ? kitReadme.Length : end)].Trim();
        }
        return $$"""
            # Unsupervised learning in C#: your handout

            Eight notebook lessons on finding structure in unlabelled data, backed by a C# library. Every chart works
            offline; every exercise is checked and tells you what is wrong.

            {{Section("## Quick start")}}

            {{table}}

            {{map}}

            {{Section("## Opening a lesson")}}

            ## Exercises

            Each exercise is a cell with a function to complete (it starts as `throw new NotImplementedException();`),
            followed by a check cell that prints `passed`, `FAILED` with what was expected and what came back, or
            `not attempted yet`. Keep everything an exercise needs inside its own cell: grading runs only the set-up,
            the exercise cells and the kit's checks. Edit the notebook in place and check all of it in one go, as often
            as you like (it is graded against the lessons as handed out, in `lib/Course.Exercises/exercises.json`):

            ```bash
            ./course grade notebooks/01-kmeans.dib          # Windows: course grade notebooks\01-kmeans.dib
            ```

            (`dotnet run --project lib/Course.Notebooks -c Release -- grade notebooks/01-kmeans.dib` is the same.) To
            hand in, give your instructor your `.dib` (or `.ipynb`) files as they ask (one folder per learner).

            ## Running lessons headless

            `./course run` executes the lessons and writes each as an offline HTML page to `notebooks/_rendered/`, with
            `index.html` linking them: `./course run 02` runs lesson 02 alone, `./course list` shows the lessons, their
            exercises and when each last ran, and `./course --help` the rest.

            {{Section("## The notebook platform")}}

            The data in `datasets/` comes with its sources and licences in `datasets/README.md`; the library is described
            in `lib/README.md`.
            """.Replace("\r\n", "\n") + "\n";
    }

    [GeneratedRegex("^Project\\(\"[^\"]+\"\\) = \"[^\"]+\", \"(?<path>[^\"]+)\", \"(?<guid>\\{[^}]+\\})\"", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();

    [GeneratedRegex(@"^\| lesson \|[^\n]*\n(\|[^\n]*\n)+", RegexOptions.Multiline)]
    private static partial Regex LessonTable();

    [GeneratedRegex(@"^## Which method when[^\n]*\n\n(\|[^\n]*\n)+", RegexOptions.Multiline)]
    private static partial Regex ModuleMap();
}
