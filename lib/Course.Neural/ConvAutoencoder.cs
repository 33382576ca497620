using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Course.Neural;

/// <summary>
/// A convolutional autoencoder for 28 x 28 greyscale images (rows of 784 values): two stride-2 convolutions (16 and 32
/// channels, 28 → 14 → 7) and a linear layer to the code; the decoder mirrors them with transposed convolutions.
/// Convolutions share weights across the image, so it reconstructs better than an MLP of similar size.
/// </summary>
public sealed class ConvAutoencoder : Autoencoder
{
    private readonly Sequential encoder, decoder;

    /// <summary>A convolutional autoencoder with a <paramref name="codeSize"/>-dimensional code.</summary>
    public ConvAutoencoder(int codeSize) : base(nameof(ConvAutoencoder), 28 * 28, codeSize)
    {
        encoder = Sequential(
            ("unflatten", Unflatten(1, [1, 28, 28])),
            ("conv1", Conv2d(1, 16, 3, stride: 2, padding: 1)), ("relu1", ReLU()),
            ("conv2", Conv2d(16, 32, 3, stride: 2, padding: 1)), ("relu2", ReLU()),
            ("flatten", Flatten()),
            ("code", Linear(32 * 7 * 7, codeSize)));
        decoder = Sequential(
            ("linear", Linear(codeSize, 32 * 7 * 7)), ("relu0", ReLU()),
            ("unflatten", Unflatten(1, [32, 7, 7])),
            ("deconv1", ConvTranspose2d(32, 16, 3, stride: 2, padding: 1, output_padding: 1)), ("relu1", ReLU()),
            ("deconv2", ConvTranspose2d(16, 1, 3, stride: 2, padding: 1, output_padding: 1)), ("sigmoid", Sigmoid()),
            ("flatten", Flatten()));
        RegisterComponents();
    }

    private protected override AutoencoderArchitecture Architecture => new(true, InputSize, CodeSize, [], false, true, false);

    /// <inheritdoc/>
    public override Tensor Encode(Tensor x) => encoder.forward(x);

    /// <inheritdoc/>
    public override Tensor Decode(Tensor z) => decoder.forward(z);
}
