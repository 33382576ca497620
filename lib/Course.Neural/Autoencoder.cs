using Course.Data;
using static TorchSharp.torch;

namespace Course.Neural;

/// <summary>How training corrupts inputs before encoding (denoising autoencoders, Vincent et al., ICML 2008): the model
/// must reconstruct the clean input from the corrupted one, so it learns structure rather than the identity.</summary>
public enum Corruption
{
    /// <summary>No corruption: a plain autoencoder.</summary>
    None,
    /// <summary>Add Gaussian noise of standard deviation <see cref="AutoencoderObjective.NoiseLevel"/> (then clip to [0, 1]).</summary>
    Gaussian,
    /// <summary>Set a random fraction <see cref="AutoencoderObjective.NoiseLevel"/> of the inputs to 0.</summary>
    Masking,
}

/// <summary>What an autoencoder's training minimises: mean squared reconstruction error of the clean input, plus the
/// optional sparsity penalties on the code.</summary>
public sealed record AutoencoderObjective
{
    /// <summary>Input corruption for denoising. Default none.</summary>
    public Corruption Corruption { get; init; }
    /// <summary>Gaussian standard deviation or masked fraction. Default 0.3.</summary>
    public double NoiseLevel { get; init; } = 0.3;
    /// <summary>Weight λ of the L1 activity penalty λ · mean |code|, which drives most code units to zero for each
    /// input. Default 0 (off).</summary>
    public double L1Activity { get; init; }
    /// <summary>Target mean activation ρ of each code unit for the KL sparsity penalty (codes must be in (0, 1): use a
    /// sigmoid code). Default null (off).</summary>
    public double? SparsityTarget { get; init; }
    /// <summary>Weight β of the KL sparsity penalty β Σⱼ KL(ρ ‖ ρ̂ⱼ), ρ̂ⱼ the batch-mean activation of unit j (Ng's
    /// sparse autoencoder notes, 2011). Default 1.</summary>
    public double SparsityWeight { get; init; } = 1.0;
    /// <summary>An extra penalty on each batch's codes (an n x k tensor in, a scalar tensor out) added to the loss (the
    /// validation loss too, as the other penalties), such as a sparsity penalty written in a notebook. It must be built from tensor operations on the codes so
    /// its gradient reaches the encoder. Default null (none).</summary>
    public Func<Tensor, Tensor>? CodePenalty { get; init; }
}

/// <summary>The constructor arguments of an autoencoder, as its manifest stores them.</summary>
internal sealed record AutoencoderArchitecture(bool Convolutional, int InputSize, int CodeSize, int[] Hidden, bool Linear, bool SigmoidOutput, bool SigmoidCode);

/// <summary>
/// The autoencoders' shared surface: <see cref="Encode(Tensor)"/> and <see cref="Decode(Tensor)"/> on tensors, and on the kit's
/// matrices (rows of d values in, codes or reconstructions out), per-sample reconstruction error, and training on a
/// matrix with an <see cref="AutoencoderObjective"/>. <see cref="Save"/> and <see cref="Load"/> keep the weights with the architecture.
/// </summary>
public abstract class Autoencoder : TorchSharp.torch.nn.Module<Tensor, Tensor>, INeuralModel<TrainingHistory>
{
    /// <summary>Input width d (for images, height x width).</summary>
    public int InputSize { get; }
    /// <summary>Code size k.</summary>
    public int CodeSize { get; }

    private protected Autoencoder(string name, int inputSize, int codeSize) : base(name)
    {
        Guard.InRange(inputSize, 1, int.MaxValue, nameof(inputSize));
        Guard.InRange(codeSize, 1, int.MaxValue, nameof(codeSize));
        TorchRuntime.EnsureLoaded();
        InputSize = inputSize; CodeSize = codeSize;
    }

    /// <summary>Codes of a batch (n x d → n x k).</summary>
    public abstract Tensor Encode(Tensor x);

    private const string Format = "course.autoencoder";

    /// <summary>What rebuilds this autoencoder before its weights are read.</summary>
    private protected abstract AutoencoderArchitecture Architecture { get; }

    /// <summary>Saves the weights at <paramref name="path"/> (TorchSharp's format) and the architecture in
    /// <c>path.json</c>, so <see cref="Load"/> can rebuild the model.</summary>
    public void Save(string path) => NeuralModelFile.Save(this, path, Format, Architecture);

    /// <summary>Reads an autoencoder saved with <see cref="Save"/> (an <see cref="MlpAutoencoder"/> or a
    /// <see cref="ConvAutoencoder"/>), on the CPU in evaluation mode.</summary>
    /// <exception cref="FileNotFoundException">the weights or the manifest are missing.</exception>
    /// <exception cref="FormatException">the manifest is not an autoencoder's, or the weights do not fit it.</exception>
    public static Autoencoder Load(string path)
    {
        var a = NeuralModelFile.ReadArchitecture<AutoencoderArchitecture>(path, Format);
        Autoencoder model = NeuralModelFile.Build<Autoencoder>(() => a.Convolutional
            ? new ConvAutoencoder(a.CodeSize)
            : new MlpAutoencoder(a.InputSize, a.CodeSize, a.Hidden, a.Linear, a.SigmoidOutput, a.SigmoidCode), Format);
        return NeuralModelFile.LoadWeights(model, path);
    }

    /// <summary>Reconstructions from codes (n x k → n x d).</summary>
    public abstract Tensor Decode(Tensor z);

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => Decode(Encode(x));

    /// <summary>Codes of the rows of <paramref name="x"/> (n x d → n x k), in evaluation mode.</summary>
    public Matrix Encode(Matrix x) => Apply(x, Encode);

    /// <summary>Reconstructions of the rows of <paramref name="x"/> (n x d).</summary>
    public Matrix Reconstruct(Matrix x) => Apply(x, forward);

    /// <summary>Decoded rows from codes (n x k → n x d).</summary>
    public Matrix Decode(Matrix z)
    {
        NeuralGuard.Input(z, nameof(z), CodeSize, "the code");
        return Inference.Apply(this, Device, z, Decode);
    }

    /// <summary>Each row's mean squared reconstruction error: the anomaly score.</summary>
    public double[] ReconstructionError(Matrix x)
    {
        var back = Reconstruct(x);
        var e = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++) e[i] = Compute.Distance.Squared(x.Row(i), back.Row(i)) / x.Cols;
        return e;
    }

    /// <summary>Trains on the rows of <paramref name="x"/> (n x d) to minimise <paramref name="objective"/>
    /// (default: plain mean squared error); validation loss is the same objective on <paramref name="validation"/>.</summary>
    /// <exception cref="ArgumentException">x or validation is not finite, has the wrong width, or (with a sigmoid output)
    /// holds a value outside [0, 1].</exception>
    public TrainingHistory Fit(Matrix x, TrainingOptions? options = null, Matrix? validation = null, AutoencoderObjective? objective = null, FitObserver? observer = null)
    {
        CheckInput(x, nameof(x));
        if (validation is not null) CheckInput(validation, nameof(validation));
        if (Architecture.SigmoidOutput)
        {
            // A sigmoid cannot reach a target outside (0, 1): training would run and quietly fit nothing (as Vae refuses too).
            const string hint = "a sigmoid output reconstructs values in [0, 1] (scale the data, or build the autoencoder with sigmoidOutput: false)";
            Guard.UnitInterval(x, nameof(x), hint);
            if (validation is not null) Guard.UnitInterval(validation, nameof(validation), hint);
        }
        objective ??= new AutoencoderObjective();
        if (objective.SparsityTarget is double rho && !(rho > 0 && rho < 1))
            throw new ArgumentOutOfRangeException(nameof(objective.SparsityTarget), rho, "SparsityTarget must be strictly between 0 and 1.");
        Guard.NonNegative(objective.NoiseLevel, "NoiseLevel");
        if (objective.Corruption == Corruption.Masking && objective.NoiseLevel > 1)
            throw new ArgumentOutOfRangeException(nameof(objective.NoiseLevel), objective.NoiseLevel, "NoiseLevel is the masked fraction with Masking: at most 1.");
        Guard.Defined(objective.Corruption, nameof(objective.Corruption));
        Guard.NonNegative(objective.L1Activity, "L1Activity");
        using var data = x.ToTensor(device: Device);
        using var valid = validation?.ToTensor(device: Device);
        return Trainer.Train(this, data, batch => Loss(batch, objective), options, valid, observer);
    }

    TrainingHistory INeuralModel<TrainingHistory>.Fit(Matrix x, TrainingOptions? options, Matrix? validation, FitObserver? observer)
        => Fit(x, options, validation, null, observer);

    /// <summary>The objective on one batch of clean inputs.</summary>
    public Tensor Loss(Tensor clean, AutoencoderObjective objective)
    {
        var input = objective.Corruption switch
        {
            Corruption.Gaussian when training => (clean + randn_like(clean) * objective.NoiseLevel).clamp(0, 1),
            Corruption.Masking when training => Corruptions.Mask(clean, objective.NoiseLevel),
            _ => clean,
        };
        var code = Encode(input);
        var loss = TorchSharp.torch.nn.functional.mse_loss(Decode(code), clean);
        if (objective.L1Activity > 0) loss = loss + objective.L1Activity * code.abs().mean();
        if (objective.SparsityTarget is double rho)
        {
            loss = loss + objective.SparsityWeight * SparsityPenalty.Kl(code, rho);
        }
        if (objective.CodePenalty is { } penalty) loss = loss + penalty(code);
        return loss;
    }

    /// <summary>The device the weights live on.</summary>
    public Device Device => parameters().First().device;

    private Matrix Apply(Matrix x, Func<Tensor, Tensor> f)
    {
        CheckInput(x, nameof(x));
        return Inference.Apply(this, Device, x, f);
    }

    private protected void CheckInput(Matrix x, string name)
    {
        NeuralGuard.Input(x, name, InputSize, "the autoencoder's input");
    }
}
