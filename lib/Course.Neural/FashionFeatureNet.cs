using Course.Data;
using Course.Metrics;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Course.Neural;

/// <summary>
/// A small convolutional Fashion-MNIST classifier whose penultimate layer serves as the feature space for judging
/// generated images: the Inception Score (<see cref="InceptionScore"/>) here, and FID and precision/recall coverage
/// against a set of real images embedded once (<see cref="Reference"/>, then <see cref="FeatureReference.Fid"/>,
/// <see cref="FeatureReference.Coverage"/> or all at once <see cref="FeatureReference.Score"/>). It plays the role the Inception network plays for ImageNet-like images; it is
/// <b>not</b> Inception, so its FID values are comparable only with other values from the same trained network, never
/// with published FID numbers.
/// </summary>
/// <remarks>Two 3 x 3 convolutions (32, 64 channels) each followed by ReLU and 2 x 2 max pooling (28 → 14 → 7), a
/// 128-unit feature layer (ReLU), and a 10-way linear layer. Inputs: rows of 784 values in [0, 1].</remarks>
public sealed class FashionFeatureNet : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear head;
    private readonly FeatureCache cache = new(capacity: 8);

    /// <summary>Width of the feature layer.</summary>
    public const int FeatureSize = 128;

    /// <summary>An untrained network (weights from libtorch's generator: seed it with <see cref="NeuralSeed.Set"/>).</summary>
    public FashionFeatureNet() : base(nameof(FashionFeatureNet))
    {
        TorchRuntime.EnsureLoaded();
        features = Sequential(
            ("unflatten", Unflatten(1, [1, 28, 28])),
            ("conv1", Conv2d(1, 32, 3, padding: 1)), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(32, 64, 3, padding: 1)), ("relu2", ReLU()), ("pool2", MaxPool2d(2)),
            ("flatten", Flatten()),
            ("linear", Linear(64 * 7 * 7, FeatureSize)), ("relu3", ReLU()));
        head = Linear(FeatureSize, 10);
        RegisterComponents();
    }

    private const string Format = "course.fashion-feature-net";
    private sealed record Architecture(int FeatureSize, int Classes);

    /// <summary>Saves the weights at <paramref name="path"/> (TorchSharp's format) and a manifest in <c>path.json</c>.</summary>
    public void Save(string path) => NeuralModelFile.Save(this, path, Format, new Architecture(FeatureSize, 10));

    /// <summary>Reads a network saved with <see cref="Save"/>, on the CPU in evaluation mode.</summary>
    /// <exception cref="FileNotFoundException">the weights or the manifest are missing.</exception>
    /// <exception cref="FormatException">the manifest is not this network's, or the weights do not fit it.</exception>
    public static FashionFeatureNet Load(string path)
    {
        var a = NeuralModelFile.ReadArchitecture<Architecture>(path, Format);
        if (a.FeatureSize != FeatureSize || a.Classes != 10) throw new FormatException($"'{Format}' manifest describes {a.FeatureSize} features and {a.Classes} classes; this network has {FeatureSize} and 10.");
        return NeuralModelFile.LoadWeights(new FashionFeatureNet(), path);
    }

    /// <summary>Class logits of a batch (n x 784 → n x 10).</summary>
    public override Tensor forward(Tensor x) => head.forward(features.forward(x));

    /// <summary>The device the weights live on.</summary>
    public Device Device => parameters().First().device;

    /// <summary>Trains with cross entropy on images <paramref name="x"/> (n x 784 in [0, 1]) and their class labels
    /// 0..9 (Adam, <see cref="Trainer"/>'s loop).</summary>
    public TrainingHistory Fit(Matrix x, int[] labels, TrainingOptions? options = null)
    {
        CheckImages(x, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(x.Rows, labels.Length, nameof(labels));
        foreach (int y in labels) Guard.InRange(y, 0, 9, nameof(labels));
        using var data = x.ToTensor(device: Device);
        using var targets = TorchSharp.torch.tensor(labels.Select(l => (long)l).ToArray(), ScalarType.Int64, Device);
        return Trainer.Train(this, data, targets, (images, classes) => functional.cross_entropy(forward(images), classes), options);
    }

    /// <summary>Feature-layer activations (n x 784 → n x 128). The last 8 sets embedded are remembered (keyed by the
    /// images and the weights), so scoring one set several ways passes it through the convolutions once.</summary>
    public Matrix Features(Matrix x)
    {
        CheckImages(x, nameof(x));
        return cache.GetOrAdd(x, parameters(), () => Apply(x, features.forward));
    }

    /// <summary>A set of real images embedded once, to judge generated sets against (<see cref="FeatureReference"/>):
    /// what clean-fid and torchmetrics keep as the real statistics.</summary>
    public FeatureReference Reference(Matrix real) => new(this, Features(real));

    /// <summary>Class probabilities, the softmax of the logits (n x 784 → n x 10).</summary>
    public Matrix Probabilities(Matrix x) => ProbabilitiesOfFeatures(Features(x));

    /// <summary>Most probable class of each image.</summary>
    public int[] Predict(Matrix x)
    {
        var p = Probabilities(x);
        return Enumerable.Range(0, p.Rows).Select(i => { var row = p.Row(i); int best = 0; for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c; return best; }).ToArray();
    }

    /// <summary>The Inception Score of <paramref name="generated"/> images under this network (1 to 10).</summary>
    public double InceptionScore(Matrix generated, int splits = 1) => Metrics.InceptionScore.FromProbabilities(Probabilities(generated), splits);

    /// <summary>The Inception Score of images whose feature-layer activations (n x 128) are given: the class head
    /// applied to them, so features and score come from one pass of the convolutions (<see cref="FeatureReference.Score"/>).</summary>
    /// <exception cref="ArgumentException">not n x 128 finite values.</exception>
    internal double InceptionScoreOfFeatures(Matrix features, int splits = 1)
    {
        Guard.Data(features, nameof(features));
        Guard.Columns(features, FeatureSize, nameof(features), "the feature layer");
        return Metrics.InceptionScore.FromProbabilities(ProbabilitiesOfFeatures(features), splits);
    }

    // The class head on features already computed: the features are exact float32 values, so this gives the
    // probabilities of one pass through the whole network.
    private Matrix ProbabilitiesOfFeatures(Matrix features) =>
        Inference.Apply(this, Device, features, t => functional.softmax(head.forward(t), 1), chunk: 1000);

    private Matrix Apply(Matrix x, Func<Tensor, Tensor> f)
    {
        CheckImages(x, nameof(x));
        return Inference.Apply(this, Device, x, f, chunk: 1000); // scoring thousands of images a chunk at a time
    }

    private static void CheckImages(Matrix x, string name)
    {
        Guard.Data(x, name);
        Guard.Columns(x, 784, name, "28 x 28 images");
        Guard.UnitInterval(x, name);
    }
}
