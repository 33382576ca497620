using static TorchSharp.torch;

namespace Course.Grading;

/// <summary>
/// Tensors for the exercises' checks and their test networks (<see cref="CheckNetwork"/>). Values come from a seeded
/// <see cref="Random"/>, never from libtorch's global generator, so a check neither depends on nor disturbs the
/// seeding of the notebook (or of tests running beside it).
/// </summary>
internal static class SeededTensors
{
    /// <summary>A tensor of the given shape with values drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor Uniform(Random rng, long[] shape, double low, double high, ScalarType dtype = ScalarType.Float64)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new double[count];
        for (int k = 0; k < values.Length; k++) values[k] = low + (high - low) * rng.NextDouble();
        return tensor(values, shape, dtype);
    }

    /// <summary>The values of a tensor as doubles, row-major (copied to the CPU).</summary>
    public static double[] Values(Tensor t)
    {
        using var cpu = t.detach().to(ScalarType.Float64).cpu().contiguous();
        return cpu.data<double>().ToArray();
    }
}
