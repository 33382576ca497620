namespace Course.Exercises;

/// <summary>
/// Runs a learner's function through a sequence of checks and reports the first that fails, in plain words. One
/// failure at a time, each saying what was expected and what came back (as exercism's feedback does), because a
/// list of ten failures hides the one to fix first.
/// </summary>
public static class Exercise
{
    /// <summary>
    /// Runs <paramref name="checks"/>, which calls the learner's code and returns null when all is right or the
    /// first problem as a sentence. A <see cref="NotImplementedException"/> from the stub means "not attempted"; any
    /// other exception is reported as a failure with its message. The result line is printed (the grader reads it).
    /// </summary>
    /// <param name="id">The exercise, "01.2".</param>
    /// <param name="title">What it asks for, in a few words.</param>
    /// <param name="function">The learner's function; the checks read it after this method has seen it (see
    /// <see cref="Crossing"/>).</param>
    /// <param name="checks">The checks, calling <paramref name="function"/>.</param>
    public static ExerciseResult Check<TFunction>(string id, string title, ref TFunction function, Func<string?> checks) where TFunction : Delegate
    {
        if (Crossing.Value is { } cross && function is not null) function = (TFunction)cross(function);
        ExerciseResult result;
        try
        {
            var problem = checks();
            result = problem is null
                ? new ExerciseResult(id, title, ExerciseStatus.Passed, "Well done.")
                : new ExerciseResult(id, title, ExerciseStatus.Failed, problem);
        }
        catch (NotImplementedException)
        {
            result = new ExerciseResult(id, title, ExerciseStatus.NotAttempted, "Replace the `throw new NotImplementedException()` with your code, run that cell, then run this one again.");
        }
        catch (Exception e)
        {
            // A call refused across the grader's process boundary (no such function, another signature) is said as it is.
            result = new ExerciseResult(id, title, ExerciseStatus.Failed, e is Grading.LearnerException { TypeName: null }
                ? e.Message : $"your code threw {(e as Grading.LearnerException)?.TypeName ?? e.GetType().Name}: {e.Message}");
        }
        Console.WriteLine(result.ToString());
        Lessons.LessonApp.ExerciseChecked(result.Id, result.StatusWord, result.Status == ExerciseStatus.Passed);
        return result;
    }

    /// <summary>
    /// Where the grader's process boundary can be put in one process: when set, each learner function a check receives
    /// is replaced by what this returns for it before the checks run. The tests set it to a function that sends every
    /// call through the same encoding the grader's two processes use (Course.Grading's RemoteFunction and
    /// LearnerHost), so the whole catalogue of mistakes proves the boundary changes no verdict. Unset everywhere else.
    /// </summary>
    internal static readonly AsyncLocal<Func<Delegate, Delegate>?> Crossing = new();

    /// <summary>Formats a number for feedback messages.</summary>
    public static string F(double v) => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether two arrays have the same length and agree entry by entry within <paramref name="tolerance"/>
    /// (NaN agrees with nothing).</summary>
    public static bool Close(double[] a, double[] b, double tolerance = 1e-9) => a.Length == b.Length && a.Zip(b).All(t => Math.Abs(t.First - t.Second) <= tolerance);

    /// <summary>Formats numbers as a comma-separated list for feedback messages.</summary>
    public static string List(IEnumerable<double> values) => string.Join(", ", values.Select(F));
}
