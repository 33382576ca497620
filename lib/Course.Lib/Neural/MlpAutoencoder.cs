using Course.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Course.Neural;

/// <summary>
/// A fully connected autoencoder: an encoder squeezes each input (d values) through hidden layers into a code of
/// k &lt; d numbers, and a decoder mirrors it back; training minimises the reconstruction error, so the code must keep
/// what matters (Hinton and Salakhutdinov, "Reducing the dimensionality of data with neural networks", Science 2006).
/// With no non-linearity and one layer each way it learns the same subspace as PCA (Baldi and Hornik 1989).
/// </summary>
public sealed class MlpAutoencoder : Module<Tensor, Tensor>
{
    private readonly Sequential encoder, decoder;

    /// <summary>Input width d.</summary>
    public int InputSize { get; }
    /// <summary>Code size k.</summary>
    public int CodeSize { get; }

    /// <summary>An autoencoder d → hidden... → k → ...hidden → d.</summary>
    /// <param name="inputSize">d, e.g. 784 for 28 x 28 images.</param>
    /// <param name="codeSize">k, the bottleneck.</param>
    /// <param name="hidden">Hidden layer widths of the encoder (the decoder mirrors them). Default none.</param>
    /// <param name="linear">No ReLU between layers (then it can learn only a linear subspace, like PCA). Default false.</param>
    /// <param name="sigmoidOutput">Squash outputs to (0, 1), for pixel intensities. Default true.</param>
    public MlpAutoencoder(int inputSize, int codeSize, int[]? hidden = null, bool linear = false, bool sigmoidOutput = true) : base(nameof(MlpAutoencoder))
    {
        Guard.InRange(inputSize, 1, int.MaxValue, nameof(inputSize));
        Guard.InRange(codeSize, 1, int.MaxValue, nameof(codeSize));
        hidden ??= [];
        foreach (int h in hidden) Guard.InRange(h, 1, int.MaxValue, nameof(hidden));
        TorchRuntime.EnsureLoaded();
        InputSize = inputSize; CodeSize = codeSize;
        int[] widths = [inputSize, .. hidden, codeSize];
        encoder = Sequential();
        decoder = Sequential();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            encoder.append($"linear{l}", Linear(widths[l], widths[l + 1]));
            if (!linear && l + 2 < widths.Length) encoder.append($"relu{l}", ReLU());
        }
        for (int l = widths.Length - 1; l > 0; l--)
        {
            decoder.append($"linear{widths.Length - 1 - l}", Linear(widths[l], widths[l - 1]));
            if (!linear && l > 1) decoder.append($"relu{widths.Length - 1 - l}", ReLU());
        }
        if (sigmoidOutput) decoder.append("sigmoid", Sigmoid());
        RegisterComponents();
    }

    /// <summary>Codes of a batch (n x d → n x k).</summary>
    public Tensor Encode(Tensor x) => encoder.forward(x);

    /// <summary>Reconstructions from codes (n x k → n x d).</summary>
    public Tensor Decode(Tensor z) => decoder.forward(z);

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => Decode(Encode(x));

    /// <summary>Codes of the rows of <paramref name="x"/> (n x d → n x k), in evaluation mode.</summary>
    public Matrix Encode(Matrix x) => Apply(x, Encode);

    /// <summary>Reconstructions of the rows of <paramref name="x"/> (n x d).</summary>
    public Matrix Reconstruct(Matrix x) => Apply(x, forward);

    /// <summary>Each row's mean squared reconstruction error, the anomaly score of lesson 06.</summary>
    public double[] ReconstructionError(Matrix x)
    {
        var back = Reconstruct(x);
        var e = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++) e[i] = Kernels.Distance.Squared(x.Row(i), back.Row(i)) / x.Cols;
        return e;
    }

    /// <summary>Trains on the rows of <paramref name="x"/> (n x d) to minimise the mean squared reconstruction error.</summary>
    public TrainingHistory Fit(Matrix x, TrainingOptions? options = null, Matrix? validation = null)
    {
        CheckInput(x, nameof(x));
        if (validation is not null) CheckInput(validation, nameof(validation));
        var device = parameters().First().device;
        using var data = x.ToTensor(device: device);
        using var valid = validation?.ToTensor(device: device);
        return Trainer.Train(this, data, batch => functional.mse_loss(forward(batch), batch), options, valid);
    }

    private Matrix Apply(Matrix x, Func<Tensor, Tensor> f)
    {
        CheckInput(x, nameof(x));
        eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return f(x.ToTensor(device: parameters().First().device)).ToMatrix();
    }

    private void CheckInput(Matrix x, string name)
    {
        Guard.Data(x, name);
        Guard.Columns(x, InputSize, name, "the autoencoder's input");
    }
}
