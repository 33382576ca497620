using Course.Exercises;

namespace Course.Tests.Exercises;

/// <summary>One attempt at an exercise: a learner's answer written one particular way, right or wrong.</summary>
/// <param name="Name">What the attempt does, e.g. "distance instead of its square".</param>
/// <param name="Run">Calls the kit's check with the attempt.</param>
/// <param name="Expected">The verdict the check must give.</param>
/// <param name="Message">For a wrong attempt, a fragment the check's message must contain (the help it must give).</param>
public sealed record Attempt(string Name, Func<ExerciseResult> Run, ExerciseStatus Expected, string? Message)
{
    /// <summary>A differently written correct answer: the check must accept it.</summary>
    public static Attempt Right(string name, Func<ExerciseResult> run) => new(name, run, ExerciseStatus.Passed, null);

    /// <summary>A plausible mistake: the check must reject it, saying <paramref name="message"/>.</summary>
    public static Attempt Wrong(string name, string message, Func<ExerciseResult> run) => new(name, run, ExerciseStatus.Failed, message);

    /// <summary>The stub as handed out (it throws NotImplementedException): "not attempted", never a failure.</summary>
    public static Attempt Stub(Func<ExerciseResult> run) => new("stub", run, ExerciseStatus.NotAttempted, null);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Every exercise's catalogue of attempts, by exercise id. Each lesson adds its own in Lesson0NCatalogue.cs.</summary>
public static partial class Catalogue
{
    /// <summary>The attempts of exercise <c>id</c>.</summary>
    public static IReadOnlyDictionary<string, Attempt[]> ByExercise { get; } = Lessons().SelectMany(l => l).ToDictionary(p => p.Key, p => p.Value);

    private static IEnumerable<IReadOnlyDictionary<string, Attempt[]>> Lessons() => [Lesson01, Lesson02, Lesson03, Lesson04, Lesson05, Lesson06, Lesson07, Lesson08];
}
