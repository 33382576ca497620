using Course.Data;
using Course.Neural;

namespace Course.Benchmarks;

/// <summary>
/// One training epoch of lesson 06's autoencoder (784-256-32-256-784, ReLU, sigmoid output, MSE, Adam 1e-3,
/// batches of 128) on the 10,000-image Fashion-MNIST subset, against the same model in PyTorch (Debian
/// <c>python3-torch</c>) with the same number of threads. Both train in float32 from their own seeded initialisation;
/// the epoch's mean loss must be close.
/// </summary>
public sealed class AutoencoderEpochWorkload : IWorkload
{
    /// <inheritdoc/>
    public string Name => "autoencoder-epoch";

    /// <inheritdoc/>
    public string Description => "One epoch of a 784-256-32 MLP autoencoder (Adam, batch 128) on 10,000 Fashion-MNIST images, against PyTorch";

    /// <inheritdoc/>
    public string ReferenceName => "PyTorch";

    /// <inheritdoc/>
    public string ReferenceScript => "autoencoder_torch.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object>
    {
        ["threads"] = TorchSharp.torch.get_num_threads(), ["batch"] = 128, ["lr"] = 1e-3,
    };

    /// <inheritdoc/>
    public string QualityMetric => "epoch_loss";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare() => new Dictionary<string, Matrix> { ["X"] = Datasets.FashionMnistSubset().X };

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs)
    {
        NeuralSeed.Set(0);
        var ae = new MlpAutoencoder(784, 32, [256]);
        return ae.Fit(inputs["X"], new TrainingOptions { Epochs = 1, BatchSize = 128, LearningRate = 1e-3 });
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
        => new Dictionary<string, double> { ["epoch_loss"] = ((TrainingHistory)result).TrainLoss[0] };
}
