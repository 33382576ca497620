using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Course.Neural;

/// <summary>
/// A DCGAN discriminator (or, without batch norm, a WGAN-GP critic) for 28 x 28 greyscale images given as rows of 784
/// values in [−1, 1]: strided convolutions 1 → w → 2w channels (28 → 14 → 7), LeakyReLU 0.2, and a 7 x 7 convolution to
/// one unbounded score per image (a logit for DCGAN's loss, a critic value for WGAN). Batch norm follows the second
/// convolution only, never the input layer (Radford et al., 2016). Weights from N(0, 0.02).
/// </summary>
public sealed class DcganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    /// <summary>Whether the hidden layer is batch-normalised (false for a WGAN-GP critic).</summary>
    public bool BatchNorm { get; }

    /// <summary>A discriminator with <paramref name="width"/> channels in its first layer (default 64).</summary>
    /// <param name="width">Channels of the first convolution; the second has twice as many.</param>
    /// <param name="batchNorm">True (default) for DCGAN. False for a WGAN-GP critic: the gradient penalty is per sample,
    /// and batch norm makes each score depend on the rest of the batch (Gulrajani et al., 2017).</param>
    public DcganDiscriminator(int width = 64, bool batchNorm = true) : base(nameof(DcganDiscriminator))
    {
        Guard.InRange(width, 1, int.MaxValue, nameof(width));
        TorchRuntime.EnsureLoaded();
        BatchNorm = batchNorm; Width = width;
        net = Sequential();
        net.append("unflatten", Unflatten(1, [1, 28, 28]));
        net.append("conv1", Conv2d(1, width, 4, stride: 2, padding: 1));
        net.append("lrelu1", LeakyReLU(0.2));
        net.append("conv2", Conv2d(width, 2 * width, 4, stride: 2, padding: 1, bias: !batchNorm));
        if (batchNorm) net.append("bn2", BatchNorm2d(2 * width));
        net.append("lrelu2", LeakyReLU(0.2));
        net.append("conv3", Conv2d(2 * width, 1, 7));
        net.append("flatten", Flatten());
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Channels of the first convolution.</summary>
    public int Width { get; }

    private const string Format = "course.dcgan-discriminator";
    private sealed record Architecture(int Width, bool BatchNorm);

    /// <summary>Saves the weights at <paramref name="path"/> (TorchSharp's format) and the architecture in <c>path.json</c>.</summary>
    public void Save(string path) => NeuralModelFile.Save(this, path, Format, new Architecture(Width, BatchNorm));

    /// <summary>Reads a discriminator saved with <see cref="Save"/>, on the CPU in evaluation mode.</summary>
    /// <exception cref="FileNotFoundException">the weights or the manifest are missing.</exception>
    /// <exception cref="FormatException">the manifest is not a discriminator's, or the weights do not fit it.</exception>
    public static DcganDiscriminator Load(string path)
    {
        var a = NeuralModelFile.ReadArchitecture<Architecture>(path, Format);
        return NeuralModelFile.LoadWeights(NeuralModelFile.Build(() => new DcganDiscriminator(a.Width, a.BatchNorm), Format), path);
    }

    /// <summary>One score per image: n x 784 → n.</summary>
    public override Tensor forward(Tensor x) => net.forward(x).squeeze(1);
}
