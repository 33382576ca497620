using Course.Data;
using Course.Metrics;
using Course.Neural;

namespace Course.Tests;

/// <summary>Judging generative models: Inception Score and coverage on hand cases, and FID, IS and coverage with the
/// kit's Fashion-MNIST feature network on real and fake images.</summary>
[Collection(LibtorchGlobalGenerator.Name)]
[Trait("Category", Tier.Slow)]
public class GenerativeScoreTests
{
    // One trained feature network for the tests that need it (about 12 s to train on 2 cores).
    private static readonly Lazy<FashionFeatureNet> FeatureNet = new(() =>
    {
        var fashion = Datasets.FashionMnistSubset();
        NeuralSeed.Set(0);
        var net = new FashionFeatureNet();
        net.Fit(fashion.X.SelectRows([.. Enumerable.Range(0, 6000)]), fashion.Labels[..6000], new TrainingOptions { Epochs = 3, BatchSize = 128 });
        return net;
    });

    [Fact]
    public void A_short_seeded_wgan_gp_run_lowers_fid()
    {
        var fashion = Datasets.FashionMnistSubset();
        var real = fashion.X.SelectRows([.. Enumerable.Range(0, 4000)]);
        var reference = fashion.X.SelectRows([.. Enumerable.Range(8000, 1000)]);
        var net = FeatureNet.Value;
        NeuralSeed.Set(0);
        var g = new DcganGenerator(latentSize: 32, width: 32);
        var trainer = new GanTrainer(g, new DcganDiscriminator(width: 32, batchNorm: false), GanOptions.WganGp);
        var judged = net.Reference(reference);
        double before = judged.Fid(g.Sample(1000, seed: 1));
        var history = trainer.Train(real, 150);
        double after = judged.Fid(g.Sample(1000, seed: 1));
        // Measured 659 → 540 (0.82x); the stated threshold is a 10% drop.
        Assert.True(after < 0.9 * before, $"FID {before} → {after} after 150 steps; critic losses {string.Join(", ", history.DiscriminatorLoss.Take(5))}...");
    }

    [Fact]
    public void Inception_score_is_the_class_count_for_confident_even_predictions_and_one_for_identical_ones()
    {
        var confident = new Matrix(40, 4);
        for (int i = 0; i < 40; i++) confident[i, i % 4] = 1;
        Assert.Equal(4.0, InceptionScore.FromProbabilities(confident), 12);
        var same = new Matrix(10, 3);
        for (int i = 0; i < 10; i++) { same[i, 0] = 0.2; same[i, 1] = 0.5; same[i, 2] = 0.3; }
        Assert.Equal(1.0, InceptionScore.FromProbabilities(same), 12);
        // Mode collapse onto one class: confident but not diverse.
        var collapsed = new Matrix(10, 4);
        for (int i = 0; i < 10; i++) collapsed[i, 2] = 1;
        Assert.Equal(1.0, InceptionScore.FromProbabilities(collapsed), 12);
        // Two splits of 2 rows each, each half using 2 classes confidently: exp(log 2) = 2 per split.
        Assert.Equal(2.0, InceptionScore.FromProbabilities(Matrix.FromRows([[1.0, 0, 0, 0], [0, 1.0, 0, 0], [0, 0, 1.0, 0], [0, 0, 0, 1.0]]), splits: 2), 12);
        Assert.Contains("sums to", Assert.Throws<ArgumentException>(() => InceptionScore.FromProbabilities(Matrix.FromRows([[0.5, 0.6]]))).Message);
    }

    private static Matrix Blob(int n, double cx, double cy, int seed)
    {
        var rng = Seed.Create(seed);
        var m = new Matrix(n, 2);
        for (int i = 0; i < n; i++) { m[i, 0] = cx + rng.NextGaussian(); m[i, 1] = cy + rng.NextGaussian(); }
        return m;
    }

    [Fact]
    public void Coverage_separates_realism_from_diversity()
    {
        var real = Matrix.FromRows(Blob(300, 0, 0, 1).ToRows().Concat(Blob(300, 20, 0, 2).ToRows()).ToList());
        var same = SampleCoverage.Compute(real, real.Clone());
        Assert.Equal(new CoverageResult(1, 1), same);
        var far = SampleCoverage.Compute(real, Blob(200, 100, 100, 3));
        Assert.Equal(new CoverageResult(0, 0), far);
        // Mode collapse: every sample is realistic, but only one of the two modes is covered.
        var collapsed = SampleCoverage.Compute(real, Blob(300, 0, 0, 4));
        Assert.True(collapsed.Precision > 0.9, $"precision {collapsed.Precision}");
        Assert.InRange(collapsed.Recall, 0.4, 0.6);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => SampleCoverage.Compute(real, Blob(3, 0, 0, 5), k: 3)).ParamName);
    }

    [Fact]
    public void Feature_network_fid_ranks_real_halves_far_below_noise()
    {
        var fashion = Datasets.FashionMnistSubset();
        var net = FeatureNet.Value;
        var a = fashion.X.SelectRows([.. Enumerable.Range(6000, 2000)]);
        var b = fashion.X.SelectRows([.. Enumerable.Range(8000, 2000)]);
        double accuracy = Accuracy.Score(fashion.Labels[8000..], net.Predict(b));
        // Measured 0.82 here after 3 epochs (0.80 after 2, and 0.79 on the CI machine, whose CPU rounds differently):
        // the floor leaves room for that, far above chance (0.1).
        Assert.True(accuracy > 0.75, $"accuracy {accuracy}");
        var noise = new Matrix(2000, 784);
        var rng = Seed.Create(1);
        for (int k = 0; k < noise.Data.Length; k++) noise.Data[k] = rng.NextDouble();
        // The definitions, from the network's features: what the reference set must reproduce.
        var (fa, fb) = (net.Features(a), net.Features(b));
        double realFid = FrechetDistance.OfFeatures(fa, fb), noiseFid = FrechetDistance.OfFeatures(fa, net.Features(noise));
        Assert.True(realFid < 0.05 * noiseFid, $"FID real/real {realFid}, real/noise {noiseFid}");
        Assert.True(net.InceptionScore(b) > 2 * net.InceptionScore(noise), $"IS real {net.InceptionScore(b)}, noise {net.InceptionScore(noise)}");
        // A reference set embedded once scores a generated set as the definitions do, from one pass of it.
        var reference = net.Reference(a);
        Assert.Equal(a.Rows, reference.Count);
        // The network computes in float32, and libtorch's float32 sums vary in their last bits between passes: the
        // same figures to that precision (relative 1e-5; coverage within one image of 2,000).
        var scores = reference.Score(b);
        Assert.InRange(scores.Fid, realFid * (1 - 1e-5), realFid * (1 + 1e-5));
        Assert.InRange(reference.Fid(b), realFid * (1 - 1e-5), realFid * (1 + 1e-5));
        Assert.Equal(net.InceptionScore(b), scores.InceptionScore, 5);
        var twoSets = SampleCoverage.Compute(fa, fb, 3);
        Assert.Equal(twoSets.Precision, scores.Precision, 1.0 / b.Rows);
        Assert.Equal(twoSets.Recall, scores.Recall, 1.0 / a.Rows);
        Assert.Equal(twoSets.Recall, reference.Coverage(b).Recall, 1.0 / a.Rows);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => net.InceptionScoreOfFeatures(b)).ParamName);
        // Noise covers none of the real data (recall). Its precision is not asserted: all noise images land in one
        // small feature region, which the large k-NN balls of a few outlying real images can swallow (measured 0.67).
        var coverage = reference.Coverage(noise);
        Assert.True(coverage.Recall < 0.05, $"{coverage}");
        Assert.True(twoSets.Precision > 0.6 && twoSets.Recall > 0.6, $"{twoSets}");
        Assert.Contains("outside [0, 1]", Assert.Throws<ArgumentException>(() => net.Features(Matrix.FromRows([Enumerable.Repeat(255.0, 784).ToArray()]))).Message);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => net.Fit(a, new int[3])).ParamName);
    }

    [Fact]
    public void Features_of_a_set_seen_before_are_remembered_by_content_and_forgotten_when_the_weights_change()
    {
        var fashion = Datasets.FashionMnistSubset();
        NeuralSeed.Set(3);
        var net = new FashionFeatureNet();
        var images = fashion.X.SelectRows([.. Enumerable.Range(0, 300)]);
        var first = net.Features(images);
        // The same images in another matrix: the remembered features, as a copy the caller may change.
        var again = net.Features(images.Clone());
        Assert.Equal(first.Data, again.Data);
        again.Data[0] = -1;
        Assert.Equal(first.Data, net.Features(images).Data);
        // One pixel changed is another set.
        var changed = images.Clone();
        changed[5, 400] = 1 - changed[5, 400];
        var changedFeatures = net.Features(changed);
        Assert.NotEqual(first.Row(5).ToArray(), changedFeatures.Row(5).ToArray());
        Assert.Equal(first.Row(4).ToArray(), changedFeatures.Row(4).ToArray());
        // Probabilities come from the same features: one pass of the whole network gives them to float precision.
        var probabilities = net.Probabilities(images);
        using (TorchSharp.torch.no_grad())
        {
            net.eval();
            var direct = TorchSharp.torch.nn.functional.softmax(net.forward(images.ToTensor()), 1).ToMatrix();
            for (int k = 0; k < direct.Data.Length; k++) Assert.Equal(direct.Data[k], probabilities.Data[k], 6);
        }
        // Training changes the weights, so the same images must be embedded anew.
        net.Fit(images, fashion.Labels[..300], new TrainingOptions { Epochs = 1, BatchSize = 100 });
        var retrained = net.Features(images);
        Assert.True(first.Data.Zip(retrained.Data).Any(p => Math.Abs(p.First - p.Second) > 1e-4), "features after training equal the old ones");
    }
}
