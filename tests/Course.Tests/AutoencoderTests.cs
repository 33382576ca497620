using Course.Data;
using Course.Metrics;
using Course.Neural;

namespace Course.Tests;

/// <summary>Autoencoder variants do what their objectives say, on a small slice of Fashion-MNIST with fixed seeds.</summary>
[Collection(LibtorchGlobalGenerator.Name)]
[Trait("Category", Tier.Slow)]
public class AutoencoderTests
{
    private static readonly LabeledData Fashion = Datasets.FashionMnistSubset();
    private static Matrix Rows(int from, int count) => Fashion.X.SelectRows(Enumerable.Range(from, count).ToArray());

    [Fact]
    public void Denoising_training_reduces_the_error_on_noisy_inputs()
    {
        var train = Rows(0, 3000); var test = Rows(8000, 500);
        var rng = Seed.Create(5);
        var noisy = test.Clone();
        for (int i = 0; i < noisy.Data.Length; i++) noisy.Data[i] = Math.Clamp(noisy.Data[i] + 0.4 * rng.NextGaussian(), 0, 1);
        double ErrorOnNoisy(Autoencoder ae)
        {
            var back = ae.Reconstruct(noisy);
            return Enumerable.Range(0, test.Data.Length).Average(k => (back.Data[k] - test.Data[k]) * (back.Data[k] - test.Data[k]));
        }
        var options = new TrainingOptions { Epochs = 10 };
        NeuralSeed.Set(0);
        var plain = new MlpAutoencoder(784, 32, [128]);
        plain.Fit(train, options);
        NeuralSeed.Set(0);
        var denoising = new MlpAutoencoder(784, 32, [128]);
        denoising.Fit(train, options, objective: new AutoencoderObjective { Corruption = Corruption.Gaussian, NoiseLevel = 0.4 });
        double p = ErrorOnNoisy(plain), d = ErrorOnNoisy(denoising);
        Assert.True(d < 0.9 * p, $"denoising {d} vs plain {p}"); // the stated margin: at least 10% lower
    }

    [Fact]
    public void The_kl_sparsity_penalty_pulls_mean_activation_toward_its_target()
    {
        var train = Rows(0, 2000);
        double MeanActivation(Autoencoder ae) => ae.Encode(train).Data.Average();
        NeuralSeed.Set(1);
        var free = new MlpAutoencoder(784, 64, [128], sigmoidCode: true);
        free.Fit(train, new TrainingOptions { Epochs = 5 });
        NeuralSeed.Set(1);
        var sparse = new MlpAutoencoder(784, 64, [128], sigmoidCode: true);
        sparse.Fit(train, new TrainingOptions { Epochs = 5 }, objective: new AutoencoderObjective { SparsityTarget = 0.05, SparsityWeight = 0.1 });
        double a = MeanActivation(free), b = MeanActivation(sparse);
        Assert.True(b < 0.5 * a, $"sparse {b} vs free {a}");
        Assert.InRange(b, 0.02, 0.12); // near the 0.05 target
    }

    [Fact]
    public void Reconstruction_error_detects_a_held_out_class_with_auc_above_0_9()
    {
        // Train on every class but Bag (8), then score the last 2,000 images: bags should reconstruct worst.
        const int anomaly = 8;
        var normal = Enumerable.Range(0, 8000).Where(i => Fashion.Labels[i] != anomaly).ToArray();
        var test = Enumerable.Range(8000, 2000).ToArray();
        NeuralSeed.Set(0);
        var ae = new MlpAutoencoder(784, 32, [128]);
        ae.Fit(Fashion.X.SelectRows(normal), new TrainingOptions { Epochs = 5 });
        var scores = ae.ReconstructionError(Fashion.X.SelectRows(test));
        var truth = test.Select(i => Fashion.Labels[i] == anomaly).ToArray();
        double auc = RocCurve.Auc(truth, scores);
        Assert.True(auc > 0.9, $"AUC {auc}"); // 0.953 measured with this seed
        // A threshold set on normal validation images flags about 5% of normal test images.
        var validation = ae.ReconstructionError(Fashion.X.SelectRows(normal[^500..]));
        var threshold = AnomalyThreshold.FromNormalScores(validation, 0.05);
        var flagged = threshold.Flag(scores);
        double normalFlagged = Enumerable.Range(0, test.Length).Where(i => !truth[i]).Average(i => flagged[i] ? 1.0 : 0.0);
        Assert.InRange(normalFlagged, 0.01, 0.15);
    }

    [Fact]
    public void Conv_autoencoder_maps_images_to_codes_and_back()
    {
        NeuralSeed.Set(2);
        var ae = new ConvAutoencoder(16);
        var x = Rows(0, 64);
        var history = ae.Fit(x, new TrainingOptions { Epochs = 3, BatchSize = 32 });
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0]);
        Assert.Equal((64, 16), (ae.Encode(x).Rows, ae.Encode(x).Cols));
        var back = ae.Reconstruct(x);
        Assert.Equal((64, 784), (back.Rows, back.Cols));
        Assert.All(back.Data, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void Anomaly_threshold_quantile_is_worked_by_hand()
    {
        var t = AnomalyThreshold.FromNormalScores([5.0, 1, 4, 2, 3, 6, 8, 7, 10, 9], 0.2);
        Assert.Equal(8, t.Threshold); // 2 of 10 above it
        Assert.Equal([false, true], t.Flag([8.0, 8.5]));
        Assert.Equal("falsePositiveRate", Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyThreshold.FromNormalScores([1.0], 1.0)).ParamName);
    }
}

/// <summary>Lesson 06's charts (its exercise checks are in Exercises/Lesson06Catalogue.cs).</summary>
[Collection(LibtorchGlobalGenerator.Name)]
public class Lesson06CheckTests
{
    [Fact]
    public void Histogram_and_roc_charts_build_offline()
    {
        var roc = RocCurve.Compute([true, false, true, false], [0.9, 0.1, 0.4, 0.5]);
        var html = Plotting.OfflinePlotly.ChartHtml(Plotting.Charts.Roc("roc", ("a", roc)));
        Assert.Contains("AUC 0.750", html);
        var hist = Plotting.OfflinePlotly.ChartHtml(Plotting.Charts.Histograms("h", "x", ("a", [1.0, 2, 2]), ("b", [3.0])));
        Assert.Contains("\"barmode\":\"overlay\"", hist);
    }
}
