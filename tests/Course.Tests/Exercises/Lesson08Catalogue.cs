using Course.Exercises;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson08 => new Dictionary<string, Attempt[]>
    {
        ["08.1"] =
        [
            Attempt.Right("LINQ Average of the two terms", () => Lesson08Checks.DiscriminatorLoss(L08DiscriminatorLoss)),
            Attempt.Right("loops with sums divided by the counts", () => Lesson08Checks.DiscriminatorLoss((real, fake) =>
            {
                double realSum = 0, fakeSum = 0;
                foreach (double p in real) realSum += Math.Log(p);
                foreach (double p in fake) fakeSum += Math.Log(1 - p);
                return -(realSum / real.Length + fakeSum / fake.Length);
            })),
            Attempt.Right("logarithms of products", () => Lesson08Checks.DiscriminatorLoss((real, fake) =>
                -Math.Log(real.Aggregate(1.0, (acc, p) => acc * p)) / real.Length - Math.Log(fake.Aggregate(1.0, (acc, p) => acc * (1 - p))) / fake.Length)),
            Attempt.Wrong("no minus signs (the log-likelihood itself)", "put a minus in front of each mean", () => Lesson08Checks.DiscriminatorLoss((real, fake) =>
                real.Average(Math.Log) + fake.Average(p => Math.Log(1 - p)))),
            Attempt.Wrong("log D(fake) instead of log(1 − D(fake))", "use log(1 − D(fake))", () => Lesson08Checks.DiscriminatorLoss((real, fake) =>
                -real.Average(Math.Log) - fake.Average(Math.Log))),
            Attempt.Wrong("sums instead of means", "Average each term over its batch", () => Lesson08Checks.DiscriminatorLoss((real, fake) =>
                -real.Sum(Math.Log) - fake.Sum(p => Math.Log(1 - p)))),
            Attempt.Wrong("one mean over both batches together", "the loss is 0.5108", () => Lesson08Checks.DiscriminatorLoss((real, fake) =>
                -real.Select(p => Math.Log(p)).Concat(fake.Select(p => Math.Log(1 - p))).Average())),
            Attempt.Wrong("targets swapped (real as fake, fake as real)", "the loss is 0.5108", () => Lesson08Checks.DiscriminatorLoss((real, fake) =>
                -real.Average(p => Math.Log(1 - p)) - fake.Average(Math.Log))),
            Attempt.Wrong("NaN", "you returned NaN", () => Lesson08Checks.DiscriminatorLoss((real, fake) => double.NaN)),
            Attempt.Stub(() => Lesson08Checks.DiscriminatorLoss((real, fake) => throw new NotImplementedException())),
        ],
        ["08.2"] =
        [
            Attempt.Right("loop over the rows", () => Lesson08Checks.GradientPenalty(L08GradientPenalty)),
            Attempt.Right("LINQ over ToRows", () => Lesson08Checks.GradientPenalty((gradients, weight) =>
                weight * gradients.ToRows().Average(r => Math.Pow(Math.Sqrt(r.Sum(v => v * v)) - 1, 2)))),
            Attempt.Right("squared norms from the flat storage first", () => Lesson08Checks.GradientPenalty((gradients, weight) =>
            {
                var squaredNorms = new double[gradients.Rows];
                for (int k = 0; k < gradients.Data.Length; k++) squaredNorms[k / gradients.Cols] += gradients.Data[k] * gradients.Data[k];
                double sum = 0;
                foreach (double s in squaredNorms) sum += weight * (Math.Sqrt(s) - 1) * (Math.Sqrt(s) - 1);
                return sum / gradients.Rows;
            })),
            Attempt.Wrong("squared norm instead of the norm", "not its square", () => Lesson08Checks.GradientPenalty((gradients, weight) =>
                weight * gradients.ToRows().Average(r => (r.Sum(v => v * v) - 1) * (r.Sum(v => v * v) - 1)))),
            Attempt.Wrong("no target norm 1", "The target norm is 1", () => Lesson08Checks.GradientPenalty((gradients, weight) =>
                weight * gradients.ToRows().Average(r => r.Sum(v => v * v)))),
            Attempt.Wrong("sum over samples instead of mean", "Average over the samples", () => Lesson08Checks.GradientPenalty((gradients, weight) =>
                L08GradientPenalty(gradients, weight) * gradients.Rows)),
            Attempt.Wrong("forgot the weight λ", "Multiply by the weight λ.", () => Lesson08Checks.GradientPenalty((gradients, weight) => L08GradientPenalty(gradients, 1))),
            // Passed the old check: it only tried λ = 10, the value the lesson uses.
            Attempt.Wrong("hard-coded λ = 10 instead of the weight given", "not a fixed 10", () => Lesson08Checks.GradientPenalty((gradients, weight) => L08GradientPenalty(gradients, 10))),
            Attempt.Wrong("norms of the columns (wrong axis)", "the penalty is 54.1667", () => Lesson08Checks.GradientPenalty((gradients, weight) =>
                weight * Enumerable.Range(0, gradients.Cols).Average(j => Math.Pow(Math.Sqrt(gradients.Column(j).Sum(v => v * v)) - 1, 2)))),
            Attempt.Wrong("L1 norm instead of L2", "the penalty is 54.1667", () => Lesson08Checks.GradientPenalty((gradients, weight) =>
                weight * gradients.ToRows().Average(r => Math.Pow(r.Sum(v => Math.Abs(v)) - 1, 2)))),
            Attempt.Stub(() => Lesson08Checks.GradientPenalty((gradients, weight) => throw new NotImplementedException())),
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

    private static double L08DiscriminatorLoss(double[] real, double[] fake) => -real.Average(Math.Log) - fake.Average(p => Math.Log(1 - p));

    private static double L08GradientPenalty(Matrix gradients, double weight)
    {
        double sum = 0;
        for (int i = 0; i < gradients.Rows; i++)
        {
            double norm = Math.Sqrt(gradients.Row(i).ToArray().Sum(v => v * v));
            sum += (norm - 1) * (norm - 1);
        }
        return weight * sum / gradients.Rows;
    }

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
