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
    public static ExerciseResult ConditionalProbabilities(Func<double[], double, double[]> probabilities) => Check("05.1", "conditional probabilities at a given precision", () =>
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
    public static ExerciseResult BetaForPerplexity(Func<double[], double, double> search) => Check("05.2", "the binary search for the precision", () =>
    {
        var neighbors = NeighborIndex.Build(Datasets.Iris().X).KNeighbors(30);
        foreach (var (row, perplexity) in new[] { (Squared, 3.0), (Square(neighbors.DistancesOf(0)), 10.0), (Square(neighbors.DistancesOf(100)), 25.0) })
        {
            double target = Math.Log(perplexity);
            double beta = search((double[])row.Clone(), perplexity), entropy = Entropy(Gaussian(row, beta));
            if (!double.IsFinite(beta) || beta <= 0) return $"β must be a positive number; for perplexity {F(perplexity)} you returned {F(beta)}.";
            if (Math.Abs(entropy - target) <= 1e-5) continue;
            string what = $"for perplexity {F(perplexity)} over {row.Length} neighbours the entropy must be log {F(perplexity)} = {F(target)} nats; your β = {F(beta)} gives {F(entropy)}.";
            if (Math.Abs(Entropy(Gaussian(row, beta)) - Math.Log2(perplexity)) <= 1e-4) return what + " Your entropy reaches log₂ of the perplexity: compare nats with nats, the target is the natural log, Math.Log(perplexity).";
            return what + (entropy > target
                ? " The distribution is too flat: a larger β (narrower Gaussian) lowers the entropy — search upwards."
                : " The distribution is too peaked: a smaller β (wider Gaussian) raises the entropy — search downwards.");
        }
        return null;
    });

    /// <summary>05.3 Trustworthiness T(k) = 1 − 2 / (n k (2n − 3k − 1)) Σᵢ Σ_{j ∈ embedded kNN(i)} max(0, r(i, j) − k).</summary>
    public static ExerciseResult Trustworthiness(Func<Matrix, Matrix, int, double> trustworthiness) => Check("05.3", "trustworthiness", () =>
    {
        var x = SyntheticData.Blobs(60, centers: 3, dims: 5, seed: 3).X;
        var projected = new Matrix(60, 2);
        for (int i = 0; i < 60; i++) { projected[i, 0] = x[i, 0]; projected[i, 1] = x[i, 1]; }
        var shuffled = projected.SelectRows(Enumerable.Range(0, 60).Select(i => (i * 37) % 60).ToArray());
        foreach (var (name, y, k) in new[] { ("the data itself", x, 5), ("its first two coordinates", projected, 5), ("a shuffled map", shuffled, 5), ("its first two coordinates", projected, 10) })
        {
            double expected = Metrics.Trustworthiness.Score(x, y, k);
            double got = trustworthiness(x.Clone(), y.Clone(), k);
            if (Math.Abs(got - expected) <= 1e-9) continue;
            string what = $"for {name} as the map of 60 points with k = {k}, T = {F(expected)}; you returned {F(got)}.";
            if (got < 0 || got > 1) return what + " T lies in [0, 1]: check the normalisation 2 / (n k (2n − 3k − 1)).";
            return what + " Rank each point's neighbours in the original space (nearest = 1, itself excluded); penalise each of its k nearest in the map by max(0, rank − k).";
        }
        return null;
    });

    private static double[] Square(ReadOnlySpan<double> d) { var s = new double[d.Length]; for (int j = 0; j < d.Length; j++) s[j] = d[j] * d[j]; return s; }

    private static double[] Gaussian(double[] squared, double beta)
    {
        var p = squared.Select(d => Math.Exp(-beta * d)).ToArray();
        double sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }

    private static double Entropy(double[] p) => -p.Where(v => v > 0).Sum(v => v * Math.Log(v));

    private static bool Close(double[] a, double[] b) => a.Length == b.Length && a.Zip(b).All(t => Math.Abs(t.First - t.Second) <= 1e-9);
}
