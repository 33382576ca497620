using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>
/// WGAN-GP's gradient penalty (Gulrajani et al., "Improved training of Wasserstein GANs", NeurIPS 2017):
/// λ · E[(‖∇ₓ̂ D(x̂)‖₂ − 1)²] on random interpolates x̂ = ε x_real + (1 − ε) x_fake, ε ~ U(0, 1) per sample. It
/// keeps the critic close to 1-Lipschitz, which the Wasserstein distance's dual form needs, without weight clipping.
/// </summary>
public static class GradientPenalty
{
    /// <summary>The paper's weight λ = 10.</summary>
    public const double DefaultWeight = 10.0;

    /// <summary>The penalty on interpolates between <paramref name="real"/> and <paramref name="fake"/> (same shape,
    /// first dimension = samples), differentiable in the critic's parameters (the gradient graph is kept).</summary>
    /// <param name="critic">D: a batch to one score per sample (n or n x 1).</param>
    /// <param name="real">Real samples.</param>
    /// <param name="fake">Generated samples (detached from the generator).</param>
    /// <param name="weight">λ. Default 10.</param>
    /// <param name="generator">Source of ε; null uses libtorch's global generator.</param>
    public static Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, double weight = DefaultWeight, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(fake);
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"real is [{string.Join(", ", real.shape)}] but fake is [{string.Join(", ", fake.shape)}]; they must match.", nameof(fake));
        Guard.NonNegative(weight, nameof(weight));
        var shape = new long[real.dim()];
        shape[0] = real.shape[0];
        for (int k = 1; k < shape.Length; k++) shape[k] = 1;
        var epsilon = rand(shape, real.dtype, real.device, generator: generator);
        var mixed = (epsilon * real.detach() + (1 - epsilon) * fake.detach()).requires_grad_(true);
        return Penalty(critic, mixed, weight);
    }

    /// <summary>λ · mean over samples of (‖∇ D(x)‖₂ − 1)² at the given points <paramref name="points"/> (which
    /// must require gradients): the part of <see cref="Compute"/> after interpolation.</summary>
    public static Tensor Penalty(Func<Tensor, Tensor> critic, Tensor points, double weight = DefaultWeight)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(points);
        // Checked here because libtorch's own complaint, raised inside autograd.grad, is not turned into a .NET exception
        // by TorchSharp 0.107 on every path: it can end the process (a notebook's kernel, a test host).
        if (!points.requires_grad)
            throw new ArgumentException("points must require gradients, since the penalty differentiates the critic's scores with respect to them: build them with .requires_grad_(true).", nameof(points));
        var scores = critic(points);
        if (!scores.requires_grad)
            throw new ArgumentException("the critic's scores do not require gradients (is gradient recording off, under torch.no_grad()?), so there is nothing to differentiate.", nameof(critic));
        // retain_graph too: the penalty is backpropagated later, through the same graph (TorchSharp does not default it to
        // create_graph as PyTorch does).
        var gradients = autograd.grad([scores.sum()], [points], retain_graph: true, create_graph: true)[0];
        var norms = gradients.reshape(gradients.shape[0], -1).norm(1);
        return weight * (norms - 1).square().mean();
    }
}
