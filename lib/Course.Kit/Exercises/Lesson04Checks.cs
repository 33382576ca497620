using Course.Data;
using Course.Decomposition;
using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 04 (PCA, Kernel PCA, SVD).</summary>
public static class Lesson04Checks
{
    /// <summary>04.1 Centre and project: z = (x − μ) Vₖᵀ.</summary>
    public static ExerciseResult CentreAndProject(Func<Matrix, double[], Matrix, Matrix> project) => Check("04.1", "centre and project", () =>
    {
        var x = Datasets.Iris().X;
        var model = new Pca(2).Fit(x);
        var expected = model.Transform(x);
        // The uncentred projection, which the hint recognises, is computed up front as well.
        var uncentred = new Matrix(x.Rows, 2);
        for (int i = 0; i < x.Rows; i++)
            for (int c = 0; c < 2; c++) uncentred[i, c] = Kernels.Distance.Dot(x.Row(i), model.Components.Row(c));
        var got = project(x.Clone(), (double[])model.Mean.Clone(), model.Components.Clone());
        if (got is null || got.Rows != x.Rows || got.Cols != 2) return $"return an n x k matrix ({x.Rows} x 2); you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
        for (int i = 0; i < x.Rows; i++)
            for (int c = 0; c < 2; c++)
            {
                if (Math.Abs(got[i, c] - expected[i, c]) <= 1e-9) continue;
                return $"row {i}, component {c}: expected {F(expected[i, c])}, you returned {F(got[i, c])}." +
                    (Math.Abs(got[i, c] - uncentred[i, c]) <= 1e-9 ? " Subtract the mean from each row before projecting." : " Each coordinate is the dot product of the centred row with one component (a row of Vₖ).");
            }
        return null;
    });

    /// <summary>04.2 Explained-variance ratios from singular values: sᵢ² / Σⱼ sⱼ².</summary>
    public static ExerciseResult ExplainedVarianceRatio(Func<double[], double[]> ratio) => Check("04.2", "explained-variance ratio from singular values", () =>
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

    /// <summary>04.3 Reconstruction from the first k components: x̂ = μ + ((x − μ) Vₖᵀ) Vₖ.</summary>
    public static ExerciseResult Reconstruct(Func<Matrix, PcaModel, int, Matrix> reconstruct) => Check("04.3", "reconstruction from k components", () =>
    {
        var x = Datasets.Digits().X.SelectRows(Enumerable.Range(0, 50).ToArray());
        var model = new Pca(new PcaOptions { NComponents = 20, Solver = PcaSolver.Full }).Fit(Datasets.Digits().X);
        foreach (int k in new[] { 20, 5, 1 })
        {
            var truncated = new Pca(new PcaOptions { NComponents = k, Solver = PcaSolver.Full }).Fit(Datasets.Digits().X);
            var expected = truncated.InverseTransform(truncated.Transform(x));
            // Private copies of the rows and the model: clearing them cannot change this k's answer or the next.
            var got = reconstruct(x.Clone(), PcaModel.FromJson(model.ToJson()), k);
            if (got is null || got.Rows != x.Rows || got.Cols != x.Cols) return $"return a matrix shaped like x ({x.Rows} x {x.Cols}); you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
            double worst = 0; int at = 0;
            for (int i = 0; i < got.Data.Length; i++) if (!(Math.Abs(got.Data[i] - expected.Data[i]) <= worst)) { worst = Math.Abs(got.Data[i] - expected.Data[i]); at = i; }
            if (worst <= 1e-8) continue;
            int row = at / x.Cols, col = at % x.Cols;
            bool meanMissing = Math.Abs(got.Data[at] + model.Mean[col] - expected.Data[at]) <= 1e-8;
            return $"with k = {k}, row {row} pixel {col} should be {F(expected.Data[at])}; you returned {F(got.Data[at])}."
                + (meanMissing ? " Add the mean back after mapping out of component space." : k < 20 ? " Use only the first k components (rows of model.Components)." : "");
        }
        return null;
    });
}
