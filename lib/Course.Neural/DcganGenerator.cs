using Course.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Course.Neural;

/// <summary>
/// A DCGAN generator for 28 x 28 greyscale images, following Radford, Metz and Chintala ("Unsupervised
/// representation learning with deep convolutional GANs", ICLR 2016): fractionally-strided convolutions instead of
/// pooling or fully connected layers, batch norm everywhere except the output, ReLU inside and Tanh at the output, and
/// weights drawn from N(0, 0.02). A code z (n x k) becomes k x 1 x 1 → 2w x 7 x 7 → w x 14 x 14 → 1 x 28 x 28, returned
/// as rows of 784 values in [−1, 1].
/// </summary>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    /// <summary>The code size k.</summary>
    public int LatentSize { get; }

    /// <summary>A generator from <paramref name="latentSize"/> numbers (default 64) with <paramref name="width"/>
    /// channels in the last hidden layer (default 64; the first has twice as many).</summary>
    public DcganGenerator(int latentSize = 64, int width = 64) : base(nameof(DcganGenerator))
    {
        Guard.InRange(latentSize, 1, int.MaxValue, nameof(latentSize));
        Guard.InRange(width, 1, int.MaxValue, nameof(width));
        TorchRuntime.EnsureLoaded();
        LatentSize = latentSize; Width = width;
        net = Sequential(
            ("unflatten", Unflatten(1, [latentSize, 1, 1])),
            ("deconv1", ConvTranspose2d(latentSize, 2 * width, 7, stride: 1, padding: 0, bias: false)),
            ("bn1", BatchNorm2d(2 * width)), ("relu1", ReLU()),
            ("deconv2", ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1, bias: false)),
            ("bn2", BatchNorm2d(width)), ("relu2", ReLU()),
            ("deconv3", ConvTranspose2d(width, 1, 4, stride: 2, padding: 1)),
            ("tanh", Tanh()),
            ("flatten", Flatten()));
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Channels of the last hidden layer.</summary>
    public int Width { get; }

    private const string Format = "course.dcgan-generator";
    private sealed record Architecture(int LatentSize, int Width);

    /// <summary>Saves the weights at <paramref name="path"/> (TorchSharp's format) and the architecture in <c>path.json</c>.</summary>
    public void Save(string path) => NeuralModelFile.Save(this, path, Format, new Architecture(LatentSize, Width));

    /// <summary>Reads a generator saved with <see cref="Save"/>, on the CPU in evaluation mode.</summary>
    /// <exception cref="FileNotFoundException">the weights or the manifest are missing.</exception>
    /// <exception cref="FormatException">the manifest is not a generator's, or the weights do not fit it.</exception>
    public static DcganGenerator Load(string path)
    {
        var a = NeuralModelFile.ReadArchitecture<Architecture>(path, Format);
        return NeuralModelFile.LoadWeights(NeuralModelFile.Build(() => new DcganGenerator(a.LatentSize, a.Width), Format), path);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => net.forward(z);

    /// <summary>The device the weights live on.</summary>
    public Device Device => parameters().First().device;

    /// <summary><paramref name="n"/> codes from N(0, I) (n x k) drawn with <paramref name="seed"/>, on the model's
    /// device: keep one such batch fixed to watch training progress on the same codes.</summary>
    public Tensor Noise(int n, int seed)
    {
        Guard.InRange(n, 1, int.MaxValue, nameof(n));
        using var generator = new Generator((ulong)seed, Device);
        return randn([n, LatentSize], ScalarType.Float32, Device, generator: generator);
    }

    /// <summary><paramref name="n"/> images (n x 784, values mapped back to [0, 1]) from codes drawn with
    /// <paramref name="seed"/>, in evaluation mode.</summary>
    public Matrix Sample(int n, int seed = Seed.Default)
    {
        using var inference = Inference.Scope(this);
        return ((forward(Noise(n, seed)) + 1) / 2).ToMatrix();
    }
}

/// <summary>The DCGAN paper's initialisation: convolution weights from N(0, 0.02), batch-norm scales from N(1, 0.02)
/// and shifts 0.</summary>
internal static class DcganInit
{
    public static void Apply(Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case Conv2d conv: init.normal_(conv.weight, 0, 0.02); if (conv.bias is not null) init.zeros_(conv.bias); break;
                case ConvTranspose2d deconv: init.normal_(deconv.weight, 0, 0.02); if (deconv.bias is not null) init.zeros_(deconv.bias); break;
                case BatchNorm2d bn: init.normal_(bn.weight, 1, 0.02); init.zeros_(bn.bias); break;
            }
        }
    }
}
