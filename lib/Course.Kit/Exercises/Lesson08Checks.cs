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
        // Two weights: the usual λ = 10, then another, so an answer that writes 10 instead of using λ is caught.
        // Every expected value, and the mistakes the hints recognise, come before the learner's first call.
        var cases = new[] { 10.0, 2.5 }.Select(w => (
            Weight: w,
            Expected: w * norms.Average(v => (v - 1) * (v - 1)),
            OfSquares: w * norms.Average(v => (v * v - 1) * (v * v - 1)),
            NoTarget: w * norms.Average(v => v * v),
            Summed: w * norms.Sum(v => (v - 1) * (v - 1)))).ToArray();
        double fixedTen = cases[0].Expected;
        foreach (var c in cases)
        {
            double got = penalty(g.Clone(), c.Weight);
            if (Math.Abs(got - c.Expected) <= 1e-10) continue;
            string values = $"for gradients with norms [{List(norms)}] and λ = {F(c.Weight)} the penalty is {F(c.Expected)}; you returned {F(got)}.";
            if (Math.Abs(got - c.OfSquares) <= 1e-10) return values + " Use the norm ‖g‖, not its square.";
            if (Math.Abs(got - c.NoTarget) <= 1e-10) return values + " The target norm is 1: penalise (‖g‖ − 1)².";
            if (Math.Abs(got - c.Summed) <= 1e-10) return values + " Average over the samples instead of summing.";
            if (Math.Abs(got - c.Expected / c.Weight) <= 1e-10) return values + " Multiply by the weight λ.";
            if (Math.Abs(got - fixedTen) <= 1e-10) return values + " Multiply by the weight λ you are given, not a fixed 10.";
            return values;
        }
        return null;
    });

    /// <summary>08.3 The Fréchet distance between two Gaussians with diagonal covariances.</summary>
    public static ExerciseResult FrechetDiagonal(Func<double[], double[], double[], double[], double> distance) => Check("08.3", "the Fréchet distance between two Gaussians", () =>
    {
        Matrix Diagonal(double[] v) { var m = new Matrix(v.Length, v.Length); for (int i = 0; i < v.Length; i++) m[i, i] = v[i]; return m; }
        // The first case's standard deviations differ by 1, 1 and 0, where a missing or doubled square on
        // (σ₁ⱼ − σ₂ⱼ) changes nothing; the second's differ by 2, 0.5 and √½.
        var cases = new (double[] Mu1, double[] Var1, double[] Mu2, double[] Var2)[]
        {
            (new[] { 0.0, 1.0, 2.0 }, new[] { 1.0, 4.0, 0.25 }, new[] { 1.0, 1.0, 0.0 }, new[] { 4.0, 1.0, 0.25 }),
            (new[] { 0.5, -1.0, 3.0 }, new[] { 9.0, 0.25, 2.0 }, new[] { 0.0, 1.0, 1.0 }, new[] { 1.0, 1.0, 0.5 }),
        };
        // Every expected value, and the mistakes the hints recognise, come before the learner's first call.
        var expected = cases.Select(c => FrechetDistance.Between(c.Mu1, Diagonal(c.Var1), c.Mu2, Diagonal(c.Var2))).ToArray();
        var meanTerm = cases.Select(c => c.Mu1.Zip(c.Mu2, (a, b) => (a - b) * (a - b)).Sum()).ToArray();
        var ofVariances = cases.Select((c, k) => meanTerm[k] + c.Var1.Zip(c.Var2, (a, b) => (a - b) * (a - b)).Sum()).ToArray();
        var unsquared = cases.Select((c, k) => meanTerm[k] + c.Var1.Zip(c.Var2, (a, b) => Math.Abs(Math.Sqrt(a) - Math.Sqrt(b))).Sum()).ToArray();
        for (int k = 0; k < cases.Length; k++)
        {
            var (mu1, var1, mu2, var2) = cases[k];
            double got = distance((double[])mu1.Clone(), (double[])var1.Clone(), (double[])mu2.Clone(), (double[])var2.Clone());
            if (Math.Abs(got - expected[k]) <= 1e-9) continue;
            string values = $"for means [{List(mu1)}] and [{List(mu2)}] with variances [{List(var1)}] and [{List(var2)}] the distance is {F(expected[k])}; you returned {F(got)}.";
            if (Math.Abs(got - meanTerm[k]) <= 1e-9) return values + " Add the covariance term Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½): here Σⱼ (σ₁ⱼ − σ₂ⱼ)².";
            if (Math.Abs(got - ofVariances[k]) <= 1e-9) return values + " Compare standard deviations, not variances: σ₁² + σ₂² − 2σ₁σ₂ = (σ₁ − σ₂)².";
            if (Math.Abs(got - Math.Sqrt(expected[k])) <= 1e-9) return values + " FID is the squared distance: no square root at the end.";
            if (Math.Abs(got - unsquared[k]) <= 1e-9) return values + " Square the difference of the standard deviations: (σ₁ⱼ − σ₂ⱼ)², like the means'.";
            return values;
        }
        return null;
    });
}
