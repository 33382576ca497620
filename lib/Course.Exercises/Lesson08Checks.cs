using Course.Metrics;
using TorchSharp;
using static Course.Exercises.CheckTensors;
using static Course.Exercises.Exercise;
using Course.Grading;
using static Course.Grading.SeededTensors;
using static TorchSharp.torch;

namespace Course.Exercises;

/// <summary>Checks for lesson 08 (GANs): the two players' training steps, the gradient penalty and the WGAN-GP critic's
/// step on TorchSharp tensors and modules, the Fréchet distance on numbers.</summary>
public static class Lesson08Checks
{
    // The players of checks 08.1 and 08.2: a generator from 3-number codes to 6-value "images" and a discriminator
    // from 6 values to one logit per sample (shape [n], as DcganDiscriminator's), float32, weights from a seeded Random (never libtorch's global generator).
    private const int Latent = 3, Width = 6, BatchSize = 8;
    private static CheckNetwork Generator() => new(Latent, 5, Width, 8081, sigmoid: false);
    private static CheckNetwork Discriminator() => new(Width, 4, 1, 8082, sigmoid: false, squeeze: true);
    private static Tensor Bce(Tensor logits, double label) => nn.functional.binary_cross_entropy_with_logits(logits, full_like(logits, label));

    /// <summary>08.1 One discriminator step of a DCGAN: generate a batch from the codes without letting gradients reach
    /// the generator (detach), binary cross-entropy on the logits with label 1 for real and 0 for generated, summed
    /// over the two batches, then zero_grad, backward and step; returns the loss.</summary>
    public static ExerciseResult DiscriminatorStep(Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, Tensor, double> step) => Check("08.1", "one discriminator step", ref step, () =>
    {
        using var scope = NewDisposeScope();
        var rng = new Random(8083);
        var batches = Enumerable.Range(0, 2).Select(_ => (Real: Uniform(rng, [BatchSize, Width], -1, 1, ScalarType.Float32), Codes: Uniform(rng, [BatchSize, Latent], -2, 2, ScalarType.Float32))).ToArray();
        // The reference and the mistakes the hints recognise, run before the learner's code (plain SGD shows the
        // gradient's scale); each returns the discriminator's weights and the losses it stepped on.
        double[] Reference(Func<Tensor, Tensor, Tensor> lossOf, int steps, bool zeroGrad, out double[] losses)
        {
            var (g, d) = (Generator(), Discriminator());
            var optimizer = optim.SGD(d.parameters(), 0.5);
            losses = new double[steps];
            for (int s = 0; s < steps; s++)
            {
                Tensor fake;
                using (no_grad()) fake = g.forward(batches[s].Codes);
                if (zeroGrad || s == 0) optimizer.zero_grad();
                var loss = lossOf(d.forward(batches[s].Real), d.forward(fake));
                loss.backward();
                optimizer.step();
                losses[s] = loss.item<float>();
            }
            return d.Weights();
        }
        var afterTwo = Reference((r, f) => Bce(r, 1) + Bce(f, 0), 2, true, out var losses);
        var afterOne = Reference((r, f) => Bce(r, 1) + Bce(f, 0), 1, true, out _);
        var swapped = Reference((r, f) => Bce(r, 0) + Bce(f, 1), 1, true, out _);
        var halved = Reference((r, f) => (Bce(r, 1) + Bce(f, 0)) / 2, 1, true, out _);
        var squashed = Reference((r, f) => Bce(r.sigmoid(), 1) + Bce(f.sigmoid(), 0), 1, true, out _);
        var accumulated = Reference((r, f) => Bce(r, 1) + Bce(f, 0), 2, false, out _);
        var initial = Discriminator().Weights();
        var reference = new StepReference(initial, afterOne, afterTwo, accumulated);

        var (generator, discriminator) = (Generator(), Discriminator());
        var generatorWeights = generator.Weights();
        var optimizer = optim.SGD(discriminator.parameters(), 0.5);
        for (int s = 0; s < 2; s++)
        {
            var got = RunStep(() => step(generator, discriminator, optimizer, batches[s].Real, batches[s].Codes), out var problem);
            if (problem is not null) return problem;
            if (generator.parameters().Any(p => p.grad is { } grad && grad.abs().sum().item<float>() > 0))
                return "the discriminator's loss sent gradients into the generator: detach the generated batch (generator.forward(codes).detach(), or generate under torch.no_grad()), so this step trains only the discriminator and leaves no stale gradients for the generator's step.";
            if (!generator.Weights().SequenceEqual(generatorWeights)) return "the generator's weights changed: this step updates only the discriminator, with the optimizer you are given.";
            string which = s == 0 ? "one step" : "a second step (on a new batch)";
            if (WrongWeights(s, discriminator.Weights(), reference, "the discriminator's weights did not change: call loss.backward(), then optimizer.step().",
                    [(swapped, "the labels are swapped: real images are labelled 1 and generated ones 0."),
                     (halved, "the lesson's loss adds the two cross-entropies (real and generated) without halving them."),
                     (squashed, "the discriminator outputs logits and binary_cross_entropy_with_logits applies the sigmoid itself: do not apply it first.")],
                    ZeroGradEveryStep,
                    w => $"after {w} with plain SGD (learning rate 0.5) the discriminator's weights differ from the reference's: binary_cross_entropy_with_logits of D(real) against 1 plus that of D(G(z)) against 0, then zero_grad, backward and step once each.") is string wrong)
                return wrong;
            if (Math.Abs(got!.Value - losses[s]) > 1e-5)
                return $"the weights are right, but the loss of {which} is {F(losses[s])} and you returned {F(got.Value)}: return the loss you called backward() on.";
        }
        return null;
    });

    /// <summary>08.2 One generator step with the non-saturating loss: binary cross-entropy of D(G(z))'s logits against
    /// label 1 (that is, −log D(G(z))), gradients flowing through D into G, then zero_grad, backward and step of the
    /// generator's optimizer; returns the loss.</summary>
    public static ExerciseResult GeneratorStep(Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, double> step) => Check("08.2", "one generator step", ref step, () =>
    {
        using var scope = NewDisposeScope();
        var rng = new Random(8084);
        var codes = Enumerable.Range(0, 2).Select(_ => Uniform(rng, [BatchSize, Latent], -2, 2, ScalarType.Float32)).ToArray();
        double[] Reference(Func<Tensor, Tensor> lossOf, int steps, bool zeroGrad, out double[] losses)
        {
            var (g, d) = (Generator(), Discriminator());
            var optimizer = optim.SGD(g.parameters(), 0.5);
            losses = new double[steps];
            for (int s = 0; s < steps; s++)
            {
                if (zeroGrad || s == 0) optimizer.zero_grad();
                var loss = lossOf(d.forward(g.forward(codes[s])));
                loss.backward();
                optimizer.step();
                losses[s] = loss.item<float>();
            }
            return g.Weights();
        }
        var afterTwo = Reference(scores => Bce(scores, 1), 2, true, out var losses);
        var afterOne = Reference(scores => Bce(scores, 1), 1, true, out _);
        var saturating = Reference(scores => -Bce(scores, 0), 1, true, out _);
        var labelZero = Reference(scores => Bce(scores, 0), 1, true, out _);
        var accumulated = Reference(scores => Bce(scores, 1), 2, false, out _);
        var initial = Generator().Weights();
        var reference = new StepReference(initial, afterOne, afterTwo, accumulated);

        var (generator, discriminator) = (Generator(), Discriminator());
        var discriminatorWeights = discriminator.Weights();
        var optimizer = optim.SGD(generator.parameters(), 0.5);
        for (int s = 0; s < 2; s++)
        {
            var got = RunStep(() => step(generator, discriminator, optimizer, codes[s]), out var problem);
            if (problem is not null) return problem;
            if (!discriminator.Weights().SequenceEqual(discriminatorWeights)) return "the discriminator's weights changed: this step updates only the generator, with the optimizer you are given.";
            string which = s == 0 ? "one step" : "a second step (on new codes)";
            if (WrongWeights(s, generator.Weights(), reference,
                    "the generator's weights did not change: the generated batch must not be detached here (the gradient has to flow back through D into G), and call loss.backward() then optimizer.step().",
                    [(saturating, "that is the saturating loss, minimising log(1 − D(G(z))), whose gradient vanishes while D wins: use the non-saturating one, the cross-entropy of D(G(z)) against label 1."),
                     (labelZero, "the generator wants its images called real: the label is 1, not 0 (with 0 it trains to be caught).")],
                    ZeroGradEveryStep,
                    w => $"after {w} with plain SGD (learning rate 0.5) the generator's weights differ from the reference's: binary_cross_entropy_with_logits of D(G(z)) against 1, then zero_grad, backward and step once each.",
                    "a second step (on new codes)") is string wrong)
                return wrong;
            if (Math.Abs(got!.Value - losses[s]) > 1e-5)
                return $"the weights are right, but the loss of {which} is {F(losses[s])} and you returned {F(got.Value)}: return the loss you called backward() on.";
        }
        return null;
    });

    /// <summary>Every weight's gradient, 0 where there is none (the output bias does not change the penalty).</summary>
    private static double[] GradientsOf(CheckNetwork network) => network.parameters().SelectMany(p => p.grad is null ? new double[p.numel()] : Values(p.grad)).ToArray();

    /// <summary>08.4 The gradient penalty λ · mean over samples of (‖∇ D(x̂ᵢ)‖₂ − 1)², the gradients taken with
    /// torch.autograd.grad with create_graph (and retain_graph) so the penalty itself trains the critic.</summary>
    public static ExerciseResult GradientPenalty(Func<Func<Tensor, Tensor>, Tensor, double, Tensor> penalty) => Check("08.4", "the gradient penalty", ref penalty, () =>
    {
        using var scope = NewDisposeScope();
        using var recording = enable_grad();   // whatever the caller's thread was doing, this check differentiates
        var rng = new Random(8085);
        // Image-shaped points (4 samples of 1 x 2 x 3), so the norm must be taken over everything but the sample.
        var points = Uniform(rng, [4, 1, 2, 3], -1, 1, ScalarType.Float32);
        static CheckNetwork Critic() => new(6, 5, 1, 8086, sigmoid: false);
        // Two weights: the usual λ = 10, then another, so an answer that writes 10 instead of using λ is caught
        // (3.5, not 2.5: with 4 samples a sum weighted 2.5 equals a mean weighted 10, and the hints would blur).
        foreach (double weight in new[] { 10.0, 3.5 })
        {
            // The reference is the library's own penalty; its value and the critic's weight gradients come first.
            var reference = Critic();
            var expectedPenalty = Neural.GradientPenalty.Penalty(reference.forward, points.clone().requires_grad_(true), weight);
            double expected = expectedPenalty.item<float>();
            expectedPenalty.backward();
            var expectedGradient = GradientsOf(reference);
            var probe = Critic();
            var at = points.clone().requires_grad_(true);
            var gradients = autograd.grad([probe.forward(at).sum()], [at])[0];
            var perSample = Values(gradients.reshape(4, -1).norm(1));
            var perPixel = Values(gradients.abs());
            double whole = Values(gradients.norm())[0];
            double Mean(IEnumerable<double> v) => v.Average();

            var critic = Critic();
            var result = penalty(critic.forward, points.clone().requires_grad_(true), weight);
            if (result is null) return "return the penalty as a tensor; you returned null.";
            if (result.numel() == 1 && !result.requires_grad)
                return "the penalty is cut off from the critic's weights: pass create_graph: true to torch.autograd.grad, so that the gradient is itself differentiable and the penalty can train the critic.";
            if (ScalarWithGradient(result, "penalty") is string problem) return problem;
            double got = result.item<float>();
            if (Math.Abs(got - expected) > 1e-5 * Math.Max(1, Math.Abs(expected)))
            {
                bool Near(double v) => Math.Abs(got - v) <= 1e-5 * Math.Max(1, Math.Abs(v));
                string values = $"for these 4 points with gradient norms [{List(perSample)}] and λ = {F(weight)} the penalty is {F(expected)}; you returned {F(got)}.";
                return values + (Near(weight * Mean(perSample.Select(v => (v * v - 1) * (v * v - 1)))) ? " Use the norm ‖g‖, not its square." :
                    Near(weight * Mean(perSample.Select(v => v * v))) ? " The target norm is 1: penalise (‖g‖ − 1)²." :
                    Near(weight * perSample.Sum(v => (v - 1) * (v - 1))) ? " Average over the samples instead of summing." :
                    Near(Mean(perSample.Select(v => (v - 1) * (v - 1)))) ? " Multiply by the weight λ." :
                    Near(10 * Mean(perSample.Select(v => (v - 1) * (v - 1)))) ? " Multiply by the weight λ you are given, not a fixed 10." :
                    Near(weight * (whole - 1) * (whole - 1)) ? " Take one norm per sample (reshape the gradients to n x (everything else) and take the norm along dimension 1), not one for the whole batch." :
                    Near(weight * Mean(perPixel.Select(v => (v - 1) * (v - 1)))) ? " Take the norm of each sample's whole gradient (every pixel), not of each value." :
                    " Take the gradient of the critic's scores with respect to the points (torch.autograd.grad), one L2 norm per sample, then λ · mean((norm − 1)²).");
            }
            try { Backward(result); }
            catch (System.Runtime.InteropServices.ExternalException e) when (e.Message.Contains("backward through the graph a second time", StringComparison.Ordinal))
            {
                return "the value is right, but backward() through it fails: pass retain_graph: true to torch.autograd.grad as well as create_graph: true (TorchSharp, unlike PyTorch, does not turn on the one with the other), so the critic's graph survives for the penalty's own backward pass.";
            }
            var gradient = GradientsOf(critic);
            if (!RelativelyClose(gradient, expectedGradient, 1e-4))
                return "the value is right, but backward() does not train the critic as the penalty should: take the gradients with create_graph: true and build the penalty from them with tensor operations.";
        }
        return null;
    });

    /// <summary>08.5 One WGAN-GP critic step: generate a batch from the codes without gradients reaching the generator,
    /// then zero_grad, the loss E[D(fake)] − E[D(real)] plus the gradient penalty with weight λ at
    /// x̂ = ε·real + (1 − ε)·fake, backward and step; returns the loss, penalty included.</summary>
    public static ExerciseResult CriticStep(Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>, optim.Optimizer, Tensor, Tensor, Tensor, double, double> step) => Check("08.5", "one critic step", ref step, () =>
    {
        using var scope = NewDisposeScope();
        using var recording = enable_grad();   // whatever the caller's thread was doing, this check differentiates
        var rng = new Random(8087);
        // λ = 3.5 rather than the paper's 10, so a step that writes 10 instead of using the weight it is given is caught.
        const double weight = 3.5;
        var batches = Enumerable.Range(0, 2).Select(_ => (Real: Uniform(rng, [BatchSize, Width], -1, 1, ScalarType.Float32),
            Codes: Uniform(rng, [BatchSize, Latent], -2, 2, ScalarType.Float32), Epsilon: Uniform(rng, [BatchSize, 1], 0, 1, ScalarType.Float32))).ToArray();
        Tensor PenaltyAt(CheckNetwork critic, Tensor points, double lambda) => Neural.GradientPenalty.Penalty(critic.forward, points.detach().requires_grad_(true), lambda);
        // The reference and the mistakes the hints recognise, run before the learner's code (plain SGD shows the
        // gradient's scale); lossOf gets the critic, the real and generated batches and ε.
        double[] Reference(Func<CheckNetwork, Tensor, Tensor, Tensor, Tensor> lossOf, int steps, bool zeroGrad, out double[] losses)
        {
            var (g, d) = (Generator(), Discriminator());
            var optimizer = optim.SGD(d.parameters(), 0.05);
            losses = new double[steps];
            for (int s = 0; s < steps; s++)
            {
                Tensor fake;
                using (no_grad()) fake = g.forward(batches[s].Codes);
                if (zeroGrad || s == 0) optimizer.zero_grad();
                var loss = lossOf(d, batches[s].Real, fake, batches[s].Epsilon);
                loss.backward();
                optimizer.step();
                losses[s] = loss.item<float>();
            }
            return d.Weights();
        }
        Tensor Distance(CheckNetwork d, Tensor real, Tensor fake) => d.forward(fake).mean() - d.forward(real).mean();
        Tensor Correct(CheckNetwork d, Tensor real, Tensor fake, Tensor e) => Distance(d, real, fake) + PenaltyAt(d, e * real + (1 - e) * fake, weight);
        var afterTwo = Reference(Correct, 2, true, out var losses);
        var afterOne = Reference(Correct, 1, true, out _);
        var mistakes = new (double[] Weights, string Hint)[]
        {
            (Reference((d, r, f, e) => -Distance(d, r, f) + PenaltyAt(d, e * r + (1 - e) * f, weight), 1, true, out _),
                "the critic's two terms are swapped: it minimises E[D(fake)] − E[D(real)], pushing real scores up and generated ones down."),
            (Reference((d, r, f, e) => Distance(d, r, f), 1, true, out _),
                "add the gradient penalty (your GradientPenaltyOf from 08.4, with the weight you are given): without it nothing keeps the critic 1-Lipschitz."),
            (Reference((d, r, f, e) => Distance(d, r, f) + PenaltyAt(d, (1 - e) * r + e * f, weight), 1, true, out _),
                "the interpolates mix the wrong way round: x̂ = ε·real + (1 − ε)·fake."),
            (Reference((d, r, f, e) => Distance(d, r, f) + PenaltyAt(d, r, weight), 1, true, out _),
                "the penalty belongs at the interpolates x̂ = ε·real + (1 − ε)·fake, not at the real batch."),
            (Reference((d, r, f, e) => Distance(d, r, f) + PenaltyAt(d, f, weight), 1, true, out _),
                "the penalty belongs at the interpolates x̂ = ε·real + (1 − ε)·fake, not at the generated batch."),
            (Reference((d, r, f, e) => Distance(d, r, f) + PenaltyAt(d, e * r + (1 - e) * f, Neural.GradientPenalty.DefaultWeight), 1, true, out _),
                "use the penalty weight you are given (penaltyWeight), not a fixed 10."),
            (Reference((d, r, f, e) => Distance(d, r, f) + PenaltyAt(d, e * r + (1 - e) * f, weight * weight), 1, true, out _),
                "the weight is applied twice: GradientPenalty.Penalty(critic.forward, points, penaltyWeight) already multiplies by it."),
            (Reference((d, r, f, e) => Bce(d.forward(r), 1) + Bce(d.forward(f), 0) + PenaltyAt(d, e * r + (1 - e) * f, weight), 1, true, out _),
                "that is the DCGAN discriminator's cross-entropy: a critic's scores are not probabilities, its loss is E[D(fake)] − E[D(real)] plus the penalty."),
        };
        var accumulated = Reference(Correct, 2, false, out _);
        var initial = Discriminator().Weights();
        var reference = new StepReference(initial, afterOne, afterTwo, accumulated);

        var (generator, critic) = (Generator(), Discriminator());
        var generatorWeights = generator.Weights();
        var optimizer = optim.SGD(critic.parameters(), 0.05);
        for (int s = 0; s < 2; s++)
        {
            double? got;
            string? problem;
            try { got = RunStep(() => step(generator, critic, optimizer, batches[s].Real, batches[s].Codes, batches[s].Epsilon, weight), out problem); }
            catch (Exception e) when (e.Message.Contains("does not require grad", StringComparison.Ordinal) || e.Message.Contains("must require gradients", StringComparison.Ordinal))
            {
                return "the penalty differentiates the critic's scores with respect to the interpolates, so they must require gradients: build them as (ε·real + (1 − ε)·fake).requires_grad_(true).";
            }
            if (problem is not null) return problem;
            if (generator.parameters().Any(p => p.grad is { } grad && grad.abs().sum().item<float>() > 0))
                return "the critic's loss sent gradients into the generator: make the generated batch under torch.no_grad() (or .detach() it), so this step trains only the critic.";
            if (!generator.Weights().SequenceEqual(generatorWeights)) return "the generator's weights changed: this step updates only the critic, with the optimizer you are given.";
            string which = s == 0 ? "one step" : "a second step (on a new batch)";
            if (WrongWeights(s, critic.Weights(), reference, "the critic's weights did not change: call loss.backward(), then optimizer.step().", mistakes, ZeroGradEveryStep,
                    w => $"after {w} with plain SGD (learning rate 0.05) the critic's weights differ from the reference's: D(fake).mean() − D(real).mean() plus GradientPenalty.Penalty(critic.forward, x̂, penaltyWeight) " +
                        "at x̂ = (ε·real + (1 − ε)·fake).requires_grad_(true), with the epsilon you are given (not one you draw), then zero_grad, backward and step once each.") is string wrong)
                return wrong;
            if (Math.Abs(got!.Value - losses[s]) > 1e-5 * Math.Max(1, Math.Abs(losses[s])))
                return $"the weights are right, but the loss of {which} is {F(losses[s])} and you returned {F(got.Value)}: return the loss you called backward() on, penalty included.";
        }
        return null;
    });

    /// <summary>08.3 The Fréchet distance between two Gaussians with diagonal covariances.</summary>
    public static ExerciseResult FrechetDiagonal(Func<double[], double[], double[], double[], double> distance) => Check("08.3", "the Fréchet distance between two Gaussians", ref distance, () =>
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
