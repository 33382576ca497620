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
public sealed class MlpAutoencoder : Autoencoder
{
    private readonly Sequential encoder, decoder;
    private readonly AutoencoderArchitecture architecture;

    /// <summary>An autoencoder d → hidden... → k → ...hidden → d.</summary>
    /// <param name="inputSize">d, e.g. 784 for 28 x 28 images.</param>
    /// <param name="codeSize">k, the bottleneck.</param>
    /// <param name="hidden">Hidden layer widths of the encoder (the decoder mirrors them). Default none.</param>
    /// <param name="linear">No ReLU between layers (then it can learn only a linear subspace, like PCA). Default false.</param>
    /// <param name="sigmoidOutput">Squash outputs to (0, 1), for pixel intensities. Default true.</param>
    /// <param name="sigmoidCode">Squash the code to (0, 1), as the KL sparsity penalty needs. Default false.</param>
    public MlpAutoencoder(int inputSize, int codeSize, int[]? hidden = null, bool linear = false, bool sigmoidOutput = true, bool sigmoidCode = false)
        : base(nameof(MlpAutoencoder), inputSize, codeSize)
    {
        hidden ??= [];
        foreach (int h in hidden) Guard.InRange(h, 1, int.MaxValue, nameof(hidden));
        architecture = new(false, inputSize, codeSize, [.. hidden], linear, sigmoidOutput, sigmoidCode);
        int[] widths = [inputSize, .. hidden, codeSize];
        encoder = Sequential();
        decoder = Sequential();
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            encoder.append($"linear{l}", Linear(widths[l], widths[l + 1]));
            if (!linear && l + 2 < widths.Length) encoder.append($"relu{l}", ReLU());
        }
        if (sigmoidCode) encoder.append("sigmoid", Sigmoid());
        for (int l = widths.Length - 1; l > 0; l--)
        {
            decoder.append($"linear{widths.Length - 1 - l}", Linear(widths[l], widths[l - 1]));
            if (!linear && l > 1) decoder.append($"relu{widths.Length - 1 - l}", ReLU());
        }
        if (sigmoidOutput) decoder.append("sigmoid", Sigmoid());
        RegisterComponents();
    }

    private protected override AutoencoderArchitecture Architecture => architecture;

    /// <inheritdoc/>
    public override Tensor Encode(Tensor x) => encoder.forward(x);

    /// <inheritdoc/>
    public override Tensor Decode(Tensor z) => decoder.forward(z);
}
