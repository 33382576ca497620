using Course.Compute;
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

    // Fifteen points in three dimensions, three loose lumps of five whose means are (0.86, 0.02, 0.14),
    // (4.08, 0.74, -2.04) and (-2.66, 4, 1.44), with no symmetry between the coordinates; and a poor start, all three
    // centroids on the second lump's side, from which Lloyd's loop needs six iterations to find the lumps.
    private static Matrix Lumps() => Matrix.FromRows([[0.5, -1, 0.2], [1, 1, 1], [-0.5, 0.3, -0.8], [1.2, -0.4, 0.6], [2.1, 0.2, -0.3],
        [4, 2, -1.5], [3.5, -0.5, -3], [4.6, 0.7, -2.4], [3.1, 1.8, -1.1], [5.2, -0.3, -2.2],
        [-2, 4, 2], [-4, 6, 0], [-3.2, 4.4, 1.3], [-1.5, 2.5, 3.5], [-2.6, 3.1, 0.4]]);
    private static Matrix PoorStart() => Matrix.FromRows([[3.2, -2.6, 1.3], [5.7, 2.6, -1.9], [5.2, -0.9, -1.8]]);

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
    public static ExerciseResult Assignment(Func<Matrix, Matrix, int[]> assign)
    {
        return CheckCases("01.1", "the assignment step", ref assign, new[] { (Points(), Centroids()), (RandomPoints(40, 3, 7), RandomPoints(4, 3, 8)) }, one =>
        {
            var (x, c) = one;
            // The nearest centroids come first, and the learner gets copies, so clearing x or c cannot make any answer right.
            var dBest = new double[x.Rows];
            var best = Nearest(x, c, dBest);
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
            return null;
        }, writeYourself: ["KMeans", "KMeansModel.Predict"]);
    }

    /// <summary>01.2 The update step: each centroid moves to the mean of the points assigned to it.</summary>
    public static ExerciseResult Update(Func<Matrix, int[], int, Matrix> update)
    {
        // The last case is three-dimensional with clusters of 3, 4 and 2 points: an update that assumes two columns fails there.
        return CheckCases("01.2", "the update step", ref update, new[] { (Points(), new[] { 0, 0, 0, 1, 1, 1 }), (Points(), new[] { 0, 1, 1, 1, 1, 1 }), (Points(), new[] { 2, 0, 2, 1, 1, 0 }), (Spread(), new[] { 1, 0, 2, 1, 0, 2, 1, 0, 1 }) }, one =>
        {
            var (x, labels) = one;
            int k = labels.Max() + 1;
            // The means come first, and the learner gets copies of the points and labels.
            var (means, sizes) = Metrics.ClusterLabels.Centroids(x, labels, k);
            var got = update(x.Clone(), (int[])labels.Clone(), k);
            if (got is null) return "your function returned null; it should return a k x d matrix of centroids.";
            if (got.Rows != k || got.Cols != x.Cols) return $"expected a {k}x{x.Cols} matrix of centroids, got {got.Rows}x{got.Cols}.";
            for (int j = 0; j < k; j++)
            {
                double off = Distance.Euclidean(means.Row(j), got.Row(j));
                if (!(off <= 1e-9)) // also catches NaN, which every comparison with a number rejects
                    return $"with labels [{string.Join(", ", labels)}], centroid {j} should be the mean of its {sizes[j]} points, ({List(means.Row(j).ToArray())}); yours is ({List(got.Row(j).ToArray())}), off by {F(off)}.";
            }
            return null;
        }, writeYourself: ["KMeans"]);
    }

    /// <summary>01.3 Lloyd's loop: from the initial centroids, update and re-assign until an assignment gives the same
    /// labels as the one before, or maxIterations updates are done; an empty cluster's centroid moves to the point
    /// farthest from its centroid.</summary>
    public static ExerciseResult LloydLoop(Func<Matrix, Matrix, int, (Matrix Centroids, int[] Labels, int Iterations)> lloyd)
    {
        var x = Lumps();
        // The first start needs six iterations; the second leaves cluster 2 empty in the first assignment; in the third,
        // centroid 1 ties with centroid 0 everywhere (ties go to the lower index) and centroid 2 is far from everything,
        // so two clusters are empty at once; the fourth ends at maxIterations with the labels still changing.
        var starts = new (Matrix Initial, int MaxIterations, string About)[]
        {
            (PoorStart(), 50, "all three centroids starting on one side of the data"),
            (Matrix.FromRows([[0.5, 1.5, -0.5], [2.5, 0.5, -1], [30, -20, 25]]), 50, "centroid 2 starting far from every point"),
            (Matrix.FromRows([[1.5, 2, 0.5], [1.5, 2, 0.5], [-40, 10, -30], [4, -1, -1]]), 50, "centroid 1 starting on top of centroid 0 and centroid 2 far from every point"),
            (PoorStart(), 3, "the first start again"),
        };
        return CheckCases("01.3", "Lloyd's loop", ref lloyd, starts, one =>
        {
            var (initial, maxIterations, about) = one;
            // The reference run comes first, and the learner gets copies of the points and of the start.
            var expected = LloydReference(x, initial, maxIterations);
            int n = x.Rows, k = initial.Rows;
            var given = initial.Clone();
            var (centroids, labels, iterations) = lloyd(x.Clone(), given, maxIterations);
            string intro = $"with {about} (maxIterations = {maxIterations})";
            if (centroids is null || labels is null)
                return $"{intro}, your function returned null {(centroids is null ? "centroids" : "labels")}; return the final centroids, the labels and the number of iterations.";
            if (centroids.Rows != k || centroids.Cols != x.Cols) return $"{intro}, expected a {k}x{x.Cols} matrix of centroids, got {centroids.Rows}x{centroids.Cols}.";
            if (labels.Length != n) return $"{intro}, you returned {labels.Length} labels for {n} points; return one per point.";
            for (int i = 0; i < n; i++)
                if (labels[i] < 0 || labels[i] >= k) return $"{intro}, point {i} got label {labels[i]}, but labels must be between 0 and {k - 1}.";
            if (iterations < 1 || iterations > maxIterations)
                return $"{intro}, you report {iterations} iterations, but the loop makes at least 1 and at most maxIterations." +
                    (iterations > maxIterations ? " Stop after maxIterations updates even if the labels are still changing." : "");
            for (int j = 0; j < k; j++)
            {
                var row = centroids.Row(j).ToArray();
                if (!row.Any(double.IsNaN)) continue;
                string why = expected.Emptied.Where(e => e.Cluster == j).Concat(expected.Emptied)
                    .Select(e => $" In this run cluster {e.Cluster} has no points when iteration {e.Iteration} updates the centroids, and the mean of no points is 0 / 0 = NaN: give an empty cluster the point farthest from its own assigned centroid (the largest squared distance) instead.")
                    .FirstOrDefault() ?? "";
                return $"{intro}, centroid {j} came back as ({List(row)}).{why}";
            }
            var wrong = Enumerable.Range(0, k).Where(j => !(Distance.Euclidean(expected.Centroids.Row(j), centroids.Row(j)) <= 1e-9)).ToList();
            if (wrong.Count > 0)
            {
                // A centroid still at its start although its cluster emptied is the clearest clue: name that one first.
                int stuck = wrong.FirstOrDefault(j => expected.Emptied.Any(e => e.Cluster == j) && Distance.Euclidean(centroids.Row(j), initial.Row(j)) <= 1e-9, -1);
                int c = stuck >= 0 ? stuck : wrong[0];
                string hint = stuck >= 0
                    ? $" It never left its start: cluster {c} gets no points, and an empty cluster's centroid moves to the point farthest from its own assigned centroid (the largest squared distance)."
                    : iterations == 1 && expected.Iterations > 1
                        ? " You stopped after one iteration: keep updating and assigning until an assignment gives the same labels as the one before."
                        : "";
                return $"{intro}, centroid {c} should end at ({List(expected.Centroids.Row(c).ToArray())}) after {expected.Iterations} iterations; " +
                    $"yours is at ({List(centroids.Row(c).ToArray())}).{hint}";
            }
            for (int i = 0; i < n; i++)
                if (labels[i] != expected.Labels[i])
                    return $"{intro}, the centroids are right, but point {i} should end with label {expected.Labels[i]}, its nearest final centroid; yours says {labels[i]}. " +
                        "Return the labels of the last assignment, the one made with the centroids you return.";
            if (iterations != expected.Iterations)
            {
                string should = expected.Iterations < maxIterations
                    ? $"the labels stop changing after {expected.Iterations} iterations"
                    : $"the labels are still changing after maxIterations = {maxIterations} iterations";
                string hint = iterations == maxIterations
                    ? " Stop as soon as an assignment gives the same labels as the one before: did you compare them?"
                    : " Count one iteration per update (with the assignment after it); the first assignment, from `initial`, does not count.";
                return $"{intro}, the centroids and labels are right, but {should} and you report {iterations}.{hint}";
            }
            if (!given.Data.SequenceEqual(initial.Data))
                return $"{intro}, your answer is right, but your function changed `initial`, the caller's matrix: work on a copy, initial.Clone().";
            return null;
        }, writeYourself: ["KMeans"]);
    }

    // Lloyd's loop exactly as exercise 01.3 states it: assign; then, up to maxIterations times, update (an empty cluster,
    // in index order, takes the point farthest from its centroid that no earlier empty cluster took) and assign again,
    // stopping when no label changes. Emptied lists (iteration, cluster) for each empty cluster an update met.
    private static (Matrix Centroids, int[] Labels, int Iterations, List<(int Iteration, int Cluster)> Emptied) LloydReference(Matrix x, Matrix initial, int maxIterations)
    {
        int n = x.Rows, k = initial.Rows;
        var centroids = initial.Clone();
        var dist = new double[n];
        var labels = Nearest(x, centroids, dist);
        var emptied = new List<(int Iteration, int Cluster)>();
        int iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            var sums = new Matrix(k, x.Cols);
            var counts = new int[k];
            for (int i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (int t = 0; t < x.Cols; t++) sums[labels[i], t] += x[i, t];
            }
            var taken = new bool[n];
            for (int j = 0; j < k; j++)
            {
                if (counts[j] > 0)
                {
                    for (int t = 0; t < x.Cols; t++) centroids[j, t] = sums[j, t] / counts[j];
                    continue;
                }
                int far = -1;
                for (int i = 0; i < n; i++) if (!taken[i] && (far < 0 || dist[i] > dist[far])) far = i;
                taken[far] = true;
                x.Row(far).CopyTo(centroids.Row(j));
                emptied.Add((iterations, j));
            }
            var next = Nearest(x, centroids, dist);
            bool same = next.SequenceEqual(labels);
            labels = next;
            if (same) break;
        }
        return (centroids, labels, iterations, emptied);
    }

    // Each row's nearest centroid, ties to the lower index; dist receives the squared distances to them.
    private static int[] Nearest(Matrix x, Matrix c, double[] dist)
    {
        var labels = new int[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            dist[i] = Distance.Squared(x.Row(i), c.Row(0));
            for (int j = 1; j < c.Rows; j++)
            {
                double d = Distance.Squared(x.Row(i), c.Row(j));
                if (d < dist[i]) { dist[i] = d; labels[i] = j; }
            }
        }
        return labels;
    }

    /// <summary>01.4 k-means++ seeding: the probability of picking each point as the next centre is D(x)^2 / sum D^2,
    /// with D(x) the distance to the nearest centre chosen so far.</summary>
    public static ExerciseResult SeedingProbabilities(Func<Matrix, Matrix, double[]> probabilities)
    {
        // In the random case every point is nearest to the first centre; the third case has three centres, and there the
        // distance to the first (or last) centre only, to the farthest, or summed over the centres, is wrong.
        return CheckCases("01.4", "k-means++ seeding probabilities", ref probabilities, new[] { (Points(), Matrix.FromRows([[0, 0]])), (RandomPoints(30, 2, 3), RandomPoints(2, 2, 4)), (Spread(), SpreadCentres()) }, one =>
        {
            var (x, chosen) = one;
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
            return null;
        });
    }

    // Whether p is w normalised to sum 1 (to within the checks' tolerance).
    private static bool Proportional(double[] p, double[] w)
    {
        double s = w.Sum();
        return p.Length == w.Length && s > 0 && Enumerable.Range(0, w.Length).All(i => Math.Abs(p[i] - w[i] / s) <= 1e-9);
    }

    /// <summary>01.5 k-means++ sampling: the first centre is row ⌊draws[0]·n⌋; centre j is the first row whose
    /// cumulative probability p₀ + … + pᵢ exceeds draws[j], with pᵢ = D(xᵢ)² / Σ D² and D the distance to the nearest
    /// centre chosen so far (Arthur and Vassilvitskii, 2007, one candidate per step).</summary>
    public static ExerciseResult PlusPlusSeeding(Func<Matrix, int, double[], int[]> seeding)
    {
        // Three sets of points in three dimensions, and draws that land inside their rows' cumulative intervals (none
        // within 1e-3 of an interval's end, so the comparison > or >= cannot matter). In the second case the nearest
        // centre is not the last one chosen for most rows, and in the third the farthest row is never the one drawn.
        var cases = new (Matrix X, int K, double[] Draws)[]
        {
            (Lumps(), 3, [0.37, 0.81, 0.12]),
            (Spread(), 4, [0.05, 0.55, 0.93, 0.31]),
            (RandomPoints(40, 3, 5), 5, [0.61, 0.2, 0.75, 0.45, 0.9]),
        };
        return CheckCases("01.5", "k-means++ sampling", ref seeding, cases, one =>
        {
            var (x, k, draws) = one;
            // The reference and the slips come first; the learner gets copies of the points and the draws.
            var (expected, intervals) = PlusPlusReference(x, k, draws, SeedingSlip.None);
            var got = seeding(x.Clone(), k, (double[])draws.Clone());
            string intro = $"with k = {k} and draws [{List(draws)}] on {x.Rows} points in {x.Cols}-D";
            if (got is null || got.Length != k) return $"{intro}, return {k} row indices, one per centre; you returned {got?.Length ?? 0}.";
            for (int j = 0; j < k; j++)
            {
                if (got[j] == expected[j]) continue;
                if (got[j] < 0 || got[j] >= x.Rows) return $"{intro}, centre {j}: {got[j]} is not a row index (0 to {x.Rows - 1}).";
                string hint = Enum.GetValues<SeedingSlip>().Skip(1)
                    .Where(slip => PlusPlusReference(x, k, draws, slip).Chosen.SequenceEqual(got))
                    .Select(SeedingHint).FirstOrDefault() ?? "";
                string should = j == 0
                    ? $"the first centre is row ⌊draws[0]·n⌋ = ⌊{F(draws[0])}·{x.Rows}⌋ = {expected[0]}"
                    : $"centre {j} is row {expected[j]}: with the centres chosen before it (rows {string.Join(", ", expected.Take(j))}), " +
                      $"its cumulative probability runs from {F(intervals[j].From)} to {F(intervals[j].To)}, and draws[{j}] = {F(draws[j])} falls there";
                return $"{intro}, {should}; you chose row {got[j]}.{hint}";
            }
            return null;
        }, writeYourself: ["KMeansPlusPlus"]);
    }

    private enum SeedingSlip { None, Farthest, Distance, LastCentreOnly, FirstRowFirst, PreviousDraw, Unnormalised }

    private static string SeedingHint(SeedingSlip slip) => slip switch
    {
        SeedingSlip.Farthest => " You took the farthest row each time: k-means++ draws the next centre at random, with probability proportional to D², so an outlier is likely but not certain to be picked.",
        SeedingSlip.Distance => " The weights are D(x)², the squared distance, not the distance.",
        SeedingSlip.LastCentreOnly => " D(x) is the distance to the nearest of all the centres chosen so far, not only to the last one.",
        SeedingSlip.FirstRowFirst => " The first centre is drawn too: row ⌊draws[0]·n⌋, not row 0.",
        SeedingSlip.PreviousDraw => " Centre j uses draws[j]; draws[0] is spent on the first centre.",
        SeedingSlip.Unnormalised => " Compare draws[j] with cumulative probabilities, the running sum of D² divided by the total, not with the running sum itself.",
        _ => "",
    };

    // k-means++ with one candidate per step, as 01.5 states it, or with one of the slips the feedback names; the
    // cumulative interval of each chosen row.
    private static (int[] Chosen, (double From, double To)[] Intervals) PlusPlusReference(Matrix x, int k, double[] draws, SeedingSlip slip)
    {
        int n = x.Rows;
        var chosen = new int[k];
        var intervals = new (double From, double To)[k];
        chosen[0] = slip == SeedingSlip.FirstRowFirst ? 0 : Math.Min(n - 1, (int)(draws[0] * n));
        intervals[0] = (chosen[0] / (double)n, (chosen[0] + 1) / (double)n);
        var nearest = Enumerable.Range(0, n).Select(i => Distance.Squared(x.Row(i), x.Row(chosen[0]))).ToArray();
        for (int j = 1; j < k; j++)
        {
            var weights = slip == SeedingSlip.Distance ? nearest.Select(Math.Sqrt).ToArray() : nearest;
            double total = slip == SeedingSlip.Unnormalised ? 1 : weights.Sum();
            double u = draws[slip == SeedingSlip.PreviousDraw ? j - 1 : j], running = 0;
            int pick = n - 1;
            if (slip == SeedingSlip.Farthest) pick = Array.IndexOf(weights, weights.Max());
            else
                for (int i = 0; i < n; i++)
                {
                    double next = running + weights[i] / total;
                    if (next > u) { pick = i; intervals[j] = (running, next); break; }
                    running = next;
                }
            chosen[j] = pick;
            for (int i = 0; i < n; i++)
            {
                double d = Distance.Squared(x.Row(i), x.Row(pick));
                nearest[i] = slip == SeedingSlip.LastCentreOnly ? d : Math.Min(nearest[i], d);
            }
        }
        return (chosen, intervals);
    }

    /// <summary>01.6 The silhouette of one point: (b - a) / max(a, b), a = mean distance to the other members of its
    /// cluster, b = lowest mean distance to the members of another cluster; 0 if the point is alone in its cluster.</summary>
    public static ExerciseResult SilhouetteOfPoint(Func<Matrix, int[], int, double> silhouette)
    {
        // The second case separates "the neighbouring cluster" from "the cluster with the nearest centroid": cluster 2's
        // two points lie on either side of point 0, so its centroid is nearest (0.21 away) while its members are the
        // farthest on average (6.2); cluster 1 is the neighbour (3.3). Three dimensions, no symmetric coordinates.
        var cases = new (Matrix X, int[] Labels)[]
        {
            (Points(), [0, 0, 1, 1, 1, 2]),
            (Matrix.FromRows([[0, 0, 0], [0.5, 0.2, -0.1], [3, 1, 0.5], [3.2, 0.9, 0.4], [-6, 0.3, 0.2], [6.4, -0.2, -0.3]]), [0, 0, 1, 1, 2, 2]),
        };
        return CheckCases("01.6", "the silhouette of one point", ref silhouette, cases, one =>
        {
            var (x, labels) = one;
            var expected = Silhouette.Samples(x, labels);
            var alone = labels.Select(l => labels.Count(m => m == l) == 1).ToArray();
            for (int i = 0; i < x.Rows; i++)
            {
                // Copies for every call: a learner that overwrites x or labels cannot change this or later points' answers.
                double got = silhouette(x.Clone(), (int[])labels.Clone(), i);
                if (Math.Abs(got - expected[i]) <= 1e-9) continue;
                string hint = alone[i] ? " This point is alone in its cluster: its silhouette is defined as 0."
                    : Math.Abs(got - NearestCentroidReading(x, labels, i)) <= 1e-9
                        ? " b is the smallest mean distance to the members of another cluster, found by trying every other cluster; the cluster whose centroid is nearest need not be it (here its members lie on both sides of the point, far away)."
                        : " Remember that a excludes the point itself, and b is the smallest mean over the other clusters.";
                return $"with labels [{string.Join(", ", labels)}] on {x.Cols}-D points, point {i} should have silhouette {F(expected[i])}; you returned {F(got)}.{hint}";
            }
            return null;
        }, writeYourself: ["Silhouette.Samples"]);
    }

    // The misreading the second case of 01.6 catches: b as the mean distance to the cluster with the nearest centroid.
    private static double NearestCentroidReading(Matrix x, int[] labels, int i)
    {
        double Mean(int cluster) => Enumerable.Range(0, x.Rows).Where(j => j != i && labels[j] == cluster).Average(j => Distance.Euclidean(x.Row(i), x.Row(j)));
        var others = labels.Distinct().Where(l => l != labels[i]).ToArray();
        int nearest = others.MinBy(l => Distance.Euclidean(x.Row(i), Metrics.ClusterLabels.Centroids(x, labels, labels.Max() + 1).Centroids.Row(l)));
        double a = Mean(labels[i]), b = Mean(nearest);
        return (b - a) / Math.Max(a, b);
    }

    /// <summary>01.7 EM's E-step for a spherical mixture: rᵢⱼ = πⱼ N(xᵢ | μⱼ, σⱼ² I) / Σₗ πₗ N(xᵢ | μₗ, σₗ² I), in log
    /// space (log-sum-exp) so that a point far from every component gets responsibilities instead of 0 / 0.</summary>
    public static ExerciseResult Responsibilities(Func<Matrix, double[], Matrix, double[], Matrix> eStep)
    {
        // Unequal weights and variances in three dimensions, so leaving out πⱼ, the normalising constant or its power d
        // changes the answer; the second case adds a point far from every component, where each density underflows to 0.
        var far = Matrix.FromRows([.. Enumerable.Range(0, 9).Select(i => Spread().Row(i).ToArray()), [40, -35, 30]]);
        var cases = new (Matrix X, double[] Weights, Matrix Means, double[] Variances)[]
        {
            (Spread(), [0.5, 0.3, 0.2], SpreadCentres(), [1.0, 2.5, 0.4]),
            (far, [0.2, 0.45, 0.35], SpreadCentres(), [0.3, 0.5, 0.2]),
        };
        return CheckCases("01.7", "EM's E-step", ref eStep, cases, one =>
        {
            var (x, weights, means, variances) = one;
            // The library's mixture (tested against scikit-learn's) gives the answer, before the learner's call, which
            // gets copies.
            var spheres = variances.Select(v => { var c = new Matrix(x.Cols, x.Cols); for (int t = 0; t < x.Cols; t++) c[t, t] = v; return c; }).ToList();
            var expected = new Clustering.GaussianMixtureModel(Clustering.CovarianceType.Spherical, weights, means, spheres).PredictProbabilities(x);
            var got = eStep(x.Clone(), (double[])weights.Clone(), means.Clone(), (double[])variances.Clone());
            int n = x.Rows, k = means.Rows;
            string intro = $"with weights [{List(weights)}] and variances [{List(variances)}] on {n} points in {x.Cols}-D";
            if (got is null) return $"{intro}, your function returned null; return an n x k matrix of responsibilities.";
            if (got.Rows != n || got.Cols != k) return $"{intro}, expected a {n}x{k} matrix (one row per point, one column per component), got {got.Rows}x{got.Cols}.";
            string hint = Enum.GetValues<ResponsibilitySlip>().Skip(1)
                .Where(slip => Close(SphericalResponsibilities(x, weights, means, variances, slip).Data, got.Data))
                .Select(ResponsibilityHint).FirstOrDefault() ?? "";
            for (int i = 0; i < n; i++)
            {
                var row = got.Row(i).ToArray();
                if (row.Any(v => !double.IsFinite(v)))
                    return $"{intro}, point {i} ({List(x.Row(i).ToArray())}) got responsibilities ({List(row)}). " +
                        "Far from every component each density underflows to 0, and 0 / 0 is NaN: work with logarithms, and subtract the row's largest log term before exponentiating (log-sum-exp).";
                if (!(Math.Abs(row.Sum() - 1) <= 1e-9))
                    return $"{intro}, point {i}'s responsibilities sum to {F(row.Sum())}; a point's responsibilities over the {k} components sum to 1 (normalise each row, not each column).";
                for (int j = 0; j < k; j++)
                    if (!(Math.Abs(row[j] - expected[i, j]) <= 1e-9))
                        return $"{intro}, point {i}'s responsibility of component {j} should be {F(expected[i, j])}; yours is {F(row[j])}.{hint}";
            }
            return null;
        }, writeYourself: ["GaussianMixture", "GaussianMixtureModel.PredictProbabilities"]);
    }

    private enum ResponsibilitySlip { None, NoWeights, NoNormaliser, NormaliserOnce, VarianceAsDeviation }

    private static string ResponsibilityHint(ResponsibilitySlip slip) => slip switch
    {
        ResponsibilitySlip.NoWeights => " Each component's density is multiplied by its weight πⱼ (add log πⱼ): a heavier component takes more of a point.",
        ResponsibilitySlip.NoNormaliser => " The densities keep their normalising constant (2π σⱼ²)^(−d/2): it differs between components of different variances, so it does not cancel.",
        ResponsibilitySlip.NormaliserOnce => " The normalising constant is (2π σⱼ²)^(−d/2): its log is −(d/2) log(2π σⱼ²), with d the number of columns.",
        ResponsibilitySlip.VarianceAsDeviation => " The variances are σⱼ², already squared: the exponent is −|x − μⱼ|² / (2 σⱼ²) with σⱼ² as given.",
        _ => "",
    };

    // The E-step with one of the slips the feedback names (with ResponsibilitySlip.None, the E-step itself).
    private static Matrix SphericalResponsibilities(Matrix x, double[] weights, Matrix means, double[] variances, ResponsibilitySlip slip)
    {
        int n = x.Rows, k = means.Rows, d = x.Cols;
        var r = new Matrix(n, k);
        for (int i = 0; i < n; i++)
        {
            var logs = new double[k];
            for (int j = 0; j < k; j++)
            {
                double v = slip == ResponsibilitySlip.VarianceAsDeviation ? variances[j] * variances[j] : variances[j];
                double power = slip switch { ResponsibilitySlip.NoNormaliser => 0, ResponsibilitySlip.NormaliserOnce => 0.5, _ => 0.5 * d };
                logs[j] = (slip == ResponsibilitySlip.NoWeights ? 0 : Math.Log(weights[j])) - power * Math.Log(2 * Math.PI * v)
                    - Distance.Squared(x.Row(i), means.Row(j)) / (2 * v);
            }
            double max = logs.Max(), norm = max + Math.Log(logs.Sum(l => Math.Exp(l - max)));
            for (int j = 0; j < k; j++) r[i, j] = Math.Exp(logs[j] - norm);
        }
        return r;
    }

    /// <summary>01.8 Cluster representatives: for each centroid, the index of the nearest data point.</summary>
    public static ExerciseResult Representatives(Func<Matrix, Clustering.KMeansModel, int[]> representatives) => Check("01.8", "choosing the representatives of each cluster", ref representatives, () =>
    {
        var data = Data.SyntheticData.Blobs(200, centers: 5, std: 1.2, seed: 11).X;
        var model = new Clustering.KMeans(new Clustering.KMeansOptions { NClusters = 5, Seed = 1 }).Fit(data);
        // The nearest rows come first, and the learner gets copies of the data and the model.
        // The nearest row to each centroid: the assignment step with the roles swapped.
        var squared = new double[5];
        var expected = Nearest(model.Centroids, data, squared);
        var nearest = squared.Select(Math.Sqrt).ToArray();
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
