using Course.Data;
using Course.Decomposition;
using Course.Metrics;
using Course.Neural;
using TorchSharp;

namespace Course.Tests;

/// <summary>The neural groundwork: ROC/AUC, reproducible training, early stopping, save/load, and the linear
/// autoencoder that must find PCA's subspace.</summary>
[Collection(LibtorchGlobalGenerator.Name)]
public class NeuralTests
{
    [Fact]
    public void Roc_curve_and_auc_equal_scikit_learn()
    {
        // scikit-learn 1.2.1: roc_curve(drop_intermediate=False) and roc_auc_score on these (a tie at 0.7).
        bool[] truth = [true, false, true, true, false, false, true, false];
        double[] scores = [0.9, 0.8, 0.7, 0.7, 0.55, 0.4, 0.3, 0.2];
        var roc = RocCurve.Compute(truth, scores);
        Assert.Equal([0.0, 0.0, 0.25, 0.25, 0.5, 0.75, 0.75, 1.0], roc.FalsePositiveRate);
        Assert.Equal([0.0, 0.25, 0.25, 0.75, 0.75, 0.75, 1.0, 1.0], roc.TruePositiveRate);
        Assert.Equal(0.6875, roc.Auc, 12);
        Assert.Equal(1.0, RocCurve.Auc([false, true], [0.1, 0.2]));
        Assert.Equal(0.5, RocCurve.Auc([false, true], [0.3, 0.3]));
        Assert.Contains("both classes", Assert.Throws<ArgumentException>(() => RocCurve.Auc([true, true], [0.1, 0.2])).Message);
    }

    private static Matrix Anisotropic(int n, int seed)
    {
        // Five dimensions with standard deviations 3, 2, 0.5, 0.2, 0.1, rotated by a fixed orthogonal map (the
        // principal axes of some random blob).
        var rng = Seed.Create(seed);
        double[] std = [3, 2, 0.5, 0.2, 0.1];
        var z = new Matrix(n, 5);
        for (int i = 0; i < n; i++) for (int j = 0; j < 5; j++) z[i, j] = std[j] * rng.NextGaussian();
        var basis = new Pca(new PcaOptions { Solver = PcaSolver.Full }).Fit(SyntheticData.Blobs(50, 1, 5, 1.0, seed: 9).X).Components;
        var x = new Matrix(n, 5);
        for (int i = 0; i < n; i++) for (int j = 0; j < 5; j++) for (int c = 0; c < 5; c++) x[i, j] += z[i, c] * basis[c, j];
        return x;
    }

    [Fact]
    public void A_linear_autoencoder_learns_the_pca_subspace()
    {
        var x = Anisotropic(600, seed: 3);
        NeuralSeed.Set(0);
        var ae = new MlpAutoencoder(5, 2, linear: true, sigmoidOutput: false);
        ae.Fit(x, new TrainingOptions { Epochs = 150, BatchSize = 64, LearningRate = 1e-2 });
        var pca = new Pca(2).Fit(x);
        // The decoder's two output directions span the learned subspace; orthonormalise them (Gram-Schmidt).
        var w = ae.named_parameters().Single(p => p.name.StartsWith("decoder") && p.name.EndsWith("weight")).parameter;
        var d = w.detach().to(torch.ScalarType.Float64).ToMatrix(); // 5 x 2
        var q1 = d.Column(0); double n1 = Math.Sqrt(q1.Sum(v => v * v)); q1 = q1.Select(v => v / n1).ToArray();
        var q2 = d.Column(1); double dot = q1.Zip(q2).Sum(t => t.First * t.Second); q2 = q2.Select((v, i) => v - dot * q1[i]).ToArray();
        double n2 = Math.Sqrt(q2.Sum(v => v * v)); q2 = q2.Select(v => v / n2).ToArray();
        // Each principal component lies in that subspace: its projection keeps (almost) all its length, so the
        // principal angles are near zero.
        for (int c = 0; c < 2; c++)
        {
            var v = pca.Components.Row(c).ToArray();
            double a = v.Zip(q1).Sum(t => t.First * t.Second), b = v.Zip(q2).Sum(t => t.First * t.Second);
            Assert.True(Math.Sqrt(a * a + b * b) > 0.995, $"component {c}: cos of the principal angle {Math.Sqrt(a * a + b * b)}");
        }
    }

    [Fact]
    public void Training_is_reproducible_and_early_stopping_restores_the_best_weights()
    {
        var x = Anisotropic(300, seed: 4);
        var valid = Anisotropic(100, seed: 5);
        TrainingHistory Run()
        {
            NeuralSeed.Set(1);
            return new MlpAutoencoder(5, 2, hidden: [8], sigmoidOutput: false).Fit(x, new TrainingOptions { Epochs = 5, BatchSize = 32, Seed = 2 }, valid);
        }
        Assert.Equal(Run().TrainLoss, Run().TrainLoss);
        NeuralSeed.Set(2);
        var ae = new MlpAutoencoder(5, 2, hidden: [16], sigmoidOutput: false);
        // A learning rate far too high makes the validation loss rise: early stopping must end the run and keep the best.
        var history = ae.Fit(x, new TrainingOptions { Epochs = 40, LearningRate = 0.5, Patience = 2 }, valid);
        double final = ae.ReconstructionError(valid).Average();
        // The loss is computed in float32 during training, the check in float64: equal to 1e-5 relative.
        Assert.InRange(final / history.ValidationLoss.Min(), 1 - 1e-5, 1 + 1e-5);
        Assert.Equal(Array.IndexOf(history.ValidationLoss, history.ValidationLoss.Min()) + 1, history.BestEpoch);
    }

    [Fact]
    public void Save_then_load_gives_identical_outputs()
    {
        var x = Anisotropic(50, seed: 6);
        NeuralSeed.Set(3);
        var ae = new MlpAutoencoder(5, 2, hidden: [4], sigmoidOutput: false);
        ae.Fit(x, new TrainingOptions { Epochs = 2 });
        string file = Path.GetTempFileName();
        try
        {
            ae.save(file);
            NeuralSeed.Set(99);
            var loaded = new MlpAutoencoder(5, 2, hidden: [4], sigmoidOutput: false);
            Assert.NotEqual(ae.Reconstruct(x).Data, loaded.Reconstruct(x).Data);
            loaded.load(file);
            Assert.Equal(ae.Reconstruct(x).Data, loaded.Reconstruct(x).Data);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var ae = new MlpAutoencoder(5, 2);
        Assert.Contains("dimension mismatch", Assert.Throws<ArgumentException>(() => ae.Reconstruct(new Matrix(3, 4))).Message);
        Assert.Contains("NaN at row 0, column 1", Assert.Throws<ArgumentException>(() => ae.Fit(Matrix.FromRows([[0.0, double.NaN, 0, 0, 0]]))).Message);
        Assert.Equal("codeSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MlpAutoencoder(5, 0)).ParamName);
        var outside = Assert.Throws<ArgumentException>(() => ae.Fit(Matrix.FromRows([[0.0, 0.5, 50, 0, 1]])));
        Assert.Equal("x", outside.ParamName);
        Assert.Contains("sigmoidOutput: false", outside.Message);
        var vae = new Vae(5, 2, [4]);
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => vae.Interpolate([0, 0.5, 1, 0, 0], [0, 0.5, 2, 0, 0])).ParamName);
        Assert.Equal("from", Assert.Throws<ArgumentException>(() => vae.Interpolate([0, double.NaN, 1, 0, 0], [0, 0.5, 1, 0, 0])).ParamName);
        Assert.Contains("needs validation data", Assert.Throws<ArgumentException>(() => ae.Fit(new Matrix(4, 5), new TrainingOptions { Patience = 1 })).Message);
    }
}
