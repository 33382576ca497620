using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>One WGAN-GP critic update: (generator, critic, the critic's optimiser, a batch of real images, a batch of
/// codes, one mixing weight ε per sample (shape [batch, 1], uniform on [0, 1)), the penalty's weight λ) → the loss it
/// stepped on. The trainer draws ε so that every implementation of the step sees the same random numbers.</summary>
public delegate double CriticUpdater(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, optim.Optimizer optimizer, Tensor real, Tensor codes, Tensor epsilon, double penaltyWeight);

/// <summary>
/// The two updates of WGAN-GP (Gulrajani et al., 2017) as <see cref="GanTrainer"/> runs them, replaceable so that
/// lesson 08 can train the kit's WGAN-GP with the learner's own critic step and compare the losses with these.
/// </summary>
/// <param name="Critic">E[D(G(z))] − E[D(x)] plus the gradient penalty at x̂ = ε x + (1 − ε) G(z).</param>
/// <param name="Generator">−E[D(G(z))].</param>
public sealed record WganGpSteps(CriticUpdater Critic, GeneratorUpdater Generator)
{
    /// <summary>The kit's steps.</summary>
    public static WganGpSteps Standard { get; } = new(CriticUpdate, GeneratorUpdate);

    /// <summary>The kit's critic step: the generated batch is made without gradients, then zero_grad, the critic's
    /// loss (minus its estimate of the Wasserstein distance) plus <see cref="GradientPenalty.Penalty"/> at the
    /// interpolates, backward, step.</summary>
    public static double CriticUpdate(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, optim.Optimizer optimizer, Tensor real, Tensor codes, Tensor epsilon, double penaltyWeight)
    {
        Tensor fake;
        using (no_grad()) fake = generator.forward(codes);
        optimizer.zero_grad();
        var interpolates = (epsilon * real + (1 - epsilon) * fake).requires_grad_(true);
        var loss = critic.forward(fake).mean() - critic.forward(real).mean() + GradientPenalty.Penalty(critic.forward, interpolates, penaltyWeight);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>The kit's generator step: zero_grad, −E[D(G(z))], backward through the critic into the generator, step.</summary>
    public static double GeneratorUpdate(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, optim.Optimizer optimizer, Tensor codes)
    {
        optimizer.zero_grad();
        var loss = -critic.forward(generator.forward(codes)).mean();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
