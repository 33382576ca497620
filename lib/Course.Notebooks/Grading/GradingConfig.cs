using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course.Notebooks.Grading;

/// <summary>A manual grade: <paramref name="Points"/> for <paramref name="Learner"/>'s exercise, whatever the check
/// said, with the instructor's reason.</summary>
public sealed record Override(string Learner, string Exercise, double Points, string Comment);

/// <summary>A submission flagged for review that the instructor read and accepted: its learner, lesson and the SHA-256
/// of the file accepted (a changed file is pending again), and when.</summary>
public sealed record Acceptance(string Learner, string Lesson, string Sha256, DateTimeOffset At);

/// <summary>
/// The grading settings an instructor keeps beside the submissions (<c>FOLDER-grading.json</c> by default, or
/// <c>--config</c>), read on every run so that overrides and acceptances survive regrading:
/// <code>
/// {
///   "points":    { "01": 2, "01.3": 4 },          // per exercise, or per exercise of a lesson; the kit's default is 1
///   "deadline":  "2026-12-14T23:59:00+01:00",     // late flags; "deadlines": { "02": ... } per lesson
///   "overrides": [ { "learner": "alice", "exercise": "01.2", "points": 0.5, "comment": "right idea, one index off" } ],
///   "accepted":  [ ... ]                          // written by course grade --accept LEARNER
/// }
/// </code>
/// </summary>
public sealed class GradingConfig
{
    /// <summary>Points an exercise is worth when the config says nothing.</summary>
    public const double DefaultPoints = 1;

    /// <summary>Points by exercise ("01.2") or lesson ("01", for each of its exercises).</summary>
    public Dictionary<string, double> Points { get; init; } = new();
    /// <summary>The deadline of every lesson without one of its own.</summary>
    public DateTimeOffset? Deadline { get; init; }
    /// <summary>Deadlines by lesson ("01").</summary>
    public Dictionary<string, DateTimeOffset> Deadlines { get; init; } = new();
    /// <summary>Manual grades.</summary>
    public List<Override> Overrides { get; init; } = new();
    /// <summary>Flagged submissions accepted after review.</summary>
    public List<Acceptance> Accepted { get; init; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The config at <paramref name="path"/>, or an empty one when there is no such file.</summary>
    /// <exception cref="FormatException">Not valid JSON, or a setting this config does not have (a typo).</exception>
    public static GradingConfig Load(string path)
    {
        if (!File.Exists(path)) return new GradingConfig();
        try { return JsonSerializer.Deserialize<GradingConfig>(File.ReadAllText(path), Json) ?? new GradingConfig(); }
        catch (JsonException e) { throw new FormatException($"{path}: {e.Message}", e); }
    }

    /// <summary>Writes the config to <paramref name="path"/> (comments in a hand-written file are not kept).</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Refuses ids that name no exercise or lesson of <paramref name="lessons"/> and points that are negative,
    /// not finite, or (for an override) above what the exercise is worth.</summary>
    /// <exception cref="FormatException">What is wrong, naming the setting.</exception>
    public void Validate(IReadOnlyDictionary<string, LessonExercises> lessons)
    {
        var exercises = lessons.Values.SelectMany(l => l.Exercises.Select(e => e.Id)).ToHashSet();
        foreach (var (id, points) in Points)
        {
            if (!lessons.ContainsKey(id) && !exercises.Contains(id)) throw new FormatException($"points: {id} is neither a lesson (\"01\") nor an exercise (\"01.2\") of the kit.");
            if (!double.IsFinite(points) || points < 0) throw new FormatException($"points: {id} is worth {points}; points are finite and at least 0.");
        }
        foreach (var lesson in Deadlines.Keys.Where(l => !lessons.ContainsKey(l)))
            throw new FormatException($"deadlines: {lesson} is not a lesson of the kit.");
        foreach (var o in Overrides)
        {
            if (!exercises.Contains(o.Exercise)) throw new FormatException($"overrides: {o.Exercise} (for {o.Learner}) is not an exercise of the kit.");
            if (!double.IsFinite(o.Points) || o.Points < 0 || o.Points > PointsFor(o.Exercise))
                throw new FormatException($"overrides: {o.Points} points for {o.Learner}'s {o.Exercise}, which is worth {PointsFor(o.Exercise)}.");
            if (string.IsNullOrWhiteSpace(o.Comment)) throw new FormatException($"overrides: {o.Learner}'s {o.Exercise} has no comment; say why, for the learner and for you next term.");
        }
    }

    /// <summary>What exercise <paramref name="id"/> ("01.2") is worth.</summary>
    public double PointsFor(string id)
        => Points.TryGetValue(id, out var p) ? p : Points.TryGetValue(id.Split('.')[0], out var l) ? l : DefaultPoints;

    /// <summary>The deadline of <paramref name="lesson"/>, if any.</summary>
    public DateTimeOffset? DeadlineFor(string lesson) => Deadlines.TryGetValue(lesson, out var d) ? d : Deadline;

    /// <summary>The override of <paramref name="learner"/>'s exercise, if any (the last one listed).</summary>
    public Override? OverrideOf(string learner, string exercise)
        => Overrides.LastOrDefault(o => o.Exercise == exercise && o.Learner.Equals(learner, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="learner"/>'s submission of <paramref name="lesson"/> with this content was accepted.</summary>
    public bool IsAccepted(string learner, string lesson, string sha256)
        => Accepted.Any(a => a.Lesson == lesson && a.Sha256 == sha256 && a.Learner.Equals(learner, StringComparison.OrdinalIgnoreCase));
}
