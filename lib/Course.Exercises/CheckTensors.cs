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

    /// <summary>The weights a reference run of a training-step exercise reaches: untouched, after one step, after two
    /// steps, and after two steps without <c>zero_grad</c> (the gradients of both batches added).</summary>
    public sealed record StepReference(double[] Initial, double[] AfterOne, double[] AfterTwo, double[] Accumulated);

    /// <summary>The judgement every training-step exercise (06.3, 08.1, 08.2, 08.4) makes of the weights a learner's
    /// step <paramref name="step"/> (0 or 1) left: null when they match the reference's; else what explains them, in
    /// order: unchanged weights after the first step, a catalogued mistake's weights (<paramref name="mistakes"/>, after
    /// the first step), accumulated gradients after the second, and otherwise <paramref name="otherwise"/>, told which
    /// step ("one step" or <paramref name="secondStep"/>).</summary>
    public static string? WrongWeights(int step, double[] weights, StepReference reference, string unchanged,
        IEnumerable<(double[] Weights, string Hint)> mistakes, string accumulated, Func<string, string> otherwise, string secondStep = "a second step (on a new batch)")
    {
        if (RelativelyClose(weights, step == 0 ? reference.AfterOne : reference.AfterTwo, 1e-5)) return null;
        if (step == 0 && weights.SequenceEqual(reference.Initial)) return unchanged;
        if (step == 0 && mistakes.FirstOrDefault(m => RelativelyClose(weights, m.Weights, 1e-5)).Hint is string hint) return hint;
        if (step == 1 && RelativelyClose(weights, reference.Accumulated, 1e-5)) return accumulated;
        return otherwise(step == 0 ? "one step" : secondStep);
    }

    /// <summary>The advice for accumulated gradients, shared by the training-step exercises.</summary>
    public const string ZeroGradEveryStep = "the first step was right, the second was not: call optimizer.zero_grad() at the start of every step.";

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
