using System.Text.RegularExpressions;

namespace Course.Notebooks.Grading;

/// <summary>Who a file or folder of an LMS's bulk download belongs to: the learner's name as the LMS wrote it, the
/// LMS's id for them, the file's own name, and whether the LMS marked it late.</summary>
public sealed record LmsName(string Learner, string LmsId, string File, bool MarkedLate);

/// <summary>
/// Reads the names learning-management systems give the files of a "download all submissions" archive, so that a
/// flat export grades as one folder per learner:
/// <list type="bullet">
/// <item>Canvas (<c>lib/content_zipper.rb</c>): <c>smithbob_340934_208490285_01-kmeans.dib</c>, that is the learner's
/// sortable name without punctuation, <c>_LATE</c> when handed in after the due date, the user id, the file's id (some
/// exports leave it out) and the file's name as uploaded; anonymous grading writes <c>anon_ID</c> for name and id.</item>
/// <item>Moodle (<c>mod/assign</c>'s downloader): <c>Jane Doe_1234567_assignsubmission_file_01-kmeans.dib</c> when
/// flattened, or a folder <c>Jane Doe_1234567_assignsubmission_file</c> (with a trailing <c>_</c> before Moodle 4.1)
/// holding the learner's files.</item>
/// </list>
/// </summary>
public static partial class LmsNames
{
    /// <summary>The learner of a flat-export file name, or null when it follows neither convention.</summary>
    public static LmsName? OfFile(string name)
    {
        if (Moodle().Match(name) is { Success: true } m && m.Groups["file"].Length > 0)
            return new LmsName(m.Groups["name"].Value, m.Groups["id"].Value, m.Groups["file"].Value, false);
        if (Canvas().Match(name) is { Success: true } c)
            return new LmsName(c.Groups["name"].Value, c.Groups["id"].Value, c.Groups["file"].Value, c.Groups["late"].Success);
        return null;
    }

    /// <summary>The learner of a Moodle submission folder's name, or null.</summary>
    public static LmsName? OfFolder(string name)
        => MoodleFolder().Match(name) is { Success: true } m ? new LmsName(m.Groups["name"].Value, m.Groups["id"].Value, "", false) : null;

    /// <summary>The id the gradebook uses for a learner named by an LMS: name and LMS id together, so two learners of
    /// the same name stay apart (a roster matches either part, <see cref="Roster"/>).</summary>
    public static string LearnerId(LmsName name) => $"{name.Learner}_{name.LmsId}";

    // Canvas: name (no '_'), optional _LATE, user id, optional file id, file. "LATE_anon_12_..." is the anonymous form.
    [GeneratedRegex(@"^(?:(?<late>LATE_)?(?<name>anon)|(?<name>[^_]+?)(?<late>_LATE)?)_(?<id>\d+)(?:_\d+)?_(?<file>[^_].*)$")]
    private static partial Regex Canvas();

    [GeneratedRegex(@"^(?<name>[^_]+)_(?<id>\d+)_assignsubmission_file_(?<file>.+)$")]
    private static partial Regex Moodle();

    [GeneratedRegex(@"^(?<name>[^_]+)_(?<id>\d+)_assignsubmission_file_?$")]
    private static partial Regex MoodleFolder();
}
