using Course.Data;
using Course.Manifold;
using Course.Metrics;
using Course.Neighbors;
using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 05 (t-SNE and UMAP).</summary>
public static class Lesson05Checks
{
    // Shared by every check, so learner code only ever sees clones of it.
    private static readonly double[] Squared = [0.5, 1.0, 1.2, 2.0, 3.5, 4.0, 8.0];

    /// <summary>05.1 p(j | i) = exp(−β dᵢⱼ²) / Σₖ exp(−β dᵢₖ²) over a point's neighbours, from squared distances.</summary>
    public static ExerciseResult ConditionalProbabilities(Func<double[], double, double[]> probabilities) => Check("05.1", "conditional probabilities at a given precision", ref probabilities, () =>
    {
        foreach (double beta in new[] { 1.0, 0.25, 3.0 })
        {
            var expected = Gaussian(Squared, beta);
            // The mistakes the hints recognise, computed before the learner runs like the answer itself.
            var squaredTwice = Gaussian(Squared.Select(d => d * d).ToArray(), beta);
            var negated = Gaussian(Squared.Select(d => -d).ToArray(), beta);
            var divided = Gaussian(Squared, 1 / beta);
            var got = probabilities((double[])Squared.Clone(), beta);
            if (got is null || got.Length != Squared.Length) return $"return one probability per neighbour ({Squared.Length}); you returned {got?.Length ?? 0}.";
            int bad = Enumerable.Range(0, got.Length).FirstOrDefault(j => Math.Abs(got[j] - expected[j]) > 1e-10, -1);
            if (bad < 0) continue;
            string values = $"with squared distances [{List(Squared)}] and β = {F(beta)}, p({bad}) is {F(expected[bad])}; you returned {F(got[bad])}.";
            if (Math.Abs(got.Sum() - 1) > 1e-9) return values + $" Your values sum to {F(got.Sum())}: divide by their sum so they form a distribution.";
            if (Close(got, squaredTwice)) return values + " The distances are already squared: use exp(−β d²) with d² as given.";
            if (Close(got, negated)) return values + " Nearer neighbours must get more probability: the exponent is −β d².";
            if (Close(got, divided)) return values + " β is a precision, 1 / (2σ²): multiply the squared distance by β, do not divide.";
            return values;
        }
        return null;
    });

    /// <summary>05.2 The binary search for β: the entropy of p(· | i) must reach log(perplexity) to 1e-5.</summary>
    public static ExerciseResult BetaForPerplexity(Func<double[], double, double> search)
    {
        var neighbors = NeighborIndex.Build(Datasets.Iris().X).KNeighbors(30);
        return CheckCases("05.2", "the binary search for the precision", ref search, new[] { (Squared, 3.0), (Square(neighbors.DistancesOf(0)), 10.0), (Square(neighbors.DistancesOf(100)), 25.0) }, one =>
        {
            var (row, perplexity) = one;
            double target = Math.Log(perplexity);
            double beta = search((double[])row.Clone(), perplexity), entropy = Entropy(Gaussian(row, beta));
            if (!double.IsFinite(beta) || beta <= 0) return $"β must be a positive number; for perplexity {F(perplexity)} you returned {F(beta)}.";
            if (Math.Abs(entropy - target) <= 1e-5) return null;
            string what = $"for perplexity {F(perplexity)} over {row.Length} neighbours the entropy must be log {F(perplexity)} = {F(target)} nats; your β = {F(beta)} gives {F(entropy)}.";
            if (Math.Abs(Entropy(Gaussian(row, beta)) - Math.Log2(perplexity)) <= 1e-4) return what + " Your entropy reaches log₂ of the perplexity: compare nats with nats, the target is the natural log, Math.Log(perplexity).";
            return what + (entropy > target
                ? " The distribution is too flat: a larger β (narrower Gaussian) lowers the entropy — search upwards."
                : " The distribution is too peaked: a smaller β (wider Gaussian) raises the entropy — search downwards.");
        });
    }

    /// <summary>05.3 The t-SNE gradient for a whole map: ∂KL/∂yᵢ = 4 Σⱼ (pᵢⱼ − qᵢⱼ)(1 + ‖yᵢ − yⱼ‖²)⁻¹(yᵢ − yⱼ), with
    /// qᵢⱼ = (1 + ‖yᵢ − yⱼ‖²)⁻¹ / Σ_{k≠l}(1 + ‖y_k − y_l‖²)⁻¹.</summary>
    public static ExerciseResult Gradient(Func<Matrix, Matrix, Matrix> gradient)
    {
        return CheckCases("05.3", "the t-SNE gradient", ref gradient, GradientCases, one =>
        {
            var (points, beta, map) = one;
            var p = JointProbabilities(points, beta);
            var y = Matrix.FromRows(map);
            int n = y.Rows;
            var expected = KlGradient(p, y);
            // The mistakes the hints recognise, computed before the learner runs like the answer itself.
            const string gaussianHint = " The map uses the Student-t kernel (1 + ‖yᵢ − yⱼ‖²)⁻¹, not a Gaussian exp(−‖yᵢ − yⱼ‖²): its heavy tail is the t in t-SNE.";
            var slips = new (Matrix Gradient, string Hint)[]
            {
                (KlGradient(p, y, rowNormalised: true), " Normalise Q once over all pairs, Z = Σ_{k≠l} (1 + ‖y_k − y_l‖²)⁻¹, not row by row: Q is one joint distribution, like P, and sums to 1 over the whole matrix."),
                (KlGradient(p, y, selfInZ: true), " Leave the diagonal out of Z = Σ_{k≠l} (1 + ‖y_k − y_l‖²)⁻¹: with k = l included, each point adds 1 as its own neighbour."),
                (KlGradient(p, y, pairsOnce: true), " Z runs over ordered pairs, (k, l) and (l, k) both: summing each pair once halves Z and doubles every qᵢⱼ."),
                (KlGradient(p, y, gaussian: true), gaussianHint),
                (KlGradient(p, y, gaussian: true, weighted: false), gaussianHint),
                (KlGradient(p, y, weighted: false), " Each term carries the kernel once more, 4 (pᵢⱼ − qᵢⱼ)(1 + ‖yᵢ − yⱼ‖²)⁻¹(yᵢ − yⱼ): that factor comes from differentiating the Student-t kernel."),
                (KlGradient(p, y, unsquared: true), " The kernel takes the squared distance, (1 + ‖yᵢ − yⱼ‖²)⁻¹, not the distance itself."),
            };
            var got = gradient(p.Clone(), y.Clone());
            if (got is null || got.Rows != n || got.Cols != 2)
                return $"return the gradient as an n x 2 matrix, one row per map point ({n} x 2); you returned {(got is null ? "null" : $"{got.Rows} x {got.Cols}")}.";
            for (int i = 0; i < n; i++)
                if (!double.IsFinite(got[i, 0]) || !double.IsFinite(got[i, 1]))
                    return $"for the map of {n} points, row {i} of your gradient is ({F(got[i, 0])}, {F(got[i, 1])}), not a finite number: is Z summed over all pairs before you divide by it?";
            int bad = Enumerable.Range(0, n).FirstOrDefault(i => Math.Abs(got[i, 0] - expected[i, 0]) > 1e-9 || Math.Abs(got[i, 1] - expected[i, 1]) > 1e-9, -1);
            if (bad < 0) return null;
            string values = $"for the map of {n} points, row {bad} of the gradient (point {bad}, at ({F(y[bad, 0])}, {F(y[bad, 1])})) is ({F(expected[bad, 0])}, {F(expected[bad, 1])}); you returned ({F(got[bad, 0])}, {F(got[bad, 1])}).";
            // A wrong constant or sign leaves the gradient proportional to the right one.
            int largest = Enumerable.Range(0, expected.Data.Length).MaxBy(k => Math.Abs(expected.Data[k]));
            double ratio = got.Data[largest] / expected.Data[largest];
            if (Math.Abs(ratio - 1) > 1e-6 && Math.Abs(ratio) > 1e-6 && got.Data.Zip(expected.Data).All(t => Math.Abs(t.First - ratio * t.Second) <= 1e-9))
                return values + (Math.Abs(ratio + 1) <= 1e-6
                    ? " Your gradient points the wrong way: each term has (yᵢ − yⱼ), not (yⱼ − yᵢ). The gradient points uphill; the descent subtracts it."
                    : $" Your gradient is {F(ratio)} times the right one: the constant in front is 4 (2 because KL counts each pair twice, as ij and ji, and 2 from differentiating ‖yᵢ − yⱼ‖²){(ratio < 0 ? ", and each term has (yᵢ − yⱼ), not (yⱼ − yᵢ)" : "")}.");
            foreach (var (slip, hint) in slips)
                if (Close(got.Data, slip.Data)) return values + hint;
            return values + " Compute wᵢⱼ = (1 + ‖yᵢ − yⱼ‖²)⁻¹ for every pair i ≠ j and their sum Z first; then row i is Σⱼ 4 (pᵢⱼ − wᵢⱼ / Z) wᵢⱼ (yᵢ − yⱼ).";
        }, writeYourself: ["Tsne.Gradient"]);
    }

    /// <summary>05.4 Trustworthiness T(k) = 1 − 2 / (n k (2n − 3k − 1)) Σᵢ Σ_{j ∈ embedded kNN(i)} max(0, r(i, j) − k).</summary>
    public static ExerciseResult Trustworthiness(Func<Matrix, Matrix, int, double> trustworthiness)
    {
        var x = SyntheticData.Blobs(60, centers: 3, dims: 5, seed: 3).X;
        var projected = new Matrix(60, 2);
        for (int i = 0; i < 60; i++) { projected[i, 0] = x[i, 0]; projected[i, 1] = x[i, 1]; }
        var shuffled = projected.SelectRows(Enumerable.Range(0, 60).Select(i => (i * 37) % 60).ToArray());
        return CheckCases("05.4", "trustworthiness", ref trustworthiness, new[] { ("the data itself", x, 5), ("its first two coordinates", projected, 5), ("a shuffled map", shuffled, 5), ("its first two coordinates", projected, 10) }, one =>
        {
            var (name, y, k) = one;
            double expected = Metrics.Trustworthiness.Score(x, y, k);
            double got = trustworthiness(x.Clone(), y.Clone(), k);
            if (Math.Abs(got - expected) <= 1e-9) return null;
            string what = $"for {name} as the map of 60 points with k = {k}, T = {F(expected)}; you returned {F(got)}.";
            if (got < 0 || got > 1) return what + " T lies in [0, 1]: check the normalisation 2 / (n k (2n − 3k − 1)).";
            return what + " Rank each point's neighbours in the original space (nearest = 1, itself excluded); penalise each of its k nearest in the map by max(0, rank − k).";
        }, writeYourself: ["Trustworthiness.Score"]);
    }

    // 05.5's cases: distances to a point's neighbours, nearest first (itself not included). The second has a duplicate
    // of the point at distance 0, so ρ is its first nonzero distance; the third has 14 neighbours, UMAP's default.
    private static readonly double[][] ScaleCases =
    [
        [0.8, 1.1, 1.15, 1.6, 2.3, 2.35, 3.9],
        [0, 0.42, 0.9, 1.3, 1.31, 2.2, 2.8, 4.1, 5.0],
        [1.05, 1.2, 1.22, 1.4, 1.43, 1.5, 1.71, 1.8, 1.84, 2.05, 2.4, 2.41, 2.9, 3.6],
    ];

    /// <summary>05.5 UMAP's local scale (umap-learn's <c>smooth_knn_dist</c>): ρ, the nearest nonzero distance, and
    /// σ with Σⱼ exp(−max(0, dⱼ − ρ) / σ) = log₂(k + 1) over the point's k neighbours (UMAP's neighbour count
    /// includes the point itself), to 1e-5.</summary>
    public static ExerciseResult LocalScale(Func<double[], (double Rho, double Sigma)> scale) => Check("05.5", "UMAP's local scale", ref scale, () =>
    {
        foreach (var d in ScaleCases)
        {
            double rho = d.First(v => v > 0), target = Math.Log2(d.Length + 1);
            var (gotRho, gotSigma) = scale((double[])d.Clone());
            string where = $"for the distances [{List(d)}]";
            if (gotRho != rho)
                return $"{where}, ρ is {F(rho)}; you returned {F(gotRho)}." + (gotRho == 0
                    ? " ρ is the nearest *nonzero* distance: a duplicate of the point, at distance 0, must not set it."
                    : Math.Abs(gotRho - d.Average()) < 1e-9 ? " ρ is the nearest nonzero distance, not the mean." : "");
            if (!double.IsFinite(gotSigma) || gotSigma <= 0) return $"{where}, σ must be a positive number; you returned {F(gotSigma)}.";
            double sum = Memberships(d, rho, gotSigma).Sum();
            if (Math.Abs(sum - target) <= 1e-5) continue;
            string what = $"{where} (k = {d.Length}), the weights exp(−max(0, d − ρ) / σ) must sum to log₂(k + 1) = {F(target)}; " +
                $"with your σ = {F(gotSigma)} they sum to {F(sum)}.";
            // The mistakes the hints recognise: the σ the learner found solves some other equation.
            if (Math.Abs(sum - Math.Log2(d.Length)) <= 1e-4) return what + " UMAP's neighbour count includes the point itself, so k distances mean log₂(k + 1).";
            if (Math.Abs(sum - Math.Log(d.Length + 1)) <= 1e-4) return what + " The target is log₂, in bits, not the natural log.";
            if (Math.Abs(d.Sum(v => Math.Exp(-v / gotSigma)) - target) <= 1e-4) return what + " Measure from the nearest neighbour: the weight is exp(−(d − ρ) / σ), so the nearest gets weight 1.";
            if (Math.Abs(d.Sum(v => Math.Exp(-Math.Max(0, v - rho) * gotSigma)) - target) <= 1e-4) return what + " σ is a scale: divide the distance by it, exp(−(d − ρ) / σ).";
            if (Math.Abs(d.Sum(v => Math.Exp(-Math.Pow(Math.Max(0, v - rho) / gotSigma, 2))) - target) <= 1e-4) return what + " UMAP's weight is exponential in the distance, exp(−(d − ρ) / σ), not a Gaussian.";
            // Without max(0, ·) the duplicate's weight exp(ρ / σ) exceeds 1 and no σ reaches the target: the learner's
            // search ends anywhere, so the hint goes by the case, not by the σ.
            if (d.Any(v => v < rho))
                return what + " A neighbour nearer than ρ (here the duplicate at 0) gets weight 1: use max(0, d − ρ), not d − ρ.";
            if (Math.Abs(sum - 1 - target) <= 1e-4 || Math.Abs(d.Where(v => v > rho).Sum(v => Math.Exp(-(v - rho) / gotSigma)) - target) <= 1e-4)
                return what + " Every neighbour counts in the sum, the nearest too (with weight 1).";
            return what + (sum > target
                ? " The weights are too large: a smaller σ makes them fall faster — search downwards."
                : " The weights are too small: a larger σ makes them fall more slowly — search upwards.");
        }
        return null;
    }, writeYourself: ["FuzzySimplicialSet.LocalScale"]);

    private static double[] Memberships(double[] d, double rho, double sigma) => d.Select(v => Math.Exp(-Math.Max(0, v - rho) / sigma)).ToArray();

    // The gradient's cases: points in 3-D with a precision each, whose Gaussian affinities symmetrised are P, and a map.
    // Asymmetric on purpose, with map distances of order 1 to 8, where the Student-t and Gaussian kernels differ.
    private static readonly (double[][] Points, double[] Beta, double[][] Map)[] GradientCases =
    [
        (new[] { new[] { 0.2, 1.1, -0.4 }, new[] { 1.3, 0.7, 0.9 }, new[] { -0.6, 1.8, 0.3 }, new[] { 2.1, -0.5, 1.4 }, new[] { 0.9, 0.2, -1.3 }, new[] { -1.4, -0.8, 0.6 }, new[] { 1.7, 1.9, -0.2 } },
         new[] { 0.5, 0.8, 0.3, 1.2, 0.6, 0.4, 0.9 },
         new[] { new[] { 0.3, -1.2 }, new[] { 1.7, 0.4 }, new[] { -0.8, 0.9 }, new[] { 2.1, -0.6 }, new[] { -1.5, -0.3 }, new[] { 0.6, 1.8 }, new[] { -0.2, -2.0 } }),
        (new[] { new[] { 1.5, -0.3, 0.8 }, new[] { -0.7, 2.2, -1.1 }, new[] { 0.4, 0.9, 1.9 }, new[] { 2.6, 1.2, -0.5 }, new[] { -1.8, -0.4, 0.2 }, new[] { 0.1, -2.1, -0.9 } },
         new[] { 1.0, 0.35, 0.7, 0.45, 1.5, 0.6 },
         new[] { new[] { 3.1, -0.4 }, new[] { -2.2, 2.9 }, new[] { 0.5, 1.3 }, new[] { 4.0, 2.2 }, new[] { -3.3, -1.6 }, new[] { 0.8, -3.7 } }),
    ];

    // pᵢⱼ = (p(j | i) + p(i | j)) / 2n, each p(· | i) a Gaussian at precision beta[i] over the other points.
    private static Matrix JointProbabilities(double[][] x, double[] beta)
    {
        int n = x.Length;
        var conditional = new Matrix(n, n);
        for (int i = 0; i < n; i++)
        {
            int row = i;
            var others = Enumerable.Range(0, n).Where(j => j != row).ToArray();
            var p = Gaussian(others.Select(j => Compute.Distance.Squared(x[row], x[j])).ToArray(), beta[row]);
            for (int m = 0; m < others.Length; m++) conditional[row, others[m]] = p[m];
        }
        var joint = new Matrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) joint[i, j] = (conditional[i, j] + conditional[j, i]) / (2 * n);
        return joint;
    }

    // ∂KL(P ‖ Q)/∂yᵢ with the Student-t Q normalised over all pairs k ≠ l; the switches make the slips the hints recognise.
    // Checked against a central finite difference of KL (to 1e-9) on both cases when the exercise was written.
    private static Matrix KlGradient(Matrix p, Matrix y, bool gaussian = false, bool unsquared = false, bool weighted = true,
        bool rowNormalised = false, bool selfInZ = false, bool pairsOnce = false)
    {
        int n = y.Rows;
        var w = new Matrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double d2 = Compute.Distance.Squared(y.Row(i), y.Row(j));
                if (unsquared) d2 = Math.Sqrt(d2);
                w[i, j] = gaussian ? Math.Exp(-d2) : 1 / (1 + d2);
            }
        double z = w.Data.Sum();
        if (selfInZ) z += n;
        if (pairsOnce) z /= 2;
        var gradient = new Matrix(n, y.Cols);
        for (int i = 0; i < n; i++)
        {
            double rowSum = 0;
            for (int j = 0; j < n; j++) rowSum += w[i, j];
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double q = w[i, j] / (rowNormalised ? rowSum : z);
                double force = 4 * (p[i, j] - q) * (weighted ? w[i, j] : 1);
                for (int c = 0; c < y.Cols; c++) gradient[i, c] += force * (y[i, c] - y[j, c]);
            }
        }
        return gradient;
    }

    private static double[] Square(ReadOnlySpan<double> d) { var s = new double[d.Length]; for (int j = 0; j < d.Length; j++) s[j] = d[j] * d[j]; return s; }

    private static double[] Gaussian(double[] squared, double beta)
    {
        var p = squared.Select(d => Math.Exp(-beta * d)).ToArray();
        double sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }

    private static double Entropy(double[] p) => -p.Where(v => v > 0).Sum(v => v * Math.Log(v));
}
