using System.Reflection;
using System.Text.Json;
using Course.Grading;

namespace Course.Exercises;

/// <summary>
/// The process in which the grader runs the kit's checks (<c>course check-host</c> loads this assembly and calls
/// <see cref="Run"/>). It never runs a learner's code: each check gets, for each of the learner's functions, a
/// delegate that calls the function in the grader's sandboxed learner process (<see cref="RemoteFunction"/>), so the
/// check's reference code, its result and the global state it relies on (the linear-algebra backend, libtorch's
/// generator) are out of the learner's reach. The grader relays calls and answers between the two processes and reads
/// the results only from this one.
/// </summary>
public static class CheckHost
{
    /// <summary>One exercise as the check host runs it.</summary>
    /// <param name="Id">"01.2".</param>
    /// <param name="Check">The check method, "Lesson01Checks.Update".</param>
    /// <param name="Functions">The learner's functions the check takes, in order.</param>
    public sealed record Planned(string Id, string Check, IReadOnlyList<string> Functions);

    /// <summary>What the grader sends: the exercises it may ask for.</summary>
    public sealed record Plan(IReadOnlyList<Planned> Exercises);

    /// <summary>A check's result as the grader reads it, with the check's cases and how many passed (partial credit).</summary>
    public sealed record Reported(string Id, string Status, string Message, int Cases = 0, int CasesPassed = 0);

    /// <summary>Answers the grader's requests on <paramref name="input"/> (a <see cref="Frames.Go"/> per exercise
    /// to check, then the answers to that check's calls) with calls and results on <paramref name="output"/>, until
    /// the input ends. Sets the kit up first, as a notebook's set-up cell does, so the checks compute what they would
    /// in the lesson.</summary>
    /// <param name="plan">The <see cref="Plan"/> as JSON.</param>
    /// <param name="input">The grader's messages.</param>
    /// <param name="output">Where the calls and results go.</param>
    public static void Run(string plan, Stream input, Stream output)
    {
        var exercises = (JsonSerializer.Deserialize<Plan>(plan) ?? throw new InvalidDataException("no plan")).Exercises.ToDictionary(e => e.Id);
        Lessons.Kit.Setup();
        Console.SetOut(TextWriter.Null); // a check prints its result line; here the grader reads it from the result message
        byte[] Transport(byte[] call)
        {
            Frames.Write(output, Frames.Call, call);
            var answer = Frames.Read(input) ?? throw new EndOfStreamException("the grader closed the channel during a call");
            return answer.Kind == Frames.Answer ? answer.Payload : throw new InvalidDataException($"expected an answer, got '{(char)answer.Kind}'");
        }
        while (Frames.Read(input) is { } frame)
        {
            if (frame.Kind != Frames.Go || !exercises.TryGetValue(Frames.Text(frame.Payload), out var exercise))
                throw new InvalidDataException($"unexpected message '{(char)frame.Kind}'.");
            var result = Checked(exercise, Transport);
            Frames.Write(output, Frames.Result, JsonSerializer.SerializeToUtf8Bytes(new Reported(result.Id, result.Status.ToString(), result.Message, result.Cases, result.CasesPassed)));
        }
    }

    /// <summary>Runs <paramref name="exercise"/>'s check on the learner's functions reached through
    /// <paramref name="transport"/>.</summary>
    internal static ExerciseResult Checked(Planned exercise, Func<byte[], byte[]> transport)
    {
        var check = Method(exercise.Check);
        var parameters = check.GetParameters();
        if (parameters.Length != exercise.Functions.Count) throw new InvalidDataException($"{exercise.Check} takes {parameters.Length} functions.");
        var args = parameters.Zip(exercise.Functions, (p, name) => (object)RemoteFunction.Create(p.ParameterType, name, transport)).ToArray();
        return (ExerciseResult)check.Invoke(null, args)!;
    }

    // "Lesson01Checks.Update": a public static method of a check class of this assembly.
    private static MethodInfo Method(string check)
    {
        var parts = check.Split('.');
        var type = parts.Length == 2 ? typeof(CheckHost).Assembly.GetType($"{typeof(CheckHost).Namespace}.{parts[0]}") : null;
        return type?.GetMethod(parts[1], BindingFlags.Public | BindingFlags.Static) is { ReturnType: var r } m && r == typeof(ExerciseResult)
            ? m : throw new InvalidDataException($"no check {check}.");
    }
}
