using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Exercises;

/// <summary>
/// A two-layer network for checks that train (d → h → d, tanh then sigmoid, float32 like the lessons' models). Its weights come from a seeded
/// <see cref="Random"/> rather than libtorch's initialisers, so a check can build two identical copies (one for the
/// learner, one for the reference) without touching the global generator.
/// </summary>
internal sealed class CheckNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight1, bias1, weight2, bias2;

    public CheckNetwork(int inputs, int hidden, int seed) : base(nameof(CheckNetwork))
    {
        var rng = new Random(seed);
        double scale1 = 1 / Math.Sqrt(inputs), scale2 = 1 / Math.Sqrt(hidden);
        weight1 = new Parameter(CheckTensors.Uniform(rng, [hidden, inputs], -scale1, scale1, ScalarType.Float32));
        bias1 = new Parameter(CheckTensors.Uniform(rng, [hidden], -scale1, scale1, ScalarType.Float32));
        weight2 = new Parameter(CheckTensors.Uniform(rng, [inputs, hidden], -scale2, scale2, ScalarType.Float32));
        bias2 = new Parameter(CheckTensors.Uniform(rng, [inputs], -scale2, scale2, ScalarType.Float32));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => nn.functional.linear(nn.functional.linear(x, weight1, bias1).tanh(), weight2, bias2).sigmoid();

    /// <summary>All weights, flattened in a fixed order.</summary>
    public double[] Weights() => parameters().SelectMany(CheckTensors.Values).ToArray();
}
