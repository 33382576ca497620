using System.Text.Json;
using Course.Data;

namespace Course.Neural;

/// <summary>FID of a generator's samples at one point of its training.</summary>
public sealed record FidPoint(int Step, double Fid, double DiscriminatorLoss);

/// <summary>What the weights script measured while training: FID every <see cref="PretrainedGans.LogEvery"/> steps.</summary>
public sealed record GanTrainingLog(FidPoint[] Dcgan, FidPoint[] WganGp, double FeatureNetAccuracy);

/// <summary>
/// Lesson 08's longer-trained models, shipped as weights under <c>datasets/weights/</c> and reproduced by
/// <see cref="TrainAll"/> (run by <c>notebooks/scripts/train-gan-weights.dib</c>, whose first cell gives the command): the Fashion-MNIST feature network that FID, IS and
/// coverage use, and a DCGAN and a WGAN-GP generator (latent 32, width 32) trained on the first 8,000 images of the
/// Fashion-MNIST subset. Images 8,000 to 9,999 are never trained on: they are the held-out reference for FID.
/// </summary>
public static class PretrainedGans
{
    /// <summary>Code size of both generators.</summary>
    public const int LatentSize = 32;
    /// <summary>Channel width of both generators and their discriminators.</summary>
    public const int Width = 32;
    /// <summary>DCGAN generator steps of the script.</summary>
    public const int DcganTrainingSteps = 3000;
    /// <summary>WGAN-GP generator steps of the script (each with 5 critic steps).</summary>
    public const int WganGpTrainingSteps = 2000;
    /// <summary>Steps between FID measurements in the log.</summary>
    public const int LogEvery = 100;

    /// <summary>The training images (the first 8,000 of the subset) and the held-out FID reference (the last 2,000).</summary>
    public static (Matrix Train, int[] TrainLabels, Matrix Reference, int[] ReferenceLabels) Split()
    {
        var data = Datasets.FashionMnistSubset();
        return (data.X.SelectRows([.. Enumerable.Range(0, 8000)]), data.Labels[..8000],
                data.X.SelectRows([.. Enumerable.Range(8000, 2000)]), data.Labels[8000..]);
    }

    private static string PathOf(string file) => ShippedWeights.PathOf(file);

    /// <summary>The trained feature network.</summary>
    public static FashionFeatureNet FeatureNet() => FashionFeatureNet.Load(Existing("fashion-features.bin"));

    /// <summary>The DCGAN generator after <see cref="DcganTrainingSteps"/> steps.</summary>
    public static DcganGenerator Dcgan() => DcganGenerator.Load(Existing("dcgan-generator.bin"));

    /// <summary>The WGAN-GP generator after <see cref="WganGpTrainingSteps"/> steps.</summary>
    public static DcganGenerator WganGp() => DcganGenerator.Load(Existing("wgan-gp-generator.bin"));

    /// <summary>FID over training, as the script measured it.</summary>
    /// <exception cref="FormatException">the shipped log is not a complete training log (as the other loaders report a damaged file).</exception>
    public static GanTrainingLog Log()
    {
        string path = Existing("gan-training.json");
        GanTrainingLog? log;
        try { log = JsonSerializer.Deserialize<GanTrainingLog>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new FormatException($"{path} is not a GAN training log: {e.Message}", e); }
        bool Complete(FidPoint[]? points) => points is { Length: > 0 } && points.All(p => p is not null && p.Step > 0 && double.IsFinite(p.Fid) && double.IsFinite(p.DiscriminatorLoss));
        if (log is null || !Complete(log.Dcgan) || !Complete(log.WganGp) || !(log.FeatureNetAccuracy is >= 0 and <= 1))
            throw new FormatException($"{path} is an incomplete GAN training log (a run, a step or a figure is missing); run train-gan-weights.dib again.");
        return log;
    }

    private static string Existing(string file) => ShippedWeights.Existing(file, "train-gan-weights.dib");

    /// <summary>Trains and saves all three models with fixed seeds, logging FID every <see cref="LogEvery"/> steps
    /// (CPU, 2 cores: about twelve minutes).</summary>
    public static void TrainAll(TextWriter log)
    {
        Directory.CreateDirectory(ShippedWeights.Folder);
        var (train, trainLabels, reference, referenceLabels) = Split();
        NeuralSeed.Set(0);
        var net = new FashionFeatureNet();
        net.Fit(train, trainLabels, new TrainingOptions { Epochs = 8, BatchSize = 128, Seed = 0 });
        double accuracy = Metrics.Accuracy.Score(referenceLabels, net.Predict(reference));
        log.WriteLine($"feature network: held-out accuracy {accuracy:F4}");
        net.Save(PathOf("fashion-features.bin"));
        var referenceFeatures = net.Features(reference);

        FidPoint[] Run(string name, GanOptions options, bool batchNorm, int steps, string file)
        {
            NeuralSeed.Set(0);
            var g = new DcganGenerator(LatentSize, Width);
            var trainer = new GanTrainer(g, new DcganDiscriminator(Width, batchNorm), options);
            var points = new List<FidPoint>();
            for (int done = 0; done < steps; done += LogEvery)
            {
                var h = trainer.Train(train, LogEvery);
                double fid = Metrics.FrechetDistance.OfFeatures(referenceFeatures, net.Features(g.Sample(2000, seed: 1)));
                points.Add(new FidPoint(done + LogEvery, fid, h.DiscriminatorLoss.Average()));
                log.WriteLine($"{name} step {done + LogEvery}: FID {fid:F2}, discriminator loss {h.DiscriminatorLoss.Average():F3}");
            }
            g.Save(PathOf(file));
            return [.. points];
        }
        var dcgan = Run("DCGAN", GanOptions.Dcgan with { Seed = 0 }, true, DcganTrainingSteps, "dcgan-generator.bin");
        var wgan = Run("WGAN-GP", GanOptions.WganGp with { Seed = 0 }, false, WganGpTrainingSteps, "wgan-gp-generator.bin");
        File.WriteAllText(PathOf("gan-training.json"), JsonSerializer.Serialize(new GanTrainingLog(dcgan, wgan, accuracy), new JsonSerializerOptions { WriteIndented = true }));
    }
}
