using System.Linq.Expressions;

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
    /// <param name="writeYourself">For an exercise that asks for an algorithm, the library's implementations of it
    /// (names as <see cref="AlgorithmUse"/> reports them, "Dbscan"): a function that calls one fails, whatever it
    /// returns, since calling the kit's algorithm is not writing it.</param>
    public static ExerciseResult Check<TFunction>(string id, string title, ref TFunction function, Func<string?> checks,
        IReadOnlyList<string>? writeYourself = null) where TFunction : Delegate
        => CheckCases(id, title, ref function, [0], _ => checks(), writeYourself);

    /// <summary>
    /// As <see cref="Check"/>, for a check made of separate cases: <paramref name="check"/> runs on every one of
    /// <paramref name="cases"/> (a case that fails or throws does not stop the others), the message is the first
    /// failing case's, with how many of the cases passed, and the result carries that count so the grader can give
    /// part of an exercise's points (<see cref="ExerciseResult.CasesPassed"/>). A stub still throwing
    /// <see cref="NotImplementedException"/> makes the exercise not attempted; calling the kit's algorithm passes no case.
    /// </summary>
    public static ExerciseResult CheckCases<TFunction, TCase>(string id, string title, ref TFunction function, IReadOnlyList<TCase> cases,
        Func<TCase, string?> check, IReadOnlyList<string>? writeYourself = null) where TFunction : Delegate
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(check);
        if (Crossing.Value is { } cross && function is not null) function = (TFunction)cross(function);
        var used = new List<string>();
        if (writeYourself is { Count: > 0 } && function is not null) function = Observed(function, used);
        ExerciseResult result;
        try
        {
            string? first = null;
            int passed = 0;
            foreach (var c in cases)
            {
                string? problem;
                try { problem = check(c); }
                catch (NotImplementedException) { throw; }
                catch (Exception e) { problem = Threw(e); }
                if (problem is null) passed++;
                else first ??= problem;
            }
            if (used.Intersect(writeYourself ?? []).FirstOrDefault() is { } shortcut)
            {
                first = $"your function calls the kit's {shortcut}, which is the algorithm this exercise asks you to write. " +
                    "Write its steps yourself (the kit's version is for the cells that use the algorithm after this exercise).";
                passed = 0;
            }
            result = first is null
                ? new ExerciseResult(id, title, ExerciseStatus.Passed, "Well done.") { Cases = cases.Count, CasesPassed = cases.Count }
                : new ExerciseResult(id, title, ExerciseStatus.Failed, cases.Count > 1 ? $"{first} ({passed} of {cases.Count} cases passed.)" : first) { Cases = cases.Count, CasesPassed = passed };
        }
        catch (NotImplementedException)
        {
            result = new ExerciseResult(id, title, ExerciseStatus.NotAttempted, "Replace the `throw new NotImplementedException()` with your code, run that cell, then run this one again.");
        }
        Console.WriteLine(result.ToString());
        Lessons.LessonApp.ExerciseChecked(result.Id, result.StatusWord, result.Status == ExerciseStatus.Passed);
        return result;
    }

    // An exception from the learner's code as the feedback says it. A call refused across the grader's process boundary
    // (no such function, another signature) is said as it is; a learner's exception relayed by the grader already
    // carries where in the learner's code it was thrown.
    private static string Threw(Exception e) => e switch
    {
        Grading.LearnerException { TypeName: null } => e.Message,
        Grading.LearnerException learner => $"your code threw {learner.TypeName}: {e.Message}",
        _ => $"your code threw {e.GetType().Name}: {Grading.NotebookFrames.MessageWithPlace(e)}",
    };

    /// <summary>
    /// Where the grader's process boundary can be put in one process: when set, each learner function a check receives
    /// is replaced by what this returns for it before the checks run. The tests set it to a function that sends every
    /// call through the same encoding the grader's two processes use (Course.Grading's RemoteFunction and
    /// LearnerHost), so the whole catalogue of mistakes proves the boundary changes no verdict. Unset everywhere else.
    /// </summary>
    internal static readonly AsyncLocal<Func<Delegate, Delegate>?> Crossing = new();

    // The learner's function with every library algorithm it runs (while it runs, not while the check computes its
    // reference answers) added to used.
    private static TFunction Observed<TFunction>(TFunction function, List<string> used) where TFunction : Delegate
    {
        var invoke = typeof(TFunction).GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var listening = Expression.Variable(typeof(IDisposable), "listening");
        var listen = Expression.Call(typeof(AlgorithmUse).GetMethod(nameof(AlgorithmUse.Listen))!,
            Expression.Constant((Action<string>)(name => { lock (used) used.Add(name); })));
        var body = Expression.Block(invoke.ReturnType, [listening],
            Expression.Assign(listening, listen),
            Expression.TryFinally(
                Expression.Invoke(Expression.Constant(function), parameters),
                Expression.Call(listening, typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))!)));
        return Expression.Lambda<TFunction>(body, parameters).Compile();
    }

    /// <summary>Formats a number for feedback messages.</summary>
    public static string F(double v) => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether two arrays have the same length and agree entry by entry within <paramref name="tolerance"/>
    /// (NaN agrees with nothing).</summary>
    public static bool Close(double[] a, double[] b, double tolerance = 1e-9) => a.Length == b.Length && a.Zip(b).All(t => Math.Abs(t.First - t.Second) <= tolerance);

    /// <summary>Formats numbers as a comma-separated list for feedback messages.</summary>
    public static string List(IEnumerable<double> values) => string.Join(", ", values.Select(F));
}
