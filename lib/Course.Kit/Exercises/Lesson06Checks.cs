using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 06 (autoencoders).</summary>
public static class Lesson06Checks
{
    /// <summary>06.1 The reconstruction loss: the mean of the squared differences over all entries.</summary>
    public static ExerciseResult ReconstructionLoss(Func<Matrix, Matrix, double> loss) => Check("06.1", "the reconstruction loss", () =>
    {
        var x = Matrix.FromRows([[0.0, 1.0, 0.5], [1.0, 1.0, 0.0]]);
        var r = Matrix.FromRows([[0.1, 0.8, 0.5], [0.7, 1.0, 0.2]]);
        double sum = 0;
        for (int k = 0; k < x.Data.Length; k++) sum += (x.Data[k] - r.Data[k]) * (x.Data[k] - r.Data[k]);
        double expected = sum / x.Data.Length, got = loss(x.Clone(), r.Clone());
        if (Math.Abs(got - expected) <= 1e-12) return null;
        return $"for these 2 x 3 matrices the mean squared error is {F(expected)}; you returned {F(got)}."
            + (Math.Abs(got - sum) <= 1e-12 ? " That is the sum: divide by the number of entries (6)." :
               Math.Abs(got - sum / 2) <= 1e-12 ? " Divide by every entry (6), not only by the rows (2)." :
               Math.Abs(got - Math.Sqrt(expected)) <= 1e-12 ? " No square root: it is the mean of the squares." : "");
    });

    /// <summary>06.2 Masking noise: each entry independently set to 0 with probability p, the others unchanged.</summary>
    public static ExerciseResult MaskingNoise(Func<Matrix, double, Random, Matrix> mask) => Check("06.2", "masking noise", () =>
    {
        var x = new Matrix(100, 100);
        for (int k = 0; k < x.Data.Length; k++) x.Data[k] = 0.5 + 0.5 * Math.Sin(k);
        // The learner gets x itself here, because not changing it is part of the exercise; every comparison reads
        // original, which the learner never sees.
        var original = x.Clone();
        foreach (double p in new[] { 0.3, 0.0, 0.8 })
        {
            var got = mask(x, p, Seed.Create(7));
            if (got is null || got.Rows != 100 || got.Cols != 100) return "return a matrix shaped like the input (100 x 100).";
            if (!x.Data.SequenceEqual(original.Data)) return "do not change the input matrix: return a corrupted copy.";
            // The same seed must give the same mask: an answer drawing from new Random() or Random.Shared passed
            // every other test here, and a lesson that seeds its runs would not reproduce.
            var again = mask(original.Clone(), p, Seed.Create(7));
            if (again is null || !again.Data.SequenceEqual(got.Data))
                return "the same seed gave two different masks: draw the mask from the generator you are given (rng), not from new Random() or Random.Shared, so that a seed reproduces it.";
            int zeroed = 0;
            for (int k = 0; k < original.Data.Length; k++)
            {
                if (got.Data[k] == 0) { zeroed++; continue; }
                if (got.Data[k] != original.Data[k]) return $"entry {k} is {F(got.Data[k])}, neither its value {F(original.Data[k])} nor 0: masking keeps or zeroes, it does not add noise.";
            }
            double fraction = zeroed / (double)original.Data.Length;
            if (Math.Abs(fraction - p) > 0.02) return $"with p = {F(p)} about {F(p * 100)}% of entries should be 0; {F(fraction * 100)}% are.";
        }
        var a = mask(original.Clone(), 0.5, Seed.Create(1)); var b = mask(original.Clone(), 0.5, Seed.Create(2));
        if (a.Data.SequenceEqual(b.Data)) return "two different random generators gave the same mask: draw the mask from the generator you are given.";
        return null;
    });

    /// <summary>06.3 The KL sparsity penalty Σⱼ ρ log(ρ / ρ̂ⱼ) + (1 − ρ) log((1 − ρ) / (1 − ρ̂ⱼ)).</summary>
    public static ExerciseResult KlSparsity(Func<double[], double, double> penalty) => Check("06.3", "the KL sparsity penalty", () =>
    {
        foreach (var (rhoHat, rho) in new[] { (new[] { 0.05, 0.05 }, 0.05), (new[] { 0.2, 0.01, 0.5 }, 0.05), (new[] { 0.9 }, 0.1) })
        {
            double expected = rhoHat.Sum(h => rho * Math.Log(rho / h) + (1 - rho) * Math.Log((1 - rho) / (1 - h)));
            double swapped = rhoHat.Sum(h => h * Math.Log(h / rho) + (1 - h) * Math.Log((1 - h) / (1 - rho)));
            double firstTermOnly = rhoHat.Sum(h => rho * Math.Log(rho / h));
            double got = penalty((double[])rhoHat.Clone(), rho);
            if (Math.Abs(got - expected) <= 1e-12) continue;
            return $"with mean activations [{List(rhoHat)}] and target ρ = {F(rho)} the penalty is {F(expected)}; you returned {F(got)}."
                + (Math.Abs(got - swapped) <= 1e-12 ? " The arguments are swapped: KL(ρ ‖ ρ̂), the target first." :
                   Math.Abs(got - firstTermOnly) <= 1e-12 ? " Add the second term (1 − ρ) log((1 − ρ) / (1 − ρ̂ⱼ)): a unit's KL has one term for firing and one for staying silent." :
                   got < 0 ? " A KL divergence is never negative: check which way up each ratio is, ρ over ρ̂." :
                   " Sum the divergence over all units.");
        }
        return null;
    });
}
