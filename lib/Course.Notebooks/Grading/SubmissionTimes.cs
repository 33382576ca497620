using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Course.Notebooks.Grading;

/// <summary>
/// When each learner handed work in, as an LMS or a form records it: a CSV file with the columns <c>learner</c> and
/// <c>time</c> (ISO 8601 with its offset, <c>2026-12-14T23:58:00+01:00</c>), and optionally <c>lesson</c> ("01") for a
/// time per lesson. Late flags read it before a file's own time, which copying or unzipping may have changed.
/// </summary>
public sealed class SubmissionTimes
{
    private readonly Dictionary<(string Learner, string Lesson), DateTimeOffset> times;

    private SubmissionTimes(Dictionary<(string, string), DateTimeOffset> times) => this.times = times;

    /// <summary>Reads the list at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">Missing columns, an empty learner, or a time without its offset (the message
    /// names the file and the line).</exception>
    public static SubmissionTimes Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), TrimOptions = TrimOptions.Trim };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        var times = new Dictionary<(string, string), DateTimeOffset>(new KeyComparer());
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header
                || !header.Select(h => h.Trim().ToLowerInvariant()).ToHashSet().IsSupersetOf(["learner", "time"]))
                throw new FormatException($"{path}: the first line must name the columns learner and time (and optionally lesson).");
            bool perLesson = header.Any(h => h.Trim().Equals("lesson", StringComparison.OrdinalIgnoreCase));
            while (csv.Read())
            {
                int line = csv.Parser.Row;
                var learner = (csv.GetField("learner") ?? "").Trim();
                if (learner.Length == 0) throw new FormatException($"{path}, line {line}: the learner is empty.");
                var text = csv.GetField("time") ?? "";
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                    || !System.Text.RegularExpressions.Regex.IsMatch(text, @"(Z|[+-]\d\d:?\d\d)\s*$"))
                    throw new FormatException($"{path}, line {line}: \"{Gradebook.OneLine(text)}\" is not a time with its offset (2026-12-14T23:58:00+01:00).");
                times[(SubmissionFiles.Clean(learner), perLesson ? (csv.GetField("lesson") ?? "").Trim() : "")] = time;
            }
        }
        catch (CsvHelperException e) { throw new FormatException($"{path}, line {e.Context?.Parser?.Row}: {e.Message.Split('\n')[0]}", e); }
        return new SubmissionTimes(times);
    }

    /// <summary>When <paramref name="learner"/> handed in <paramref name="lesson"/>: the lesson's own time, else the
    /// learner's, else null.</summary>
    public DateTimeOffset? Of(string learner, string lesson)
        => times.TryGetValue((learner, lesson), out var t) ? t : times.TryGetValue((learner, ""), out var any) ? any : null;

    private sealed class KeyComparer : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) a, (string, string) b) => StringComparer.OrdinalIgnoreCase.Equals(a.Item1, b.Item1) && a.Item2 == b.Item2;
        public int GetHashCode((string, string) k) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(k.Item1), k.Item2);
    }
}
