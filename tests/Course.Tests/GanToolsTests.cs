using Course.Metrics;
using Course.Neural;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests;

/// <summary>Lesson 08's measuring tools: the Fréchet distance against closed forms, the gradient penalty against hand
/// cases.</summary>
public class GanToolsTests
{
    private static Matrix Diagonal(params double[] d)
    {
        var m = new Matrix(d.Length, d.Length);
        for (int i = 0; i < d.Length; i++) m[i, i] = d[i];
        return m;
    }

    [Fact]
    public void Frechet_distance_matches_closed_forms_on_known_gaussians()
    {
        // One dimension: (μ₁ − μ₂)² + (σ₁ − σ₂)².
        Assert.Equal(Math.Pow(1 - 4, 2) + Math.Pow(2 - 3, 2), FrechetDistance.Between([1.0], Diagonal(4), [4.0], Diagonal(9)), 10);
        // Diagonal covariances: the sum over coordinates.
        Assert.Equal(1 + 4 + Math.Pow(1 - 2, 2) + Math.Pow(3 - 1, 2) + Math.Pow(0.5 - 0.5, 2),
            FrechetDistance.Between([0.0, 0.0, 1.0], Diagonal(1, 9, 0.25), [1.0, 2.0, 1.0], Diagonal(4, 1, 0.25)), 10);
        // Same covariance, any shape: only the means differ. A rotated anisotropic covariance.
        var cov = Matrix.FromRows([[2.0, 0.8], [0.8, 1.0]]);
        Assert.Equal(0.0, FrechetDistance.Between([0.5, -1.0], cov, [0.5, -1.0], cov), 9);
        Assert.Equal(1.0 + 4.0, FrechetDistance.Between([0.0, 0.0], cov, [1.0, 2.0], cov), 9);
        // Commuting covariances (Σ₂ = 4Σ₁): Tr(Σ₁) + Tr(4Σ₁) − 2 Tr(2Σ₁) = Tr(Σ₁).
        var scaled = Matrix.FromRows([[8.0, 3.2], [3.2, 4.0]]);
        Assert.Equal(3.0, FrechetDistance.Between([0.0, 0.0], cov, [0.0, 0.0], scaled), 9);
        Assert.Equal(3.0, FrechetDistance.Between([0.0, 0.0], scaled, [0.0, 0.0], cov), 9); // symmetric
    }

    [Fact]
    public void Frechet_distance_of_feature_sets_is_zero_for_identical_sets_and_grows_with_a_shift()
    {
        var rng = Seed.Create(1);
        var a = new Matrix(500, 6);
        for (int k = 0; k < a.Data.Length; k++) a.Data[k] = rng.NextGaussian() * (1 + k % 6);
        Assert.Equal(0.0, FrechetDistance.OfFeatures(a, a.Clone()), 8);
        var shifted = a.Clone();
        for (int i = 0; i < shifted.Rows; i++) shifted[i, 2] += 3;
        Assert.Equal(9.0, FrechetDistance.OfFeatures(a, shifted), 8); // a pure shift moves only the mean term
        var (mean, covariance) = FrechetDistance.MeanAndCovariance(Matrix.FromRows([[1.0, 2.0], [3.0, 6.0]]));
        Assert.Equal([2.0, 4.0], mean);
        Assert.Equal([2.0, 4.0, 4.0, 8.0], covariance.Data); // n − 1 denominator
    }

    [Fact]
    public void Frechet_distance_rejects_bad_input()
    {
        Assert.Contains("must be 2 x 2", Assert.Throws<ArgumentException>(() => FrechetDistance.Between([0.0, 0.0], Diagonal(1), [0.0, 0.0], Diagonal(1, 1))).Message);
        Assert.Contains("not symmetric", Assert.Throws<ArgumentException>(() => FrechetDistance.Between([0.0, 0.0], Matrix.FromRows([[1.0, 0.5], [0.0, 1.0]]), [0.0, 0.0], Diagonal(1, 1))).Message);
        Assert.Equal("mean2", Assert.ThrowsAny<ArgumentException>(() => FrechetDistance.Between([0.0], Diagonal(1), [0.0, 1.0], Diagonal(1))).ParamName);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => FrechetDistance.Between([double.NaN], Diagonal(1), [0.0], Diagonal(1))).Message);
        Assert.Equal("features2", Assert.ThrowsAny<ArgumentException>(() => FrechetDistance.OfFeatures(new Matrix(3, 2), new Matrix(3, 4))).ParamName);
    }

    [Fact]
    public void Gradient_penalty_matches_hand_computed_cases()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        // A linear critic D(x) = w·x has gradient w everywhere: λ (‖w‖ − 1)² = 10 (5 − 1)² = 160 wherever we look.
        var w = tensor(new double[] { 3, 4 });
        Tensor Linear(Tensor x) => x.matmul(w);
        var real = tensor(new double[,] { { 1, 2 }, { -1, 0 }, { 5, 5 } });
        var fake = tensor(new double[,] { { 0, 0 }, { 2, 2 }, { -3, 1 } });
        Assert.Equal(160.0, GradientPenalty.Compute(Linear, real, fake).item<double>(), 9);
        // D(x) = ½‖x‖² has gradient x: at (3, 4) and (0, 0.5) the penalty is 10 · ((5 − 1)² + (0.5 − 1)²) / 2 = 81.25.
        var points = tensor(new double[,] { { 3, 4 }, { 0, 0.5 } }).requires_grad_(true);
        Assert.Equal(81.25, GradientPenalty.Penalty(x => 0.5 * x.square().sum(1), points).item<double>(), 9);
        // Points without gradients, or scores made with recording off, are refused before libtorch sees them (its own
        // error inside autograd.grad can end the process).
        var frozen = tensor(new double[,] { { 3, 4 }, { 0, 0.5 } });
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => GradientPenalty.Penalty(x => 0.5 * x.square().sum(1), frozen)).ParamName);
        Assert.Equal("critic", Assert.Throws<ArgumentException>(() => GradientPenalty.Penalty(x => { using (no_grad()) return 0.5 * x.square().sum(1); }, points)).ParamName);
        // A unit-norm gradient costs nothing.
        Assert.Equal(0.0, GradientPenalty.Compute(x => x.matmul(tensor(new double[] { 0.6, 0.8 })), real, fake).item<double>(), 12);
    }

    [Fact]
    public void Gradient_penalty_interpolates_on_the_segments_and_trains_the_critic()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var real = tensor(new double[,] { { 1, 1, 1 }, { 0, 2, 4 } });
        var fake = tensor(new double[,] { { 3, 3, 3 }, { 0, 0, 0 } });
        Tensor? seen = null;
        using var generator = new Generator(5);
        GradientPenalty.Compute(x => { seen = x.detach().clone(); return x.sum(1); }, real, fake, generator: generator);
        // Each interpolate is ε real + (1 − ε) fake with one ε per sample in [0, 1].
        var e0 = (seen![0, 0].item<double>() - 3) / (1 - 3);
        Assert.InRange(e0, 0, 1);
        Assert.Equal(new[] { 3 + e0 * (1 - 3), 3 + e0 * (1 - 3), 3 + e0 * (1 - 3) }, seen[0].data<double>().ToArray(), new Within(1e-12));
        var e1 = seen[1, 1].item<double>() / 2;
        Assert.InRange(e1, 0, 1);
        Assert.Equal(new[] { 0, 2 * e1, 4 * e1 }, seen[1].data<double>().ToArray(), new Within(1e-12));
        // The penalty is differentiable in the critic's weights (create_graph), so it can train the critic.
        var critic = nn.Linear(3, 1, dtype: ScalarType.Float64);
        var penalty = GradientPenalty.Compute(x => critic.forward(x), real, fake);
        penalty.backward();
        Assert.True(critic.weight!.grad!.abs().sum().item<double>() > 0);
        Assert.Contains("must match", Assert.Throws<ArgumentException>(() => GradientPenalty.Compute(x => x.sum(1), real, zeros(3, 3, ScalarType.Float64))).Message);
    }
}
