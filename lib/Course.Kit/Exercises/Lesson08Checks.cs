using Course.Metrics;
using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 08 (GANs).</summary>
public static class Lesson08Checks
{
    /// <summary>08.1 The discriminator's loss −mean log D(x) − mean log(1 − D(G(z))), from its probabilities.</summary>
    public static ExerciseResult DiscriminatorLoss(Func<double[], double[], double> loss) => Check("08.1", "the discriminator loss", () =>
    {
        double[] real = [0.9, 0.8, 0.6], fake = [0.3, 0.1];
        double expected = -real.Average(Math.Log) - fake.Average(p => Math.Log(1 - p));
        // The mistakes the hints recognise, computed before the learner runs like the answer itself.
        double fakeAsReal = -real.Average(Math.Log) - fake.Average(Math.Log), summed = -real.Sum(Math.Log) - fake.Sum(p => Math.Log(1 - p));
        double got = loss((double[])real.Clone(), (double[])fake.Clone());
        if (Math.Abs(got - expected) <= 1e-10) return null;
        string values = $"with D(real) = [{List(real)}] and D(fake) = [{List(fake)}] the loss is {F(expected)}; you returned {F(got)}.";
        if (Math.Abs(got + expected) <= 1e-10) return values + " Minimise the negative log-likelihood: put a minus in front of each mean.";
        if (Math.Abs(got - fakeAsReal) <= 1e-10) return values + " For generated images the target is 0: use log(1 − D(fake)).";
        if (Math.Abs(got - summed) <= 1e-10) return values + " Average each term over its batch instead of summing.";
        return values;
    });

    /// <summary>08.2 The gradient penalty λ · mean over samples of (‖gᵢ‖₂ − 1)², from the critic's gradients.</summary>
    public static ExerciseResult GradientPenalty(Func<Matrix, double, double> penalty) => Check("08.2", "the gradient penalty", () =>
    {
        var g = Matrix.FromRows([[3.0, 4.0], [0.6, 0.8], [0.0, 0.5]]);
        double[] norms = [5.0, 1.0, 0.5];
        double expected = 10 * norms.Average(v => (v - 1) * (v - 1));
        // The mistakes the hints recognise, computed before the learner runs like the answer itself.
        double ofSquares = 10 * norms.Average(v => (v * v - 1) * (v * v - 1)), noTarget = 10 * norms.Average(v => v * v), summed = 10 * norms.Sum(v => (v - 1) * (v - 1));
        double got = penalty(g.Clone(), 10);
        if (Math.Abs(got - expected) <= 1e-10) return null;
        string values = $"for gradients with norms [{List(norms)}] and λ = 10 the penalty is {F(expected)}; you returned {F(got)}.";
        if (Math.Abs(got - ofSquares) <= 1e-10) return values + " Use the norm ‖g‖, not its square.";
        if (Math.Abs(got - noTarget) <= 1e-10) return values + " The target norm is 1: penalise (‖g‖ − 1)².";
        if (Math.Abs(got - summed) <= 1e-10) return values + " Average over the samples instead of summing.";
        if (Math.Abs(got - expected / 10) <= 1e-10) return values + " Multiply by the weight λ.";
        return values;
    });

    /// <summary>08.3 The Fréchet distance between two Gaussians with diagonal covariances.</summary>
    public static ExerciseResult FrechetDiagonal(Func<double[], double[], double[], double[], double> distance) => Check("08.3", "the Fréchet distance between two Gaussians", () =>
    {
        double[] mu1 = [0.0, 1.0, 2.0], var1 = [1.0, 4.0, 0.25], mu2 = [1.0, 1.0, 0.0], var2 = [4.0, 1.0, 0.25];
        Matrix Diagonal(double[] v) { var m = new Matrix(v.Length, v.Length); for (int i = 0; i < v.Length; i++) m[i, i] = v[i]; return m; }
        double expected = FrechetDistance.Between(mu1, Diagonal(var1), mu2, Diagonal(var2));
        // The mistakes the hints recognise, computed before the learner runs like the answer itself.
        double meanTerm = mu1.Zip(mu2, (a, b) => (a - b) * (a - b)).Sum(), ofVariances = meanTerm + var1.Zip(var2, (a, b) => (a - b) * (a - b)).Sum();
        double got = distance((double[])mu1.Clone(), (double[])var1.Clone(), (double[])mu2.Clone(), (double[])var2.Clone());
        if (Math.Abs(got - expected) <= 1e-9) return null;
        string values = $"for means [{List(mu1)}] and [{List(mu2)}] with variances [{List(var1)}] and [{List(var2)}] the distance is {F(expected)}; you returned {F(got)}.";
        if (Math.Abs(got - meanTerm) <= 1e-9) return values + " Add the covariance term Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½): here Σⱼ (σ₁ⱼ − σ₂ⱼ)².";
        if (Math.Abs(got - ofVariances) <= 1e-9) return values + " Compare standard deviations, not variances: σ₁² + σ₂² − 2σ₁σ₂ = (σ₁ − σ₂)².";
        if (Math.Abs(got - Math.Sqrt(expected)) <= 1e-9) return values + " FID is the squared distance: no square root at the end.";
        return values;
    });
}
