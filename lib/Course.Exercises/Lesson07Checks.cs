using TorchSharp;
using static Course.Exercises.CheckTensors;
using static Course.Exercises.Exercise;
using Course.Grading;
using static Course.Grading.SeededTensors;
using static TorchSharp.torch;

namespace Course.Exercises;

/// <summary>Checks for lesson 07 (variational autoencoders): 07.1–07.3 on TorchSharp tensors with their gradients,
/// 07.4 on the kit's matrices.</summary>
public static class Lesson07Checks
{
    /// <summary>07.1 The reparameterisation step z = μ + exp(½ log σ²) ⊙ ε on tensors, ε drawn from the given
    /// generator, with gradients reaching μ and log σ².</summary>
    public static ExerciseResult Reparameterise(Func<Tensor, Tensor, Generator, Tensor> reparameterise) => Check("07.1", "the reparameterisation step", ref reparameterise, () =>
    {
        using var scope = NewDisposeScope();
        var rng = new Random(7071);
        // float32, as the lessons train: ε is drawn as the learner is told to draw it, randn(mean.shape, generator: …).
        var mean = Uniform(rng, [4, 3], -1.5, 2, ScalarType.Float32);
        var logVar = Uniform(rng, [4, 3], -2, 1, ScalarType.Float32);
        const ulong Seed = 70711;
        double[] mu = Values(mean), lv = Values(logVar), eps;
        using (var g = new Generator(Seed)) eps = Values(randn(mean.shape, ScalarType.Float32, generator: g));
        var expected = mu.Select((m, k) => m + Math.Exp(0.5 * lv[k]) * eps[k]).ToArray();
        var byVariance = mu.Select((m, k) => m + Math.Exp(lv[k]) * eps[k]).ToArray();
        var byLog = mu.Select((m, k) => m + lv[k] * eps[k]).ToArray();
        var noNoise = mu.Select((m, k) => m + Math.Exp(0.5 * lv[k])).ToArray();
        var meanGradient = mu.Select(_ => 1.0).ToArray();
        var logVarGradient = lv.Select((v, k) => 0.5 * Math.Exp(0.5 * v) * eps[k]).ToArray();

        Tensor Draw(Tensor m, Tensor v)
        {
            using var g = new Generator(Seed);
            return reparameterise(m, v, g);
        }
        var givenMean = mean.clone().requires_grad_(true);
        var givenLogVar = logVar.clone().requires_grad_(true);
        var z = Draw(givenMean, givenLogVar);
        if (z is null) return "return z as a tensor; you returned null.";
        if (!z.shape.SequenceEqual(mean.shape)) return $"return one z per entry of μ, shape {Shape(mean)}; yours has shape {Shape(z)}.";
        var got = Values(z);
        if (!RelativelyClose(got, expected, 1e-5))
        {
            if (!Values(Draw(mean.clone(), logVar.clone())).SequenceEqual(got))
                return "two generators with the same seed gave different z: draw ε from the generator you are given (torch.randn(mean.shape, generator: generator)), not from the global one (randn_like has no generator).";
            string values = $"for a 4 x 3 batch the first row of z should be [{List(expected.Take(3))}]; yours is [{List(got.Take(3))}].";
            if (RelativelyClose(got, byVariance, 1e-5)) return values + " You scaled ε by the variance σ²: scale by the standard deviation σ = exp(½ log σ²).";
            if (RelativelyClose(got, byLog, 1e-5)) return values + " log σ² is a logarithm: σ = exp(½ log σ²).";
            if (RelativelyClose(got, noNoise, 1e-5)) return values + " Multiply σ by the noise ε.";
            using (var other = new Generator(Seed + 1))
                if (Values(reparameterise(mean.clone(), logVar.clone(), other)).SequenceEqual(got))
                    return "generators with different seeds gave the same z: draw ε from the generator you are given, not from a new one with a fixed seed.";
            return values + " Draw ε once, with the shape of μ: torch.randn(mean.shape, generator: generator).";
        }
        if (!z.requires_grad)
            return "z is cut off from the autograd graph, so no gradient reaches the encoder: build it from mean and logVariance with tensor operations (the trick exists for exactly this).";
        Backward(z);
        if (givenMean.grad is null || !RelativelyClose(Values(givenMean.grad), meanGradient, 1e-5))
            return "z is right, but its gradient does not reach μ as it should (∂z/∂μ = 1): compute z from mean itself, without detach().";
        if (givenLogVar.grad is null || !RelativelyClose(Values(givenLogVar.grad), logVarGradient, 1e-5))
            return "z is right, but its gradient with respect to log σ² is not ½ σ ε: compute σ from logVariance with tensor operations (exp), without detach() or .item().";
        return null;
    });

    /// <summary>07.2 The closed-form KL(N(μ, diag σ²) ‖ N(0, I)) = ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²) for each sample
    /// of a batch (n x k → n), with gradients.</summary>
    public static ExerciseResult GaussianKl(Func<Tensor, Tensor, Tensor> kl) => Check("07.2", "the closed-form Gaussian KL", ref kl, () =>
    {
        using var scope = NewDisposeScope();
        // Every expected value, and the mistakes the hints recognise, come before the learner's first call.
        // Asymmetric log-variances whose row sums are far from 0, so a dropped or sign-flipped log σ² term shows
        // (the first version of this check summed them to 0 and hid both); no μⱼ is 0 or ±1.
        var rng = new Random(7072);
        const int Rows = 5, Latents = 4;
        var mean = Uniform(rng, [Rows, Latents], -1.7, 1.3);
        var logVar = Uniform(rng, [Rows, Latents], -2.5, 0.4);
        double[] mu = Values(mean), lv = Values(logVar);
        double[] PerRow(Func<double, double, double> term) =>
            Enumerable.Range(0, Rows).Select(i => Enumerable.Range(0, Latents).Sum(j => term(mu[i * Latents + j], lv[i * Latents + j]))).ToArray();
        var expected = PerRow((m, v) => 0.5 * (m * m + Math.Exp(v) - 1 - v));
        var bySigma = PerRow((m, v) => 0.5 * (m * m + Math.Exp(0.5 * v) - 1 - v));
        var noMinusOne = PerRow((m, v) => 0.5 * (m * m + Math.Exp(v) - v));
        var noLog = PerRow((m, v) => 0.5 * (m * m + Math.Exp(v) - 1));
        var plusLog = PerRow((m, v) => 0.5 * (m * m + Math.Exp(v) - 1 + v));
        var meanGradient = mu.Select(m => m).ToArray();
        var logVarGradient = lv.Select(v => 0.5 * (Math.Exp(v) - 1)).ToArray();

        var atPrior = kl(zeros(2, 3, ScalarType.Float64), zeros(2, 3, ScalarType.Float64));
        if (atPrior is not null && atPrior.numel() == 2 && Values(atPrior).Any(v => Math.Abs(v) > 1e-12))
            return $"when q is the prior itself (μ = 0, log σ² = 0) the KL is 0; you returned [{List(Values(atPrior))}]."
                + (Values(atPrior).All(v => Math.Abs(v - 1.5) <= 1e-12 || Math.Abs(v - 3) <= 1e-12) ? " Subtract 1 per latent, so the KL is 0 at the prior." : "");
        var givenMean = mean.clone().requires_grad_(true);
        var givenLogVar = logVar.clone().requires_grad_(true);
        var result = kl(givenMean, givenLogVar);
        if (result is null) return "return the KL as a tensor; you returned null.";
        if (result.numel() == 1)
            return $"return one KL per sample (a tensor of {Rows}), summed over the latents only (dimension 1); you returned a single number.";
        if (!result.shape.SequenceEqual(new long[] { Rows }))
            return $"return one KL per sample, shape [{Rows}], summed over the latents (dimension 1); yours has shape {Shape(result)}.";
        var got = Values(result);
        if (!RelativelyClose(got, expected, 1e-9))
        {
            string values = $"for this batch of {Rows} samples with {Latents} latents the KLs are [{List(expected)}] nats; you returned [{List(got)}].";
            return values + (RelativelyClose(got, expected.Select(v => 2 * v).ToArray(), 1e-9) ? " Keep the factor ½." :
                RelativelyClose(got, bySigma, 1e-9) ? " The term is the variance σ² = exp(log σ²), not σ." :
                RelativelyClose(got, noMinusOne, 1e-9) ? " Subtract 1 per latent, so the KL is 0 at the prior." :
                RelativelyClose(got, noLog, 1e-9) ? " You dropped the log term: subtract log σⱼ² for each latent (it is what makes a shrinking variance costly)." :
                RelativelyClose(got, plusLog, 1e-9) ? " The log term has the wrong sign: it is − log σⱼ², subtracted." :
                RelativelyClose(got, expected.Select(v => v / Latents).ToArray(), 1e-9) ? " Sum over the latents instead of averaging." :
                got.Any(v => v < 0) ? " A KL divergence is never negative: check the signs." : "");
        }
        if (!result.requires_grad)
            return "your KL is cut off from the autograd graph: build it from mean and logVariance with tensor operations, without .item() or detach().";
        Backward(result);
        if (givenMean.grad is null || givenLogVar.grad is null
            || !RelativelyClose(Values(givenMean.grad), meanGradient, 1e-9) || !RelativelyClose(Values(givenLogVar.grad), logVarGradient, 1e-9))
            return "the values are right, but backward() does not give the KL's gradients (μ for μ, ½ (σ² − 1) for log σ²): compute it from the inputs with tensor operations.";
        return null;
    });

    /// <summary>07.3 The negative ELBO of a batch: the mean over samples of the Bernoulli reconstruction term (binary
    /// cross-entropy of the decoder's logits, summed over pixels) plus β times the sample's KL.</summary>
    public static ExerciseResult NegativeElbo(Func<Tensor, Tensor, Tensor, double, Tensor> negativeElbo) => Check("07.3", "the negative ELBO", ref negativeElbo, () =>
    {
        using var scope = NewDisposeScope();
        var rng = new Random(7073);
        const int Rows = 6, Pixels = 9;
        const double Beta = 2.5;
        var x = Uniform(rng, [Rows, Pixels], 0, 1);
        var logits = Uniform(rng, [Rows, Pixels], -3, 2.5);
        var kls = Uniform(rng, [Rows], 0.2, 4);
        double[] xs = Values(x), ls = Values(logits), ks = Values(kls);
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        // Binary cross-entropy with logits, −[x log σ(l) + (1 − x) log(1 − σ(l))], written stably.
        double Bce(int k) => Math.Max(ls[k], 0) - ls[k] * xs[k] + Math.Log(1 + Math.Exp(-Math.Abs(ls[k])));
        var reconstruction = Enumerable.Range(0, Rows).Select(i => Enumerable.Range(0, Pixels).Sum(j => Bce(i * Pixels + j))).ToArray();
        double expected = Enumerable.Range(0, Rows).Average(i => reconstruction[i] + Beta * ks[i]);
        double perPixel = reconstruction.Average() / Pixels + Beta * ks.Average();
        double summed = expected * Rows;
        double noBeta = Enumerable.Range(0, Rows).Average(i => reconstruction[i] + ks[i]);
        double wrongSign = Enumerable.Range(0, Rows).Average(i => -reconstruction[i] + Beta * ks[i]);
        double squared = Enumerable.Range(0, Rows).Average(i => Enumerable.Range(0, Pixels).Sum(j => Math.Pow(Sigmoid(ls[i * Pixels + j]) - xs[i * Pixels + j], 2)) + Beta * ks[i]);
        var logitGradient = ls.Select((l, k) => (Sigmoid(l) - xs[k]) / Rows).ToArray();
        var klGradient = ks.Select(_ => Beta / Rows).ToArray();

        var givenLogits = logits.clone().requires_grad_(true);
        var givenKl = kls.clone().requires_grad_(true);
        var result = negativeElbo(x.clone(), givenLogits, givenKl, Beta);
        if (ScalarWithGradient(result, "negative ELBO") is string problem) return problem;
        double value = result.to(ScalarType.Float64).item<double>();
        if (Math.Abs(value - expected) > 1e-9 * Math.Max(1, Math.Abs(expected)))
        {
            bool Near(double v) => Math.Abs(value - v) <= 1e-9 * Math.Max(1, Math.Abs(v));
            string values = $"for a batch of {Rows} samples of {Pixels} pixels with β = {F(Beta)} the negative ELBO is {F(expected)} nats per sample; you returned {F(value)}.";
            return values + (Near(perPixel) ? " The reconstruction term is summed over the pixels (reduction: Reduction.None, then .sum([1L])), not averaged: binary_cross_entropy_with_logits averages everything by default, which shrinks it 784-fold beside the KL." :
                Near(summed) ? " Average over the samples in the batch instead of summing, so the loss does not grow with the batch size." :
                Near(noBeta) ? " Weight the KL by β." :
                Near(wrongSign) ? " The reconstruction term is the negative log-likelihood: binary cross-entropy, which is positive; you subtracted it." :
                Near(squared) ? " For a Bernoulli decoder the reconstruction term is the binary cross-entropy of the logits, not a squared error." :
                " Sum the binary cross-entropy over each sample's pixels, add β times its KL, then average over the samples.");
        }
        Backward(result);
        if (givenLogits.grad is null || givenKl.grad is null
            || !RelativelyClose(Values(givenLogits.grad), logitGradient, 1e-9) || !RelativelyClose(Values(givenKl.grad), klGradient, 1e-9))
            return "the value is right, but backward() does not give its gradients with respect to the logits and the KL: compute it from them with tensor operations (the logits as logits: binary_cross_entropy_with_logits, not a second sigmoid).";
        return null;
    });

    /// <summary>07.5 The importance-sampled log-likelihood of each sample under a Bernoulli decoder: logsumexp over
    /// the K draws of log p(x | z) + log p(z) − log q(z | x), minus log K.</summary>
    public static ExerciseResult ImportanceLogLikelihood(Func<Tensor, Tensor, Tensor, Tensor, Func<Tensor, Tensor>, Tensor> logLikelihood) => Check("07.5", "the importance-sampled log-likelihood", ref logLikelihood, () =>
    {
        using var scope = NewDisposeScope();
        var rng = new Random(7075);
        const int Draws = 4, Rows = 3, Latents = 2, Pixels = 5, Hidden = 4;
        // float32 throughout, as a VAE's tensors are; the decoder is a small tanh network the grader can pass
        // between processes.
        var x = Uniform(rng, [Rows, Pixels], 0, 1, ScalarType.Float32);
        var mu = Uniform(rng, [Rows, Latents], -1.5, 1.2, ScalarType.Float32);
        var logVar = Uniform(rng, [Rows, Latents], -2.5, 0.8, ScalarType.Float32);
        var eps = Uniform(rng, [Draws, Rows, Latents], -1.8, 2.1, ScalarType.Float32);
        var decoder = new Grading.CheckNetwork(Latents, Hidden, Pixels, 7076, sigmoid: false);
        double[] xs = Values(x), ms = Values(mu), lv = Values(logVar), es = Values(eps);
        var w = decoder.parameters().Select(Values).ToArray();   // weight1 (Hidden x Latents), bias1, weight2 (Pixels x Hidden), bias2
        double[] Logits(double[] z) => Enumerable.Range(0, Pixels).Select(p => w[3][p] + Enumerable.Range(0, Hidden).Sum(h =>
            w[2][p * Hidden + h] * Math.Tanh(w[1][h] + Enumerable.Range(0, Latents).Sum(j => w[0][h * Latents + j] * z[j])))).ToArray();
        const double Log2Pi = 1.8378770664093453;
        // Each draw's log-weight worked out in doubles, and the mistakes the hints name as other combinations.
        var logPxz = new double[Draws, Rows]; var logPz = new double[Draws, Rows]; var logQ = new double[Draws, Rows];
        var logQNoVariance = new double[Draws, Rows]; var wideSigma = new double[Draws, Rows];
        for (int s = 0; s < Draws; s++)
            for (int i = 0; i < Rows; i++)
            {
                double[] Z(double sigmaPower) => Enumerable.Range(0, Latents).Select(j =>
                    ms[i * Latents + j] + Math.Exp(sigmaPower * lv[i * Latents + j]) * es[(s * Rows + i) * Latents + j]).ToArray();
                double LogPx(double[] z) => Logits(z).Select((l, p) =>
                    -(Math.Max(l, 0) - l * xs[i * Pixels + p] + Math.Log(1 + Math.Exp(-Math.Abs(l))))).Sum();
                double LogPrior(double[] z) => -0.5 * z.Sum(v => v * v + Log2Pi);
                double epsSquares = Enumerable.Range(0, Latents).Sum(j => Math.Pow(es[(s * Rows + i) * Latents + j], 2));
                double logVarSum = Enumerable.Range(0, Latents).Sum(j => lv[i * Latents + j]);
                var z = Z(0.5);
                logPxz[s, i] = LogPx(z);
                logPz[s, i] = LogPrior(z);
                logQ[s, i] = -0.5 * (epsSquares + logVarSum + Latents * Log2Pi);
                logQNoVariance[s, i] = -0.5 * (epsSquares + Latents * Log2Pi);
                wideSigma[s, i] = LogPx(Z(1)) + LogPrior(Z(1)) - logQ[s, i];   // σ taken as exp(log σ²)
            }
        double LogMeanExp(Func<int, double> weight) { double top = Enumerable.Range(0, Draws).Max(weight); return top + Math.Log(Enumerable.Range(0, Draws).Average(s => Math.Exp(weight(s) - top))); }
        double[] Per(Func<int, int, double> weight, bool logMean = true, double shift = 0) => Enumerable.Range(0, Rows)
            .Select(i => (logMean ? LogMeanExp(s => weight(s, i)) : Enumerable.Range(0, Draws).Average(s => weight(s, i))) + shift).ToArray();
        var expected = Per((s, i) => logPxz[s, i] + logPz[s, i] - logQ[s, i]);
        var averaged = Per((s, i) => logPxz[s, i] + logPz[s, i] - logQ[s, i], logMean: false);
        var noLogK = Per((s, i) => logPxz[s, i] + logPz[s, i] - logQ[s, i], shift: Math.Log(Draws));
        var noVarianceInQ = Per((s, i) => logPxz[s, i] + logPz[s, i] - logQNoVariance[s, i]);
        var noPrior = Per((s, i) => logPxz[s, i] - logQ[s, i]);
        var reconstructionOnly = Per((s, i) => logPxz[s, i]);
        var sigmaAsVariance = Per((s, i) => wideSigma[s, i]);

        var result = logLikelihood(x.clone(), mu.clone(), logVar.clone(), eps.clone(), decoder.forward);
        if (result is null) return "return a tensor with one log-likelihood per sample; you returned null.";
        if (result.dim() != 1 || result.shape[0] != Rows)
            return $"return one log-likelihood per sample, shape [{Rows}]; you returned shape {Shape(result)}. Take logsumexp over the draws (dimension 0 of eps's K x n x k), not over the samples.";
        var got = Values(result.detach().to(ScalarType.Float64));
        if (RelativelyClose(got, expected, 1e-5)) return null;
        string values = $"for {Rows} samples of {Pixels} pixels with K = {Draws} draws of {Latents} latents the estimates are [{List(expected)}] nats; you returned [{List(got)}].";
        bool Near(double[] v) => RelativelyClose(got, v, 1e-5);
        return values + (Near(averaged) ? " That is the mean of the log-weights, the ELBO's estimate: average the weights themselves, log (1/K) Σ exp(wₛ), with logsumexp over the draws minus log K." :
            Near(noLogK) ? " Subtract log K after the logsumexp: the estimate is the log of the weights' mean, not their sum." :
            Near(noVarianceInQ) ? " log q(z | x) of a Gaussian with variance σ² includes −½ Σ log σ²: here −½ (ε² + log σ² + log 2π) summed over the latents." :
            Near(noPrior) ? " Add log p(z), the standard normal prior's log-density at z: −½ (z² + log 2π) summed over the latents." :
            Near(reconstructionOnly) ? " The weight of a draw is p(x | z) p(z) / q(z | x): add log p(z) and subtract log q(z | x)." :
            Near(sigmaAsVariance) ? " σ is exp(½ log σ²), not exp(log σ²): z = μ + exp(½ log σ²) ε, as in 07.1." :
            " Per draw: z = μ + exp(½ log σ²) ε, log p(x | z) = minus the binary cross-entropy of the decoder's logits summed over the pixels, plus log p(z), minus log q(z | x); then logsumexp over the draws minus log K.");
    }, writeYourself: ["Vae.ImportanceLogLikelihood"]);

    /// <summary>07.4 The codes of a latent traversal: copies of one code with one latent set to each value in turn.</summary>
    public static ExerciseResult TraversalCodes(Func<double[], int, double[], Matrix> traverse) => Check("07.4", "the codes of a latent traversal", ref traverse, () =>
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
