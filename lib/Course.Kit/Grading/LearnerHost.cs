using System.Reflection;
using static TorchSharp.torch;

namespace Course.Grading;

/// <summary>
/// The learner's side of grading: in the grader's sandboxed process, after an exercise's cells have run, the grader
/// submits one call of <see cref="Serve"/> with the exercise's functions, and the kit's check, running in another
/// process, calls them through it (<see cref="RemoteFunction"/>). This process holds no check, no reference code and
/// no way to report a result: all it can send is what the learner's functions return.
/// </summary>
public static class LearnerHost
{
    /// <summary>Announces that <paramref name="exercise"/>'s functions are ready, then answers calls to them from the
    /// grader's standard input on standard output until the grader moves on.</summary>
    /// <param name="exercise">The exercise id, "01.2".</param>
    /// <param name="functions">The exercise's functions by name, each as the delegate its method group makes.</param>
    public static void Serve(string exercise, IReadOnlyDictionary<string, Delegate> functions)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(functions);
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        Frames.Write(output, Frames.Ready, exercise);
        while (Frames.Read(input) is { } frame)
        {
            if (frame.Kind == Frames.Next) return;
            if (frame.Kind != Frames.Call) throw new InvalidDataException($"unexpected message '{(char)frame.Kind}' from the grader.");
            var answer = Answer(functions, frame.Payload);
            Frames.Write(output, Frames.Answer, answer.Length <= Frames.MaxPayload ? answer : TooLarge(answer.Length));
        }
        Environment.Exit(0); // the grader has gone
    }

    /// <summary>The answer to one call (<see cref="RemoteFunction"/> writes the call and reads the answer): the
    /// function's result, the state after the call of every argument it could change in place, and, for a tensor
    /// result that requires gradients, the gradients of its sum with respect to the differentiable arguments (taken
    /// here, where the graph is, so that the check can differentiate the result in its own process).</summary>
    internal static byte[] Answer(IReadOnlyDictionary<string, Delegate> functions, byte[] call)
    {
        using var scope = NewDisposeScope();
        using var answer = new MemoryStream();
        var w = new BinaryWriter(answer);
        var r = new BinaryReader(new MemoryStream(call));
        string name = r.ReadString(), wanted = r.ReadString();
        if (!functions.TryGetValue(name, out var function))
        {
            w.Write(RemoteFunction.Refused);
            w.Write($"there is no function {name} to call: keep the exercise's function name as given.");
            return answer.ToArray();
        }
        string yours = Wire.Signature(function.GetType());
        if (yours != wanted)
        {
            w.Write(RemoteFunction.Refused);
            w.Write($"your {name} has the signature {yours}, and the exercise needs {wanted}: keep the function's signature as given.");
            return answer.ToArray();
        }
        var invoke = function.GetType().GetMethod("Invoke")!;
        var types = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var networks = new Networks();
        var args = types.Select(t => Wire.Read(r, t, networks)).ToArray();
        object? result;
        // The library's algorithms the function runs go back with the answer, for a check that asks the learner to
        // write one (Exercise.Check's writeYourself).
        var used = new List<string>();
        try
        {
            using (AlgorithmUse.Listen(n => { lock (used) used.Add(n); })) result = function.DynamicInvoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            w.Write(RemoteFunction.Threw);
            w.Write(inner.GetType().Name);
            w.Write(NotebookFrames.MessageWithPlace(inner));
            return answer.ToArray();
        }
        w.Write(RemoteFunction.Returned);
        var distinct = used.Distinct().ToList();
        w.Write(distinct.Count);
        foreach (var n in distinct) w.Write(n);
        var back = new Networks();
        Wire.Write(w, result, invoke.ReturnType, back);
        for (int i = 0; i < args.Length; i++)
            if (Wire.IsMutable(types[i])) Wire.Write(w, args[i], types[i], back);
        if (invoke.ReturnType == typeof(Tensor))
        {
            bool differentiable = result is Tensor { requires_grad: true };
            w.Write(differentiable);
            if (differentiable) WriteGradients(w, (Tensor)result!, args);
        }
        return answer.ToArray();
    }

    // An answer the grader would refuse as a message: said as what it is, a result too large to pass.
    private static byte[] TooLarge(int bytes)
    {
        using var answer = new MemoryStream();
        var w = new BinaryWriter(answer);
        w.Write(RemoteFunction.Refused);
        w.Write($"your function's result takes {bytes >> 20} MiB, more than the {Frames.MaxPayload >> 20} MiB the grader passes between processes: return what the exercise asks for.");
        return answer.ToArray();
    }

    private static void WriteGradients(BinaryWriter w, Tensor result, object?[] args)
    {
        var inputs = Wire.Differentiable(args);
        foreach (var t in inputs) t.grad = null;
        string? error = null;
        try { result.backward([ones_like(result)]); }
        catch (Exception e) { error = e.Message; }
        w.Write(error is not null);
        if (error is not null) w.Write(error);
        var none = new Networks();
        foreach (var t in inputs)
        {
            w.Write(t.grad is not null);
            if (t.grad is { } g) Wire.Write(w, g.detach(), typeof(Tensor), none);
        }
    }
}
