using Course.Decomposition;
using Course.Exercises;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson04 => new Dictionary<string, Attempt[]>
    {
        ["04.1"] =
        [
            Attempt.Right("triple loop over rows, components and features", () => Lesson04Checks.CentreAndProject((x, mean, v) => L04Project(x, mean, v, L04Centring.GivenMean))),
            Attempt.Right("centre with SubtractFromRows, then one matrix product with the components transposed", () => Lesson04Checks.CentreAndProject((x, mean, v) =>
                LinearAlgebra.Multiply(x.SubtractFromRows(mean), v, transposeB: true))),
            Attempt.Right("project the raw rows, then subtract the projected mean (x Vᵀ − μ Vᵀ)", () => Lesson04Checks.CentreAndProject((x, mean, v) =>
            {
                var z = new Matrix(x.Rows, v.Rows);
                for (int c = 0; c < v.Rows; c++)
                {
                    double shift = global::Course.Kernels.Distance.Dot(mean, v.Row(c));
                    for (int i = 0; i < x.Rows; i++) z[i, c] = global::Course.Kernels.Distance.Dot(x.Row(i), v.Row(c)) - shift;
                }
                return z;
            })),
            Attempt.Right("centre the given rows in place, then dot products", () => Lesson04Checks.CentreAndProject((x, mean, v) =>
            {
                for (int i = 0; i < x.Rows; i++) for (int j = 0; j < x.Cols; j++) x[i, j] -= mean[j];
                var z = new Matrix(x.Rows, v.Rows);
                for (int i = 0; i < x.Rows; i++) for (int c = 0; c < v.Rows; c++) z[i, c] = global::Course.Kernels.Distance.Dot(x.Row(i), v.Row(c));
                return z;
            })),
            Attempt.Wrong("projects without centring", "Subtract the mean from each row before projecting", () => Lesson04Checks.CentreAndProject((x, mean, v) => L04Project(x, mean, v, L04Centring.None))),
            // Passed the old check: it projected only the rows the model was fitted on, whose own mean is the model's.
            Attempt.Wrong("centres on the mean of the rows it is given, not the model's", "Centre with the mean you are given", () => Lesson04Checks.CentreAndProject((x, mean, v) => L04Project(x, mean, v, L04Centring.OwnMean))),
            Attempt.Wrong("adds the mean instead of subtracting it", "Each coordinate is the dot product of the centred row", () => Lesson04Checks.CentreAndProject((x, mean, v) => L04Project(x, mean, v, L04Centring.Added))),
            Attempt.Wrong("off by one: the last feature is left out of each dot product", "Each coordinate is the dot product of the centred row", () => Lesson04Checks.CentreAndProject((x, mean, v) =>
            {
                var z = new Matrix(x.Rows, v.Rows);
                for (int i = 0; i < x.Rows; i++) for (int c = 0; c < v.Rows; c++) for (int j = 0; j < x.Cols - 1; j++) z[i, c] += (x[i, j] - mean[j]) * v[c, j];
                return z;
            })),
            Attempt.Wrong("only the first component (n x 1)", "return an n x k matrix (150 x 2); you returned 150 x 1", () => Lesson04Checks.CentreAndProject((x, mean, v) =>
            {
                var z = new Matrix(x.Rows, 1);
                for (int i = 0; i < x.Rows; i++) for (int j = 0; j < x.Cols; j++) z[i, 0] += (x[i, j] - mean[j]) * v[0, j];
                return z;
            })),
            Attempt.Wrong("components read as d x k (one per column)", "threw ArgumentOutOfRangeException", () => Lesson04Checks.CentreAndProject((x, mean, v) =>
            {
                var z = new Matrix(x.Rows, v.Cols);
                for (int i = 0; i < x.Rows; i++) for (int c = 0; c < v.Cols; c++) for (int j = 0; j < x.Cols; j++) z[i, c] += (x[i, j] - mean[j]) * v[j, c];
                return z;
            })),
            Attempt.Wrong("returns null", "you returned null", () => Lesson04Checks.CentreAndProject((x, mean, v) => null!)),
            Attempt.Stub(() => Lesson04Checks.CentreAndProject((x, mean, v) => throw new NotImplementedException())),
        ],
        // A one-liner: catalogued as it is, not redesigned. Every wrong entry fails on the first case, s = [3, 4],
        // whose ratios are [0.36, 0.64].
        ["04.2"] =
        [
            Attempt.Right("LINQ: squares over their sum", () => Lesson04Checks.ExplainedVarianceRatio(s =>
            {
                double total = s.Sum(v => v * v);
                return s.Select(v => v * v / total).ToArray();
            })),
            Attempt.Right("loop, squaring the given array in place", () => Lesson04Checks.ExplainedVarianceRatio(s =>
            {
                double total = 0;
                for (int i = 0; i < s.Length; i++) { s[i] *= s[i]; total += s[i]; }
                for (int i = 0; i < s.Length; i++) s[i] /= total;
                return s;
            })),
            Attempt.Right("square of each value over the vector's norm", () => Lesson04Checks.ExplainedVarianceRatio(s =>
            {
                double norm = Math.Sqrt(s.Sum(v => v * v));
                return s.Select(v => Math.Pow(v / norm, 2)).ToArray();
            })),
            Attempt.Wrong("singular values not squared", "square them first", () => Lesson04Checks.ExplainedVarianceRatio(s => s.Select(v => v / s.Sum()).ToArray())),
            Attempt.Wrong("cumulative ratio (the running sum of the scree plot)", "ratio 1 is 0.64; you returned 1", () => Lesson04Checks.ExplainedVarianceRatio(s =>
            {
                double total = s.Sum(v => v * v), running = 0;
                return s.Select(v => running += v * v / total).ToArray();
            })),
            Attempt.Wrong("unsquared ratio, squared afterwards", "ratio 0 is 0.36; you returned 0.1837", () => Lesson04Checks.ExplainedVarianceRatio(s => s.Select(v => Math.Pow(v / s.Sum(), 2)).ToArray())),
            Attempt.Wrong("values normalised to unit length, not their squares", "ratio 0 is 0.36; you returned 0.6", () => Lesson04Checks.ExplainedVarianceRatio(s =>
            {
                double norm = Math.Sqrt(s.Sum(v => v * v));
                return s.Select(v => v / norm).ToArray();
            })),
            Attempt.Wrong("squares never divided by the total", "ratio 0 is 0.36; you returned 9", () => Lesson04Checks.ExplainedVarianceRatio(s => s.Select(v => v * v).ToArray())),
            Attempt.Wrong("off by one: the total leaves out the last value", "ratio 0 is 0.36; you returned 1", () => Lesson04Checks.ExplainedVarianceRatio(s =>
            {
                double total = 0;
                for (int i = 0; i < s.Length - 1; i++) total += s[i] * s[i];
                return s.Select(v => v * v / total).ToArray();
            })),
            Attempt.Wrong("returns null", "return one ratio per singular value (2); you returned 0", () => Lesson04Checks.ExplainedVarianceRatio(s => null!)),
            Attempt.Stub(() => Lesson04Checks.ExplainedVarianceRatio(s => throw new NotImplementedException())),
        ],
        ["04.3"] =
        [
            Attempt.Right("loops: centre, project on each of the first k components, add back", () => Lesson04Checks.Reconstruct((x, model, k) => L04Reconstruct(x, model, k))),
            Attempt.Right("matrix products with the first k rows of the components", () => Lesson04Checks.Reconstruct((x, model, k) =>
            {
                var vk = model.Components.SelectRows(Enumerable.Range(0, k).ToArray());
                var z = LinearAlgebra.Multiply(x.SubtractFromRows(model.Mean), vk, transposeB: true);
                return LinearAlgebra.Multiply(z, vk).AddToRows(model.Mean);
            })),
            Attempt.Right("the projection matrix Vₖᵀ Vₖ applied to the centred rows", () => Lesson04Checks.Reconstruct((x, model, k) =>
            {
                var vk = model.Components.SelectRows(Enumerable.Range(0, k).ToArray());
                var projection = LinearAlgebra.Multiply(vk, vk, transposeA: true);
                return LinearAlgebra.Multiply(x.SubtractFromRows(model.Mean), projection).AddToRows(model.Mean);
            })),
            Attempt.Right("model.Transform, zero the coordinates past k, model.InverseTransform", () => Lesson04Checks.Reconstruct((x, model, k) =>
            {
                var z = model.Transform(x);
                for (int i = 0; i < z.Rows; i++) for (int c = k; c < z.Cols; c++) z[i, c] = 0;
                return model.InverseTransform(z);
            })),
            Attempt.Wrong("mean not added back", "Add the mean back after mapping out of component space", () => Lesson04Checks.Reconstruct((x, model, k) => L04Reconstruct(x, model, k, addMean: false))),
            Attempt.Wrong("every component of the model, whatever k", "Use only the first k components", () => Lesson04Checks.Reconstruct((x, model, k) => model.InverseTransform(model.Transform(x)))),
            Attempt.Wrong("the last k components instead of the first", "Use only the first k components", () => Lesson04Checks.Reconstruct((x, model, k) => L04Reconstruct(x, model, k, firstComponent: model.NComponents - k))),
            // The old check had no hint for it (nothing after the values at k = 20); now it names the step.
            Attempt.Wrong("rows projected without centring, mean added back", "Subtract the mean from each row before projecting onto the components", () => Lesson04Checks.Reconstruct((x, model, k) => L04Reconstruct(x, model, k, centre: false))),
            Attempt.Wrong("off by one: k − 1 components", "with k = 20, row", () => Lesson04Checks.Reconstruct((x, model, k) => L04Reconstruct(x, model, k - 1))),
            Attempt.Wrong("centred on the rows' own mean, not the model's", "with k = 20, row", () => Lesson04Checks.Reconstruct((x, model, k) =>
            {
                var own = x.ColumnMeans();
                var vk = model.Components.SelectRows(Enumerable.Range(0, k).ToArray());
                return LinearAlgebra.Multiply(LinearAlgebra.Multiply(x.SubtractFromRows(own), vk, transposeB: true), vk).AddToRows(own);
            })),
            Attempt.Wrong("returns null", "return a matrix shaped like x (50 x 64); you returned null", () => Lesson04Checks.Reconstruct((x, model, k) => null!)),
            Attempt.Stub(() => Lesson04Checks.Reconstruct((x, model, k) => throw new NotImplementedException())),
        ],
    };

    private enum L04Centring { GivenMean, None, OwnMean, Added }

    // z = (x − m) Vᵀ with m the given mean, none, the rows' own mean, or −mean (added instead of subtracted).
    private static Matrix L04Project(Matrix x, double[] mean, Matrix v, L04Centring centring)
    {
        var m = centring switch
        {
            L04Centring.GivenMean => mean,
            L04Centring.None => new double[x.Cols],
            L04Centring.OwnMean => x.ColumnMeans(),
            _ => mean.Select(u => -u).ToArray(),
        };
        var z = new Matrix(x.Rows, v.Rows);
        for (int i = 0; i < x.Rows; i++)
            for (int c = 0; c < v.Rows; c++)
                for (int j = 0; j < x.Cols; j++) z[i, c] += (x[i, j] - m[j]) * v[c, j];
        return z;
    }

    // x̂ = μ + ((x − μ) Vᵀ) V over components firstComponent .. firstComponent + k − 1, with the centring and the
    // final mean each optional.
    private static Matrix L04Reconstruct(Matrix x, PcaModel model, int k, bool addMean = true, bool centre = true, int firstComponent = 0)
    {
        var r = new Matrix(x.Rows, x.Cols);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Cols; j++) r[i, j] = addMean ? model.Mean[j] : 0;
            for (int c = firstComponent; c < firstComponent + k; c++)
            {
                double z = 0;
                for (int j = 0; j < x.Cols; j++) z += (x[i, j] - (centre ? model.Mean[j] : 0)) * model.Components[c, j];
                for (int j = 0; j < x.Cols; j++) r[i, j] += z * model.Components[c, j];
            }
        }
        return r;
    }
}
