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
    public static ExerciseResult Check(string id, string title, Func<string?> checks)
    {
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
            result = new ExerciseResult(id, title, ExerciseStatus.Failed, $"your code threw {e.GetType().Name}: {e.Message}");
        }
        Console.WriteLine(result.ToString());
        Reported?.Invoke(result);
        return result;
    }

    /// <summary>Every result as it is checked (a lesson app lists them at its end, <see cref="Lessons.LessonApp"/>).</summary>
    internal static event Action<ExerciseResult>? Reported;

    /// <summary>Formats a number for feedback messages.</summary>
    public static string F(double v) => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether two arrays have the same length and agree entry by entry within <paramref name="tolerance"/>
    /// (NaN agrees with nothing).</summary>
    public static bool Close(double[] a, double[] b, double tolerance = 1e-9) => a.Length == b.Length && a.Zip(b).All(t => Math.Abs(t.First - t.Second) <= tolerance);

    /// <summary>Formats numbers as a comma-separated list for feedback messages.</summary>
    public static string List(IEnumerable<double> values) => string.Join(", ", values.Select(F));
}
