using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Grading;

/// <summary>
/// A two-layer network for checks that train (d → h → o, tanh between, an optional sigmoid at the end; float32 like
/// the lessons' models). Its weights come from a seeded
/// <see cref="Random"/> rather than libtorch's initialisers, so a check can build two identical copies (one for the
/// learner, one for the reference) without touching the global generator.
/// </summary>
internal sealed class CheckNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight1, bias1, weight2, bias2;

    private readonly bool sigmoid, squeeze;

    /// <summary>The architecture, enough to build an equal network elsewhere (the grader's learner process,
    /// <see cref="Wire"/>): sizes d, h and o, and the two output options.</summary>
    public (int Inputs, int Hidden, int Outputs, bool Sigmoid, bool Squeeze) Shape { get; }

    /// <summary>An autoencoder-shaped network d → h → d ending in a sigmoid.</summary>
    public CheckNetwork(int inputs, int hidden, int seed) : this(inputs, hidden, inputs, seed, sigmoid: true) { }

    /// <summary>A network d → h → o; <paramref name="sigmoid"/> squashes the output to (0, 1), else it is a logit or score;
    /// <paramref name="squeeze"/> drops the output dimension when o = 1 (one score per sample, shape [n]).</summary>
    public CheckNetwork(int inputs, int hidden, int outputs, int seed, bool sigmoid, bool squeeze = false) : base(nameof(CheckNetwork))
    {
        this.sigmoid = sigmoid; this.squeeze = squeeze;
        Shape = (inputs, hidden, outputs, sigmoid, squeeze);
        var rng = new Random(seed);
        double scale1 = 1 / Math.Sqrt(inputs), scale2 = 1 / Math.Sqrt(hidden);
        weight1 = new Parameter(SeededTensors.Uniform(rng, [hidden, inputs], -scale1, scale1, ScalarType.Float32));
        bias1 = new Parameter(SeededTensors.Uniform(rng, [hidden], -scale1, scale1, ScalarType.Float32));
        weight2 = new Parameter(SeededTensors.Uniform(rng, [outputs, hidden], -scale2, scale2, ScalarType.Float32));
        bias2 = new Parameter(SeededTensors.Uniform(rng, [outputs], -scale2, scale2, ScalarType.Float32));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var output = nn.functional.linear(nn.functional.linear(x.flatten(1), weight1, bias1).tanh(), weight2, bias2);
        if (squeeze) output = output.squeeze(1);
        return sigmoid ? output.sigmoid() : output;
    }

    /// <summary>All weights, flattened in a fixed order.</summary>
    public double[] Weights() => parameters().SelectMany(SeededTensors.Values).ToArray();
}
