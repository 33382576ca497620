using Course.Compute;
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
                    double shift = global::Course.Compute.Distance.Dot(mean, v.Row(c));
                    for (int i = 0; i < x.Rows; i++) z[i, c] = global::Course.Compute.Distance.Dot(x.Row(i), v.Row(c)) - shift;
                }
                return z;
            })),
            Attempt.Right("centre the given rows in place, then dot products", () => Lesson04Checks.CentreAndProject((x, mean, v) =>
            {
                for (int i = 0; i < x.Rows; i++) for (int j = 0; j < x.Cols; j++) x[i, j] -= mean[j];
                var z = new Matrix(x.Rows, v.Rows);
                for (int i = 0; i < x.Rows; i++) for (int c = 0; c < v.Rows; c++) z[i, c] = global::Course.Compute.Distance.Dot(x.Row(i), v.Row(c));
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
        // Iris first: its first eigenvalue (4.23) is above 1, so deflating with v vᵀ alone (no λ) finds the first
        // component again, and unnormalised iterates overflow within the 500 iterations.
        ["04.2"] =
        [
            Attempt.Right("covariance, power iteration, deflation C ← C − λ v vᵀ", () => Lesson04Checks.PowerIteration((x, k, iterations) => L04PowerComponents(x, k, iterations))),
            Attempt.Right("no covariance: v ← Xᵀ(X v) on the centred data, found components projected out of the data", () => Lesson04Checks.PowerIteration((x, k, iterations) =>
            {
                var centred = x.SubtractFromRows(x.ColumnMeans());
                var components = new Matrix(k, x.Cols);
                for (int c = 0; c < k; c++)
                {
                    // Start from (1, 2, ..., d): any start with a share of every component will do.
                    var v = Enumerable.Range(1, x.Cols).Select(j => (double)j).ToArray();
                    for (int t = 0; t < iterations; t++)
                    {
                        var z = new double[centred.Rows];
                        for (int i = 0; i < centred.Rows; i++) z[i] = global::Course.Compute.Distance.Dot(centred.Row(i), v);
                        var w = new double[x.Cols];
                        for (int i = 0; i < centred.Rows; i++) for (int j = 0; j < x.Cols; j++) w[j] += z[i] * centred[i, j];
                        double norm = Math.Sqrt(global::Course.Compute.Distance.Dot(w, w));
                        v = w.Select(u => u / norm).ToArray();
                    }
                    for (int i = 0; i < centred.Rows; i++)
                    {
                        double along = global::Course.Compute.Distance.Dot(centred.Row(i), v);
                        for (int j = 0; j < x.Cols; j++) centred[i, j] -= along * v[j];
                    }
                    for (int j = 0; j < x.Cols; j++) components[c, j] = v[j];
                }
                return components;
            })),
            Attempt.Right("scatter matrix (no n − 1), no deflation: each iterate made orthogonal to the components found (Gram–Schmidt)", () => Lesson04Checks.PowerIteration((x, k, iterations) =>
            {
                var centred = x.SubtractFromRows(x.ColumnMeans());
                var scatter = LinearAlgebra.Multiply(centred, centred, transposeA: true);
                var found = new List<double[]>();
                for (int c = 0; c < k; c++)
                {
                    var v = Enumerable.Repeat(1.0, x.Cols).ToArray();
                    for (int t = 0; t < iterations; t++)
                    {
                        var w = new double[x.Cols];
                        for (int a = 0; a < x.Cols; a++) w[a] = global::Course.Compute.Distance.Dot(scatter.Row(a), v);
                        foreach (var u in found)
                        {
                            double along = global::Course.Compute.Distance.Dot(w, u);
                            for (int a = 0; a < x.Cols; a++) w[a] -= along * u[a];
                        }
                        double norm = Math.Sqrt(global::Course.Compute.Distance.Dot(w, w));
                        v = w.Select(u => u / norm).ToArray();
                    }
                    found.Add(v);
                }
                return Matrix.FromRows(found);
            })),
            Attempt.Wrong("data not centred", "Centre x (subtract each column's mean)", () => Lesson04Checks.PowerIteration((x, k, iterations) => L04PowerComponents(x, k, iterations, centre: false))),
            Attempt.Wrong("no deflation: every row is the first component", "row 1 points the same way as row 0", () => Lesson04Checks.PowerIteration((x, k, iterations) => L04PowerComponents(x, k, iterations, deflation: 0))),
            Attempt.Wrong("deflates with v vᵀ, without λ", "subtracting v vᵀ without λ leaves λ − 1 of it", () => Lesson04Checks.PowerIteration((x, k, iterations) => L04PowerComponents(x, k, iterations, deflation: 1))),
            Attempt.Wrong("normalised once, at the end, not every step", "row 0 has a non-finite entry", () => Lesson04Checks.PowerIteration((x, k, iterations) => L04PowerComponents(x, k, iterations, normaliseEachStep: false))),
            Attempt.Wrong("components in reverse order (smallest variance first)", "That is the component with rank 3 by variance", () => Lesson04Checks.PowerIteration((x, k, iterations) =>
            {
                var found = L04PowerComponents(x, k, iterations);
                return found.SelectRows(Enumerable.Range(0, k).Reverse().ToArray());
            })),
            Attempt.Wrong("5 iterations, whatever it is told", "Repeat v ← C v / ‖C v‖ all 500 times", () => Lesson04Checks.PowerIteration((x, k, iterations) => L04PowerComponents(x, k, 5))),
            Attempt.Wrong("components as columns (d x k)", "return a k x d matrix (3 x 4), one component per row; you returned 4 x 3", () => Lesson04Checks.PowerIteration((x, k, iterations) =>
            {
                var found = L04PowerComponents(x, k, iterations);
                var t = new Matrix(found.Cols, found.Rows);
                for (int i = 0; i < found.Rows; i++) for (int j = 0; j < found.Cols; j++) t[j, i] = found[i, j];
                return t;
            })),
            Attempt.Wrong("returns null", "you returned null", () => Lesson04Checks.PowerIteration((x, k, iterations) => null!)),
            // The exercise asks for the algorithm: calling the kit's implementation of it fails, whatever it returns.
            Attempt.Wrong("the kit's PCA", "calls the kit's Pca", () => Lesson04Checks.PowerIteration((x, k, iterations) => new Pca(k).Fit(x).Components)),
            Attempt.Stub(() => Lesson04Checks.PowerIteration((x, k, iterations) => throw new NotImplementedException())),
        ],
        // A one-liner: catalogued as it is, not redesigned. Every wrong entry fails on the first case, s = [3, 4],
        // whose ratios are [0.36, 0.64].
        ["04.3"] =
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
        ["04.4"] =
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
            Attempt.Wrong("model.Transform, zero the coordinates past k, model.InverseTransform", "calls the kit's PcaModel.InverseTransform", () => Lesson04Checks.Reconstruct((x, model, k) =>
            {
                var z = model.Transform(x);
                for (int i = 0; i < z.Rows; i++) for (int c = k; c < z.Cols; c++) z[i, c] = 0;
                return model.InverseTransform(z);
            })),
            Attempt.Wrong("mean not added back", "Add the mean back after mapping out of component space", () => Lesson04Checks.Reconstruct((x, model, k) => L04Reconstruct(x, model, k, addMean: false))),
            Attempt.Wrong("every component of the model, whatever k", "calls the kit's PcaModel.InverseTransform", () => Lesson04Checks.Reconstruct((x, model, k) => model.InverseTransform(model.Transform(x)))),
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
        ["04.5"] =
        [
            Attempt.Right("row, column and grand means first, then a new matrix", () => Lesson04Checks.KernelCentring(k => L04CentreKernel(k))),
            Attempt.Right("H K H with H = I − 1ₙ (two matrix products)", () => Lesson04Checks.KernelCentring(k =>
            {
                int n = k.Rows;
                var h = new Matrix(n, n);
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) h[i, j] = (i == j ? 1 : 0) - 1.0 / n;
                return LinearAlgebra.Multiply(LinearAlgebra.Multiply(h, k), h);
            })),
            Attempt.Right("two passes on a copy: centre the columns, then the rows of the result", () => Lesson04Checks.KernelCentring(k =>
            {
                var c = k.Clone();
                var columnMeans = c.ColumnMeans();
                for (int i = 0; i < c.Rows; i++) for (int j = 0; j < c.Cols; j++) c[i, j] -= columnMeans[j];
                for (int i = 0; i < c.Rows; i++)
                {
                    double rowMean = c.Row(i).ToArray().Average();
                    for (int j = 0; j < c.Cols; j++) c[i, j] -= rowMean;
                }
                return c;
            })),
            Attempt.Wrong("rows centred only (K − K1ₙ)", "subtract each column's mean as well", () => Lesson04Checks.KernelCentring(k => L04CentreKernel(k, columns: false, grand: 0))),
            Attempt.Wrong("columns centred only (K − 1ₙK)", "subtract each row's mean as well", () => Lesson04Checks.KernelCentring(k => L04CentreKernel(k, rows: false, grand: 0))),
            Attempt.Wrong("grand mean not added back", "add it back once", () => Lesson04Checks.KernelCentring(k => L04CentreKernel(k, grand: 0))),
            Attempt.Wrong("grand mean subtracted instead of added", "is added back, not subtracted", () => Lesson04Checks.KernelCentring(k => L04CentreKernel(k, grand: -1))),
            Attempt.Wrong("right values, but written into the given matrix", "you changed the matrix you were given", () => Lesson04Checks.KernelCentring(k => L04CentreKernel(k, inPlace: true))),
            Attempt.Wrong("off by one: row and column means divided by n − 1", "Entry by entry, K̃ᵢⱼ = Kᵢⱼ − (mean of row i)", () => Lesson04Checks.KernelCentring(k => L04CentreKernel(k, divisor: k.Rows - 1))),
            Attempt.Wrong("returns K unchanged", "That is K itself", () => Lesson04Checks.KernelCentring(k => k.Clone())),
            Attempt.Wrong("returns null", "return the centred n x n kernel (5 x 5); you returned null", () => Lesson04Checks.KernelCentring(k => null!)),
            Attempt.Stub(() => Lesson04Checks.KernelCentring(k => throw new NotImplementedException())),
        ],
        // The check's cases: the bar 0.843 picks 50 of [10, 20, 50, 100]; a case where a candidate's own error would let it
        // pass; a list out of order; one where only the best clears the bar.
        ["04.6"] =
        [
            Attempt.Right("the bar from the best, then the smallest k above it", () => Lesson04Checks.OneStandardErrorRule((ks, means, errors) =>
            {
                int best = Array.IndexOf(means, means.Max());
                return Enumerable.Range(0, ks.Length).Where(i => means[i] >= means[best] - errors[best]).Min(i => ks[i]);
            })),
            Attempt.Right("candidates sorted by k, the first above the bar", () => Lesson04Checks.OneStandardErrorRule((ks, means, errors) =>
            {
                int best = 0;
                for (int i = 1; i < means.Length; i++) if (means[i] > means[best]) best = i;
                foreach (int i in Enumerable.Range(0, ks.Length).OrderBy(i => ks[i]))
                    if (means[i] >= means[best] - errors[best]) return ks[i];
                return ks[best];
            })),
            Attempt.Wrong("the best mean's k (no rule)", "The rule gives up a little score for a simpler model", () => Lesson04Checks.OneStandardErrorRule((ks, means, errors) =>
                ks[Array.IndexOf(means, means.Max())])),
            Attempt.Wrong("each candidate's own standard error", "not by each candidate's own", () => Lesson04Checks.OneStandardErrorRule((ks, means, errors) =>
                Enumerable.Range(0, ks.Length).Where(i => means[i] + errors[i] >= means.Max()).Min(i => ks[i]))),
            Attempt.Wrong("the first candidate in the list above the bar", "take the smallest k, wherever it is in the list", () => Lesson04Checks.OneStandardErrorRule((ks, means, errors) =>
            {
                int best = Array.IndexOf(means, means.Max());
                return ks[Enumerable.Range(0, ks.Length).First(i => means[i] >= means[best] - errors[best])];
            })),
            Attempt.Wrong("the position in the list instead of k", "Return the candidate's k, not its position", () => Lesson04Checks.OneStandardErrorRule((ks, means, errors) =>
            {
                int best = Array.IndexOf(means, means.Max());
                return Enumerable.Range(0, ks.Length).Where(i => means[i] >= means[best] - errors[best]).MinBy(i => ks[i]);
            })),
            Attempt.Wrong("the kit's rule", "calls the kit's OneStandardError.Choose", () => Lesson04Checks.OneStandardErrorRule((ks, means, errors) =>
                Course.Metrics.OneStandardError.Choose(ks, means, errors))),
            Attempt.Stub(() => Lesson04Checks.OneStandardErrorRule((ks, means, errors) => throw new NotImplementedException())),
        ],
        // The check's cases: a 30 x 8 matrix with slowly falling singular values; (k, l, q) = (2, 4, 0), (2, 4, 2), (3, 5, 1).
        ["04.7"] =
        [
            Attempt.Right("Halko's algorithm 4.4: orthonormalise after every product", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) => L04RangeFinder(x, omega, k, q, L04RangeSlip.None))),
            Attempt.Right("algorithm 4.3: (x xᵀ)^q x Ω formed first, orthonormalised once", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) =>
            {
                var y = LinearAlgebra.Multiply(x, omega);
                for (int it = 0; it < q; it++) y = LinearAlgebra.Multiply(x, LinearAlgebra.Multiply(x, y, transposeA: true));
                var basis = LinearAlgebra.OrthonormalBasis(y);
                var (_, s, vt) = LinearAlgebra.ThinSvd(LinearAlgebra.Multiply(basis, x, transposeA: true));
                return (s[..k], vt.SelectRows([.. Enumerable.Range(0, k)]));
            })),
            Attempt.Right("the small problem through the eigenvectors of B Bᵀ", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) =>
            {
                var basis = LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, omega));
                for (int it = 0; it < q; it++)
                    basis = LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, basis, transposeA: true))));
                var b = LinearAlgebra.Multiply(basis, x, transposeA: true);                 // l x d
                var (values, vectors) = LinearAlgebra.SymmetricEigen(LinearAlgebra.Multiply(b, b, transposeB: true));
                var s = values[..k].Select(v => Math.Sqrt(Math.Max(v, 0))).ToArray();
                // vᵢ = Bᵀ uᵢ / sᵢ
                var vt = LinearAlgebra.Multiply(vectors, b, transposeA: true).SelectRows([.. Enumerable.Range(0, k)]);
                for (int r = 0; r < k; r++) for (int j = 0; j < vt.Cols; j++) vt[r, j] /= s[r];
                return (s, vt);
            })),
            Attempt.Wrong("power iterations ignored", "That is the answer without power iterations", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) => L04RangeFinder(x, omega, k, 0, L04RangeSlip.None))),
            Attempt.Wrong("only the first k columns of Ω", "Use all l columns of Ω", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) => L04RangeFinder(x, omega, k, q, L04RangeSlip.FirstKColumns))),
            Attempt.Wrong("x Ω never orthonormalised", "Orthonormalise x Ω", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) => L04RangeFinder(x, omega, k, 0, L04RangeSlip.NotOrthonormal))),
            Attempt.Wrong("all l singular values returned", "keep the first k", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) => L04RangeFinder(x, omega, k, q, L04RangeSlip.AllL))),
            Attempt.Wrong("the exact SVD of x", "this exercise asks for the randomized one", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) =>
            {
                var (_, s, vt) = LinearAlgebra.ThinSvd(x);
                return (s[..k], vt.SelectRows([.. Enumerable.Range(0, k)]));
            })),
            Attempt.Wrong("U of the small SVD instead of Vt", "one right singular vector per row", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) =>
            {
                var basis = LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, omega));
                var (u, s, _) = LinearAlgebra.ThinSvd(LinearAlgebra.Multiply(basis, x, transposeA: true));
                return (s[..k], u.Transpose().SelectRows([.. Enumerable.Range(0, k)]));
            })),
            Attempt.Wrong("the kit's randomized SVD (its own random directions)", "calls the kit's RandomizedSvd", () => Lesson04Checks.RandomizedSvd((x, omega, k, q) =>
            {
                var (_, s, vt) = Course.Decomposition.RandomizedSvd.Compute(x, k, omega.Cols - k, q, seed: 0);
                return (s, vt);
            })),
            Attempt.Stub(() => Lesson04Checks.RandomizedSvd((x, omega, k, q) => throw new NotImplementedException())),
        ],
    };

    // Power iteration from (1, ..., 1)/√d on the covariance of x (centred or not), normalising each step or once at the
    // end, and deflating C ← C − s v vᵀ after each component with s = λ = vᵀ C v (deflation: null), or the given s
    // (0: no deflation, 1: v vᵀ without λ).
    private static Matrix L04PowerComponents(Matrix x, int k, int iterations, bool centre = true, double? deflation = null, bool normaliseEachStep = true)
    {
        int n = x.Rows, d = x.Cols;
        var mean = centre ? x.ColumnMeans() : new double[d];
        var c = new Matrix(d, d);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) c[a, b] += (x[i, a] - mean[a]) * (x[i, b] - mean[b]) / (n - 1);
        var components = new Matrix(k, d);
        for (int m = 0; m < k; m++)
        {
            var v = Enumerable.Repeat(1 / Math.Sqrt(d), d).ToArray();
            for (int t = 0; t < iterations; t++)
            {
                var w = new double[d];
                for (int a = 0; a < d; a++) w[a] = global::Course.Compute.Distance.Dot(c.Row(a), v);
                double length = normaliseEachStep ? Math.Sqrt(global::Course.Compute.Distance.Dot(w, w)) : 1;
                v = w.Select(u => u / length).ToArray();
            }
            if (!normaliseEachStep)
            {
                double length = Math.Sqrt(v.Sum(u => u * u));
                v = v.Select(u => u / length).ToArray();
            }
            double lambda = 0;
            for (int a = 0; a < d; a++) lambda += v[a] * global::Course.Compute.Distance.Dot(c.Row(a), v);
            double s = deflation ?? lambda;
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) c[a, b] -= s * v[a] * v[b];
            for (int a = 0; a < d; a++) components[m, a] = v[a];
        }
        return components;
    }

    // K − (each row's mean, if rows) − (each column's mean, if columns) + grand × (the mean of all entries), the row and
    // column means summed over divisor (n unless given); written into a new matrix, or into k itself when inPlace.
    private static Matrix L04CentreKernel(Matrix k, bool rows = true, bool columns = true, double grand = 1, bool inPlace = false, int? divisor = null)
    {
        int n = k.Rows;
        double by = divisor ?? n;
        var rowMeans = new double[n];
        var columnMeans = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) { rowMeans[i] += k[i, j] / by; columnMeans[j] += k[i, j] / by; all += k[i, j]; }
        all /= (double)n * n;
        var result = inPlace ? k : new Matrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                result[i, j] = k[i, j] - (rows ? rowMeans[i] : 0) - (columns ? columnMeans[j] : 0) + grand * all;
        return result;
    }

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

    private enum L04RangeSlip { None, FirstKColumns, NotOrthonormal, AllL }

    // Halko's algorithm 4.4, with the slips the catalogue names.
    private static (double[] S, Matrix Vt) L04RangeFinder(Matrix x, Matrix omega, int k, int q, L04RangeSlip slip)
    {
        if (slip == L04RangeSlip.FirstKColumns) omega = omega.Transpose().SelectRows([.. Enumerable.Range(0, k)]).Transpose();
        var basis = LinearAlgebra.Multiply(x, omega);
        if (slip != L04RangeSlip.NotOrthonormal) basis = LinearAlgebra.OrthonormalBasis(basis);
        for (int it = 0; it < q; it++)
        {
            var z = LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, basis, transposeA: true));
            basis = LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, z));
        }
        var (_, s, vt) = LinearAlgebra.ThinSvd(LinearAlgebra.Multiply(basis, x, transposeA: true));
        int keep = slip == L04RangeSlip.AllL ? s.Length : k;
        return (s[..keep], vt.SelectRows([.. Enumerable.Range(0, keep)]));
    }
}
