using TorchSharp;
using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>Conversions between the kit's <see cref="Matrix"/> and TorchSharp tensors, one block copy each way.</summary>
public static class TensorAdapter
{
    static TensorAdapter() => TorchRuntime.EnsureLoaded();

    /// <summary>An n x d tensor holding a copy of <paramref name="x"/> (float32 by default, as the neural lessons train in).</summary>
    public static Tensor ToTensor(this Matrix x, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var t64 = torch.tensor(x.Data, [x.Rows, x.Cols], ScalarType.Float64);
        var t = t64.to(dtype);
        return device is null ? t : t.to(device);
    }

    /// <summary>A matrix copy of a 2-D tensor (any device, any floating type).</summary>
    public static Matrix ToMatrix(this Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.dim() != 2) throw new ArgumentException($"expected a 2-D tensor, got shape [{string.Join(", ", t.shape)}].", nameof(t));
        using var cpu = t.detach().to(ScalarType.Float64).cpu().contiguous();
        return new Matrix((int)t.shape[0], (int)t.shape[1], cpu.data<double>().ToArray());
    }
}
