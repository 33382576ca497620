using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 07 (variational autoencoders).</summary>
public static class Lesson07Checks
{
    /// <summary>07.1 The reparameterisation step z = μ + exp(½ log σ²) ⊙ ε.</summary>
    public static ExerciseResult Reparameterise(Func<double[], double[], double[], double[]> reparameterise) => Check("07.1", "the reparameterisation step", () =>
    {
        double[] mean = [0.5, -1.0, 2.0], logVar = [0.0, Math.Log(4), Math.Log(0.25)], eps = [1.0, -0.5, 2.0];
        var expected = mean.Select((m, j) => m + Math.Exp(0.5 * logVar[j]) * eps[j]).ToArray();
        // The mistakes the hints recognise, computed before the learner runs like the answer itself.
        var byVariance = mean.Select((m, j) => m + Math.Exp(logVar[j]) * eps[j]).ToArray();
        var byLog = mean.Select((m, j) => m + logVar[j] * eps[j]).ToArray();
        var noNoise = mean.Select((m, j) => m + Math.Exp(0.5 * logVar[j])).ToArray();
        var got = reparameterise((double[])mean.Clone(), (double[])logVar.Clone(), (double[])eps.Clone());
        if (got is null || got.Length != mean.Length) return $"return one value per latent ({mean.Length}).";
        if (Close(got, expected, 1e-10)) return null;
        string values = $"with μ = [{List(mean)}], log σ² = [{List(logVar)}] and ε = [{List(eps)}], z should be [{List(expected)}]; you returned [{List(got)}].";
        if (Close(got, byVariance, 1e-10)) return values + " You scaled ε by the variance σ²: scale by the standard deviation σ = exp(½ log σ²).";
        if (Close(got, byLog, 1e-10)) return values + " log σ² is a logarithm: σ = exp(½ log σ²).";
        if (Close(got, noNoise, 1e-10)) return values + " Multiply σ by the noise ε.";
        return values;
    });

    /// <summary>07.2 The closed-form KL(N(μ, diag σ²) ‖ N(0, I)) = ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²).</summary>
    public static ExerciseResult GaussianKl(Func<double[], double[], double> kl) => Check("07.2", "the closed-form Gaussian KL", () =>
    {
        // Every expected value, and the mistakes the hints recognise, come before the learner's first call.
        // Asymmetric log-variances whose sum (−2.5) is far from 0, so a dropped or sign-flipped log σ² term shows:
        // the earlier [0, log ½, log 2] summed to 0 and hid both. No μⱼ is 0 or ±1, so μⱼ² cannot hide either.
        double[] mean = [1.5, -0.5, 0.25], logVar = [0.5, -1.0, -2.0];
        double expected = 0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - 1 - logVar[j]).Sum();
        double bySigma = 0.5 * mean.Select((m, j) => m * m + Math.Exp(0.5 * logVar[j]) - 1 - logVar[j]).Sum();
        double noMinusOne = 0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - logVar[j]).Sum();
        double noLog = 0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - 1).Sum();
        double plusLog = 0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - 1 + logVar[j]).Sum();
        double atPrior = kl([0.0, 0.0], [0.0, 0.0]);
        if (Math.Abs(atPrior) > 1e-12)
            return $"when q is the prior itself (μ = 0, log σ² = 0 in 2 dimensions) the KL is 0; you returned {F(atPrior)}."
                + (Math.Abs(atPrior - 1) <= 1e-12 || Math.Abs(atPrior - 2) <= 1e-12 ? " Subtract 1 per latent, so the KL is 0 at the prior." : "");
        double got = kl((double[])mean.Clone(), (double[])logVar.Clone());
        if (Math.Abs(got - expected) <= 1e-10) return null;
        string values = $"with μ = [{List(mean)}] and log σ² = [{List(logVar)}] the KL is {F(expected)} nats; you returned {F(got)}.";
        if (Math.Abs(got - 2 * expected) <= 1e-10) return values + " Keep the factor ½.";
        if (Math.Abs(got - bySigma) <= 1e-10) return values + " The term is the variance σ² = exp(log σ²), not σ.";
        if (Math.Abs(got - noMinusOne) <= 1e-10) return values + " Subtract 1 per latent, so the KL is 0 at the prior.";
        if (Math.Abs(got - noLog) <= 1e-10) return values + " You dropped the log term: subtract log σⱼ² for each latent (it is what makes a shrinking variance costly).";
        if (Math.Abs(got - plusLog) <= 1e-10) return values + " The log term has the wrong sign: it is − log σⱼ², subtracted.";
        if (Math.Abs(got - expected / mean.Length) <= 1e-10) return values + " Sum over the latents instead of averaging.";
        if (got < 0) return values + " A KL divergence is never negative: check the signs.";
        return values;
    });

    /// <summary>07.3 The codes of a latent traversal: copies of one code with one latent set to each value in turn.</summary>
    public static ExerciseResult TraversalCodes(Func<double[], int, double[], Matrix> traverse) => Check("07.3", "the codes of a latent traversal", () =>
    {
        double[] code = [0.3, -1.2, 0.8, 0.05];
        double[] values = [-2, -1, 0, 1, 2];
        var expected = new Matrix(values.Length, code.Length);
        for (int s = 0; s < values.Length; s++)
            for (int j = 0; j < code.Length; j++) expected[s, j] = j == 2 ? values[s] : code[j];
        var got = traverse((double[])code.Clone(), 2, (double[])values.Clone());
        if (got is null || got.Rows != values.Length || got.Cols != code.Length)
            return $"return one row per value ({values.Length}) and one column per latent ({code.Length}); you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
        for (int s = 0; s < values.Length; s++)
            for (int j = 0; j < code.Length; j++)
            {
                if (Math.Abs(got[s, j] - expected[s, j]) > 1e-12)
                    return j == 2
                        ? $"row {s} should set latent 2 to the value {F(values[s])}; it holds {F(got[s, j])}."
                        : $"row {s} changed latent {j} to {F(got[s, j])}: a traversal keeps every other latent at the image's code ({F(code[j])}).";
            }
        return null;
    });
}
