using System.Runtime.InteropServices;
using Course.Clustering;
using Course.Decomposition;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Grading;

/// <summary>
/// How the values of the exercises' functions cross the grader's process boundary: a learner's function runs in one
/// process (<see cref="LearnerHost"/>) and the kit's check in another (<see cref="RemoteFunction"/>), so a check's
/// reference code, its results channel and the global state it relies on are out of the learner's reach. The
/// encoding is binary and directed by the static type on both sides (the delegate's parameter and return types), so
/// a value carries no type name a sender could choose. It covers every type in the 38 exercises' signatures: numbers,
/// booleans, strings, enums, arrays and tuples of them, <see cref="Matrix"/>, <see cref="KMeansModel"/>,
/// <see cref="PcaModel"/>, <see cref="LinkageTree"/>, tensors (values, type, shape, whether they require gradients),
/// libtorch generators (their state), the kit's check networks (architecture, weights and gradients), plain SGD over
/// one of them, and a network's <c>forward</c> passed as a function. A reader treats every byte as hostile: lengths
/// are checked against what is left before anything is allocated, and models are rebuilt through their validating
/// constructors.
/// </summary>
internal static class Wire
{
    /// <summary>Whether values of <paramref name="type"/> can cross.</summary>
    public static bool Supports(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(int) || type == typeof(long) || type == typeof(bool) || type == typeof(string)
        || type.IsEnum || type == typeof(Matrix) || type == typeof(KMeansModel) || type == typeof(PcaModel) || type == typeof(LinkageTree)
        || type == typeof(Tensor) || type == typeof(Generator) || type == typeof(nn.Module<Tensor, Tensor>) || type == typeof(optim.Optimizer)
        || type == typeof(Func<Tensor, Tensor>)
        || (type.IsSZArray && Supports(type.GetElementType()!))
        || (IsTuple(type) && type.GetGenericArguments().All(Supports));

    /// <summary>Whether a value of <paramref name="type"/> can be changed in place by the function it is passed to,
    /// so that its state after the call travels back (arrays, matrices, tensors, networks, generators).</summary>
    public static bool IsMutable(Type type) =>
        type.IsSZArray || type == typeof(Matrix) || type == typeof(Tensor) || type == typeof(Generator)
        || type == typeof(nn.Module<Tensor, Tensor>) || type == typeof(Func<Tensor, Tensor>);

    /// <summary>A type as C# writes it, for messages and for comparing signatures across the boundary.</summary>
    public static string Describe(Type type)
    {
        if (type == typeof(double)) return "double";
        if (type == typeof(float)) return "float";
        if (type == typeof(int)) return "int";
        if (type == typeof(long)) return "long";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(string)) return "string";
        if (type == typeof(void)) return "void";
        if (type.IsSZArray) return Describe(type.GetElementType()!) + "[]";
        if (IsTuple(type)) return "(" + string.Join(", ", type.GetGenericArguments().Select(Describe)) + ")";
        if (type.IsGenericType)
            return type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(Describe)) + ">";
        return type.Name;
    }

    /// <summary>A delegate type's signature, "(Matrix, int[], int) → Matrix".</summary>
    public static string Signature(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        return "(" + string.Join(", ", invoke.GetParameters().Select(p => Describe(p.ParameterType))) + ") → " + Describe(invoke.ReturnType);
    }

    private static bool IsTuple(Type type) => type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length <= 7;

    /// <summary>Writes <paramref name="value"/> as a <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">a type or value the boundary does not carry (an authoring error in a check).</exception>
    public static void Write(BinaryWriter w, object? value, Type type, Networks networks)
    {
        if (type == typeof(double)) { w.Write((double)value!); return; }
        if (type == typeof(float)) { w.Write((float)value!); return; }
        if (type == typeof(int)) { w.Write((int)value!); return; }
        if (type == typeof(long)) { w.Write((long)value!); return; }
        if (type == typeof(bool)) { w.Write((bool)value!); return; }
        if (type.IsEnum) { w.Write(Convert.ToInt64(value)); return; }
        if (IsTuple(type))
        {
            var items = type.GetGenericArguments();
            for (int i = 0; i < items.Length; i++) Write(w, type.GetField("Item" + (i + 1))!.GetValue(value), items[i], networks);
            return;
        }
        w.Write(value is not null);
        if (value is null) return;
        switch (value)
        {
            case string s: w.Write(s); return;
            case Array a when type.IsSZArray:
                w.Write(a.Length);
                var element = type.GetElementType()!;
                foreach (var item in a) Write(w, item, element, networks);
                return;
            case Matrix m:
                w.Write(m.Rows); w.Write(m.Cols);
                WriteDoubles(w, m.Data);
                return;
            case KMeansModel k:
                Write(w, k.Centroids, typeof(Matrix), networks);
                Write(w, k.Labels, typeof(int[]), networks);
                w.Write(k.Inertia); w.Write(k.Iterations); w.Write(k.Converged);
                Write(w, k.History?.ToArray(), typeof(Matrix[]), networks);
                return;
            case PcaModel p: w.Write(p.ToJson()); return;
            case LinkageTree t:
                w.Write(t.N);
                Write(w, t.Left, typeof(int[]), networks); Write(w, t.Right, typeof(int[]), networks);
                Write(w, t.Heights, typeof(double[]), networks); Write(w, t.Sizes, typeof(int[]), networks);
                return;
            case Tensor t: WriteTensor(w, t); return;
            case Generator g:
                using (var state = g.get_state()) WriteTensor(w, state);
                return;
            case CheckNetwork n when type == typeof(nn.Module<Tensor, Tensor>): WriteNetwork(w, n, networks); return;
            case Func<Tensor, Tensor> f when f.Target is CheckNetwork n && f.Method.Name == nameof(CheckNetwork.forward): WriteNetwork(w, n, networks); return;
            case SGD sgd: WriteSgd(w, sgd, networks); return;
        }
        throw new NotSupportedException($"the grader cannot pass a {value.GetType().Name} as a {Describe(type)} between processes.");
    }

    /// <summary>Reads a <paramref name="type"/> written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">the bytes are not such a value.</exception>
    public static object? Read(BinaryReader r, Type type, Networks networks)
    {
        if (type == typeof(double)) return r.ReadDouble();
        if (type == typeof(float)) return r.ReadSingle();
        if (type == typeof(int)) return r.ReadInt32();
        if (type == typeof(long)) return r.ReadInt64();
        if (type == typeof(bool)) return r.ReadBoolean();
        if (type.IsEnum) return Enum.ToObject(type, r.ReadInt64());
        if (IsTuple(type))
        {
            var items = type.GetGenericArguments();
            return Activator.CreateInstance(type, items.Select(t => Read(r, t, networks)).ToArray());
        }
        if (!r.ReadBoolean()) return null;
        if (type == typeof(string)) return r.ReadString();
        if (type.IsSZArray)
        {
            var element = type.GetElementType()!;
            int length = Length(r);
            var array = Array.CreateInstance(element, length);
            for (int i = 0; i < length; i++) array.SetValue(Read(r, element, networks), i);
            return array;
        }
        if (type == typeof(Matrix))
        {
            int rows = r.ReadInt32(), cols = r.ReadInt32();
            if (rows < 0 || cols < 0 || (long)rows * cols * 8 > Left(r)) throw new InvalidDataException($"a {rows} x {cols} matrix does not fit in the message.");
            var m = new Matrix(rows, cols);
            ReadDoubles(r, m.Data);
            return m;
        }
        if (type == typeof(KMeansModel))
        {
            var centroids = (Matrix)Read(r, typeof(Matrix), networks)!;
            var labels = (int[])Read(r, typeof(int[]), networks)!;
            double inertia = r.ReadDouble(); int iterations = r.ReadInt32(); bool converged = r.ReadBoolean();
            var history = (Matrix[]?)Read(r, typeof(Matrix[]), networks);
            return new KMeansModel(centroids, labels, inertia, iterations, converged, history);
        }
        if (type == typeof(PcaModel)) return PcaModel.FromJson(r.ReadString());
        if (type == typeof(LinkageTree))
        {
            int n = r.ReadInt32();
            return LinkageTree.FromMerges(n, (int[])Read(r, typeof(int[]), networks)!, (int[])Read(r, typeof(int[]), networks)!,
                (double[])Read(r, typeof(double[]), networks)!, (int[])Read(r, typeof(int[]), networks)!);
        }
        if (type == typeof(Tensor)) return ReadTensor(r);
        if (type == typeof(Generator))
        {
            var g = new Generator(0);
            using var state = ReadTensor(r);
            g.set_state(state);
            return g;
        }
        if (type == typeof(nn.Module<Tensor, Tensor>)) return ReadNetwork(r, networks);
        if (type == typeof(Func<Tensor, Tensor>)) return (Func<Tensor, Tensor>)ReadNetwork(r, networks).forward;
        if (type == typeof(optim.Optimizer)) return ReadSgd(r, networks);
        throw new InvalidDataException($"no value of type {Describe(type)} crosses between processes.");
    }

    /// <summary>Copies the state <paramref name="after"/> (read from the other side after a call) into
    /// <paramref name="original"/>, the object the check passed, so that a change the function made in place is seen
    /// as it would be in one process. Tensors are written only where they changed, so graphs built on them stay valid.</summary>
    public static void CopyInto(object? original, object? after)
    {
        switch (original)
        {
            case Array a when after is Array b && a.Length == b.Length: Array.Copy(b, a, a.Length); break;
            case Matrix m when after is Matrix n && m.Rows == n.Rows && m.Cols == n.Cols: n.Data.CopyTo(m.Data, 0); break;
            case Tensor t when after is Tensor u: CopyTensor(t, u); break;
            case Generator g when after is Generator h:
                using (var state = h.get_state()) g.set_state(state);
                break;
            case CheckNetwork n when after is CheckNetwork m: CopyNetwork(n, m); break;
            case Func<Tensor, Tensor> { Target: CheckNetwork n } when after is Func<Tensor, Tensor> { Target: CheckNetwork m }: CopyNetwork(n, m); break;
        }
    }

    /// <summary>The tensors a function's tensor result may be differentiated with respect to, in an order both sides
    /// agree on: the tensor arguments that require gradients, then every parameter of every network argument.</summary>
    public static List<Tensor> Differentiable(IReadOnlyList<object?> args)
    {
        var list = new List<Tensor>();
        foreach (var a in args) if (a is Tensor { requires_grad: true } t) list.Add(t);
        foreach (var a in args)
            if ((a as CheckNetwork ?? (a as Func<Tensor, Tensor>)?.Target as CheckNetwork) is { } n) list.AddRange(n.parameters());
        return list;
    }

    private static void CopyTensor(Tensor into, Tensor from)
    {
        if (!into.shape.SequenceEqual(from.shape) || into.dtype != from.dtype) return;
        using var current = into.detach().cpu().contiguous();
        if (current.bytes.SequenceEqual(from.bytes)) return;
        using (no_grad()) into.copy_(from);
    }

    private static void CopyNetwork(CheckNetwork into, CheckNetwork from)
    {
        using var _ = no_grad();
        foreach (var (p, q) in into.parameters().Zip(from.parameters()))
        {
            CopyTensor(p, q);
            p.grad = q.grad is { } g ? g.detach().clone() : null;
        }
    }

    private static void WriteNetwork(BinaryWriter w, CheckNetwork n, Networks networks)
    {
        networks.Add(n);
        var (inputs, hidden, outputs, sigmoid, squeeze) = n.Shape;
        w.Write(inputs); w.Write(hidden); w.Write(outputs); w.Write(sigmoid); w.Write(squeeze);
        foreach (var p in n.parameters())
        {
            WriteTensor(w, p.detach());
            w.Write(p.grad is not null);
            if (p.grad is { } g) WriteTensor(w, g);
        }
    }

    private static CheckNetwork ReadNetwork(BinaryReader r, Networks networks)
    {
        int inputs = r.ReadInt32(), hidden = r.ReadInt32(), outputs = r.ReadInt32();
        bool sigmoid = r.ReadBoolean(), squeeze = r.ReadBoolean();
        if (inputs <= 0 || hidden <= 0 || outputs <= 0 || (long)hidden * (inputs + outputs + 1) + outputs > Left(r)) throw new InvalidDataException("a network's sizes do not fit in the message.");
        var n = new CheckNetwork(inputs, hidden, outputs, 0, sigmoid, squeeze);
        using (no_grad())
            foreach (var p in n.parameters())
            {
                using var value = ReadTensor(r);
                if (!value.shape.SequenceEqual(p.shape) || value.dtype != p.dtype) throw new InvalidDataException("a network's weights do not match its sizes.");
                p.copy_(value);
                p.grad = r.ReadBoolean() ? ReadTensor(r) : null;
            }
        networks.Add(n);
        return n;
    }

    // Plain SGD over one network's parameters, the optimiser every training-step check uses: it keeps no state, so
    // its settings are all that crosses (an optimiser with momentum or moments would have to carry them too).
    private static void WriteSgd(BinaryWriter w, SGD sgd, Networks networks)
    {
        var groups = sgd.ParamGroups.Cast<ParamGroup<SGD.Options>>().ToList();
        if (groups.Count != 1) throw new NotSupportedException("the grader passes SGD over one group of parameters only.");
        var options = groups[0].Options;
        if (options.momentum is not (null or 0) || options.weight_decay is not (null or 0) || options.maximize == true)
            throw new NotSupportedException("the grader passes plain SGD only (no momentum, weight decay or maximize).");
        var handles = groups[0].Parameters.Select(p => p.Handle).ToList();
        int index = networks.IndexOf(n => n.parameters().Select(p => p.Handle).SequenceEqual(handles));
        if (index < 0) throw new NotSupportedException("the optimizer must be over the parameters of a network passed before it.");
        w.Write(index);
        w.Write(options.LearningRate ?? 0);
    }

    private static optim.Optimizer ReadSgd(BinaryReader r, Networks networks)
    {
        int index = r.ReadInt32();
        double rate = r.ReadDouble();
        if (index < 0 || index >= networks.Count || !double.IsFinite(rate) || rate < 0) throw new InvalidDataException("an optimizer over no network passed before it.");
        return optim.SGD(networks[index].parameters(), rate);
    }

    private static void WriteTensor(BinaryWriter w, Tensor t)
    {
        using var cpu = t.detach().cpu().contiguous();
        w.Write((int)t.dtype);
        w.Write(t.shape.Length);
        foreach (var d in t.shape) w.Write(d);
        w.Write(t.requires_grad);
        var bytes = cpu.bytes;
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static Tensor ReadTensor(BinaryReader r)
    {
        var dtype = (ScalarType)r.ReadInt32();
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64 or ScalarType.Int64 or ScalarType.Int32 or ScalarType.Bool or ScalarType.Byte))
            throw new InvalidDataException($"tensors of type {dtype} do not cross between processes.");
        int rank = r.ReadInt32();
        if (rank < 0 || rank > 8) throw new InvalidDataException($"a tensor of rank {rank}.");
        var shape = new long[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = r.ReadInt64();
            if (shape[i] < 0 || shape[i] > int.MaxValue) throw new InvalidDataException("a tensor's shape is out of range.");
            count = Math.Min(count * shape[i], long.MaxValue / 16);
        }
        bool requiresGrad = r.ReadBoolean();
        int length = r.ReadInt32();
        int size = dtype switch { ScalarType.Float64 or ScalarType.Int64 => 8, ScalarType.Float32 or ScalarType.Int32 => 4, _ => 1 };
        if (length < 0 || length != count * size || length > Left(r)) throw new InvalidDataException("a tensor's values do not match its shape or the message.");
        var t = empty(shape, dtype);
        t.bytes = r.ReadBytes(length);
        if (requiresGrad && t.is_floating_point()) t.requires_grad_(true);
        return t;
    }

    private static void WriteDoubles(BinaryWriter w, double[] values) => w.Write(MemoryMarshal.AsBytes(values.AsSpan()));

    private static void ReadDoubles(BinaryReader r, double[] into)
    {
        var bytes = r.ReadBytes(into.Length * 8);
        if (bytes.Length != into.Length * 8) throw new InvalidDataException("the message ended inside a matrix.");
        MemoryMarshal.Cast<byte, double>(bytes).CopyTo(into);
    }

    // An array length, checked against the bytes left (every element takes at least one byte).
    private static int Length(BinaryReader r)
    {
        int length = r.ReadInt32();
        if (length < 0 || length > Left(r)) throw new InvalidDataException($"an array of {length} elements does not fit in the message.");
        return length;
    }

    private static long Left(BinaryReader r) => r.BaseStream.Length - r.BaseStream.Position;
}

/// <summary>The check networks met in one call, in order, so that an optimiser can name the network it trains.</summary>
internal sealed class Networks : List<CheckNetwork>
{
    /// <summary>The index of the first network matching <paramref name="match"/>, or -1.</summary>
    public int IndexOf(Func<CheckNetwork, bool> match) => FindIndex(n => match(n));
}
