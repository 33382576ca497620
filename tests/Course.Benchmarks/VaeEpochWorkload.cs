using Course.Data;
using Course.Neural;

namespace Course.Benchmarks;

/// <summary>
/// One training epoch of lesson 07's VAE, shaped as PyTorch's VAE example (784-400-(20, 20), 20-400-784, Bernoulli
/// decoder, Adam 1e-3, batches of 128), on 10,000 generated shapes, against the same model in PyTorch (Debian
/// <c>python3-torch</c>) with the same number of threads. The epoch's mean negative ELBO must be close.
/// </summary>
public sealed class VaeEpochWorkload : IWorkload
{
    /// <inheritdoc/>
    public string Name => "vae-epoch";

    /// <inheritdoc/>
    public string Description => "One epoch of a 784-400-20 VAE (Bernoulli, Adam, batch 128) on 10,000 generated shapes, against PyTorch";

    /// <inheritdoc/>
    public string ReferenceName => "PyTorch";

    /// <inheritdoc/>
    public string ReferenceScript => "vae_torch.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object>
    {
        ["threads"] = TorchSharp.torch.get_num_threads(), ["batch"] = 128, ["lr"] = 1e-3, ["hidden"] = 400, ["latent"] = 20,
    };

    /// <inheritdoc/>
    public string QualityMetric => "epoch_loss";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = Shapes.Generate(10_000, seed: 1).X };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
    {
        NeuralSeed.Set(0);
        var vae = new Vae(784, 20, [400]);
        return vae.Fit(inputs["X"], new TrainingOptions { Epochs = 1, BatchSize = 128, LearningRate = 1e-3 });
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
        => new Dictionary<string, double> { ["epoch_loss"] = ((VaeHistory)result).Training.TrainLoss[0] };
}
