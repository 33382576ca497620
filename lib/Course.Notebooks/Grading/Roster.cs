using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Course.Notebooks.Grading;

/// <summary>One learner of the class as the instructor's roster lists them.</summary>
public sealed record RosterEntry(string Id, string Name);

/// <summary>
/// The class list an instructor keeps (a CSV file with the columns <c>id</c> and <c>name</c>; other columns are
/// ignored), so the gradebook shows every learner, those who handed nothing in as missing. A submission belongs to the
/// roster's learner whose id equals its folder's name, or the name or id an LMS export gives (<see cref="LmsNames"/>),
/// compared without regard to case.
/// </summary>
public sealed class Roster
{
    private Roster(IReadOnlyList<RosterEntry> learners) => Learners = learners;

    /// <summary>The learners, in the file's order.</summary>
    public IReadOnlyList<RosterEntry> Learners { get; }

    /// <summary>Reads the roster at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">No <c>id</c> column, an empty or repeated id, or a malformed row (the message
    /// names the file and the line).</exception>
    public static Roster Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            DetectDelimiter = true, // a spreadsheet in some locales writes ';'
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        var learners = new List<RosterEntry>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Any(h => h.Trim().Equals("id", StringComparison.OrdinalIgnoreCase)))
                throw new FormatException($"{path}: the roster's first line must name its columns, one of them id (and name): id,name");
            bool named = header.Any(h => h.Trim().Equals("name", StringComparison.OrdinalIgnoreCase));
            while (csv.Read())
            {
                int line = csv.Parser.Row;
                var raw = csv.GetField("id") ?? "";
                if (raw.Trim().Length == 0) throw new FormatException($"{path}, line {line}: the id is empty.");
                var id = SubmissionFiles.Clean(raw);
                if (!seen.Add(id)) throw new FormatException($"{path}, line {line}: the id {id} is listed twice.");
                learners.Add(new RosterEntry(id, named ? Gradebook.OneLine(csv.GetField("name") ?? "") : ""));
            }
        }
        catch (CsvHelperException e)
        {
            throw new FormatException($"{path}, line {e.Context?.Parser?.Row}: not a roster row ({e.Message.Split('\n')[0]}).", e);
        }
        return new Roster(learners);
    }

    /// <summary>The roster's learner a submission belongs to, by its learner id and <paramref name="aliases"/>; null
    /// when none.</summary>
    /// <remarks>The keys are tried in order, each against every learner: the learner id first, then the aliases as
    /// given (an LMS's id before its name, which two learners may share).</remarks>
    public RosterEntry? Match(string student, IEnumerable<string> aliases)
        => aliases.Prepend(student).Select(SubmissionFiles.Clean)
            .Select(k => Learners.FirstOrDefault(l => k.Equals(l.Id, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(l => l is not null);
}
