using Course.Exercises;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson06 => new Dictionary<string, Attempt[]>
    {
        ["06.1"] =
        [
            Attempt.Right("loop over the flat storage", () => Lesson06Checks.ReconstructionLoss(L06Mse)),
            Attempt.Right("LINQ Zip and Average", () => Lesson06Checks.ReconstructionLoss((x, r) => x.Data.Zip(r.Data, (a, b) => (a - b) * (a - b)).Average())),
            Attempt.Right("row and column indexer, divided by Rows * Cols", () => Lesson06Checks.ReconstructionLoss((x, r) =>
            {
                double sum = 0;
                for (int i = 0; i < x.Rows; i++)
                    for (int j = 0; j < x.Cols; j++) sum += Math.Pow(r[i, j] - x[i, j], 2);
                return sum / (x.Rows * x.Cols);
            })),
            Attempt.Wrong("sum instead of mean", "That is the sum", () => Lesson06Checks.ReconstructionLoss((x, r) => L06Mse(x, r) * x.Data.Length)),
            Attempt.Wrong("divided by the rows only", "not only by the rows", () => Lesson06Checks.ReconstructionLoss((x, r) => L06Mse(x, r) * x.Data.Length / x.Rows)),
            Attempt.Wrong("root mean squared error", "No square root", () => Lesson06Checks.ReconstructionLoss((x, r) => Math.Sqrt(L06Mse(x, r)))),
            Attempt.Wrong("mean absolute error (forgot to square)", "the mean squared error is 0.03", () => Lesson06Checks.ReconstructionLoss((x, r) => x.Data.Zip(r.Data, (a, b) => Math.Abs(a - b)).Average())),
            Attempt.Wrong("first row only", "the mean squared error is 0.03", () => Lesson06Checks.ReconstructionLoss((x, r) => Enumerable.Range(0, x.Cols).Average(j => (x[0, j] - r[0, j]) * (x[0, j] - r[0, j])))),
            Attempt.Wrong("NaN", "you returned NaN", () => Lesson06Checks.ReconstructionLoss((x, r) => double.NaN)),
            Attempt.Stub(() => Lesson06Checks.ReconstructionLoss((x, r) => throw new NotImplementedException())),
        ],
        ["06.2"] =
        [
            Attempt.Right("copy, then zero in a flat loop", () => Lesson06Checks.MaskingNoise(L06Mask)),
            Attempt.Right("LINQ Select into a new matrix", () => Lesson06Checks.MaskingNoise((x, p, rng) => new Matrix(x.Rows, x.Cols, x.Data.Select(v => rng.NextDouble() < p ? 0 : v).ToArray()))),
            Attempt.Right("row and column loops, keeping when the draw is at least p", () => Lesson06Checks.MaskingNoise((x, p, rng) =>
            {
                var z = new Matrix(x.Rows, x.Cols);
                for (int i = 0; i < x.Rows; i++)
                    for (int j = 0; j < x.Cols; j++) z[i, j] = rng.NextDouble() >= p ? x[i, j] : 0;
                return z;
            })),
            Attempt.Wrong("changes the input in place", "do not change the input matrix", () => Lesson06Checks.MaskingNoise((x, p, rng) =>
            {
                for (int k = 0; k < x.Data.Length; k++) if (rng.NextDouble() < p) x.Data[k] = 0;
                return x;
            })),
            // Passed the old check: it only compared two different seeds, which two unseeded generators also tell apart.
            Attempt.Wrong("unseeded new Random() instead of rng", "draw the mask from the generator you are given", () => Lesson06Checks.MaskingNoise((x, p, rng) => L06Mask(x, p, new Random()))),
            // Passed the old check for the same reason as new Random().
            Attempt.Wrong("Random.Shared instead of rng", "the same seed gave two different masks", () => Lesson06Checks.MaskingNoise((x, p, rng) => L06Mask(x, p, Random.Shared))),
            Attempt.Wrong("a fixed seed new Random(42) instead of rng", "two different random generators gave the same mask", () => Lesson06Checks.MaskingNoise((x, p, rng) => L06Mask(x, p, new Random(42)))),
            Attempt.Wrong("zeroes with probability 1 − p (keeps with probability p)", "about 30% of entries should be 0", () => Lesson06Checks.MaskingNoise((x, p, rng) => L06Mask(x, 1 - p, rng))),
            Attempt.Wrong("inverted-dropout rescaling of the kept entries", "masking keeps or zeroes", () => Lesson06Checks.MaskingNoise((x, p, rng) =>
            {
                var z = x.Clone();
                for (int k = 0; k < z.Data.Length; k++) z.Data[k] = rng.NextDouble() < p ? 0 : z.Data[k] / (1 - p);
                return z;
            })),
            Attempt.Wrong("returns null", "return a matrix shaped like the input", () => Lesson06Checks.MaskingNoise((x, p, rng) => null!)),
            Attempt.Stub(() => Lesson06Checks.MaskingNoise((x, p, rng) => throw new NotImplementedException())),
        ],
        ["06.3"] =
        [
            Attempt.Right("LINQ Sum of the two terms", () => Lesson06Checks.KlSparsity(L06Kl)),
            Attempt.Right("loop with differences of logarithms", () => Lesson06Checks.KlSparsity((rhoHat, rho) =>
            {
                double sum = 0;
                for (int j = 0; j < rhoHat.Length; j++)
                    sum += rho * (Math.Log(rho) - Math.Log(rhoHat[j])) + (1 - rho) * (Math.Log(1 - rho) - Math.Log(1 - rhoHat[j]));
                return sum;
            })),
            Attempt.Right("foreach over a Bernoulli KL helper", () => Lesson06Checks.KlSparsity((rhoHat, rho) =>
            {
                static double Bernoulli(double a, double b) => a * Math.Log(a / b) + (1 - a) * Math.Log((1 - a) / (1 - b));
                double sum = 0;
                foreach (double h in rhoHat) sum += Bernoulli(rho, h);
                return sum;
            })),
            Attempt.Wrong("arguments swapped: KL(ρ̂ ‖ ρ)", "The arguments are swapped", () => Lesson06Checks.KlSparsity((rhoHat, rho) => rhoHat.Sum(h => h * Math.Log(h / rho) + (1 - h) * Math.Log((1 - h) / (1 - rho))))),
            // New hint: the old check answered this with "Sum the divergence over all units".
            Attempt.Wrong("dropped the (1 − ρ) term", "Add the second term", () => Lesson06Checks.KlSparsity((rhoHat, rho) => rhoHat.Sum(h => rho * Math.Log(rho / h)))),
            // New hint: the old check answered this with "Sum the divergence over all units".
            Attempt.Wrong("ratios upside down (negative KL)", "never negative", () => Lesson06Checks.KlSparsity((rhoHat, rho) => rhoHat.Sum(h => rho * Math.Log(h / rho) + (1 - rho) * Math.Log((1 - h) / (1 - rho))))),
            Attempt.Wrong("mean over units instead of sum", "Sum the divergence over all units", () => Lesson06Checks.KlSparsity((rhoHat, rho) => L06Kl(rhoHat, rho) / rhoHat.Length)),
            Attempt.Wrong("first unit only", "Sum the divergence over all units", () => Lesson06Checks.KlSparsity((rhoHat, rho) => L06Kl([rhoHat[0]], rho))),
            Attempt.Wrong("log base 2", "the penalty is 0.6299", () => Lesson06Checks.KlSparsity((rhoHat, rho) => L06Kl(rhoHat, rho) / Math.Log(2))),
            Attempt.Stub(() => Lesson06Checks.KlSparsity((rhoHat, rho) => throw new NotImplementedException())),
        ],
    };

    private static double L06Mse(Matrix x, Matrix r)
    {
        double sum = 0;
        for (int k = 0; k < x.Data.Length; k++) sum += (x.Data[k] - r.Data[k]) * (x.Data[k] - r.Data[k]);
        return sum / x.Data.Length;
    }

    private static Matrix L06Mask(Matrix x, double p, Random rng)
    {
        var result = x.Clone();
        for (int k = 0; k < result.Data.Length; k++) if (rng.NextDouble() < p) result.Data[k] = 0;
        return result;
    }

    private static double L06Kl(double[] rhoHat, double rho) => rhoHat.Sum(h => rho * Math.Log(rho / h) + (1 - rho) * Math.Log((1 - rho) / (1 - h)));
}
