using Course.Exercises;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson08 => new Dictionary<string, Attempt[]>
    {
        ["08.1"] =
        [
            Attempt.Right("detach, the two cross-entropies, step", () => Lesson08Checks.DiscriminatorStep(L08DiscriminatorStep)),
            Attempt.Right("generated under no_grad, targets ones_like and zeros_like", () => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) =>
            {
                Tensor fake;
                using (no_grad()) fake = g.forward(codes);
                optimizer.zero_grad();
                var realScores = d.forward(real); var fakeScores = d.forward(fake);
                var loss = nn.functional.binary_cross_entropy_with_logits(realScores, ones_like(realScores))
                    + nn.functional.binary_cross_entropy_with_logits(fakeScores, zeros_like(fakeScores));
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Right("softplus form of the two cross-entropies, labels as full tensors", () => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) =>
            {
                var fake = g.forward(codes).detach();
                optimizer.zero_grad();
                var loss = nn.functional.softplus(-d.forward(real)).mean() + nn.functional.softplus(d.forward(fake)).mean();
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("fake batch not detached", "detach the generated batch", () => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) => L08DiscriminatorStepWith(g, d, optimizer, real, g.forward(codes)))),
            Attempt.Wrong("labels swapped", "the labels are swapped", () => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) =>
            {
                var fake = g.forward(codes).detach();
                optimizer.zero_grad();
                var loss = L08Bce(d.forward(real), 0) + L08Bce(d.forward(fake), 1);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("sigmoid before the logits loss", "do not apply it first", () => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) =>
            {
                var fake = g.forward(codes).detach();
                optimizer.zero_grad();
                var loss = L08Bce(d.forward(real).sigmoid(), 1) + L08Bce(d.forward(fake).sigmoid(), 0);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("halved loss", "without halving them", () => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) =>
            {
                var fake = g.forward(codes).detach();
                optimizer.zero_grad();
                var loss = (L08Bce(d.forward(real), 1) + L08Bce(d.forward(fake), 0)) / 2;
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("forgot zero_grad", "call optimizer.zero_grad() at the start of every step", () => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) =>
            {
                var fake = g.forward(codes).detach();
                var loss = L08Bce(d.forward(real), 1) + L08Bce(d.forward(fake), 0);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Stub(() => Lesson08Checks.DiscriminatorStep((g, d, optimizer, real, codes) => throw new NotImplementedException())),
        ],
        ["08.4"] =
        [
            Attempt.Right("autograd.grad with create_graph, reshape and norm", () => Lesson08Checks.GradientPenalty(L08GradientPenalty)),
            Attempt.Right("flatten, square-sum-sqrt, grad_outputs of ones", () => Lesson08Checks.GradientPenalty((critic, points, weight) =>
            {
                var scores = critic(points);
                var g = autograd.grad([scores], [points], grad_outputs: [ones_like(scores)], retain_graph: true, create_graph: true)[0];
                var norms = g.flatten(1).square().sum([1L]).sqrt();
                return weight * (norms - 1).pow(2).mean();
            })),
            Attempt.Right("the library's GradientPenalty.Penalty", () => Lesson08Checks.GradientPenalty((critic, points, weight) => Course.Neural.GradientPenalty.Penalty(critic, points, weight))),
            Attempt.Wrong("no create_graph", "create_graph: true", () => Lesson08Checks.GradientPenalty((critic, points, weight) =>
            {
                var g = autograd.grad([critic(points).sum()], [points])[0];
                return weight * (g.reshape(g.shape[0], -1).norm(1) - 1).square().mean();
            })),
            Attempt.Wrong("create_graph without retain_graph", "pass retain_graph: true", () => Lesson08Checks.GradientPenalty((critic, points, weight) =>
            {
                var g = autograd.grad([critic(points).sum()], [points], create_graph: true)[0];
                return weight * (g.reshape(g.shape[0], -1).norm(1) - 1).square().mean();
            })),
            Attempt.Wrong("squared norm", "not its square", () => Lesson08Checks.GradientPenalty((critic, points, weight) => L08PenaltyOfNorms(critic, points, weight, n => n.square()))),
            Attempt.Wrong("no target of 1", "The target norm is 1", () => Lesson08Checks.GradientPenalty((critic, points, weight) => weight * L08Norms(critic, points).square().mean())),
            Attempt.Wrong("summed over the samples", "Average over the samples", () => Lesson08Checks.GradientPenalty((critic, points, weight) => weight * (L08Norms(critic, points) - 1).square().sum())),
            Attempt.Wrong("a fixed λ of 10", "not a fixed 10", () => Lesson08Checks.GradientPenalty((critic, points, weight) => L08GradientPenalty(critic, points, 10))),
            Attempt.Wrong("one norm for the whole batch", "one norm per sample", () => Lesson08Checks.GradientPenalty((critic, points, weight) =>
            {
                var g = autograd.grad([critic(points).sum()], [points], create_graph: true)[0];
                return weight * (g.norm() - 1).square();
            })),
            Attempt.Wrong("the gradient of each value (no norm)", "not of each value", () => Lesson08Checks.GradientPenalty((critic, points, weight) =>
            {
                var g = autograd.grad([critic(points).sum()], [points], create_graph: true)[0];
                return weight * (g.abs() - 1).square().mean();
            })),
            Attempt.Stub(() => Lesson08Checks.GradientPenalty((critic, points, weight) => throw new NotImplementedException())),
        ],
        ["08.5"] =
        [
            Attempt.Right("no_grad fake, interpolates, distance plus the penalty", () => Lesson08Checks.CriticStep(L08CriticStep)),
            Attempt.Right("detached fake, ε written as torch.lerp, the library's penalty", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
            {
                var fake = g.forward(codes).detach();
                optimizer.zero_grad();
                var points = torch.lerp(fake, real, epsilon).requires_grad_(true);   // fake + ε (real − fake)
                var loss = d.forward(fake).mean() - d.forward(real).mean() + Course.Neural.GradientPenalty.Penalty(d.forward, points, weight);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Right("the kit's WganGpSteps.CriticUpdate", () => Lesson08Checks.CriticStep(Course.Neural.WganGpSteps.CriticUpdate)),
            Attempt.Wrong("terms swapped", "the critic's two terms are swapped", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
                L08CriticStepWith(g, d, optimizer, real, codes, (r, f) => d.forward(r).mean() - d.forward(f).mean(), (r, f) => epsilon * r + (1 - epsilon) * f, weight))),
            Attempt.Wrong("no penalty", "add the gradient penalty", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
                L08CriticStepWith(g, d, optimizer, real, codes, (r, f) => d.forward(f).mean() - d.forward(r).mean(), (r, f) => epsilon * r + (1 - epsilon) * f, 0))),
            Attempt.Wrong("ε the wrong way round", "mix the wrong way round", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
                L08CriticStepWith(g, d, optimizer, real, codes, (r, f) => d.forward(f).mean() - d.forward(r).mean(), (r, f) => (1 - epsilon) * r + epsilon * f, weight))),
            Attempt.Wrong("penalty at the real batch", "not at the real batch", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
                L08CriticStepWith(g, d, optimizer, real, codes, (r, f) => d.forward(f).mean() - d.forward(r).mean(), (r, f) => r, weight))),
            Attempt.Wrong("penalty at the generated batch", "not at the generated batch", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
                L08CriticStepWith(g, d, optimizer, real, codes, (r, f) => d.forward(f).mean() - d.forward(r).mean(), (r, f) => f, weight))),
            Attempt.Wrong("a fixed λ of 10", "not a fixed 10", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) => L08CriticStep(g, d, optimizer, real, codes, epsilon, 10))),
            Attempt.Wrong("λ applied twice", "the weight is applied twice", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) => L08CriticStep(g, d, optimizer, real, codes, epsilon, weight * weight))),
            Attempt.Wrong("its own ε", "with the epsilon you are given", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) => L08CriticStep(g, d, optimizer, real, codes, torch.rand(epsilon.shape, generator: new torch.Generator(5)), weight))),
            Attempt.Wrong("interpolates without requires_grad", "must require gradients", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
            {
                Tensor fake;
                using (no_grad()) fake = g.forward(codes);
                optimizer.zero_grad();
                // The kit's penalty, as the exercise asks: it refuses points without gradients before libtorch is reached.
                var loss = d.forward(fake).mean() - d.forward(real).mean() + Course.Neural.GradientPenalty.Penalty(d.forward, epsilon * real + (1 - epsilon) * fake, weight);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("the DCGAN cross-entropy plus the penalty", "not probabilities", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
                L08CriticStepWith(g, d, optimizer, real, codes, (r, f) => L08Bce(d.forward(r), 1) + L08Bce(d.forward(f), 0), (r, f) => epsilon * r + (1 - epsilon) * f, weight))),
            Attempt.Wrong("generated batch not detached", "sent gradients into the generator", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
            {
                optimizer.zero_grad();
                var fake = g.forward(codes);
                var points = (epsilon * real + (1 - epsilon) * fake.detach()).requires_grad_(true);
                var loss = d.forward(fake).mean() - d.forward(real).mean() + L08GradientPenalty(d.forward, points, weight);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("forgot zero_grad", "call optimizer.zero_grad() at the start of every step", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
            {
                Tensor fake;
                using (no_grad()) fake = g.forward(codes);
                var loss = d.forward(fake).mean() - d.forward(real).mean() + L08GradientPenalty(d.forward, (epsilon * real + (1 - epsilon) * fake).requires_grad_(true), weight);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("returned the loss without the penalty", "penalty included", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
            {
                Tensor fake;
                using (no_grad()) fake = g.forward(codes);
                optimizer.zero_grad();
                var distance = d.forward(fake).mean() - d.forward(real).mean();
                var loss = distance + L08GradientPenalty(d.forward, (epsilon * real + (1 - epsilon) * fake).requires_grad_(true), weight);
                loss.backward();
                optimizer.step();
                return distance.item<float>();
            })),
            Attempt.Wrong("no step", "call loss.backward(), then optimizer.step()", () => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) =>
            {
                Tensor fake;
                using (no_grad()) fake = g.forward(codes);
                optimizer.zero_grad();
                var loss = d.forward(fake).mean() - d.forward(real).mean() + L08GradientPenalty(d.forward, (epsilon * real + (1 - epsilon) * fake).requires_grad_(true), weight);
                loss.backward();
                return loss.item<float>();
            })),
            Attempt.Stub(() => Lesson08Checks.CriticStep((g, d, optimizer, real, codes, epsilon, weight) => throw new NotImplementedException())),
        ],
        ["08.2"] =
        [
            Attempt.Right("non-saturating loss against ones", () => Lesson08Checks.GeneratorStep(L08GeneratorStep)),
            Attempt.Right("−log σ(D(G(z))) written with logsigmoid", () => Lesson08Checks.GeneratorStep((g, d, optimizer, codes) =>
            {
                optimizer.zero_grad();
                var loss = -nn.functional.logsigmoid(d.forward(g.forward(codes))).mean();
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Right("softplus(−scores)", () => Lesson08Checks.GeneratorStep((g, d, optimizer, codes) =>
            {
                optimizer.zero_grad();
                var loss = nn.functional.softplus(-d.forward(g.forward(codes))).mean();
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("saturating loss log(1 − D(G(z)))", "the saturating loss", () => Lesson08Checks.GeneratorStep((g, d, optimizer, codes) =>
            {
                optimizer.zero_grad();
                var loss = -L08Bce(d.forward(g.forward(codes)), 0);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("label 0 for its own images", "the label is 1, not 0", () => Lesson08Checks.GeneratorStep((g, d, optimizer, codes) =>
            {
                optimizer.zero_grad();
                var loss = L08Bce(d.forward(g.forward(codes)), 0);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("generated batch detached (copied from the discriminator's step)", "must not be detached here", () => Lesson08Checks.GeneratorStep((g, d, optimizer, codes) =>
            {
                optimizer.zero_grad();
                var loss = L08Bce(d.forward(g.forward(codes).detach()), 1);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Wrong("forgot zero_grad", "call optimizer.zero_grad() at the start of every step", () => Lesson08Checks.GeneratorStep((g, d, optimizer, codes) =>
            {
                var loss = L08Bce(d.forward(g.forward(codes)), 1);
                loss.backward();
                optimizer.step();
                return loss.item<float>();
            })),
            Attempt.Stub(() => Lesson08Checks.GeneratorStep((g, d, optimizer, codes) => throw new NotImplementedException())),
        ],
        ["08.3"] =
        [
            Attempt.Right("loop with the variance form", () => Lesson08Checks.FrechetDiagonal(L08Frechet)),
            Attempt.Right("LINQ with standard deviations", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                Enumerable.Range(0, mean1.Length).Sum(j => Math.Pow(mean1[j] - mean2[j], 2) + Math.Pow(Math.Sqrt(var1[j]) - Math.Sqrt(var2[j]), 2)))),
            Attempt.Right("the library's FrechetDistance.Between on diagonal matrices", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                global::Course.Metrics.FrechetDistance.Between(mean1, L08Diagonal(var1), mean2, L08Diagonal(var2)))),
            Attempt.Wrong("mean term only", "Add the covariance term", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                mean1.Zip(mean2, (a, b) => (a - b) * (a - b)).Sum())),
            Attempt.Wrong("differences of variances instead of standard deviations", "Compare standard deviations, not variances", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                Enumerable.Range(0, mean1.Length).Sum(j => (mean1[j] - mean2[j]) * (mean1[j] - mean2[j]) + (var1[j] - var2[j]) * (var1[j] - var2[j])))),
            Attempt.Wrong("square root at the end", "no square root at the end", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) => Math.Sqrt(L08Frechet(mean1, var1, mean2, var2)))),
            // Passed the old check: its standard deviations differed by 1, 1 and 0, where |d| = d².
            Attempt.Wrong("forgot to square the difference of standard deviations", "Square the difference of the standard deviations", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                Enumerable.Range(0, mean1.Length).Sum(j => (mean1[j] - mean2[j]) * (mean1[j] - mean2[j]) + Math.Abs(Math.Sqrt(var1[j]) - Math.Sqrt(var2[j]))))),
            // Passed the old check: its standard deviations differed by 1, 1 and 0, where d⁴ = d².
            Attempt.Wrong("squared the difference of standard deviations twice", "the distance is 13;", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                Enumerable.Range(0, mean1.Length).Sum(j => (mean1[j] - mean2[j]) * (mean1[j] - mean2[j]) + Math.Pow(Math.Sqrt(var1[j]) - Math.Sqrt(var2[j]), 4)))),
            Attempt.Wrong("dropped the cross term − 2σ₁σ₂", "the distance is 7;", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                Enumerable.Range(0, mean1.Length).Sum(j => (mean1[j] - mean2[j]) * (mean1[j] - mean2[j]) + var1[j] + var2[j]))),
            Attempt.Wrong("mean over dimensions instead of sum", "the distance is 7;", () => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) =>
                L08Frechet(mean1, var1, mean2, var2) / mean1.Length)),
            Attempt.Stub(() => Lesson08Checks.FrechetDiagonal((mean1, var1, mean2, var2) => throw new NotImplementedException())),
        ],
    };

    private static Tensor L08Bce(Tensor logits, double label) => nn.functional.binary_cross_entropy_with_logits(logits, full_like(logits, label));

    private static double L08DiscriminatorStepWith(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, optim.Optimizer optimizer, Tensor real, Tensor fake)
    {
        optimizer.zero_grad();
        var loss = L08Bce(d.forward(real), 1) + L08Bce(d.forward(fake), 0);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    private static double L08DiscriminatorStep(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, optim.Optimizer optimizer, Tensor real, Tensor codes) =>
        L08DiscriminatorStepWith(g, d, optimizer, real, g.forward(codes).detach());

    private static double L08GeneratorStep(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, optim.Optimizer optimizer, Tensor codes)
    {
        optimizer.zero_grad();
        var loss = L08Bce(d.forward(g.forward(codes)), 1);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    private static double L08CriticStepWith(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, optim.Optimizer optimizer, Tensor real, Tensor codes,
        Func<Tensor, Tensor, Tensor> distance, Func<Tensor, Tensor, Tensor> penaltyPoints, double weight)
    {
        Tensor fake;
        using (no_grad()) fake = g.forward(codes);
        optimizer.zero_grad();
        var loss = distance(real, fake) + L08GradientPenalty(d.forward, penaltyPoints(real, fake).detach().requires_grad_(true), weight);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    private static double L08CriticStep(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, optim.Optimizer optimizer, Tensor real, Tensor codes, Tensor epsilon, double weight) =>
        L08CriticStepWith(g, d, optimizer, real, codes, (r, f) => d.forward(f).mean() - d.forward(r).mean(), (r, f) => epsilon * r + (1 - epsilon) * f, weight);

    private static Tensor L08Norms(Func<Tensor, Tensor> critic, Tensor points)
    {
        var g = autograd.grad([critic(points).sum()], [points], retain_graph: true, create_graph: true)[0];
        return g.reshape(g.shape[0], -1).norm(1);
    }

    private static Tensor L08PenaltyOfNorms(Func<Tensor, Tensor> critic, Tensor points, double weight, Func<Tensor, Tensor> ofNorm) =>
        weight * (ofNorm(L08Norms(critic, points)) - 1).square().mean();

    private static Tensor L08GradientPenalty(Func<Tensor, Tensor> critic, Tensor points, double weight) => L08PenaltyOfNorms(critic, points, weight, n => n);

    private static double L08Frechet(double[] mean1, double[] var1, double[] mean2, double[] var2)
    {
        double sum = 0;
        for (int j = 0; j < mean1.Length; j++)
            sum += (mean1[j] - mean2[j]) * (mean1[j] - mean2[j]) + var1[j] + var2[j] - 2 * Math.Sqrt(var1[j] * var2[j]);
        return sum;
    }

    private static Matrix L08Diagonal(double[] v)
    {
        var m = new Matrix(v.Length, v.Length);
        for (int i = 0; i < v.Length; i++) m[i, i] = v[i];
        return m;
    }
}
