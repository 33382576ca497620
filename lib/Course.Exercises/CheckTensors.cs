using Course.Grading;
using TorchSharp;
using static Course.Grading.SeededTensors;
using static TorchSharp.torch;

namespace Course.Exercises;

/// <summary>
/// The comparisons the checks of lessons 06–08 need (their test tensors come from <see cref="SeededTensors"/>).
/// </summary>
internal static class CheckTensors
{
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

    /// <summary>Differentiates a tensor the learner's code returned: itself if it holds one number, else its sum. Through
    /// the grader's process boundary the gradients were taken beside the learner's code, for exactly these two
    /// cases (<see cref="RemoteFunction"/>), and an error backward() raised there is raised here.</summary>
    public static void Backward(Tensor result)
    {
        if (RemoteFunction.BackwardError(result) is string error) throw new System.Runtime.InteropServices.ExternalException(error);
        if (result.numel() == 1) result.backward();
        else result.sum().backward();
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
