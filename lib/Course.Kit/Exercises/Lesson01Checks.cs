using Course.Kernels;
using Course.Metrics;
using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 01 (K-means). Each compares the learner's function with the library on small cases.</summary>
public static class Lesson01Checks
{
    // Six points a reader can check by hand: two tight groups around (0, 0) and (5, 5), and two centroids.
    private static Matrix Points() => Matrix.FromRows([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]]);
    private static Matrix Centroids() => Matrix.FromRows([[0.5, 0.5], [5.5, 5.5]]);

    // Nine points in three dimensions with no symmetry between the coordinates, and three centres among which the
    // first is not the nearest for most points: code that assumes two columns, mixes the columns up, or measures to
    // one centre only gives itself away here.
    private static Matrix Spread() => Matrix.FromRows([[0.5, -1, 0.2], [4, 2, -1.5], [-2, 4, 2], [1, 1, 1], [3.5, -0.5, -3], [-4, 6, 0], [2, 3, 0.5], [4, 1, -2], [-1.5, 0.5, 4]]);
    private static Matrix SpreadCentres() => Matrix.FromRows([[0, 0, 0], [4, 1, -2], [-3, 5, 1]]);

    private static Matrix RandomPoints(int n, int d, int seed)
    {
        var data = Data.SyntheticData.Blobs(n, 3, d, 1.5, seed);
        return data.X;
    }

    // Learner code gets a model of its own: it may clear the centroids or labels without touching the check's copy.
    // (Not FromJson(ToJson()): the saved form leaves out the training labels, which a learner may use.)
    private static Clustering.KMeansModel Copy(Clustering.KMeansModel m) =>
        new(m.Centroids.Clone(), (int[])m.Labels.Clone(), m.Inertia, m.Iterations, m.Converged, m.History?.Select(h => h.Clone()).ToList());

    /// <summary>01.1 The assignment step: each point goes to its nearest centroid (squared Euclidean distance).</summary>
    public static ExerciseResult Assignment(Func<Matrix, Matrix, int[]> assign) => Check("01.1", "the assignment step", () =>
    {
        foreach (var (x, c) in new[] { (Points(), Centroids()), (RandomPoints(40, 3, 7), RandomPoints(4, 3, 8)) })
        {
            // The nearest centroids come first, and the learner gets copies, so clearing x or c cannot make any answer right.
            var best = new int[x.Rows];
            var dBest = new double[x.Rows];
            for (int i = 0; i < x.Rows; i++)
            {
                for (int j = 1; j < c.Rows; j++) if (Distance.Squared(x.Row(i), c.Row(j)) < Distance.Squared(x.Row(i), c.Row(best[i]))) best[i] = j;
                dBest[i] = Distance.Squared(x.Row(i), c.Row(best[i]));
            }
            var got = assign(x.Clone(), c.Clone());
            if (got is null) return "your function returned null; it should return one centroid index per point.";
            if (got.Length != x.Rows) return $"you returned {got.Length} labels for {x.Rows} points; return one per point.";
            for (int i = 0; i < x.Rows; i++)
            {
                if (got[i] < 0 || got[i] >= c.Rows) return $"point {i} got label {got[i]}, but labels must be between 0 and {c.Rows - 1}.";
                double dGot = Distance.Squared(x.Row(i), c.Row(got[i]));
                if (dGot > dBest[i] + 1e-12)
                    return $"point {i} should go to centroid {best[i]} (squared distance {F(dBest[i])}) but you assigned centroid {got[i]} (squared distance {F(dGot)}).";
            }
        }
        return null;
    });

    /// <summary>01.2 The update step: each centroid moves to the mean of the points assigned to it.</summary>
    public static ExerciseResult Update(Func<Matrix, int[], int, Matrix> update) => Check("01.2", "the update step", () =>
    {
        // The last case is three-dimensional with clusters of 3, 4 and 2 points: an update that assumes two columns fails there.
        foreach (var (x, labels) in new[] { (Points(), new[] { 0, 0, 0, 1, 1, 1 }), (Points(), new[] { 0, 1, 1, 1, 1, 1 }), (Points(), new[] { 2, 0, 2, 1, 1, 0 }), (Spread(), new[] { 1, 0, 2, 1, 0, 2, 1, 0, 1 }) })
        {
            int k = labels.Max() + 1;
            // The means come first, and the learner gets copies of the points and labels.
            var sizes = new int[k];
            var means = new double[k][];
            for (int j = 0; j < k; j++)
            {
                var members = Enumerable.Range(0, x.Rows).Where(i => labels[i] == j).ToArray();
                sizes[j] = members.Length;
                means[j] = new double[x.Cols];
                foreach (var i in members) for (int t = 0; t < x.Cols; t++) means[j][t] += x[i, t] / members.Length;
            }
            var got = update(x.Clone(), (int[])labels.Clone(), k);
            if (got is null) return "your function returned null; it should return a k x d matrix of centroids.";
            if (got.Rows != k || got.Cols != x.Cols) return $"expected a {k}x{x.Cols} matrix of centroids, got {got.Rows}x{got.Cols}.";
            for (int j = 0; j < k; j++)
            {
                double off = Distance.Euclidean(means[j], got.Row(j));
                if (!(off <= 1e-9)) // also catches NaN, which every comparison with a number rejects
                    return $"with labels [{string.Join(", ", labels)}], centroid {j} should be the mean of its {sizes[j]} points, ({List(means[j])}); yours is ({List(got.Row(j).ToArray())}), off by {F(off)}.";
            }
        }
        return null;
    });

    /// <summary>01.3 k-means++ seeding: the probability of picking each point as the next centre is D(x)^2 / sum D^2,
    /// with D(x) the distance to the nearest centre chosen so far.</summary>
    public static ExerciseResult SeedingProbabilities(Func<Matrix, Matrix, double[]> probabilities) => Check("01.3", "k-means++ seeding probabilities", () =>
    {
        // In the random case every point is nearest to the first centre; the third case has three centres, and there the
        // distance to the first (or last) centre only, to the farthest, or summed over the centres, is wrong.
        foreach (var (x, chosen) in new[] { (Points(), Matrix.FromRows([[0, 0]])), (RandomPoints(30, 2, 3), RandomPoints(2, 2, 4)), (Spread(), SpreadCentres()) })
        {
            // The distances come first, and the learner gets copies of the points and the centres.
            int n = x.Rows, m = chosen.Rows;
            var all = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, m).Select(j => Distance.Squared(x.Row(i), chosen.Row(j))).ToArray()).ToArray();
            var d2 = all.Select(row => row.Min()).ToArray();
            double total = d2.Sum();
            // What common slips give, to name the slip in the feedback.
            const string Nearest = " D(x) is the distance to the nearest of the centres chosen so far: the minimum over all of them.";
            var slips = new (double[] Weights, string Hint)[]
            {
                (d2.Select(v => Math.Sqrt(v)).ToArray(), " Did you use the distance instead of its square?"),
                (d2.Select(v => v * v).ToArray(), " Did you square the squared distance again?"),
                (all.Select(row => row[0]).ToArray(), Nearest),
                (all.Select(row => row[m - 1]).ToArray(), Nearest),
                (all.Select(row => row.Max()).ToArray(), Nearest),
                (all.Select(row => row.Sum()).ToArray(), Nearest),
            };
            var got = probabilities(x.Clone(), chosen.Clone());
            if (got is null || got.Length != n) return $"return one probability per point ({n}); you returned {got?.Length ?? 0}.";
            if (!(Math.Abs(got.Sum() - 1) <= 1e-9)) return $"the probabilities should sum to 1; yours sum to {F(got.Sum())}.";
            for (int i = 0; i < n; i++)
                if (!(Math.Abs(got[i] - d2[i] / total) <= 1e-9))
                {
                    string hint = "";
                    foreach (var (weights, h) in slips)
                        if (Proportional(got, weights)) { hint = h; break; }
                    return $"point {i} is at squared distance {F(d2[i])} from its nearest centre, so its probability is {F(d2[i])} / {F(total)} = {F(d2[i] / total)}; you gave {F(got[i])}.{hint}";
                }
        }
        return null;
    });

    // Whether p is w normalised to sum 1 (to within the checks' tolerance).
    private static bool Proportional(double[] p, double[] w)
    {
        double s = w.Sum();
        return p.Length == w.Length && s > 0 && Enumerable.Range(0, w.Length).All(i => Math.Abs(p[i] - w[i] / s) <= 1e-9);
    }

    /// <summary>01.4 The silhouette of one point: (b - a) / max(a, b), a = mean distance to the other members of its
    /// cluster, b = lowest mean distance to the members of another cluster; 0 if the point is alone in its cluster.</summary>
    public static ExerciseResult SilhouetteOfPoint(Func<Matrix, int[], int, double> silhouette) => Check("01.4", "the silhouette of one point", () =>
    {
        var x = Points();
        var labels = new[] { 0, 0, 1, 1, 1, 2 };
        var expected = Silhouette.Samples(x, labels);
        var alone = labels.Select(l => labels.Count(m => m == l) == 1).ToArray();
        for (int i = 0; i < x.Rows; i++)
        {
            // Copies for every call: a learner that overwrites x or labels cannot change this or later points' answers.
            double got = silhouette(x.Clone(), (int[])labels.Clone(), i);
            if (!(Math.Abs(got - expected[i]) <= 1e-9))
            {
                string hint = alone[i]
                    ? " This point is alone in its cluster: its silhouette is defined as 0."
                    : " Remember that a excludes the point itself, and b is the smallest mean over the other clusters.";
                return $"with labels [{string.Join(", ", labels)}], point {i} should have silhouette {F(expected[i])}; you returned {F(got)}.{hint}";
            }
        }
        return null;
    });

    /// <summary>01.5 Cluster representatives: for each centroid, the index of the nearest data point.</summary>
    public static ExerciseResult Representatives(Func<Matrix, Clustering.KMeansModel, int[]> representatives) => Check("01.5", "choosing the representatives of each cluster", () =>
    {
        var data = Data.SyntheticData.Blobs(200, centers: 5, std: 1.2, seed: 11).X;
        var model = new Clustering.KMeans(new Clustering.KMeansOptions { NClusters = 5, Seed = 1 }).Fit(data);
        // The nearest rows come first, and the learner gets copies of the data and the model.
        var expected = new int[5];
        for (int c = 0; c < 5; c++)
            for (int i = 1; i < data.Rows; i++)
                if (Distance.Squared(data.Row(i), model.Centroids.Row(c)) < Distance.Squared(data.Row(expected[c]), model.Centroids.Row(c))) expected[c] = i;
        var nearest = Enumerable.Range(0, 5).Select(c => Distance.Euclidean(data.Row(expected[c]), model.Centroids.Row(c))).ToArray();
        var got = representatives(data.Clone(), Copy(model));
        if (got is null || got.Length != 5) return $"return one point index per centroid (5); you returned {got?.Length ?? 0}.";
        for (int c = 0; c < 5; c++)
        {
            if (got[c] == expected[c]) continue;
            if (got[c] < 0 || got[c] >= data.Rows) return $"centroid {c}: {got[c]} is not a row index (0 to {data.Rows - 1}).";
            return $"centroid {c}: the nearest point is row {expected[c]} at distance {F(nearest[c])}; " +
                $"row {got[c]} is at {F(Distance.Euclidean(data.Row(got[c]), model.Centroids.Row(c)))}." +
                (model.Labels[got[c]] != c ? " It is not even in that cluster." : "");
        }
        return null;
    });
}
