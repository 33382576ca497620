using Course.Data;
using Course.Neural;

namespace Course.Benchmarks;

/// <summary>
/// Training steps of lesson 08's GANs at batch 64 on the 10,000-image Fashion-MNIST subset: DCGAN (one discriminator
/// and one generator update per step) or WGAN-GP (five critic updates with the gradient penalty, then one generator
/// update), against the same models in PyTorch (Debian <c>python3-torch</c>) with the same thread count. Each run takes
/// <see cref="Steps"/> steps so the ms/iter column is the time of one step.
/// </summary>
public sealed class GanStepWorkload(GanLoss loss) : IWorkload
{
    /// <summary>Steps per timed run.</summary>
    public const int Steps = 20;

    private GanOptions Options => loss == GanLoss.Standard ? GanOptions.Dcgan : GanOptions.WganGp;

    /// <inheritdoc/>
    public string Name => loss == GanLoss.Standard ? "dcgan-step" : "wgan-gp-step";

    /// <inheritdoc/>
    public string Description => $"{Steps} {(loss == GanLoss.Standard ? "DCGAN" : "WGAN-GP")} training steps (latent 64, width 64, batch 64) on 10,000 Fashion-MNIST images, against PyTorch";

    /// <inheritdoc/>
    public string ReferenceName => "PyTorch";

    /// <inheritdoc/>
    public string ReferenceScript => "gan_torch.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object>
    {
        ["threads"] = TorchSharp.torch.get_num_threads(), ["steps"] = Steps, ["batch"] = Options.BatchSize,
        ["wgan"] = loss == GanLoss.WassersteinGp ? 1 : 0, ["lr"] = Options.LearningRate, ["beta1"] = Options.Beta1,
        ["beta2"] = Options.Beta2, ["critic_steps"] = Options.CriticSteps, ["penalty"] = Options.PenaltyWeight,
    };

    /// <inheritdoc/>
    public string QualityMetric => "n_iter";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = Datasets.FashionMnistSubset().X };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
    {
        NeuralSeed.Set(0);
        var trainer = new GanTrainer(new DcganGenerator(64, 64), new DcganDiscriminator(64, batchNorm: loss == GanLoss.Standard), Options);
        return trainer.Train(inputs["X"], Steps);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
        => new Dictionary<string, double> { ["n_iter"] = ((GanHistory)result).GeneratorLoss.Length, ["d_loss"] = ((GanHistory)result).DiscriminatorLoss.Average() };
}
