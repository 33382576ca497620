using Course.Neural;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests;

/// <summary>
/// float32 gradients through convolutions against a float64 reference. Every autoencoder and GAN step sends gradients
/// back through convolutions, and libtorch's oneDNN kernels got them wrong on an AVX-512 CPU (see
/// <see cref="TorchRuntime.OneDnn"/>); float64 takes libtorch's own kernels, so it is the reference.
/// </summary>
public class NeuralGradientTests
{
    [Fact]
    public void The_kit_caps_or_switches_off_onednn_unless_the_environment_chose()
    {
        TorchRuntime.EnsureLoaded();
        if (Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") is null or "AVX")
            Assert.True(TorchRuntime.OneDnn is OneDnnUse.CappedAtAvx or OneDnnUse.Off, $"oneDNN left {TorchRuntime.OneDnn}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Convolution_gradients_and_the_gradient_penalty_in_float32_match_float64(int threads)
    {
        NeuralSeed.Set(3);
        var critic = new DcganDiscriminator(width: 8, batchNorm: false);
        var points = rand(16, 784);
        int before = get_num_threads();
        set_num_threads(threads);
        try
        {
            var single = Gradients(critic, points, ScalarType.Float32);
            var reference = Gradients(critic, points, ScalarType.Float64);
            foreach (var (name, a, b) in single.Zip(reference, (a, b) => (a.Name, a.Value, b.Value)))
                Assert.True(Math.Abs(a - b) <= 1e-4 * Math.Abs(b) + 1e-6, $"{name} on {threads} thread(s): float32 {a:G7} against float64 {b:G7}");
        }
        finally { set_num_threads(before); }
    }

    /// <summary>The critic's input gradient, its weights' gradient, and the gradient penalty with its gradient.</summary>
    private static List<(string Name, double Value)> Gradients(DcganDiscriminator critic, Tensor points, ScalarType type)
    {
        using var scope = NewDisposeScope();
        var copy = new DcganDiscriminator(width: 8, batchNorm: false);
        using (no_grad()) foreach (var (target, source) in copy.parameters().Zip(critic.parameters())) target.copy_(source);
        copy.to(type);
        var x = points.to(type).clone().requires_grad_(true);
        var scores = copy.forward(x);
        scores.square().sum().backward();
        var result = new List<(string, double)>
        {
            ("input gradient", x.grad!.abs().sum().to(ScalarType.Float64).item<double>()),
            ("first layer's weight gradient", copy.parameters().First().grad!.abs().sum().to(ScalarType.Float64).item<double>()),
        };
        copy.zero_grad();
        var mixed = points.to(type).clone().requires_grad_(true);
        var penalty = GradientPenalty.Penalty(copy.forward, mixed);
        penalty.backward();
        result.Add(("gradient penalty", penalty.to(ScalarType.Float64).item<double>()));
        result.Add(("penalty's weight gradient", copy.parameters().First().grad!.abs().sum().to(ScalarType.Float64).item<double>()));
        return result;
    }
}
