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
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(batchLoss);
        return Run(model, data.shape[0], data.device, (rows, epoch) => batchLoss(data.index_select(0, rows), epoch), options,
            validation is null ? null : epoch => batchLoss(validation, epoch), observer);
    }

    /// <summary>Trains a supervised <paramref name="model"/>: mini-batches take the same rows of
    /// <paramref name="data"/> and <paramref name="targets"/> (a classifier's labels, say), and
    /// <paramref name="batchLoss"/> sees both.</summary>
    /// <exception cref="ArgumentException">targets has another number of rows than data.</exception>
    public static TrainingHistory Train(nn.Module model, Tensor data, Tensor targets, Func<Tensor, Tensor, Tensor> batchLoss, TrainingOptions? options = null, FitObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(batchLoss);
        if (targets.shape.Length == 0 || targets.shape[0] != data.shape[0])
            throw new ArgumentException($"targets has {(targets.shape.Length == 0 ? 0 : targets.shape[0])} rows but data has {data.shape[0]}.", nameof(targets));
        return Run(model, data.shape[0], data.device, (rows, _) => batchLoss(data.index_select(0, rows), targets.index_select(0, rows.to(targets.device))), options, null, observer);
    }

    /// <summary>The loop: <paramref name="lossOfRows"/> gives the loss of the samples at a batch's row indices (an
    /// Int64 tensor on <paramref name="device"/>, the data's) in an epoch, <paramref name="validationLoss"/> the
    /// validation loss of an epoch.</summary>
    private static TrainingHistory Run(nn.Module model, long n, Device device, Func<Tensor, int, Tensor> lossOfRows, TrainingOptions? options, Func<int, Tensor>? validationLoss, FitObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new TrainingOptions();
        Guard.InRange(options.Epochs, 1, int.MaxValue, "Epochs");
        Guard.InRange(options.BatchSize, 1, int.MaxValue, "BatchSize");
        Guard.Positive(options.LearningRate, "LearningRate");
        if (options.Patience is int p) Guard.InRange(p, 1, int.MaxValue, "Patience");
        if (options.Patience is not null && validationLoss is null) throw new ArgumentException("early stopping (Patience) needs validation data.", "validation");
        if (n == 0) throw new ArgumentException("data has no samples.", "data");
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
                var indices = tensor(rows, ScalarType.Int64, device);
                sum += Step(optimizer, () => lossOfRows(indices, epoch));
                count++;
            }
            train.Add(sum / count);
            if (validationLoss is not null)
            {
                model.eval();
                using (no_grad())
                using (NewDisposeScope())
                    valid.Add(validationLoss(epoch).to(ScalarType.Float64).item<double>());
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
        return new TrainingHistory([.. train], [.. valid], validationLoss is null ? train.Count : bestEpoch, stopped);
    }
}
