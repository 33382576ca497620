using Course.Exercises;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson07 => new Dictionary<string, Attempt[]>
    {
        ["07.1"] =
        [
            Attempt.Right("μ + exp(½ log σ²) · ε", () => Lesson07Checks.Reparameterise(L07Reparameterise)),
            Attempt.Right("σ as the square root of the variance, ε in μ's dtype", () => Lesson07Checks.Reparameterise((mean, logVar, g) =>
                mean + logVar.exp().sqrt() * randn(mean.shape, mean.dtype, mean.device, generator: g))),
            Attempt.Right("ε drawn first, then addcmul", () => Lesson07Checks.Reparameterise((mean, logVar, g) =>
            {
                var eps = randn(mean.shape, generator: g);
                return mean.addcmul(logVar.mul(0.5).exp(), eps, 1);
            })),
            Attempt.Wrong("ε scaled by the variance", "scale by the standard deviation", () => Lesson07Checks.Reparameterise((mean, logVar, g) => mean + logVar.exp() * randn(mean.shape, generator: g))),
            Attempt.Wrong("log σ² used as σ", "log σ² is a logarithm", () => Lesson07Checks.Reparameterise((mean, logVar, g) => mean + logVar * randn(mean.shape, generator: g))),
            Attempt.Wrong("no noise", "Multiply σ by the noise ε", () => Lesson07Checks.Reparameterise((mean, logVar, g) => mean + (0.5 * logVar).exp())),
            // The global generator: randn_like takes no generator, so a seed does not reproduce z.
            Attempt.Wrong("randn_like (the global generator)", "draw ε from the generator you are given", () => Lesson07Checks.Reparameterise((mean, logVar, g) => mean + (0.5 * logVar).exp() * randn_like(mean))),
            Attempt.Wrong("a new generator with a fixed seed", "not from a new one with a fixed seed", () => Lesson07Checks.Reparameterise((mean, logVar, g) => L07Reparameterise(mean, logVar, new Generator(7)))),
            Attempt.Wrong("σ detached (no gradient to log σ²)", "its gradient with respect to log σ² is not ½ σ ε", () => Lesson07Checks.Reparameterise((mean, logVar, g) => mean + (0.5 * logVar).exp().detach() * randn(mean.shape, generator: g))),
            Attempt.Wrong("sampled without the trick (z detached)", "cut off from the autograd graph", () => Lesson07Checks.Reparameterise((mean, logVar, g) => L07Reparameterise(mean, logVar, g).detach())),
            Attempt.Stub(() => Lesson07Checks.Reparameterise((mean, logVar, g) => throw new NotImplementedException())),
        ],
        ["07.2"] =
        [
            Attempt.Right("½ (μ² + exp − 1 − log σ²) summed over dimension 1", () => Lesson07Checks.GaussianKl(L07Kl)),
            Attempt.Right("−½ Σ (1 + log σ² − μ² − σ²), as in Kingma and Welling", () => Lesson07Checks.GaussianKl((mean, logVar) => -0.5 * (1 + logVar - mean.pow(2) - logVar.exp()).sum([1L]))),
            Attempt.Right("per-latent terms then sum(-1)", () => Lesson07Checks.GaussianKl((mean, logVar) =>
            {
                var perLatent = (mean * mean + logVar.exp() - logVar - 1) / 2;
                return perLatent.sum([-1L]);
            })),
            // The hole of the old check: its log-variances summed to 0, so a dropped or sign-flipped log term passed.
            Attempt.Wrong("dropped the log σ² term", "You dropped the log term", () => Lesson07Checks.GaussianKl((mean, logVar) => 0.5 * (mean.square() + logVar.exp() - 1).sum([1L]))),
            Attempt.Wrong("+ log σ² instead of −", "wrong sign", () => Lesson07Checks.GaussianKl((mean, logVar) => 0.5 * (mean.square() + logVar.exp() - 1 + logVar).sum([1L]))),
            Attempt.Wrong("σ instead of σ²", "not σ", () => Lesson07Checks.GaussianKl((mean, logVar) => 0.5 * (mean.square() + (0.5 * logVar).exp() - 1 - logVar).sum([1L]))),
            Attempt.Wrong("forgot the − 1", "Subtract 1 per latent", () => Lesson07Checks.GaussianKl((mean, logVar) => 0.5 * (mean.square() + logVar.exp() - logVar).sum([1L]))),
            Attempt.Wrong("no factor ½", "Keep the factor ½", () => Lesson07Checks.GaussianKl((mean, logVar) => (mean.square() + logVar.exp() - 1 - logVar).sum([1L]))),
            Attempt.Wrong("mean over the latents", "instead of averaging", () => Lesson07Checks.GaussianKl((mean, logVar) => 0.5 * (mean.square() + logVar.exp() - 1 - logVar).mean([1L]))),
            Attempt.Wrong("summed over the batch too (a single number)", "one KL per sample", () => Lesson07Checks.GaussianKl((mean, logVar) => L07Kl(mean, logVar).sum())),
            Attempt.Wrong("summed over the wrong dimension", "shape [5]", () => Lesson07Checks.GaussianKl((mean, logVar) => 0.5 * (mean.square() + logVar.exp() - 1 - logVar).sum([0L]))),
            Attempt.Stub(() => Lesson07Checks.GaussianKl((mean, logVar) => throw new NotImplementedException())),
        ],
        ["07.3"] =
        [
            Attempt.Right("BCE with logits summed per sample, plus β KL, mean", () => Lesson07Checks.NegativeElbo(L07NegativeElbo)),
            Attempt.Right("written out with log-sigmoid", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) =>
            {
                var logLikelihood = (x * nn.functional.logsigmoid(logits) + (1 - x) * nn.functional.logsigmoid(-logits)).sum([1L]);
                return (beta * kl - logLikelihood).mean();
            })),
            Attempt.Right("summed over everything, divided by the batch size", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) =>
                (nn.functional.binary_cross_entropy_with_logits(logits, x, reduction: nn.Reduction.Sum) + beta * kl.sum()) / x.shape[0])),
            Attempt.Wrong("default reduction: BCE averaged over the pixels", "not averaged", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) =>
                nn.functional.binary_cross_entropy_with_logits(logits, x) + beta * kl.mean())),
            Attempt.Wrong("summed over the batch", "Average over the samples", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) => L07NegativeElbo(x, logits, kl, beta) * x.shape[0])),
            Attempt.Wrong("β forgotten", "Weight the KL by β", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) => L07NegativeElbo(x, logits, kl, 1))),
            Attempt.Wrong("log-likelihood added with the wrong sign", "you subtracted it", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) =>
                (beta * kl - nn.functional.binary_cross_entropy_with_logits(logits, x, reduction: nn.Reduction.None).sum([1L])).mean())),
            Attempt.Wrong("squared error of the probabilities", "not a squared error", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) =>
                ((logits.sigmoid() - x).square().sum([1L]) + beta * kl).mean())),
            Attempt.Wrong("KL detached", "gradients with respect to the logits and the KL", () => Lesson07Checks.NegativeElbo((x, logits, kl, beta) => L07NegativeElbo(x, logits, kl.detach(), beta))),
            Attempt.Stub(() => Lesson07Checks.NegativeElbo((x, logits, kl, beta) => throw new NotImplementedException())),
        ],
        ["07.4"] =
        [
            Attempt.Right("copy the code into each row, then set the latent", () => Lesson07Checks.TraversalCodes(L07Traverse)),
            Attempt.Right("LINQ rows from clones of the code", () => Lesson07Checks.TraversalCodes((code, latent, values) =>
                Matrix.FromRows(values.Select(v => { var row = (double[])code.Clone(); row[latent] = v; return row; }).ToArray()))),
            Attempt.Right("flat storage with CopyTo", () => Lesson07Checks.TraversalCodes((code, latent, values) =>
            {
                var z = new Matrix(values.Length, code.Length);
                for (int s = 0; s < values.Length; s++)
                {
                    code.CopyTo(z.Data, s * code.Length);
                    z.Data[s * code.Length + latent] = values[s];
                }
                return z;
            })),
            Attempt.Wrong("other latents left at 0", "a traversal keeps every other latent", () => Lesson07Checks.TraversalCodes((code, latent, values) =>
            {
                var z = new Matrix(values.Length, code.Length);
                for (int s = 0; s < values.Length; s++) z[s, latent] = values[s];
                return z;
            })),
            Attempt.Wrong("one column per value (transposed)", "return one row per value", () => Lesson07Checks.TraversalCodes((code, latent, values) =>
            {
                var z = new Matrix(code.Length, values.Length);
                for (int s = 0; s < values.Length; s++)
                {
                    for (int j = 0; j < code.Length; j++) z[j, s] = code[j];
                    z[latent, s] = values[s];
                }
                return z;
            })),
            Attempt.Wrong("adds the value to the latent instead of setting it", "it holds -1.2", () => Lesson07Checks.TraversalCodes((code, latent, values) =>
            {
                var z = L07Traverse(code, latent, values);
                for (int s = 0; s < values.Length; s++) z[s, latent] = code[latent] + values[s];
                return z;
            })),
            Attempt.Wrong("off by one: sets the next latent", "should set latent 2 to the value -2", () => Lesson07Checks.TraversalCodes((code, latent, values) => L07Traverse(code, latent + 1, values))),
            Attempt.Wrong("every row shares one array (all get the last value)", "it holds 2.", () => Lesson07Checks.TraversalCodes((code, latent, values) =>
            {
                var rows = new List<double[]>();
                foreach (double v in values) { code[latent] = v; rows.Add(code); }
                return Matrix.FromRows(rows);
            })),
            Attempt.Wrong("returns null", "you returned null", () => Lesson07Checks.TraversalCodes((code, latent, values) => null!)),
            Attempt.Stub(() => Lesson07Checks.TraversalCodes((code, latent, values) => throw new NotImplementedException())),
        ],
        ["07.5"] =
        [
            Attempt.Right("logsumexp of the log-weights minus log K", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) => L07LogLikelihood(x, mu, lv, eps, dec))),
            Attempt.Right("log-densities of Normal written with the standard deviation, max trick by hand", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
            {
                var sigma = lv.mul(0.5).exp();
                var z = mu.unsqueeze(0) + sigma.unsqueeze(0) * eps;
                var logits = dec(z.flatten(0, 1)).unflatten(0, [eps.shape[0], eps.shape[1]]);
                var logPx = (x * nn.functional.logsigmoid(logits) + (1 - x) * nn.functional.logsigmoid(-logits)).sum([2L]);
                var logPz = (-0.5 * z.square() - 0.5 * Math.Log(2 * Math.PI)).sum([2L]);
                var logQ = (-0.5 * ((z - mu) / sigma).square() - sigma.log() - 0.5 * Math.Log(2 * Math.PI)).sum([2L]);
                var w = logPx + logPz - logQ;
                var top = w.max(0).values;
                return top + (w - top).exp().mean([0L]).log();
            })),
            Attempt.Right("one draw at a time in a loop, stacked", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
            {
                var weights = new List<Tensor>();
                for (long s = 0; s < eps.shape[0]; s++)
                {
                    var e = eps[s];
                    var z = mu + (0.5 * lv).exp() * e;
                    var logPx = -nn.functional.binary_cross_entropy_with_logits(dec(z), x, reduction: nn.Reduction.None).sum([1L]);
                    weights.Add(logPx - 0.5 * z.square().sum([1L]) + 0.5 * (e.square() + lv).sum([1L]));
                }
                return stack(weights).logsumexp(0) - Math.Log(eps.shape[0]);
            })),
            Attempt.Wrong("the mean of the log-weights (the ELBO's estimate)", "That is the mean of the log-weights", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) => L07LogWeights(x, mu, lv, eps, dec).mean([0L]))),
            Attempt.Wrong("log K not subtracted", "Subtract log K", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) => L07LogWeights(x, mu, lv, eps, dec).logsumexp(0))),
            Attempt.Wrong("log q without its log σ² term", "includes −½ Σ log σ²", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
                L07LogLikelihood(x, mu, lv, eps, dec) - 0.5 * lv.sum([1L]))),
            Attempt.Wrong("no prior term", "Add log p(z)", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
            {
                var z = mu + (0.5 * lv).exp() * eps;
                var w = L07LogWeights(x, mu, lv, eps, dec) + 0.5 * (z.square() + Math.Log(2 * Math.PI)).sum([2L]);
                return w.logsumexp(0) - Math.Log(eps.shape[0]);
            })),
            Attempt.Wrong("σ taken as exp(log σ²)", "σ is exp(½ log σ²)", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
                L07LogLikelihood(x, mu, lv, eps, dec, sigmaPower: 1))),
            Attempt.Wrong("logsumexp over the samples", "Take logsumexp over the draws", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
                L07LogWeights(x, mu, lv, eps, dec).logsumexp(1) - Math.Log(eps.shape[0]))),
            Attempt.Wrong("the posterior mean instead of draws", "the estimates are", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
                L07LogLikelihood(x, mu, lv, zeros_like(eps), dec))),
            Attempt.Wrong("the kit's Vae.ImportanceLogLikelihood", "calls the kit's", () => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) =>
                Course.Neural.Vae.ImportanceLogLikelihood(x, mu, lv, eps, dec))),
            Attempt.Stub(() => Lesson07Checks.ImportanceLogLikelihood((x, mu, lv, eps, dec) => throw new NotImplementedException())),
        ],
    };

    // The log-weights log p(x | z) + log p(z) − log q(z | x) of each draw, K x n.
    private static Tensor L07LogWeights(Tensor x, Tensor mu, Tensor lv, Tensor eps, Func<Tensor, Tensor> dec, double sigmaPower = 0.5)
    {
        var z = mu + (sigmaPower * lv).exp() * eps;
        var logits = dec(z.reshape(eps.shape[0] * eps.shape[1], -1)).reshape(eps.shape[0], eps.shape[1], -1);
        var logPx = -nn.functional.binary_cross_entropy_with_logits(logits, x.expand_as(logits), reduction: nn.Reduction.None).sum([2L]);
        return logPx - 0.5 * (z.square() + Math.Log(2 * Math.PI)).sum([2L]) + 0.5 * (eps.square() + lv + Math.Log(2 * Math.PI)).sum([2L]);
    }

    private static Tensor L07LogLikelihood(Tensor x, Tensor mu, Tensor lv, Tensor eps, Func<Tensor, Tensor> dec, double sigmaPower = 0.5) =>
        L07LogWeights(x, mu, lv, eps, dec, sigmaPower).logsumexp(0) - Math.Log(eps.shape[0]);

    private static Tensor L07Reparameterise(Tensor mean, Tensor logVar, Generator g) => mean + (0.5 * logVar).exp() * randn(mean.shape, generator: g);

    private static Tensor L07Kl(Tensor mean, Tensor logVar) => 0.5 * (mean.square() + logVar.exp() - 1 - logVar).sum([1L]);

    private static Tensor L07NegativeElbo(Tensor x, Tensor logits, Tensor kl, double beta) =>
        (nn.functional.binary_cross_entropy_with_logits(logits, x, reduction: nn.Reduction.None).sum([1L]) + beta * kl).mean();

    private static Matrix L07Traverse(double[] code, int latent, double[] values)
    {
        var z = new Matrix(values.Length, code.Length);
        for (int s = 0; s < values.Length; s++)
        {
            for (int j = 0; j < code.Length; j++) z[s, j] = code[j];
            z[s, latent] = values[s];
        }
        return z;
    }
}
