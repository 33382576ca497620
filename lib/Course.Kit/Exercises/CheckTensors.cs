using TorchSharp;
using static TorchSharp.torch;

namespace Course.Exercises;

/// <summary>
/// Test tensors for the checks of lessons 06–08 and the comparisons they need. Values come from a seeded
/// <see cref="Random"/>, never from libtorch's global generator, so a check neither depends on nor disturbs the
/// seeding of the notebook (or of tests running beside it).
/// </summary>
internal static class CheckTensors
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

    /// <summary>Whether <paramref name="got"/> agrees with <paramref name="expected"/> within a relative
    /// <paramref name="tolerance"/> (of the largest expected magnitude, at least 1).</summary>
    public static bool RelativelyClose(double[] got, double[] expected, double tolerance)
    {
        double scale = Math.Max(1, expected.Select(Math.Abs).DefaultIfEmpty(0).Max());
        return Exercise.Close(got, expected, tolerance * scale);
    }

    /// <summary>A shape as the learner would write it, e.g. "[5, 6]".</summary>
    public static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";

    /// <summary>Null when <paramref name="result"/> is a single-number tensor that stays connected to the autograd
    /// graph (so <c>backward()</c> reaches the inputs); otherwise what is wrong, for a loss called <paramref name="what"/>.</summary>
    public static string? ScalarWithGradient(Tensor? result, string what)
    {
        if (result is null) return $"return the {what} as a tensor; you returned null.";
        if (result.numel() != 1)
            return $"return the {what} as a single number (a 0-dimensional tensor); yours has shape {Shape(result)}. Reduce over every dimension that should be reduced.";
        if (!result.requires_grad)
            return $"your {what} is cut off from the autograd graph, so backward() cannot reach the weights: build it from tensor operations on the inputs, without .item(), .detach(), .data or a new torch.tensor(...).";
        return null;
    }

    /// <summary>Calls a learner's training step, turning TorchSharp's float32-versus-double complaint into advice.</summary>
    public static double? RunStep(Func<double> step, out string? problem)
    {
        problem = null;
        try { return step(); }
        catch (ArgumentException e) when (e.Message.Contains("is not compatible with", StringComparison.Ordinal))
        {
            problem = "the loss is a float32 tensor, as the models are: read it with loss.item<float>() (item<double>() throws).";
            return null;
        }
    }
}
