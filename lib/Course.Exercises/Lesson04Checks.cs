using Course.Compute;
using Course.Data;
using Course.Decomposition;
using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 04 (PCA, Kernel PCA, SVD).</summary>
public static class Lesson04Checks
{
    /// <summary>04.1 Centre and project: z = (x − μ) Vₖᵀ.</summary>
    public static ExerciseResult CentreAndProject(Func<Matrix, double[], Matrix, Matrix> project)
    {
        var x = Datasets.Iris().X;
        var model = new Pca(2).Fit(x);
        // All 150 rows, then the 50 setosa rows alone, projected with the model of all 150 as new data would be: their
        // own mean is not the model's, so an answer that centres on the mean of the rows it is given fails there.
        var setosa = x.SelectRows(Enumerable.Range(0, 50).ToArray());
        return CheckCases("04.1", "centre and project", ref project, new[] { (x, ""), (setosa, "projecting the first 50 rows (one species) with the model of all 150, ") }, one =>
        {
            var (rows, what) = one;
            var expected = model.Transform(rows);
            // The uncentred projection and the one centred on the rows' own mean, which the hints recognise, are
            // computed up front as well.
            var ownMean = rows.ColumnMeans();
            var uncentred = new Matrix(rows.Rows, 2);
            var selfCentred = new Matrix(rows.Rows, 2);
            for (int i = 0; i < rows.Rows; i++)
                for (int c = 0; c < 2; c++)
                {
                    uncentred[i, c] = Compute.Distance.Dot(rows.Row(i), model.Components.Row(c));
                    double s = 0;
                    for (int j = 0; j < rows.Cols; j++) s += (rows[i, j] - ownMean[j]) * model.Components[c, j];
                    selfCentred[i, c] = s;
                }
            var got = project(rows.Clone(), (double[])model.Mean.Clone(), model.Components.Clone());
            if (got is null || got.Rows != rows.Rows || got.Cols != 2) return $"{what}return an n x k matrix ({rows.Rows} x 2); you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
            for (int i = 0; i < rows.Rows; i++)
                for (int c = 0; c < 2; c++)
                {
                    if (Math.Abs(got[i, c] - expected[i, c]) <= 1e-9) continue;
                    return $"{what}row {i}, component {c}: expected {F(expected[i, c])}, you returned {F(got[i, c])}." +
                        (Math.Abs(got[i, c] - uncentred[i, c]) <= 1e-9 ? " Subtract the mean from each row before projecting."
                        : Math.Abs(got[i, c] - selfCentred[i, c]) <= 1e-9 ? " Centre with the mean you are given (the training data's), not the mean of the rows you project: new points are centred on the model's mean."
                        : " Each coordinate is the dot product of the centred row with one component (a row of Vₖ).");
                }
            return null;
        });
    }

    /// <summary>04.2 PCA by power iteration: v ← C v / ‖C v‖ repeated from (1, …, 1)/√d on the covariance of the
    /// centred data, then deflation C ← C − λ v vᵀ (λ = vᵀ C v) before the next component.</summary>
    public static ExerciseResult PowerIteration(Func<Matrix, int, int, Matrix> topComponents)
    {
        const int iterations = 500;
        // Iris (eigenvalues 4.23, 0.243, 0.078, 0.024: the first is above 1, so deflating with v vᵀ alone leaves it
        // the largest, and unnormalised iterates overflow within 500 steps), then a 5-D set with every component.
        return CheckCases("04.2", "PCA by power iteration with deflation", ref topComponents, new[] { (Datasets.Iris().X, 3, "on the iris data (k = 3)"), (PowerIterationData(), 5, "on a 40 x 5 synthetic set (k = 5)") }, one =>
        {
            var (x, k, what) = one;
            int d = x.Cols;
            // All d reference components, largest variance first (for the order hint), and the top eigenvector of the
            // uncentred xᵀx (for the centring hint), computed before the learner's code runs.
            var reference = new Pca(new PcaOptions { Solver = PcaSolver.Full }).Fit(x).Components;
            var uncentred = LinearAlgebra.SymmetricEigen(LinearAlgebra.Multiply(x, x, transposeA: true)).Vectors.Column(0);
            var got = topComponents(x.Clone(), k, iterations);
            if (got is null || got.Rows != k || got.Cols != d) return $"{what}: return a k x d matrix ({k} x {d}), one component per row; you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
            for (int r = 0; r < k; r++)
            {
                var v = got.Row(r).ToArray();
                int bad = Array.FindIndex(v, t => !double.IsFinite(t));
                if (bad >= 0) return $"{what}, row {r} has a non-finite entry ({F(v[bad])}): divide v by its length after every multiplication by the covariance. Left alone, its length grows by a factor of about λ each step and overflows.";
                double length = Math.Sqrt(Compute.Distance.Dot(v, v));
                if (!(Math.Abs(length - 1) <= 1e-6)) return $"{what}, row {r} has length {F(length)}; each component must be a unit vector: divide v by its length after every multiplication by the covariance.";
                for (int j = 0; j < r; j++)
                    if (AbsCos(v, got.Row(j).ToArray()) >= 1 - 1e-6)
                        return $"{what}, row {r} points the same way as row {j}: once a component v is found, remove it before looking for the next. Deflate the covariance, C ← C − λ v vᵀ with λ = vᵀ C v the variance along v (subtracting v vᵀ without λ leaves λ − 1 of it, still the largest), or project v out of the centred data.";
                var expected = reference.Row(r).ToArray();
                double cos = AbsCos(v, expected);
                if (cos >= 1 - 1e-6) continue;
                string problem = $"{what}, row {r} should be ±[{List(expected)}] (either sign); you returned [{List(v)}], {F(Math.Acos(Math.Min(cos, 1)) * 180 / Math.PI)}° away.";
                if (r == 0 && AbsCos(v, uncentred) >= 1 - 1e-6)
                    return problem + " Centre x (subtract each column's mean) before forming the covariance: uncentred, the first direction points towards the data's mean instead of along its spread.";
                for (int j = 0; j < d; j++)
                    if (j != r && AbsCos(v, reference.Row(j).ToArray()) >= 1 - 1e-6)
                        return problem + $" That is the component with rank {j + 1} by variance: return the components in the order power iteration finds them, largest variance first.";
                return problem + $" Repeat v ← C v / ‖C v‖ all {iterations} times on the covariance C of the centred data, starting from v = (1, …, 1)/√d.";
            }
            for (int i = 1; i < k; i++)
                for (int j = 0; j < i; j++)
                {
                    double dot = Compute.Distance.Dot(got.Row(i), got.Row(j));
                    if (!(Math.Abs(dot) <= 1e-6))
                        return $"{what}, rows {j} and {i} are not orthogonal (their dot product is {dot.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}, not 0): deflate with the exact λ = vᵀ C v of each component found, so the next one is orthogonal to it.";
                }
            return null;
        }, writeYourself: ["Pca"]);
    }

    // |cos| of the angle between a and b: 1 when they lie on the same axis, whatever their signs.
    private static double AbsCos(double[] a, double[] b) =>
        Math.Abs(Compute.Distance.Dot(a, b)) / Math.Sqrt(Compute.Distance.Dot(a, a) * Compute.Distance.Dot(b, b));

    // 40 points in 5-D: five latent waves of decreasing scale (3 down to 0.2), mixed and shifted far from the origin,
    // so the covariance has five well-separated eigenvalues (5.9, 1.26, 0.34, 0.080, 0.016) and the uncentred
    // second moment a different top direction.
    private static Matrix PowerIterationData()
    {
        var x = new Matrix(40, 5);
        for (int i = 0; i < x.Rows; i++)
        {
            double a = 3.0 * Math.Sin(0.37 * i + 0.2), b = 1.5 * Math.Cos(1.13 * i + 0.5), c = 0.8 * Math.Sin(2.71 * i + 1.1),
                e = 0.4 * Math.Cos(3.97 * i + 0.3), g = 0.2 * Math.Sin(5.21 * i + 2.0);
            double[] row = [a + 0.3 * b + 5, 0.5 * a - b + 0.2 * c - 2, c + 0.4 * e + 0.1 * a + 1, e - 0.3 * g + 3, g + 0.2 * b - 0.1 * e + 0.5];
            for (int j = 0; j < 5; j++) x[i, j] = row[j];
        }
        return x;
    }

    /// <summary>04.3 Explained-variance ratios from singular values: sᵢ² / Σⱼ sⱼ².</summary>
    public static ExerciseResult ExplainedVarianceRatio(Func<double[], double[]> ratio) => Check("04.3", "explained-variance ratio from singular values", ref ratio, () =>
    {
        foreach (var s in new[] { new[] { 3.0, 4.0 }, new[] { 10.0, 5, 2, 1 }, new Pca(new PcaOptions()).Fit(Datasets.Wine().X).SingularValues })
        {
            double total = s.Sum(v => v * v);
            var expected = s.Select(v => v * v / total).ToArray();
            double plain = s.Sum();
            var unsquaredRatio = s.Select(v => v / plain).ToArray();
            var got = ratio((double[])s.Clone());
            if (got is null || got.Length != s.Length) return $"return one ratio per singular value ({s.Length}); you returned {got?.Length ?? 0}.";
            for (int i = 0; i < s.Length; i++)
            {
                if (Math.Abs(got[i] - expected[i]) <= 1e-12) continue;
                bool unsquared = Math.Abs(got[i] - unsquaredRatio[i]) <= 1e-12;
                return $"for singular values [{List(s.Take(4))}{(s.Length > 4 ? ", ..." : "")}] ratio {i} is {F(expected[i])}; you returned {F(got[i])}."
                    + (unsquared ? " Variance grows with the square of a singular value: square them first." : "");
            }
        }
        return null;
    });

    /// <summary>04.4 Reconstruction from the first k components: x̂ = μ + ((x − μ) Vₖᵀ) Vₖ.</summary>
    public static ExerciseResult Reconstruct(Func<Matrix, PcaModel, int, Matrix> reconstruct) => Check("04.4", "reconstruction from k components", ref reconstruct, () =>
    {
        var digits = Datasets.Digits().X; // read once: every fit below is on the same images
        var x = digits.SelectRows(Enumerable.Range(0, 50).ToArray());
        var model = new Pca(new PcaOptions { NComponents = 20, Solver = PcaSolver.Full }).Fit(digits);
        foreach (int k in new[] { 20, 5, 1 })
        {
            var truncated = k == 20 ? model : new Pca(new PcaOptions { NComponents = k, Solver = PcaSolver.Full }).Fit(digits);
            var expected = truncated.InverseTransform(truncated.Transform(x));
            // Projecting the raw rows (not centred) and adding the mean back, which a hint recognises.
            var raw = new Matrix(x.Rows, k);
            for (int i = 0; i < x.Rows; i++)
                for (int c = 0; c < k; c++) raw[i, c] = Compute.Distance.Dot(x.Row(i), truncated.Components.Row(c));
            var uncentred = truncated.InverseTransform(raw);
            // Private copies of the rows and the model: clearing them cannot change this k's answer or the next.
            var got = reconstruct(x.Clone(), PcaModel.FromJson(model.ToJson()), k);
            if (got is null || got.Rows != x.Rows || got.Cols != x.Cols) return $"return a matrix shaped like x ({x.Rows} x {x.Cols}); you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
            double worst = 0; int at = 0;
            for (int i = 0; i < got.Data.Length; i++) if (!(Math.Abs(got.Data[i] - expected.Data[i]) <= worst)) { worst = Math.Abs(got.Data[i] - expected.Data[i]); at = i; }
            if (worst <= 1e-8) continue;
            int row = at / x.Cols, col = at % x.Cols;
            bool meanMissing = Math.Abs(got.Data[at] + model.Mean[col] - expected.Data[at]) <= 1e-8;
            bool notCentred = Math.Abs(got.Data[at] - uncentred.Data[at]) <= 1e-8;
            return $"with k = {k}, row {row} pixel {col} should be {F(expected.Data[at])}; you returned {F(got.Data[at])}."
                + (meanMissing ? " Add the mean back after mapping out of component space."
                : notCentred ? " Subtract the mean from each row before projecting onto the components."
                : k < 20 ? " Use only the first k components (rows of model.Components)." : "");
        }
        return null;
    }, writeYourself: ["PcaModel.InverseTransform"]);

    /// <summary>04.5 Centring a kernel matrix in feature space: K̃ = K − 1ₙK − K1ₙ + 1ₙK1ₙ.</summary>
    public static ExerciseResult KernelCentring(Func<Matrix, Matrix> centre)
    {
        // Points placed asymmetrically, so the rows have different means and the grand mean is not 0: every
        // half-done centring below differs from the right one in every entry.
        var plane = Matrix.FromArray(new double[,] { { 0, 0 }, { 1, 0.2 }, { 2.5, 1 }, { 0.3, 2 }, { 4, -1 } });
        var space = Matrix.FromArray(new double[,] { { 1, 2, 0.5 }, { -1, 0.3, 2 }, { 3, 1, -1 }, { 0.2, -2, 1.5 }, { 2, 2.5, 3 }, { -0.5, 1, -0.7 } });
        return CheckCases("04.5", "centring a kernel matrix", ref centre, new[]
        {
            (new KernelFunction(KernelType.Rbf, 0.5).Compute(plane, plane), "for the RBF kernel (γ = 0.5) of 5 points in 2-D"),
            (new KernelFunction(KernelType.Linear, 0).Compute(space, space), "for the linear kernel of 6 points in 3-D"),
        }, one =>
        {
            var (kernel, what) = one;
            int n = kernel.Rows;
            var expected = kernel.Clone();
            KernelCenterer.Fit(expected).Centre(expected);
            // The half-done centrings the hints recognise: rows only, columns only, the grand mean left out, subtracted.
            var rowMeans = Enumerable.Range(0, n).Select(i => kernel.Row(i).ToArray().Average()).ToArray();
            var columnMeans = kernel.ColumnMeans();
            double grandMean = rowMeans.Average();
            var mistakes = new (Func<int, int, double> Value, string Hint)[]
            {
                ((i, j) => kernel[i, j] - rowMeans[i], " Each row now has mean 0 but the columns do not: subtract each column's mean as well (1ₙK)."),
                ((i, j) => kernel[i, j] - columnMeans[j], " Each column now has mean 0 but the rows do not: subtract each row's mean as well (K1ₙ)."),
                ((i, j) => kernel[i, j] - rowMeans[i] - columnMeans[j], " Subtracting both the row and the column means takes the grand mean away twice: add it back once (+ 1ₙK1ₙ)."),
                ((i, j) => kernel[i, j] - rowMeans[i] - columnMeans[j] - grandMean, " The grand mean 1ₙK1ₙ is added back, not subtracted: subtracting the row and the column means already took it away twice."),
                ((i, j) => kernel[i, j], " That is K itself: subtract each row's mean and each column's mean, then add the mean of all entries."),
            };
            var given = kernel.Clone();
            var got = centre(given);
            if (got is null || got.Rows != n || got.Cols != n) return $"{what}: return the centred n x n kernel ({n} x {n}); you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (given[i, j] != kernel[i, j])
                        return $"{what}, you changed the matrix you were given (k[{i}, {j}] was {F(kernel[i, j])}, is now {F(given[i, j])}): write the centred kernel into a new matrix and leave k as it was. Kernel PCA keeps the raw K: new points are centred with its column means.";
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (Math.Abs(got[i, j] - expected[i, j]) <= 1e-9) continue;
                    string problem = $"{what}, entry [{i}, {j}] should be {F(expected[i, j])}; you returned {F(got[i, j])}.";
                    foreach (var (value, hint) in mistakes)
                    {
                        bool all = true;
                        for (int a = 0; a < n && all; a++)
                            for (int b = 0; b < n && all; b++) all = Math.Abs(got[a, b] - value(a, b)) <= 1e-9;
                        if (all) return problem + hint;
                    }
                    return problem + " Entry by entry, K̃ᵢⱼ = Kᵢⱼ − (mean of row i) − (mean of column j) + (mean of all entries).";
                }
            return null;
        });
    }

    // 30 x 8, singular values decaying slowly (about 5 down to 1.2), so a basis of k + p < 8 random directions does
    // not capture the top k exactly and the power iterations visibly change the answer.
    private static Matrix RangeFinderData()
    {
        var rng = Seed.Create(21);
        double[] scale = [5, 4, 3.2, 2.6, 2.1, 1.7, 1.4, 1.2];
        var x = new Matrix(30, 8);
        for (int i = 0; i < 30; i++) for (int j = 0; j < 8; j++) x[i, j] = scale[j] * rng.NextGaussian() / Math.Sqrt(30);
        return x;
    }

    private static Matrix Gaussian(int rows, int cols, int seed)
    {
        var rng = Seed.Create(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.NextGaussian();
        return m;
    }

    // Halko, Martinsson and Tropp's algorithm 4.4 with the given random matrix omega (d x l): the top k singular
    // values and right singular vectors (as rows) of x.
    internal static (double[] S, Matrix Vt) RangeFinderReference(Matrix x, Matrix omega, int k, int powerIterations, bool orthonormalise = true)
    {
        var q = LinearAlgebra.Multiply(x, omega);
        if (orthonormalise) q = LinearAlgebra.OrthonormalBasis(q);
        for (int it = 0; it < powerIterations; it++)
        {
            var z = LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, q, transposeA: true));
            q = LinearAlgebra.OrthonormalBasis(LinearAlgebra.Multiply(x, z));
        }
        var (_, s, vt) = LinearAlgebra.ThinSvd(LinearAlgebra.Multiply(q, x, transposeA: true));
        return (s[..k], vt.SelectRows([.. Enumerable.Range(0, k)]));
    }

    /// <summary>04.7 The randomized SVD (Halko, Martinsson and Tropp, 2011): with the random matrix Ω (d x l) given,
    /// Q = an orthonormal basis of x Ω, refined by q power iterations; then the SVD of the small Qᵀ x gives the top k
    /// singular values and right singular vectors (rows of Vt).</summary>
    public static ExerciseResult RandomizedSvd(Func<Matrix, Matrix, int, int, (double[] S, Matrix Vt)> svd)
    {
        var x = RangeFinderData();
        // (k, oversampled columns l, power iterations q)
        return CheckCases("04.7", "the randomized SVD", ref svd, new[] { (2, 4, 0), (2, 4, 2), (3, 5, 1) }, one =>
        {
            var (k, l, q) = one;
            var omega = Gaussian(x.Cols, l, 7 + l + q);
            var (s, vt) = RangeFinderReference(x, omega, k, q);
            string what = $"with k = {k}, Ω of {l} columns and q = {q} power iteration{(q == 1 ? "" : "s")}";
            var (gotS, gotVt) = svd(x.Clone(), omega.Clone(), k, q);
            if (gotS is null || gotVt is null) return $"{what}, your function returned null; return the k singular values and the k x d matrix Vt.";
            if (gotS.Length != k)
                return $"{what}, return the k = {k} largest singular values; you returned {gotS.Length}." +
                    (gotS.Length == l ? " The small SVD gives l = k + p of them: keep the first k (the extra directions only make the first k accurate)." : "");
            if (gotVt.Rows != k || gotVt.Cols != x.Cols)
                return $"{what}, Vt should be k x d ({k} x {x.Cols}), one right singular vector per row; you returned {gotVt.Rows} x {gotVt.Cols}.";
            for (int c = 0; c < k; c++)
            {
                if (Math.Abs(gotS[c] - s[c]) <= 1e-9 * s[0] && AbsCos(gotVt.Row(c).ToArray(), vt.Row(c).ToArray()) >= 1 - 1e-9) continue;
                string problem = $"{what}, singular value {c + 1} should be {F(s[c])} with right vector ±[{List(vt.Row(c).ToArray())}]; you have {F(gotS[c])} and [{List(gotVt.Row(c).ToArray())}].";
                bool Matches((double[] S, Matrix Vt) other) => Close(gotS, other.S[..k], 1e-9 * s[0]);
                var exact = LinearAlgebra.ThinSvd(x);
                if (Matches((exact.S, exact.Vt))) return problem + " Those are the exact SVD's: this exercise asks for the randomized one, which sees x only through the l random directions.";
                if (q > 0 && Matches(RangeFinderReference(x, omega, k, 0))) return problem + $" That is the answer without power iterations: refine Q {q} time(s), Z = basis of xᵀQ, then Q = basis of x Z.";
                if (Matches(RangeFinderReference(x, omega.Transpose().SelectRows([.. Enumerable.Range(0, k)]).Transpose(), k, q))) return problem + " Use all l columns of Ω, not only the first k: the extra directions are what make the first k accurate.";
                if (Matches(RangeFinderReference(x, omega, k, q, orthonormalise: false))) return problem + " Orthonormalise x Ω (LinearAlgebra.OrthonormalBasis) before projecting: Qᵀ x is the data in an orthonormal basis only when Q's columns are orthonormal.";
                return problem + " Follow the steps: Q = basis of x Ω; q times Z = basis of xᵀ Q, Q = basis of x Z; then the SVD of Qᵀ x.";
            }
            return null;
        }, writeYourself: ["RandomizedSvd", "Pca"]);
    }

    /// <summary>04.6 The one-standard-error rule: of candidates scored by cross-validation, the least complex whose
    /// mean score is at least the best mean minus the best candidate's standard error.</summary>
    public static ExerciseResult OneStandardErrorRule(Func<int[], double[], double[], int> choose)
    {
        // (complexities, means, standard errors, the choice, why): each case tells one misreading apart.
        var cases = new (int[] Ks, double[] Means, double[] Errors, int Expected)[]
        {
            ([10, 20, 50, 100], [0.80, 0.83, 0.845, 0.85], [0.01, 0.008, 0.006, 0.007], 50),   // the bar 0.843
            ([10, 30, 60], [0.78, 0.80, 0.81], [0.03, 0.004, 0.004], 60),                      // 10's own error would let it pass
            ([50, 10, 20], [0.9, 0.88, 0.895], [0.006, 0.01, 0.02], 20),                       // listed out of order
            ([5, 15, 40], [0.70, 0.69, 0.72], [0.02, 0.01, 0.005], 40),                        // only the best clears its bar
        };
        return CheckCases("04.6", "the one-standard-error rule", ref choose, cases, one =>
        {
            var (ks, means, errors, expected) = one;
            int got = choose((int[])ks.Clone(), (double[])means.Clone(), (double[])errors.Clone());
            if (got == expected) return null;
            int best = Array.IndexOf(means, means.Max());
            double bar = means[best] - errors[best];
            string at = $"with k = [{string.Join(", ", ks)}], mean scores [{List(means)}] and standard errors [{List(errors)}], the best mean is {F(means[best])} (k = {ks[best]}), so the bar is {F(means[best])} − {F(errors[best])} = {F(bar)}, and the smallest k whose mean clears it is {expected}; you returned {got}.";
            int index = Array.IndexOf(ks, got);
            bool ascending = ks.Zip(ks.Skip(1)).All(p => p.First < p.Second);
            string hint = got >= 0 && got < ks.Length && !ks.Contains(got) ? " Return the candidate's k, not its position in the list."
                : index >= 0 && means[index] >= bar && got > expected && !ascending ? " Of the candidates that clear the bar take the smallest k, wherever it is in the list."
                : got == ks[best] && expected != ks[best] ? " The rule gives up a little score for a simpler model: not the best mean, but the smallest k within one standard error of it."
                : index >= 0 && means[index] + errors[index] >= means[best] && means[index] < bar ? " The bar is set by the best candidate's standard error, not by each candidate's own."
                : "";
            return at + hint;
        }, writeYourself: ["OneStandardError.Choose"]);
    }
}
