using TorchSharp;
using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>Hyperparameters of <see cref="Trainer"/>.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data. Default 10.</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Rows per mini-batch. Default 128.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Adam's learning rate. Default 1e-3 (Kingma and Ba's default).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Stop when the validation loss has not improved for this many epochs, and restore the best weights;
    /// null (default) trains every epoch. Needs validation data.</summary>
    public int? Patience { get; init; }
    /// <summary>Seed for the order of the mini-batches. Default <see cref="Course.Seed.Default"/>, as everywhere in the kit.</summary>
    public int Seed { get; init; } = Course.Seed.Default;
}

/// <summary>What a training run did: the loss after each epoch, and where it stopped.</summary>
/// <param name="TrainLoss">Mean mini-batch loss of each epoch.</param>
/// <param name="ValidationLoss">Validation loss after each epoch (empty without validation data).</param>
/// <param name="BestEpoch">1-based epoch of the lowest validation loss (or the last epoch without validation data).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run before <see cref="TrainingOptions.Epochs"/>.</param>
public sealed record TrainingHistory(double[] TrainLoss, double[] ValidationLoss, int BestEpoch, bool StoppedEarly);

/// <summary>
/// The neural lessons' training loop: shuffled mini-batches (seeded), Adam, a loss history, optional early stopping on
/// validation data with the best weights restored, and progress reports a notebook shows as an updating line. The
/// model-specific part is one function from a batch to its loss, so the autoencoders, the VAEs and the Fashion-MNIST
/// judge share the loop (a GAN alternates two players' steps and has its own, <see cref="GanTrainer"/>).
/// </summary>
public static class Trainer
{
    /// <summary>One optimisation step: clears the gradients, computes <paramref name="loss"/>, backpropagates it
    /// and lets <paramref name="optimizer"/> update the weights. Returns the loss before the step.</summary>
    /// <param name="optimizer">The optimiser over the model's parameters (Adam in <see cref="Train(nn.Module, Tensor, Func{Tensor, Tensor}, TrainingOptions?, Tensor?, FitObserver?)"/>).</param>
    /// <param name="loss">Computes the scalar loss of one batch with the model in training mode.</param>
    public static double Step(optim.Optimizer optimizer, Func<Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        optimizer.zero_grad();   // gradients accumulate in libtorch: clear the last batch's first
        var value = loss();
        value.backward();
        optimizer.step();
        return value.detach().to(ScalarType.Float64).item<double>();
    }

    /// <summary>Trains <paramref name="model"/> on the rows of <paramref name="data"/> (first dimension = samples).</summary>
    /// <param name="model">The module whose parameters Adam updates.</param>
    /// <param name="data">Training samples, on the model's device.</param>
    /// <param name="batchLoss">The scalar loss of one mini-batch (the model in training mode).</param>
    /// <param name="options">Epochs, batch size, learning rate, early stopping, seed.</param>
    /// <param name="validation">Optional validation samples, scored with <paramref name="batchLoss"/> in evaluation mode without gradients.</param>
    /// <param name="observer">Hears every epoch's mean training loss; its cancellation stops the run between batches.</param>
    public static TrainingHistory Train(nn.Module model, Tensor data, Func<Tensor, Tensor> batchLoss, TrainingOptions? options = null, Tensor? validation = null, FitObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(batchLoss);
        return Train(model, data, (batch, _) => batchLoss(batch), options, validation, observer);
    }

    /// <summary>As <see cref="Train(nn.Module, Tensor, Func{Tensor, Tensor}, TrainingOptions?, Tensor?, FitObserver?)"/>, with a loss
    /// that also sees the 1-based epoch, for schedules such as a VAE's KL warm-up.</summary>
    public static TrainingHistory Train(nn.Module model, Tensor data, Func<Tensor, int, Tensor> batchLoss, TrainingOptions? options = null, Tensor? validation = null, FitObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(batchLoss);
        options ??= new TrainingOptions();
        Guard.InRange(options.Epochs, 1, int.MaxValue, "Epochs");
        Guard.InRange(options.BatchSize, 1, int.MaxValue, "BatchSize");
        Guard.Positive(options.LearningRate, "LearningRate");
        if (options.Patience is int p) Guard.InRange(p, 1, int.MaxValue, "Patience");
        if (options.Patience is not null && validation is null) throw new ArgumentException("early stopping (Patience) needs validation data.", nameof(validation));
        long n = data.shape[0];
        if (n == 0) throw new ArgumentException("data has no samples.", nameof(data));
        var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate);
        var batches = new MiniBatches(n, options.BatchSize, options.Seed);
        var train = new List<double>(); var valid = new List<double>();
        double best = double.PositiveInfinity; int bestEpoch = 0, sinceBest = 0;
        Dictionary<string, Tensor>? bestState = null;
        bool stopped = false;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            model.train();
            double sum = 0; int count = 0;
            foreach (var rows in batches.NextEpoch())
            {
                observer?.Cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = data.index_select(0, tensor(rows, ScalarType.Int64, data.device));
                sum += Step(optimizer, () => batchLoss(batch, epoch));
                count++;
            }
            train.Add(sum / count);
            if (validation is not null)
            {
                model.eval();
                using (no_grad())
                using (NewDisposeScope())
                    valid.Add(batchLoss(validation, epoch).to(ScalarType.Float64).item<double>());
                if (valid[^1] < best)
                {
                    best = valid[^1]; bestEpoch = epoch; sinceBest = 0;
                    if (options.Patience is not null)
                    {
                        foreach (var t in bestState?.Values ?? Enumerable.Empty<Tensor>()) t.Dispose();
                        bestState = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
                    }
                }
                else if (options.Patience is int patience && ++sinceBest >= patience)
                {
                    stopped = epoch < options.Epochs;
                    observer?.Report(epoch, options.Epochs, train[^1], "training");
                    break;
                }
            }
            observer?.Report(epoch, options.Epochs, train[^1], "training");
        }
        if (bestState is not null)
        {
            model.load_state_dict(bestState);
            foreach (var t in bestState.Values) t.Dispose();
        }
        model.eval();
        return new TrainingHistory([.. train], [.. valid], validation is null ? train.Count : bestEpoch, stopped);
    }
}
