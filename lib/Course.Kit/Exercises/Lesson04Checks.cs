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
        // All 150 rows, then the 50 setosa rows alone, projected with the model of all 150 as new data would be: their
        // own mean is not the model's, so an answer that centres on the mean of the rows it is given fails there.
        var setosa = x.SelectRows(Enumerable.Range(0, 50).ToArray());
        foreach (var (rows, what) in new[] { (x, ""), (setosa, "projecting the first 50 rows (one species) with the model of all 150, ") })
        {
            var expected = model.Transform(rows);
            // The uncentred projection and the one centred on the rows' own mean, which the hints recognise, are
            // computed up front as well.
            var ownMean = rows.ColumnMeans();
            var uncentred = new Matrix(rows.Rows, 2);
            var selfCentred = new Matrix(rows.Rows, 2);
            for (int i = 0; i < rows.Rows; i++)
                for (int c = 0; c < 2; c++)
                {
                    uncentred[i, c] = Kernels.Distance.Dot(rows.Row(i), model.Components.Row(c));
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
        var digits = Datasets.Digits().X; // read once: every fit below is on the same images
        var x = digits.SelectRows(Enumerable.Range(0, 50).ToArray());
        var model = new Pca(new PcaOptions { NComponents = 20, Solver = PcaSolver.Full }).Fit(digits);
        foreach (int k in new[] { 20, 5, 1 })
        {
            var truncated = new Pca(new PcaOptions { NComponents = k, Solver = PcaSolver.Full }).Fit(digits);
            var expected = truncated.InverseTransform(truncated.Transform(x));
            // Projecting the raw rows (not centred) and adding the mean back, which a hint recognises.
            var raw = new Matrix(x.Rows, k);
            for (int i = 0; i < x.Rows; i++)
                for (int c = 0; c < k; c++) raw[i, c] = Kernels.Distance.Dot(x.Row(i), truncated.Components.Row(c));
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
    });
}
