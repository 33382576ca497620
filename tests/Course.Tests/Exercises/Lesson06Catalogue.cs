using Course.Exercises;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson06 => new Dictionary<string, Attempt[]>
    {
        ["06.1"] =
        [
            Attempt.Right("square and mean", () => Lesson06Checks.ReconstructionLoss((x, r) => (x - r).square().mean())),
            Attempt.Right("nn.functional.mse_loss with the arguments either way", () => Lesson06Checks.ReconstructionLoss((x, r) => nn.functional.mse_loss(r, x))),
            Attempt.Right("pow(2), sum, divided by numel", () => Lesson06Checks.ReconstructionLoss((x, r) => (r - x).pow(2).sum() / x.numel())),
            Attempt.Wrong("sum instead of mean", "That is the sum", () => Lesson06Checks.ReconstructionLoss((x, r) => (x - r).square().sum())),
            Attempt.Wrong("mean over rows of each row's sum", "divided by the rows (5) only", () => Lesson06Checks.ReconstructionLoss((x, r) => (x - r).square().sum(1).mean())),
            Attempt.Wrong("root mean squared error", "No square root", () => Lesson06Checks.ReconstructionLoss((x, r) => (x - r).square().mean().sqrt())),
            Attempt.Wrong("mean absolute error (forgot to square)", "Square the differences", () => Lesson06Checks.ReconstructionLoss((x, r) => (x - r).abs().mean())),
            Attempt.Wrong("first row only", "first row's error only", () => Lesson06Checks.ReconstructionLoss((x, r) => (x[0] - r[0]).square().mean())),
            Attempt.Wrong("mean over one dimension only (a vector)", "single number", () => Lesson06Checks.ReconstructionLoss((x, r) => (x - r).square().mean([1L]))),
            Attempt.Wrong(".item() wrapped in a new tensor (cut from the graph)", "cut off from the autograd graph", () => Lesson06Checks.ReconstructionLoss((x, r) => tensor((x - r).square().mean().item<double>()))),
            Attempt.Wrong("detached reconstruction", "cut off from the autograd graph", () => Lesson06Checks.ReconstructionLoss((x, r) => (x - r.detach()).square().mean())),
            Attempt.Stub(() => Lesson06Checks.ReconstructionLoss((x, r) => throw new NotImplementedException())),
        ],
        ["06.2"] =
        [
            Attempt.Right("zero_grad, mse_loss, backward, step", () => Lesson06Checks.TrainingStep(L06Step)),
            Attempt.Right("loss written out, zero_grad on the model, value read before the step", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                model.train();
                model.zero_grad();
                var loss = (model.forward(input) - target).pow(2).mean();
                double value = loss.to(ScalarType.Float64).item<double>();
                loss.backward();
                optimizer.step();
                return value;
            })),
            Attempt.Right("zero_grad after the step (ready for the next one)", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                if (model.parameters().Any(p => p.grad is not null)) optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(input), target);
                loss.backward();
                optimizer.step();
                optimizer.zero_grad();
                return loss.item<float>();
            })),
            Attempt.Wrong("forgot zero_grad (gradients accumulate)", "call optimizer.zero_grad() at the start of every step", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                var loss = nn.functional.mse_loss(model.forward(input), target);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("forgot optimizer.step()", "the weights did not change", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(input), target);
                loss.backward();
                return loss.item<float>();
            })),
            Attempt.Wrong("step before backward", "backward first", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(input), target);
                optimizer.step();
                loss.backward();
                return loss.item<float>();
            })),
            Attempt.Wrong("scores the output against the input (no denoising)", "score it against target", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) => L06Step(model, optimizer, input, input))),
            Attempt.Wrong("sum of squared errors", "minimise their mean", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                optimizer.zero_grad();
                var loss = (model.forward(input) - target).square().sum();
                loss.backward();
                optimizer.step();
                return loss.item<float>() / input.numel();
            })),
            Attempt.Wrong("returns the loss recomputed after the step", "That is the loss after the step", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                L06Step(model, optimizer, input, target);
                using (no_grad()) return nn.functional.mse_loss(model.forward(input), target).item<float>();
            })),
            Attempt.Wrong("reads a float32 loss with item<double>()", "read it with loss.item<float>()", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) =>
            {
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(input), target);
                loss.backward();
                optimizer.step();
                return loss.item<double>();
            })),
            Attempt.Wrong("its own Adam optimiser", "use the model and the optimizer you are given", () => Lesson06Checks.TrainingStep((model, optimizer, input, target) => L06Step(model, optim.Adam(model.parameters()), input, target))),
            Attempt.Stub(() => Lesson06Checks.TrainingStep((model, optimizer, input, target) => throw new NotImplementedException())),
        ],
        ["06.3"] =
        [
            Attempt.Right("rand below p, masked_fill", () => Lesson06Checks.MaskingNoise(L06Mask)),
            Attempt.Right("multiply by the keep mask (rand at least p)", () => Lesson06Checks.MaskingNoise((x, p, g) => x * (rand(x.shape, generator: g) >= p).to(x.dtype))),
            Attempt.Right("torch.where on a Bernoulli draw", () => Lesson06Checks.MaskingNoise((x, p, g) => where(bernoulli(full(x.shape, p, x.dtype), g) == 1, zeros_like(x), x))),
            Attempt.Wrong("masked_fill_ changes x in place", "do not change x", () => Lesson06Checks.MaskingNoise((x, p, g) => x.masked_fill_(rand(x.shape, generator: g) < p, 0))),
            // Passed the old check on matrices (the unseeded-generator hole, issue 16), here drawn from libtorch's global generator.
            Attempt.Wrong("global generator instead of the one given", "draw the mask from the generator you are given", () => Lesson06Checks.MaskingNoise((x, p, g) => x.masked_fill(rand(x.shape) < p, 0))),
            Attempt.Wrong("a new generator with a fixed seed", "generators with different seeds gave the same mask", () => Lesson06Checks.MaskingNoise((x, p, g) => L06Mask(x, p, new Generator(42)))),
            Attempt.Wrong("zeroes with probability 1 − p", "p is the probability of zeroing an entry", () => Lesson06Checks.MaskingNoise((x, p, g) => x.masked_fill(rand(x.shape, generator: g) >= p, 0))),
            Attempt.Wrong("inverted-dropout rescaling of the kept entries", "no rescaling by 1 / (1 − p)", () => Lesson06Checks.MaskingNoise((x, p, g) => nn.functional.dropout(x, p, true))),
            Attempt.Wrong("Gaussian noise instead of masking", "masking keeps or zeroes", () => Lesson06Checks.MaskingNoise((x, p, g) => x + p * randn(x.shape, x.dtype, generator: g))),
            Attempt.Wrong("a double-precision result", "keep x's type", () => Lesson06Checks.MaskingNoise((x, p, g) => L06Mask(x, p, g).to(ScalarType.Float64))),
            Attempt.Stub(() => Lesson06Checks.MaskingNoise((x, p, g) => throw new NotImplementedException())),
        ],
        ["06.4"] =
        [
            Attempt.Right("mean over dimension 0, both terms, sum", () => Lesson06Checks.KlSparsity(L06Kl)),
            Attempt.Right("differences of logarithms", () => Lesson06Checks.KlSparsity((codes, rho) =>
            {
                var rhoHat = codes.mean([0L]);
                return (rho * (Math.Log(rho) - rhoHat.log()) + (1 - rho) * (Math.Log(1 - rho) - (1 - rhoHat).log())).sum();
            })),
            Attempt.Right("clamped ρ̂ and the binary cross-entropy form", () => Lesson06Checks.KlSparsity((codes, rho) =>
            {
                var rhoHat = codes.mean([0L], keepdim: true).clamp(1e-6, 1 - 1e-6);
                var entropy = rho * Math.Log(rho) + (1 - rho) * Math.Log(1 - rho);
                return (entropy - rho * rhoHat.log() - (1 - rho) * (1 - rhoHat).log()).sum();
            })),
            Attempt.Wrong("arguments swapped: KL(ρ̂ ‖ ρ)", "The arguments are swapped", () => Lesson06Checks.KlSparsity((codes, rho) =>
            {
                var h = codes.mean([0L]);
                return (h * (h / rho).log() + (1 - h) * ((1 - h) / (1 - rho)).log()).sum();
            })),
            // The lesson's old formula put the second term outside the sum; the check names the missing term.
            Attempt.Wrong("dropped the (1 − ρ) term", "Add the second term", () => Lesson06Checks.KlSparsity((codes, rho) => (rho * (rho / codes.mean([0L])).log()).sum())),
            Attempt.Wrong("ρ̂ as each sample's mean over its units (wrong axis)", "not each sample's mean over its units", () => Lesson06Checks.KlSparsity((codes, rho) => L06KlOf(codes.mean([1L]), rho))),
            Attempt.Wrong("KL of every activation, averaged over the batch", "Average the activations first", () => Lesson06Checks.KlSparsity((codes, rho) => L06KlOf(codes, rho) / codes.shape[0])),
            Attempt.Wrong("mean over units instead of sum", "Sum the divergence over the units", () => Lesson06Checks.KlSparsity((codes, rho) => L06Kl(codes, rho) / codes.shape[1])),
            Attempt.Wrong("ratios upside down (negative KL)", "never negative", () => Lesson06Checks.KlSparsity((codes, rho) => -L06Kl(codes, rho))),
            // The 06.4 hole a review found: no test had a unit below the target, so clamping ρ̂ there passed.
            Attempt.Wrong("ρ̂ clamped to [0.05, 0.95]", "the penalty is", () => Lesson06Checks.KlSparsity((codes, rho) =>
            {
                var rhoHat = codes.mean([0L]).clamp(0.05, 0.95);
                return (rho * (rho / rhoHat).log() + (1 - rho) * ((1 - rho) / (1 - rhoHat)).log()).sum();
            })),
            Attempt.Wrong("computed on detached codes", "cut off from the autograd graph", () => Lesson06Checks.KlSparsity((codes, rho) => L06Kl(codes.detach(), rho))),
            Attempt.Stub(() => Lesson06Checks.KlSparsity((codes, rho) => throw new NotImplementedException())),
        ],
        // The first case: positives [0.91, 0.35, 0.7, 0.35], negatives [0.12, 0.35, 0.8, 0.2, 0.5]; AUC 0.7 (13 of 20
        // pairs won, 2 tied). Every wrong entry fails there.
        ["06.5"] =
        [
            Attempt.Right("every pair: wins plus half the ties, over p·n", () => Lesson06Checks.Auc((positive, scores) => L06Auc(positive, scores))),
            Attempt.Right("Mann–Whitney from average ranks", () => Lesson06Checks.Auc((positive, scores) =>
            {
                int n = scores.Length, p = positive.Count(b => b);
                var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
                var rank = new double[n];
                for (int start = 0; start < n;)
                {
                    int end = start;
                    while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) end++;
                    for (int k = start; k <= end; k++) rank[order[k]] = (start + end) / 2.0 + 1;
                    start = end + 1;
                }
                double rankSum = Enumerable.Range(0, n).Where(i => positive[i]).Sum(i => rank[i]);
                return (rankSum - p * (p + 1) / 2.0) / (p * (double)(n - p));
            })),
            Attempt.Right("the ROC curve's trapezoids, thresholds from the top, ties moving both rates", () => Lesson06Checks.Auc((positive, scores) =>
            {
                int p = positive.Count(b => b), q = positive.Length - p;
                double area = 0, x = 0, y = 0;
                foreach (var group in Enumerable.Range(0, scores.Length).GroupBy(i => scores[i]).OrderByDescending(g => g.Key))
                {
                    double nx = x + group.Count(i => !positive[i]) / (double)q, ny = y + group.Count(i => positive[i]) / (double)p;
                    area += (nx - x) * (ny + y) / 2;
                    (x, y) = (nx, ny);
                }
                return area;
            })),
            Attempt.Wrong("reversed: the share of pairs the negative wins", "a higher score should mean positive", () => Lesson06Checks.Auc((positive, scores) => 1 - L06Auc(positive, scores))),
            Attempt.Wrong("ties count as wins (≥)", "not a whole one", () => Lesson06Checks.Auc((positive, scores) => L06Auc(positive, scores, tie: 1))),
            Attempt.Wrong("ties count as nothing (>)", "not nothing", () => Lesson06Checks.Auc((positive, scores) => L06Auc(positive, scores, tie: 0))),
            Attempt.Wrong("divides by n² instead of the pairs", "Divide by the number of (positive, negative) pairs, 4 x 5 = 20", () => Lesson06Checks.Auc((positive, scores) =>
                L06Auc(positive, scores) * positive.Count(b => b) * positive.Count(b => !b) / Math.Pow(scores.Length, 2))),
            Attempt.Wrong("the rank sum over p·n, without subtracting p(p + 1) / 2", "subtract p(p + 1) / 2 = 10", () => Lesson06Checks.Auc((positive, scores) =>
            {
                double p = positive.Count(b => b), q = positive.Length - p;
                return (L06Auc(positive, scores) * p * q + p * (p + 1) / 2) / (p * q);
            })),
            Attempt.Wrong("ordinal ranks: tied scores ranked by position", "Compare every positive's score with every negative's", () => Lesson06Checks.Auc((positive, scores) =>
            {
                int n = scores.Length, p = positive.Count(b => b);
                var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
                double rankSum = Enumerable.Range(0, n).Where(i => positive[order[i]]).Sum(i => i + 1.0);
                return (rankSum - p * (p + 1) / 2.0) / (p * (double)(n - p));
            })),
            Attempt.Wrong("accuracy at a threshold of 0.5", "the AUC is 0.7 (13 pairs won and 2 tied of 20)", () => Lesson06Checks.Auc((positive, scores) =>
                Enumerable.Range(0, scores.Length).Average(i => (scores[i] > 0.5) == positive[i] ? 1.0 : 0.0))),
            Attempt.Wrong("calls the library's RocCurve", "calls the kit's RocCurve.Compute", () => Lesson06Checks.Auc((positive, scores) => global::Course.Metrics.RocCurve.Auc(positive, scores))),
            Attempt.Stub(() => Lesson06Checks.Auc((positive, scores) => throw new NotImplementedException())),
        ],
    };

    private static double L06Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor input, Tensor target)
    {
        optimizer.zero_grad();
        var loss = nn.functional.mse_loss(model.forward(input), target);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    private static Tensor L06Mask(Tensor x, double p, Generator generator) => x.masked_fill(rand(x.shape, generator: generator) < p, 0);

    private static Tensor L06KlOf(Tensor rhoHat, double rho) => (rho * (rho / rhoHat).log() + (1 - rho) * ((1 - rho) / (1 - rhoHat)).log()).sum();

    private static Tensor L06Kl(Tensor codes, double rho) => L06KlOf(codes.mean([0L]), rho);

    // Every (positive, negative) pair: a win counts 1, a tie counts tie (the right rule is ½).
    private static double L06Auc(bool[] positive, double[] scores, double tie = 0.5)
    {
        var pos = scores.Where((_, i) => positive[i]).ToArray();
        var neg = scores.Where((_, i) => !positive[i]).ToArray();
        return pos.Sum(a => neg.Sum(b => a > b ? 1 : a == b ? tie : 0)) / (pos.Length * (double)neg.Length);
    }
}
