using Course.Exercises;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson07 => new Dictionary<string, Attempt[]>
    {
        ["07.1"] =
        [
            Attempt.Right("LINQ Select with exp(½ log σ²)", () => Lesson07Checks.Reparameterise(L07Reparameterise)),
            Attempt.Right("loop with the square root of the variance", () => Lesson07Checks.Reparameterise((mean, logVar, eps) =>
            {
                var z = new double[mean.Length];
                for (int j = 0; j < z.Length; j++) z[j] = Math.Sqrt(Math.Exp(logVar[j])) * eps[j] + mean[j];
                return z;
            })),
            Attempt.Right("three-way Zip with a power of e", () => Lesson07Checks.Reparameterise((mean, logVar, eps) =>
                mean.Zip(logVar, eps).Select(t => t.First + Math.Pow(Math.E, t.Second / 2) * t.Third).ToArray())),
            Attempt.Wrong("scaled by the variance instead of the standard deviation", "You scaled ε by the variance", () => Lesson07Checks.Reparameterise((mean, logVar, eps) =>
                mean.Select((m, j) => m + Math.Exp(logVar[j]) * eps[j]).ToArray())),
            Attempt.Wrong("used log σ² as σ", "log σ² is a logarithm", () => Lesson07Checks.Reparameterise((mean, logVar, eps) =>
                mean.Select((m, j) => m + logVar[j] * eps[j]).ToArray())),
            Attempt.Wrong("forgot the noise ε", "Multiply σ by the noise ε", () => Lesson07Checks.Reparameterise((mean, logVar, eps) =>
                mean.Select((m, j) => m + Math.Exp(0.5 * logVar[j])).ToArray())),
            Attempt.Wrong("wrong sign in the exponent (1 / σ)", "z should be [1.5, -2, 3]", () => Lesson07Checks.Reparameterise((mean, logVar, eps) =>
                mean.Select((m, j) => m + Math.Exp(-0.5 * logVar[j]) * eps[j]).ToArray())),
            Attempt.Wrong("returns null", "return one value per latent", () => Lesson07Checks.Reparameterise((mean, logVar, eps) => null!)),
            Attempt.Stub(() => Lesson07Checks.Reparameterise((mean, logVar, eps) => throw new NotImplementedException())),
        ],
        ["07.2"] =
        [
            Attempt.Right("LINQ Select and Sum", () => Lesson07Checks.GaussianKl(L07Kl)),
            Attempt.Right("loop with σ² = exp(log σ²), halved at the end", () => Lesson07Checks.GaussianKl((mean, logVar) =>
            {
                double sum = 0;
                for (int j = 0; j < mean.Length; j++)
                {
                    double variance = Math.Exp(logVar[j]);
                    sum += mean[j] * mean[j] + variance - 1 - logVar[j];
                }
                return sum / 2;
            })),
            Attempt.Right("separate sums for each term", () => Lesson07Checks.GaussianKl((mean, logVar) =>
                0.5 * (mean.Sum(m => m * m) + logVar.Sum(v => Math.Exp(v)) - mean.Length - logVar.Sum()))),
            // Passed the old check: its log-variances [0, log ½, log 2] summed to 0, so the dropped term was 0.
            Attempt.Wrong("dropped the log σ² term", "You dropped the log term", () => Lesson07Checks.GaussianKl((mean, logVar) =>
                0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - 1).Sum())),
            // Passed the old check: its log-variances [0, log ½, log 2] summed to 0, so the sign of their sum did not matter.
            Attempt.Wrong("wrong sign on the log σ² term", "The log term has the wrong sign", () => Lesson07Checks.GaussianKl((mean, logVar) =>
                0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - 1 + logVar[j]).Sum())),
            Attempt.Wrong("forgot the factor ½", "Keep the factor ½", () => Lesson07Checks.GaussianKl((mean, logVar) => 2 * L07Kl(mean, logVar))),
            Attempt.Wrong("σ instead of σ²", "not σ", () => Lesson07Checks.GaussianKl((mean, logVar) =>
                0.5 * mean.Select((m, j) => m * m + Math.Exp(0.5 * logVar[j]) - 1 - logVar[j]).Sum())),
            Attempt.Wrong("forgot the − 1 per latent", "Subtract 1 per latent", () => Lesson07Checks.GaussianKl((mean, logVar) =>
                0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - logVar[j]).Sum())),
            Attempt.Wrong("mean over latents instead of sum", "Sum over the latents instead of averaging", () => Lesson07Checks.GaussianKl((mean, logVar) =>
                0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - 1 - logVar[j]).Average())),
            Attempt.Wrong("NaN", "you returned NaN", () => Lesson07Checks.GaussianKl((mean, logVar) => double.NaN)),
            Attempt.Stub(() => Lesson07Checks.GaussianKl((mean, logVar) => throw new NotImplementedException())),
        ],
        ["07.3"] =
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
    };

    private static double[] L07Reparameterise(double[] mean, double[] logVar, double[] eps) => mean.Select((m, j) => m + Math.Exp(0.5 * logVar[j]) * eps[j]).ToArray();

    private static double L07Kl(double[] mean, double[] logVar) => 0.5 * mean.Select((m, j) => m * m + Math.Exp(logVar[j]) - 1 - logVar[j]).Sum();

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
