using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Course.Grading;

/// <summary>
/// The check's side of grading: a delegate of an exercise's function type whose body sends each call across the
/// grader's process boundary to the learner's function (<see cref="LearnerHost"/>) and returns its answer, so the
/// kit's checks run unchanged on a function that lives in another process. Arguments the function changed in place
/// are changed here too; a tensor result that requires gradients comes back as a tensor with the same value whose
/// gradients with respect to the arguments are the ones taken in the learner's process (of the result's sum: a check
/// differentiates a scalar, or the sum of a tensor, through <c>CheckTensors.Backward</c>).
/// </summary>
internal static class RemoteFunction
{
    /// <summary>Answer codes: the function returned; it threw; the call was refused (no such function, or another signature).</summary>
    internal const byte Returned = 0, Threw = 1, Refused = 2;

    /// <summary>A <paramref name="delegateType"/> that calls the learner's function <paramref name="name"/> through
    /// <paramref name="transport"/> (which sends a call and returns its answer).</summary>
    /// <exception cref="NotSupportedException">a parameter or return type the boundary does not carry.</exception>
    public static Delegate Create(Type delegateType, string name, Func<byte[], byte[]> transport)
    {
        var invoke = delegateType.GetMethod("Invoke") ?? throw new ArgumentException($"{delegateType} is not a delegate type.", nameof(delegateType));
        foreach (var type in invoke.GetParameters().Select(p => p.ParameterType).Append(invoke.ReturnType).Where(t => t != typeof(void)))
            if (!Wire.Supports(type)) throw new NotSupportedException($"the grader cannot pass a {Wire.Describe(type)} between processes ({name}).");
        var call = new Call(name, delegateType, invoke, transport);
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        Expression body = Expression.Call(Expression.Constant(call), typeof(Call).GetMethod(nameof(Call.Invoke))!,
            Expression.NewArrayInit(typeof(object), parameters.Select(p => Expression.Convert(p, typeof(object)))));
        if (invoke.ReturnType != typeof(void)) body = Expression.Convert(body, invoke.ReturnType);
        return Expression.Lambda(delegateType, body, parameters).Compile();
    }

    /// <summary>The error backward() raised in the learner's process for <paramref name="result"/>, a tensor a
    /// remote function returned; null if there was none or the tensor did not come from one.</summary>
    public static string? BackwardError(Tensor result) => BackwardErrors.TryGetValue(result, out var e) ? e.Message : null;

    private static readonly ConditionalWeakTable<Tensor, Box> BackwardErrors = new();

    private sealed record Box(string Message);

    private sealed class Call(string name, Type delegateType, System.Reflection.MethodInfo invoke, Func<byte[], byte[]> transport)
    {
        private readonly Type[] types = invoke.GetParameters().Select(p => p.ParameterType).ToArray();

        public object? Invoke(object?[] args)
        {
            using var message = new MemoryStream();
            var w = new BinaryWriter(message);
            w.Write(name);
            w.Write(Wire.Signature(delegateType));
            var networks = new Networks();
            for (int i = 0; i < args.Length; i++) Wire.Write(w, args[i], types[i], networks);
            var r = new BinaryReader(new MemoryStream(transport(message.ToArray())));
            try { return Read(r, args); }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
            {
                throw new LearnerException(null, $"the grader could not read what your {name} returned ({e.Message}).");
            }
        }

        private object? Read(BinaryReader r, object?[] args)
        {
            switch (r.ReadByte())
            {
                case Threw: throw LearnerException.Rebuild(r.ReadString(), r.ReadString());
                case Refused: throw new LearnerException(null, r.ReadString());
                case Returned: break;
                default: throw new InvalidDataException("an answer of an unknown kind");
            }
            // What the learner's process heard the function run, said again here where the check listens. Bounded:
            // the names are the library's, a few per call.
            int reported = r.ReadInt32();
            if (reported is < 0 or > 64) throw new InvalidDataException("an answer with a malformed list of algorithms");
            for (int i = 0; i < reported; i++) AlgorithmUse.Report(r.ReadString());
            var back = new Networks();
            var result = Wire.Read(r, invoke.ReturnType, back);
            for (int i = 0; i < args.Length; i++)
                if (Wire.IsMutable(types[i])) Wire.CopyInto(args[i], Wire.Read(r, types[i], back));
            if (invoke.ReturnType != typeof(Tensor) || result is not Tensor value) return result;
            return r.ReadBoolean() ? Differentiable(r, value, args) : value;
        }

        // The result as a tensor of the same value whose gradient with respect to each differentiable argument x is
        // the learner's g (of the result's sum): value + Σ sum((x − x.detach()) · g) / numel. The added term is 0, so
        // the value is exact; summing the result and differentiating gives numel · g / numel = g.
        private static Tensor Differentiable(BinaryReader r, Tensor value, object?[] args)
        {
            string? error = r.ReadBoolean() ? r.ReadString() : null;
            var inputs = Wire.Differentiable(args);
            var none = new Networks();
            Tensor? sum = null;
            foreach (var x in inputs)
            {
                if (!r.ReadBoolean()) continue;
                var g = (Tensor)Wire.Read(r, typeof(Tensor), none)!;
                var term = ((x - x.detach()) * g.to(x.dtype)).sum();
                sum = sum is null ? term : sum + term;
            }
            var constant = value.detach();
            var result = sum is null ? constant.clone().requires_grad_(true) : constant + (sum / Math.Max(1, value.numel())).to(constant.dtype);
            if (error is not null) BackwardErrors.AddOrUpdate(result, new Box(error));
            return result;
        }
    }
}
