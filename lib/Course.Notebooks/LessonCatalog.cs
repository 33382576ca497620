using System.Text.RegularExpressions;
using Course.Notebooks.Grading;

namespace Course.Notebooks;

/// <summary>One lesson of the kit: <c>notebooks/NN-name.dib</c> (learner) and <c>NN-name.solution.dib</c> (instructor).</summary>
/// <param name="Number">Two digits, "01".."08".</param>
/// <param name="Name">The file stem, e.g. "02-hierarchical".</param>
/// <param name="Title">The first heading without its "Lesson NN —" prefix, e.g. "Hierarchical clustering".</param>
/// <param name="Exercises">How many checked exercises the lesson holds.</param>
/// <param name="LearnerPath">The learner notebook (<c>NN-name.dib</c>).</param>
/// <param name="SolutionPath">The instructor notebook (<c>NN-name.solution.dib</c>).</param>
public sealed record Lesson(string Number, string Name, string Title, int Exercises, string LearnerPath, string SolutionPath)
{
    /// <summary>The notebook to run: the instructor version or the learner's.</summary>
    public string PathFor(bool solutions) => solutions ? SolutionPath : LearnerPath;
    /// <summary>The stem the rendered files of that version carry (<c>02-hierarchical</c> or <c>02-hierarchical.solution</c>).</summary>
    public string RenderedStem(bool solutions) => Path.GetFileNameWithoutExtension(PathFor(solutions));
}

/// <summary>
/// The kit's lessons, found from the solution notebooks in <c>notebooks/</c>, and the rule that turns what a person
/// types (<c>02</c>, <c>2</c>, <c>02-hierarchical</c>, <c>hierarchical</c>, a path) into a notebook.
/// </summary>
public static partial class LessonCatalog
{
    /// <summary>The lessons in order: from the solution notebooks in the kit, and from the learner notebooks in a
    /// handout, which has no solutions (<c>./course run 02</c> and <c>./course list</c> work there too).</summary>
    /// <exception cref="FormatException">two lessons share a number (an authoring error in the kit).</exception>
    public static IReadOnlyList<Lesson> All(string notebooksFolder)
    {
        ArgumentNullException.ThrowIfNull(notebooksFolder);
        var solutions = SolutionStripper.SolutionNotebooks(notebooksFolder).ToList();
        var learnerOnly = Directory.EnumerateFiles(notebooksFolder, "*.dib")
            .Where(p => !p.EndsWith(SolutionStripper.SolutionSuffix, StringComparison.Ordinal))
            .Where(p => !solutions.Contains(p[..^".dib".Length] + SolutionStripper.SolutionSuffix))
            .Select(p => p[..^".dib".Length] + SolutionStripper.SolutionSuffix);
        var lessons = solutions.Concat(learnerOnly).Order(StringComparer.Ordinal)
            .Where(p => LessonName().IsMatch(Path.GetFileName(p)))
            .Select(solution =>
            {
                // The title and the exercises read from the solution where there is one, else from the learner's copy.
                var cells = DibFile.Read(File.Exists(solution) ? solution : SolutionStripper.LearnerPath(solution));
                var name = Path.GetFileName(solution)[..^SolutionStripper.SolutionSuffix.Length];
                return new Lesson(name[..2], name, Title(cells, name), LessonExercises.ExerciseIds(cells).Count,
                    SolutionStripper.LearnerPath(solution), solution);
            }).ToList();
        if (lessons.GroupBy(l => l.Number).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"two lessons are numbered {twice.Key}: {string.Join(" and ", twice.Select(l => l.Name))}; renumber one.");
        return lessons;
    }

    /// <summary>
    /// The notebook <paramref name="token"/> names: a lesson's number (<c>02</c>, <c>2</c>), its name
    /// (<c>02-hierarchical</c>, <c>hierarchical</c>, with or without <c>.dib</c>), or the path of a <c>.dib</c> or
    /// <c>.ipynb</c> notebook (relative to the current folder or the kit's root), which is taken as it is.
    /// </summary>
    /// <exception cref="LessonNotFoundException">nothing matches; the message lists the lessons and the likeliest one.</exception>
    public static string Resolve(string token, bool solutions, IReadOnlyList<Lesson> lessons, string kitRoot)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(lessons);
        ArgumentNullException.ThrowIfNull(kitRoot);
        var key = Key(token);
        // A path first, but only to a notebook: `run README.md` is a mistake, not C# to execute.
        if (Path.GetExtension(token) is ".dib" or ".ipynb" && !token.Contains('\0'))
            foreach (var candidate in new[] { Path.GetFullPath(token), Path.GetFullPath(Path.Combine(kitRoot, token)) })
                if (File.Exists(candidate)) return candidate;
        var match = key.Length == 0 ? null : lessons.FirstOrDefault(l =>
            key == l.Name || key == l.Number || key == l.Name[3..] || (key.Length == 1 && char.IsAsciiDigit(key[0]) && "0" + key == l.Number));
        if (match is not null && solutions && !File.Exists(match.SolutionPath))
            throw new LessonNotFoundException($"{token} (no solution notebook here: a handout has only the learners' versions)", lessons);
        return match?.PathFor(solutions) ?? throw new LessonNotFoundException(token, lessons);
    }

    /// <summary>What a typed name says about a lesson: lower case, without folders or a notebook extension.</summary>
    internal static string Key(string token)
    {
        var key = Path.GetFileName(token.Trim().Replace('\\', '/').TrimEnd('/')).ToLowerInvariant();
        foreach (var suffix in new[] { ".solution.dib", ".dib", ".ipynb", ".solution" })
            if (key.EndsWith(suffix, StringComparison.Ordinal)) return key[..^suffix.Length];
        return key;
    }

    /// <summary>The lessons as a short table, one line each (number, name, exercises).</summary>
    public static string Listing(IReadOnlyList<Lesson> lessons) =>
        string.Join("\n", lessons.Select(l => $"  {l.Number}  {l.Name,-20} {l.Title}"));

    private static string Title(IReadOnlyList<Cell> cells, string name)
    {
        var heading = cells.Where(c => !c.IsCode).Select(c => c.Source.Split('\n')[0]).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? name : LessonPrefixInTitle().Replace(heading[2..].Trim(), "");
    }

    [GeneratedRegex(@"^\d\d-[a-z0-9-]+\.solution\.dib$")]
    private static partial Regex LessonName();

    [GeneratedRegex(@"^Lesson \d+\s*[—–:-]\s*")]
    private static partial Regex LessonPrefixInTitle();
}

/// <summary>A lesson name that matches no lesson; the message lists the lessons and suggests the closest.</summary>
public sealed class LessonNotFoundException(string token, IReadOnlyList<Lesson> lessons) : ArgumentException(Describe(token, lessons), nameof(token))
{
    /// <summary>The explanation without the parameter name that <see cref="ArgumentException.Message"/> appends, for people.</summary>
    public string Explanation { get; } = Describe(token, lessons);

    private static string Describe(string token, IReadOnlyList<Lesson> lessons)
    {
        // The likeliest lesson, judged on the name without folders or extension: one whose topic starts with the
        // words typed ("2-hier"), else the nearest by typos ("tnse-umap").
        var key = LessonCatalog.Key(token);
        var words = key.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '_', ' ');
        var likely = words.Length >= 2 ? lessons.FirstOrDefault(l => l.Name[3..].StartsWith(words, StringComparison.Ordinal)) : null;
        if (likely is null && key.Length > 0)
        {
            var closest = lessons.Select(l => (l, d: Math.Min(Distance(key, l.Name), Distance(key, l.Name[3..])))).OrderBy(x => x.d).FirstOrDefault();
            if (closest.l is not null && closest.d <= Math.Max(2, key.Length / 3)) likely = closest.l;
        }
        var hint = likely is not null ? $" Did you mean {likely.Number} ({likely.Name})?" : "";
        return $"no lesson or notebook '{token}'.{hint} Name a lesson by number, name or path; the lessons are:\n{LessonCatalog.Listing(lessons)}";
    }

    /// <summary>Levenshtein distance, case-insensitive: enough to catch typos in a name of a few words.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant(); b = b.ToLowerInvariant();
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
