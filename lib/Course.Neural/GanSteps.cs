using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Course.Neural;

/// <summary>One discriminator update: (generator, discriminator, the discriminator's optimiser, a batch of real images,
/// a batch of codes) → the loss it stepped on.</summary>
public delegate double DiscriminatorUpdater(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, optim.Optimizer optimizer, Tensor real, Tensor codes);

/// <summary>One generator update: (generator, discriminator, the generator's optimiser, a batch of codes) → the loss it
/// stepped on.</summary>
public delegate double GeneratorUpdater(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, optim.Optimizer optimizer, Tensor codes);

/// <summary>
/// The two updates of a standard GAN (Goodfellow et al., 2014) as <see cref="GanTrainer"/> runs them, replaceable so
/// that lesson 08 can train the kit's DCGAN with the learner's own steps and compare the losses with these.
/// </summary>
/// <param name="Discriminator">Binary cross-entropy on the logits: real images labelled 1, generated ones 0.</param>
/// <param name="Generator">The non-saturating loss: D(G(z))'s cross-entropy against label 1.</param>
public sealed record GanSteps(DiscriminatorUpdater Discriminator, GeneratorUpdater Generator)
{
    /// <summary>The kit's steps.</summary>
    public static GanSteps Standard { get; } = new(DiscriminatorUpdate, GeneratorUpdate);

    /// <summary>The kit's discriminator step: the generated batch is made without gradients (so none reach the
    /// generator), then zero_grad, the two cross-entropies summed, backward, step.</summary>
    public static double DiscriminatorUpdate(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, optim.Optimizer optimizer, Tensor real, Tensor codes)
    {
        Tensor fake;
        using (no_grad()) fake = generator.forward(codes);
        optimizer.zero_grad();
        var realScores = discriminator.forward(real);
        var fakeScores = discriminator.forward(fake);
        var loss = F.binary_cross_entropy_with_logits(realScores, ones_like(realScores)) + F.binary_cross_entropy_with_logits(fakeScores, zeros_like(fakeScores));
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>The kit's generator step: zero_grad, −log D(G(z)) as a cross-entropy against 1, backward through the
    /// discriminator into the generator, step.</summary>
    public static double GeneratorUpdate(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, optim.Optimizer optimizer, Tensor codes)
    {
        optimizer.zero_grad();
        var scores = discriminator.forward(generator.forward(codes));
        var loss = F.binary_cross_entropy_with_logits(scores, ones_like(scores));
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
