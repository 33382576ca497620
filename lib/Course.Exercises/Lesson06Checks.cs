using TorchSharp;
using static Course.Exercises.CheckTensors;
using static Course.Exercises.Exercise;
using Course.Grading;
using static Course.Grading.SeededTensors;
using static TorchSharp.torch;

namespace Course.Exercises;

/// <summary>Checks for lesson 06 (autoencoders), on TorchSharp tensors: losses in float64 so the comparisons can be
/// tight (the training step in float32, as the lessons train), gradients checked through <c>backward()</c>, and every expected value computed before the learner's code runs.</summary>
public static class Lesson06Checks
{
    /// <summary>06.1 The reconstruction loss: the mean over all entries of (x − r)², a scalar tensor whose gradient reaches r.</summary>
    public static ExerciseResult ReconstructionLoss(Func<Tensor, Tensor, Tensor> loss) => Check("06.1", "the reconstruction loss", ref loss, () =>
    {
        using var scope = NewDisposeScope();
        var rng = new Random(6061);
        var x = Uniform(rng, [5, 7], 0, 1);
        var r = Uniform(rng, [5, 7], 0, 1);
        double[] xs = Values(x), rs = Values(r);
        int n = xs.Length;
        double sum = xs.Zip(rs, (a, b) => (a - b) * (a - b)).Sum(), expected = sum / n;
        double mae = xs.Zip(rs, (a, b) => Math.Abs(a - b)).Average();
        double firstRow = Enumerable.Range(0, 7).Average(j => (xs[j] - rs[j]) * (xs[j] - rs[j]));
        var gradient = rs.Zip(xs, (b, a) => 2 * (b - a) / n).ToArray();
        var given = r.clone().requires_grad_(true);
        var got = loss(x.clone(), given);
        if (ScalarWithGradient(got, "reconstruction loss") is string problem) return problem;
        double value = got.to(ScalarType.Float64).item<double>();
        if (Math.Abs(value - expected) > 1e-9 * Math.Max(1, expected))
        {
            string values = $"for these 5 x 7 tensors the mean squared error is {F(expected)}; you returned {F(value)}.";
            bool Near(double v) => Math.Abs(value - v) <= 1e-9 * Math.Max(1, Math.Abs(v));
            return values + (Near(sum) ? " That is the sum: take the mean over all 35 entries (.mean() or nn.functional.mse_loss)." :
                Near(sum / 5) ? " You divided by the rows (5) only: the mean is over every entry (35)." :
                Near(sum / 7) ? " You divided by the columns (7) only: the mean is over every entry (35)." :
                Near(Math.Sqrt(expected)) ? " No square root: it is the mean of the squares." :
                Near(mae) ? " Square the differences: that is the mean absolute error." :
                Near(firstRow) ? " That is the first row's error only: average over every row too." : "");
        }
        Backward(got);
        if (given.grad is null || !RelativelyClose(Values(given.grad), gradient, 1e-9))
            return "the value is right, but backward() does not give the gradient 2 (r − x) / 35 with respect to r: compute the loss from r itself with tensor operations.";
        return null;
    });

    /// <summary>06.2 One training step: zero the gradients, compute the mean squared error of model(input) against
    /// target, backpropagate, step the optimiser, and return the loss (before the step).</summary>
    public static ExerciseResult TrainingStep(Func<nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, Tensor, double> step) => Check("06.2", "one training step", ref step, () =>
    {
        using var scope = NewDisposeScope();
        const int Width = 7, Hidden = 4, NetworkSeed = 6062;
        var rng = new Random(60621);
        var batches = Enumerable.Range(0, 2).Select(_ => (Input: Uniform(rng, [6, Width], 0, 1, ScalarType.Float32), Target: Uniform(rng, [6, Width], 0, 1, ScalarType.Float32))).ToArray();

        // In float32, as the lessons train, so the learner reads the loss with item<float>(); tolerances allow for a
        // loss written differently from the reference's. Reference runs (plain SGD, whose update shows the gradient's scale, unlike Adam's) and the runs of the
        // mistakes the hints recognise, all before the learner's code runs. Each records the loss it stepped on and
        // the loss of the same batch after the step.
        double[] Run(Func<CheckNetwork, Tensor, Tensor, Tensor> lossOf, int steps, bool zeroGrad, out double[] before, out double[] after)
        {
            var network = new CheckNetwork(Width, Hidden, NetworkSeed);
            var optimizer = optim.SGD(network.parameters(), 0.5);
            before = new double[steps]; after = new double[steps];
            for (int s = 0; s < steps; s++)
            {
                if (zeroGrad || s == 0) optimizer.zero_grad();
                var loss = lossOf(network, batches[s].Input, batches[s].Target);
                loss.backward();
                optimizer.step();
                before[s] = loss.item<float>();
                using (no_grad()) after[s] = lossOf(network, batches[s].Input, batches[s].Target).item<float>();
            }
            return network.Weights();
        }
        static Tensor Right(CheckNetwork m, Tensor input, Tensor target) => nn.functional.mse_loss(m.forward(input), target);
        var initial = new CheckNetwork(Width, Hidden, NetworkSeed).Weights();
        var afterOne = Run(Right, 1, true, out _, out _);
        var afterTwo = Run(Right, 2, true, out var losses, out var lossesAfter);
        var againstInput = Run((m, input, _) => nn.functional.mse_loss(m.forward(input), input), 1, true, out var inputLosses, out _);
        var bySum = Run((m, input, target) => (m.forward(input) - target).square().sum(), 1, true, out _, out _);
        var reference = new StepReference(initial, afterOne, afterTwo, Run(Right, 2, false, out _, out _));

        var network = new CheckNetwork(Width, Hidden, NetworkSeed);
        var optimizer = optim.SGD(network.parameters(), 0.5);
        for (int s = 0; s < 2; s++)
        {
            var (input, target) = batches[s];
            double[] inputValues = Values(input), targetValues = Values(target);
            var result = RunStep(() => step(network, optimizer, input, target), out var problem);
            if (problem is not null) return problem;
            double got = result!.Value;
            if (!Values(input).SequenceEqual(inputValues) || !Values(target).SequenceEqual(targetValues))
                return "do not change input or target: the step only updates the model's weights.";
            string which = s == 0 ? "one step" : "a second step (on a new batch)";
            if (WrongWeights(s, network.Weights(), reference,
                    "the weights did not change: after computing the loss call loss.backward(), then optimizer.step() (backward first: step uses the gradients that backward stores).",
                    [(againstInput, "the step compares the model's output with its input: score it against target (in a denoising autoencoder the input is the corrupted batch and the target the clean one)."),
                     (bySum, "the step minimised the sum of the squared errors: minimise their mean (nn.functional.mse_loss, or .mean()), whose gradient does not grow with the batch.")],
                    "the first step was right, the second was not: call optimizer.zero_grad() at the start of every step, or the gradients of earlier batches add up.",
                    w => $"after {w} with plain SGD (learning rate 0.5) the weights differ from the reference's: use the model and the optimizer you are given, and call zero_grad, backward and step once each per step.") is string wrong)
                return wrong;
            if (Math.Abs(got - losses[s]) > 1e-6)
                return $"the weights are right, but the batch's loss before {which} is {F(losses[s])} and you returned {F(got)}."
                    + (Math.Abs(got - lossesAfter[s]) <= 1e-6 ? " That is the loss after the step: return the one you called backward() on." :
                       s == 0 && Math.Abs(got - inputLosses[0]) <= 1e-6 ? " That is the error against the input: return the loss against target." :
                       " Return the value of the loss you called backward() on (loss.item<float>()).");
        }
        return null;
    });

    /// <summary>06.3 Masking noise on a tensor: each entry set to 0 with probability p, drawn from the given generator,
    /// the others unchanged, and x itself untouched.</summary>
    public static ExerciseResult MaskingNoise(Func<Tensor, double, Generator, Tensor> mask)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(6063);
        // 30,000 entries, none of them 0: a masked entry is unmistakable and the zeroed fraction is within ±0.01 of p
        // with overwhelming probability (its standard deviation is at most 0.003).
        var x = Uniform(rng, [120, 250], 0.05, 1, ScalarType.Float32);
        var original = Values(x);
        return CheckCases("06.3", "masking noise", ref mask, new[] { (0.3, 60631UL), (0.75, 60632UL), (0.0, 60633UL) }, one =>
        {
            var (p, seed) = one;
            Tensor Draw(ulong s)
            {
                using var generator = new Generator(s);
                return mask(x, p, generator);
            }
            var got = Draw(seed);
            if (got is null) return "return the corrupted tensor; you returned null.";
            if (!got.shape.SequenceEqual(x.shape)) return $"return a tensor shaped like x, {Shape(x)}; yours has shape {Shape(got)}.";
            if (got.dtype != x.dtype) return $"keep x's type ({x.dtype}); yours is {got.dtype}.";
            if (!Values(x).SequenceEqual(original))
                return "do not change x: return a corrupted copy (methods ending in an underscore, such as mul_ or masked_fill_, change x in place).";
            var values = Values(got);
            int zeroed = 0;
            for (int k = 0; k < values.Length; k++)
            {
                if (values[k] == 0) { zeroed++; continue; }
                if (values[k] != original[k])
                    return $"entry {k} is {F(values[k])}, neither its value {F(original[k])} nor 0: masking keeps or zeroes (no rescaling by 1 / (1 − p) as dropout does, no added noise).";
            }
            double fraction = zeroed / (double)values.Length;
            if (Math.Abs(fraction - p) > 0.01)
                return $"with p = {F(p)} about {F(p * 100)}% of the entries should be 0; {F(fraction * 100)}% are."
                    + (Math.Abs(fraction - (1 - p)) <= 0.01 ? " p is the probability of zeroing an entry, not of keeping it." : "");
            if (p == 0) return null;
            if (!Values(Draw(seed)).SequenceEqual(values))
                return "two generators with the same seed gave different masks: draw the mask from the generator you are given (torch.rand(x.shape, generator: generator)), not from the global one, so a seed reproduces it.";
            if (Values(Draw(seed + 100)).SequenceEqual(values))
                return "generators with different seeds gave the same mask: draw from the generator you are given, not from a new one with a fixed seed.";
            return null;
        });
    }

    /// <summary>06.4 The KL sparsity penalty Σⱼ KL(ρ ‖ ρ̂ⱼ) of a batch of codes (n x k, each in (0, 1)), ρ̂ⱼ the mean
    /// activation of unit j over the batch, as a scalar tensor whose gradient reaches the codes.</summary>
    public static ExerciseResult KlSparsity(Func<Tensor, double, Tensor> penalty)
    {
        using var scope = NewDisposeScope();
        var rng = new Random(6064);
        // The third batch is the sparse case the penalty is for: every unit's mean activation lies below ρ (a penalty
        // that clamps ρ̂ to [0.05, 0.95], or only punishes units above the target, gets it wrong).
        return CheckCases("06.4", "the KL sparsity penalty", ref penalty, new[] { (9, 5, 0.01, 0.6, 0.05), (4, 3, 0.2, 0.95, 0.1), (8, 4, 0.001, 0.07, 0.05) }, one =>
        {
            var (rows, units, low, high, rho) = one;
            var codes = Uniform(rng, [rows, units], low, high);
            var z = Values(codes);
            static double Kl(double a, double b) => a * Math.Log(a / b) + (1 - a) * Math.Log((1 - a) / (1 - b));
            var unitMeans = Enumerable.Range(0, units).Select(j => Enumerable.Range(0, rows).Average(i => z[i * units + j])).ToArray();
            var sampleMeans = Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, units).Average(j => z[i * units + j])).ToArray();
            double expected = unitMeans.Sum(h => Kl(rho, h));
            double swapped = unitMeans.Sum(h => Kl(h, rho));
            double firstTerm = unitMeans.Sum(h => rho * Math.Log(rho / h));
            double wrongAxis = sampleMeans.Sum(h => Kl(rho, h));
            double perActivation = z.Sum(v => Kl(rho, v)) / rows;
            var gradient = z.Select((_, k) => (-rho / unitMeans[k % units] + (1 - rho) / (1 - unitMeans[k % units])) / rows).ToArray();

            var given = codes.clone().requires_grad_(true);
            var got = penalty(given, rho);
            if (ScalarWithGradient(got, "penalty") is string problem) return problem;
            double value = got.to(ScalarType.Float64).item<double>();
            if (Math.Abs(value - expected) > 1e-9 * Math.Max(1, expected))
            {
                bool Near(double v) => Math.Abs(value - v) <= 1e-9 * Math.Max(1, Math.Abs(v));
                string values = $"for a batch of {rows} codes of {units} units (ρ̂ = [{List(unitMeans)}]) and ρ = {F(rho)} the penalty is {F(expected)}; you returned {F(value)}.";
                return values + (Near(swapped) ? " The arguments are swapped: KL(ρ ‖ ρ̂ⱼ), the target first." :
                    Near(firstTerm) ? " Add the second term (1 − ρ) log((1 − ρ) / (1 − ρ̂ⱼ)): a unit's KL has one term for firing and one for staying silent." :
                    Near(wrongAxis) ? " ρ̂ⱼ is unit j's mean over the batch (dimension 0, the rows), not each sample's mean over its units." :
                    Near(perActivation) ? " Average the activations first (ρ̂ⱼ = mean over the batch), then take one KL per unit: the KL of each activation, averaged, is a different and larger number." :
                    Near(expected / units) ? " Sum the divergence over the units instead of averaging it." :
                    value < 0 ? " A KL divergence is never negative: check which way up each ratio is, ρ over ρ̂ⱼ." : "");
            }
            Backward(got);
            if (given.grad is null || !RelativelyClose(Values(given.grad), gradient, 1e-9))
                return "the value is right, but backward() does not give the penalty's gradient with respect to the codes: compute it from the codes with tensor operations.";
            return null;
        });
    }
    // 06.5's cases: scores of positives and negatives, with ties across the classes (which count half) and within
    // them, asymmetric so a reversed ranking or a wrong tie rule gives another number; the last ranks worse than chance.
    private static readonly (bool[] Positive, double[] Scores)[] AucCases =
    [
        ([true, false, true, false, false, true, false, true, false],
         [0.91, 0.12, 0.35, 0.35, 0.8, 0.7, 0.2, 0.35, 0.5]),
        ([false, true, false, false, true, false, true, false, false, false, true, false],
         [2.5, 3.1, 0.4, 3.1, 1.7, 2.2, 0.9, 1.7, 3.6, 0.1, 2.5, 1.1]),
        ([true, true, false, true, false, false, true],
         [0.2, 0.05, 0.6, 0.3, 0.3, 0.9, 0.1]),
    ];

    /// <summary>06.5 The area under the ROC curve as a probability: over every (positive, negative) pair, the share in
    /// which the positive scores higher, ties counting half (the Mann–Whitney statistic over p·n).</summary>
    public static ExerciseResult Auc(Func<bool[], double[], double> auc)
    {
        return CheckCases("06.5", "the area under the ROC curve", ref auc, AucCases, one =>
        {
            var (positive, scores) = one;
            var pos = scores.Where((_, i) => positive[i]).ToArray();
            var neg = scores.Where((_, i) => !positive[i]).ToArray();
            double pairs = pos.Length * (double)neg.Length;
            double wins = pos.Sum(a => neg.Count(b => a > b)), ties = pos.Sum(a => neg.Count(b => a == b));
            double expected = (wins + ties / 2) / pairs;
            double got = auc((bool[])positive.Clone(), (double[])scores.Clone());
            if (Math.Abs(got - expected) <= 1e-12) return null;
            string what = $"for {pos.Length} positives scoring [{List(pos)}] and {neg.Length} negatives scoring [{List(neg)}] the AUC " +
                $"is {F(expected)} ({F(wins)} pairs won and {F(ties)} tied of {F(pairs)}); you returned {F(got)}.";
            bool Near(double v) => Math.Abs(got - v) <= 1e-9;
            int n = scores.Length;
            double rankSum = pos.Sum(a => scores.Count(b => b < a) + (scores.Count(b => b == a) + 1) / 2.0);
            return what + (Near(1 - expected) ? " That is the share of pairs the negative wins: a higher score should mean positive." :
                Near((wins + ties) / pairs) ? " A tie counts half a win, not a whole one." :
                Near(wins / pairs) ? " A tie counts half a win, not nothing." :
                Near((wins + ties / 2) / ((double)n * n)) || Near((wins + ties / 2) / n) || Near((wins + ties / 2) / (n * (n - 1) / 2.0))
                    ? $" Divide by the number of (positive, negative) pairs, {pos.Length} x {neg.Length} = {F(pairs)}." :
                Near(rankSum / pairs) ? $" From the rank sum, subtract p(p + 1) / 2 = {F(pos.Length * (pos.Length + 1) / 2.0)} before dividing by p·n." :
                got < 0 || got > 1 ? " The AUC is a probability, in [0, 1]." :
                " Compare every positive's score with every negative's: count the wins, add half the ties, divide by p·n.");
        }, writeYourself: ["RocCurve.Compute"]);
    }
}
