using Course.Data;
using Course.Neural;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests;

/// <summary>DCGAN and WGAN-GP models and their training loop: the paper's architecture rules and initialisation,
/// reproducible steps that change the weights, save/load, bad input.</summary>
[Collection(LibtorchGlobalGenerator.Name)]
[Trait("Category", Tier.Slow)]
public class GanTests
{
    private static readonly Matrix Images = Datasets.FashionMnistSubset().X.SelectRows([.. Enumerable.Range(0, 512)]);

    [Fact]
    public void Models_follow_the_dcgan_guidelines()
    {
        NeuralSeed.Set(0);
        var g = new DcganGenerator(latentSize: 32, width: 32);
        var d = new DcganDiscriminator(width: 32);
        var critic = new DcganDiscriminator(width: 32, batchNorm: false);
        using var scope = NewDisposeScope();
        var images = g.forward(g.Noise(16, seed: 1));
        Assert.Equal(new long[] { 16, 784 }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1); // Tanh output
        Assert.Equal(new long[] { 16 }, d.forward(images).shape);
        // N(0, 0.02) initialisation of every convolution; no batch norm in the critic.
        foreach (var (name, p) in g.named_parameters().Concat(d.named_parameters()))
            if (name.Contains("conv") && name.EndsWith("weight")) Assert.InRange(p.std().item<float>(), 0.015, 0.025);
        Assert.Contains(d.named_modules(), m => m.module is TorchSharp.Modules.BatchNorm2d);
        Assert.DoesNotContain(critic.named_modules(), m => m.module is TorchSharp.Modules.BatchNorm2d);
        Assert.DoesNotContain(d.named_modules(), m => m.name.StartsWith("net.conv1") && m.module is TorchSharp.Modules.BatchNorm2d);
        var samples = g.Sample(4, seed: 2);
        Assert.All(samples.Data, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(samples.Data, g.Sample(4, seed: 2).Data);
    }

    private static (GanHistory History, float[] Weights) Run(GanOptions options, bool batchNorm, int steps)
    {
        NeuralSeed.Set(0);
        var g = new DcganGenerator(latentSize: 16, width: 16);
        var d = new DcganDiscriminator(width: 16, batchNorm: batchNorm);
        var before = g.parameters().First().detach().clone();
        var history = new GanTrainer(g, d, options).Train(Images, steps);
        Assert.False(before.allclose(g.parameters().First()), "the generator's weights changed");
        return (history, g.parameters().First().data<float>().ToArray());
    }

    [Fact]
    public void Dcgan_and_wgan_gp_steps_are_reproducible_and_finite()
    {
        var a = Run(GanOptions.Dcgan, true, 4);
        var b = Run(GanOptions.Dcgan, true, 4);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.History.GeneratorLoss, b.History.GeneratorLoss);
        Assert.All(a.History.DiscriminatorLoss, v => Assert.True(double.IsFinite(v) && v > 0));
        // The discriminator starts near chance: BCE on real and fake ≈ 2 log 2.
        Assert.InRange(a.History.DiscriminatorLoss[0], 1.0, 2.0);
        var w = Run(GanOptions.WganGp, false, 2);
        Assert.All(w.History.GeneratorLoss, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Generator_save_and_load_round_trip()
    {
        NeuralSeed.Set(0);
        var g = new DcganGenerator(latentSize: 16, width: 16);
        new GanTrainer(g, new DcganDiscriminator(width: 16)).Train(Images, 2);
        string file = Path.Combine(Path.GetTempPath(), $"gan-{Guid.NewGuid():N}.bin");
        try
        {
            g.save(file);
            NeuralSeed.Set(5);
            var loaded = new DcganGenerator(latentSize: 16, width: 16);
            Assert.NotEqual(g.Sample(3, 1).Data, loaded.Sample(3, 1).Data);
            loaded.load(file);
            Assert.Equal(g.Sample(3, 1).Data, loaded.Sample(3, 1).Data);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Bad_input_gets_clear_errors()
    {
        var g = new DcganGenerator(latentSize: 8, width: 8);
        var trainer = new GanTrainer(g, new DcganDiscriminator(width: 8));
        Assert.Contains("784", Assert.Throws<ArgumentException>(() => trainer.Train(new Matrix(100, 10), 1)).Message);
        var scaled = Images.Clone(); scaled[3, 3] = 255;
        Assert.Contains("outside [0, 1]", Assert.Throws<ArgumentException>(() => trainer.Train(scaled, 1)).Message);
        var nan = Images.Clone(); nan[0, 0] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => trainer.Train(nan, 1)).Message);
        Assert.Contains("without batch norm", Assert.Throws<ArgumentException>(() => new GanTrainer(g, new DcganDiscriminator(width: 8), GanOptions.WganGp)).Message);
        Assert.Equal("CriticSteps", Assert.ThrowsAny<ArgumentException>(() => new GanTrainer(g, new DcganDiscriminator(width: 8), GanOptions.Dcgan with { CriticSteps = 0 })).ParamName);
        Assert.Equal("latentSize", Assert.ThrowsAny<ArgumentException>(() => new DcganGenerator(latentSize: 0)).ParamName);
    }
}

/// <summary>The shipped weights lesson 08 loads (its exercise checks are in Exercises/Lesson08Catalogue.cs).</summary>
[Collection(LibtorchGlobalGenerator.Name)]
[Trait("Category", Tier.Slow)]
public class Lesson08Tests
{
    [Fact]
    public void Shipped_weights_load_and_beat_an_untrained_generator()
    {
        var (_, _, reference, referenceLabels) = PretrainedGans.Split();
        var judge = PretrainedGans.FeatureNet();
        Assert.True(Metrics.Accuracy.Score(referenceLabels, judge.Predict(reference)) > 0.85);
        NeuralSeed.Set(0);
        var judged = judge.Reference(reference);
        double untrained = judged.Fid(new DcganGenerator(PretrainedGans.LatentSize, PretrainedGans.Width).Sample(1000, 1));
        foreach (var g in new[] { PretrainedGans.Dcgan(), PretrainedGans.WganGp() })
            Assert.True(judged.Fid(g.Sample(1000, 1)) < 0.5 * untrained);
        var log = PretrainedGans.Log();
        Assert.Equal(PretrainedGans.DcganTrainingSteps / PretrainedGans.LogEvery, log.Dcgan.Length);
        Assert.Equal(PretrainedGans.WganGpTrainingSteps / PretrainedGans.LogEvery, log.WganGp.Length);
        Assert.True(log.Dcgan[^1].Fid < log.Dcgan[0].Fid && log.WganGp[^1].Fid < log.WganGp[0].Fid);
    }
}
