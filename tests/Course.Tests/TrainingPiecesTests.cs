using Course.Lessons;
using Course.Neural;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests;

/// <summary>The pieces lesson 06 writes by hand and the library shares: batches, one step, masking, the KL penalty,
/// and the notebook helpers that run the learner's code or check a claim.</summary>
[Collection(LibtorchGlobalGenerator.Name)]
public class TrainingPiecesTests
{
    [Fact]
    public void Mini_batches_cover_every_row_once_per_epoch_and_repeat_with_the_seed()
    {
        var a = new MiniBatches(10, 4, seed: 3);
        var first = a.NextEpoch();
        Assert.Equal([4, 4, 2], first.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), first.SelectMany(b => b).Order());
        var second = a.NextEpoch();
        Assert.NotEqual(first.SelectMany(b => b), second.SelectMany(b => b)); // a new shuffle each epoch
        var b = new MiniBatches(10, 4, seed: 3);
        Assert.Equal(first.SelectMany(x => x), b.NextEpoch().SelectMany(x => x));
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatches(0, 4)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatches(5, 0)).ParamName);
    }

    [Fact]
    public void Step_clears_old_gradients_and_returns_the_loss_before_the_update()
    {
        // One weight w = 2, loss (w − 5)², SGD with rate 0.1: gradient −6, so w becomes 2.6 and the loss returned is 9.
        var w = new TorchSharp.Modules.Parameter(tensor(new[] { 2.0 }));
        var optimizer = optim.SGD([w], 0.1);
        (w * 50).sum().backward();   // a stale gradient (50) that zero_grad must clear
        double loss = Trainer.Step(optimizer, () => (w - 5).square().sum());
        Assert.Equal(9.0, loss, 12);
        Assert.Equal(2.6, w.detach().item<double>(), 12);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => Trainer.Step(optimizer, null!)).ParamName);
    }

    [Fact]
    public void Mask_zeroes_about_p_of_the_entries_keeps_the_rest_and_repeats_with_the_generator()
    {
        var x = full([200, 100], 0.7, ScalarType.Float32);
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        var a = Corruptions.Mask(x, 0.3, g1);
        var b = Corruptions.Mask(x, 0.3, g2);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        var values = a.data<float>().ToArray();
        Assert.All(values, v => Assert.True(v == 0 || v == 0.7f));
        Assert.InRange(values.Count(v => v == 0) / (double)values.Length, 0.28, 0.32);
        Assert.All(x.data<float>().ToArray(), v => Assert.Equal(0.7f, v)); // x untouched
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Corruptions.Mask(x, double.NaN)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Corruptions.Mask(x, 1.5)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Corruptions.Mask(null!, 0.5)).ParamName);
    }

    [Fact]
    public void Kl_sparsity_is_worked_by_hand_and_zero_at_the_target()
    {
        // Two units with batch means 0.1 and 0.5 against ρ = 0.1: the first is on target (0), the second gives
        // 0.1 log(0.1 / 0.5) + 0.9 log(0.9 / 0.5).
        var codes = tensor(new double[,] { { 0.05, 0.4 }, { 0.15, 0.6 } });
        double expected = 0.1 * Math.Log(0.2) + 0.9 * Math.Log(1.8);
        Assert.Equal(expected, SparsityPenalty.Kl(codes, 0.1).item<double>(), 12);
        Assert.Equal("rho", Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPenalty.Kl(codes, 0)).ParamName);
        Assert.Equal("rho", Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPenalty.Kl(codes, double.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void Your_code_falls_back_only_on_the_stub_and_claims_fail_loudly()
    {
        Assert.Equal(2, YourCode.Or<int>("99.1", () => throw new NotImplementedException(), () => 2));
        Assert.Equal(1, YourCode.Or("99.1", () => 1, () => 2));
        Assert.Throws<InvalidOperationException>(() => YourCode.Or<int>("99.1", () => throw new InvalidOperationException(), () => 2));
        Claim.That(true, "holds", "1 < 2");
        var e = Assert.Throws<ClaimFailedException>(() => Claim.That(false, "A beats B", "0.3 against 0.2"));
        Assert.Contains("A beats B", e.Message);
        Assert.Contains("0.3 against 0.2", e.Message);
    }

    [Fact]
    public void A_claim_that_holds_shows_its_figures_and_each_helper_fails_on_the_wrong_side()
    {
        var shown = new StringWriter();
        var console = Console.Out;
        Console.SetOut(shown);
        try
        {
            Claim.Below("K-means' ARI", 0.44, 0.8);
            Claim.Above("the mixture's ARI", 0.86, 0.5);
            Claim.Within("the saving", 2.4, 1.8, 4.5);
            Claim.AllWithin("the savings", [2.4, 3.1], 1.8, 4.5);
            Claim.Equal("the best k", 4, 4);
            Claim.Beats("the mixture's ARI over K-means'", 0.86, 0.44, margin: 0.2);
            Claim.AtMostTimes("the wide cluster's loss", 0.28, 0.43, 0.75);
            Claim.AtLeastTimes("fragments at perplexity 2", 27, 14, 1.5);
            Claim.Falling("the error", [3, 2, 1]);
            Claim.NeverRising("the inertia", [3, 3, 1]);
            Claim.Rising("the accuracy", [0.5, 0.7]);
            Claim.That(true, "a statement with its figures: 3 of 4");
        }
        finally { Console.SetOut(console); }
        string[] lines = shown.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("✓ ", l));
        Assert.Contains("✓ K-means' ARI: 0.44 (below 0.8)", lines[0]);
        Assert.Contains("✓ the mixture's ARI over K-means': 0.86 against 0.44 (needs a lead over 0.2)", lines[5]);
        Assert.Contains("✓ the error: 3, 2, 1", lines[8]);

        Action[] wrong =
        [
            () => Claim.Below("x", 0.8, 0.8), () => Claim.Above("x", 0.5, 0.5), () => Claim.Within("x", 4.6, 1.8, 4.5),
            () => Claim.Within("x", double.NaN, 1.8, 4.5), () => Claim.AllWithin("x", [2.4, 1.7], 1.8, 4.5),
            () => Claim.AllWithin("x", [], 1.8, 4.5), () => Claim.Equal("x", 5, 4), () => Claim.Beats("x", 0.6, 0.44, 0.2),
            () => Claim.AtMostTimes("x", 0.33, 0.43, 0.75), () => Claim.AtLeastTimes("x", 20, 14, 1.5),
            () => Claim.Falling("x", [3, 3, 1]), () => Claim.NeverRising("x", [3, 4, 1]), () => Claim.Rising("x", [0.5, 0.5]),
            () => Claim.Falling("x", [3]),
        ];
        Assert.All(wrong, w => Assert.Throws<ClaimFailedException>(w));
        Assert.Contains("(expected 4)", Assert.Throws<ClaimFailedException>(() => Claim.Equal("the best k", 5, 4)).Message);
        Assert.Equal("high", Assert.Throws<ArgumentException>(() => Claim.Within("x", 1, 2, 1)).ParamName);
    }

    [Fact]
    public void Claims_are_logged_with_their_figures_when_a_log_is_named()
    {
        string path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}", "not-yet-made", "claims.tsv");   // folders made on first use
        Environment.SetEnvironmentVariable(Claim.LogVariable, path);
        try
        {
            Claim.That(true, "B is tighter\tthan A", "0.1 against\n1.0");
            Assert.Throws<ClaimFailedException>(() => Claim.That(false, "C beats D", "0.3 against 0.2"));
        }
        finally { Environment.SetEnvironmentVariable(Claim.LogVariable, null); }
        var lines = File.ReadAllLines(path);
        File.Delete(path);
        Assert.Contains("held\tB is tighter than A\t0.1 against 1.0", lines);
        Assert.Contains("FAILED\tC beats D\t0.3 against 0.2", lines);
    }

    [Fact]
    public void A_code_penalty_is_added_to_the_autoencoders_loss()
    {
        NeuralSeed.Set(1);
        var model = new MlpAutoencoder(6, 2, sigmoidCode: true);
        var batch = rand(4, 6);
        double plain = model.Loss(batch, new AutoencoderObjective()).item<float>();
        double codeSum;
        using (no_grad()) codeSum = model.Encode(batch).sum().item<float>();
        var penalised = model.Loss(batch, new AutoencoderObjective { CodePenalty = z => 0.25 * z.sum() });
        Assert.Equal(plain + 0.25 * codeSum, penalised.item<float>(), 4);
        penalised.backward();   // the penalty's gradient reaches the encoder's first layer
        Assert.True(model.parameters().First().grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void A_gan_trainer_runs_the_steps_it_is_given_and_the_standard_ones_by_default()
    {
        var images = new Matrix(64, 784, Enumerable.Range(0, 64 * 784).Select(k => (k * 37 % 101) / 100.0).ToArray());
        GanHistory Run(GanSteps? steps)
        {
            NeuralSeed.Set(2);
            return new GanTrainer(new DcganGenerator(latentSize: 8, width: 8), new DcganDiscriminator(width: 8), GanOptions.Dcgan with { BatchSize = 16 }, steps).Train(images, 3);
        }
        int discriminatorCalls = 0, generatorCalls = 0;
        var counted = new GanSteps(
            (g, d, o, real, codes) => { discriminatorCalls++; return GanSteps.DiscriminatorUpdate(g, d, o, real, codes); },
            (g, d, o, codes) => { generatorCalls++; return GanSteps.GeneratorUpdate(g, d, o, codes); });
        var mine = Run(counted);
        var standard = Run(null);
        Assert.Equal((3, 3), (discriminatorCalls, generatorCalls));
        Assert.Equal(standard.DiscriminatorLoss, mine.DiscriminatorLoss);
        Assert.Equal(standard.GeneratorLoss, mine.GeneratorLoss);
    }

    [Fact]
    public void A_wgan_gp_trainer_runs_the_critic_step_it_is_given_with_one_uniform_epsilon_per_sample()
    {
        var images = new Matrix(64, 784, Enumerable.Range(0, 64 * 784).Select(k => (k * 37 % 101) / 100.0).ToArray());
        var options = GanOptions.WganGp with { BatchSize = 16 };
        GanHistory Run(WganGpSteps? steps)
        {
            NeuralSeed.Set(2);
            var (g, critic) = (new DcganGenerator(latentSize: 8, width: 8), new DcganDiscriminator(width: 8, batchNorm: false));
            return (steps is null ? new GanTrainer(g, critic, options) : new GanTrainer(g, critic, options, steps)).Train(images, 2);
        }
        var epsilons = new List<double>();
        int criticCalls = 0;
        var counted = new WganGpSteps(
            (g, d, o, real, codes, epsilon, weight) =>
            {
                criticCalls++;
                Assert.Equal([16L, 1L], epsilon.shape);
                Assert.Equal(GradientPenalty.DefaultWeight, weight);
                using (var values = epsilon.data<float>()) epsilons.AddRange(values.ToArray().Select(e => (double)e));
                return WganGpSteps.CriticUpdate(g, d, o, real, codes, epsilon, weight);
            },
            WganGpSteps.GeneratorUpdate);
        var mine = Run(counted);
        var standard = Run(null);
        Assert.Equal(2 * options.CriticSteps, criticCalls);
        Assert.Equal(standard.DiscriminatorLoss, mine.DiscriminatorLoss);
        Assert.Equal(standard.GeneratorLoss, mine.GeneratorLoss);
        Assert.All(epsilons, e => Assert.InRange(e, 0, 1));
        Assert.True(epsilons.Distinct().Count() > epsilons.Count / 2, "ε is drawn afresh for every sample and step");
        // A critic step that skips the penalty trains differently: the trainer really uses the step it is given.
        var unpenalised = Run(new WganGpSteps((g, d, o, real, codes, epsilon, weight) => WganGpSteps.CriticUpdate(g, d, o, real, codes, epsilon, 0), WganGpSteps.GeneratorUpdate));
        Assert.NotEqual(standard.DiscriminatorLoss, unpenalised.DiscriminatorLoss);
    }

    [Fact]
    public void Each_loss_accepts_only_its_own_steps()
    {
        var g = new DcganGenerator(latentSize: 8, width: 8);
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => new GanTrainer(g, new DcganDiscriminator(width: 8, batchNorm: false), GanOptions.WganGp, GanSteps.Standard)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new GanTrainer(g, new DcganDiscriminator(width: 8), GanOptions.Dcgan, WganGpSteps.Standard)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentNullException>(() => new GanTrainer(g, new DcganDiscriminator(width: 8, batchNorm: false), GanOptions.WganGp, (WganGpSteps)null!)).ParamName);
    }
}
