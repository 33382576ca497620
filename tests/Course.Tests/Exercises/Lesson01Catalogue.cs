using Course.Clustering;
using Course.Exercises;
using Course.Compute;
using Course.Metrics;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson01 => new Dictionary<string, Attempt[]>
    {
        // The check's cases: six 2-D points in two tight groups with centroids (0.5, 0.5) and (5.5, 5.5), then 40 random
        // 3-D points and 4 random centroids.
        ["01.1"] =
        [
            Attempt.Right("nested loops over points, centroids and coordinates", () => Lesson01Checks.Assignment(L01AssignLoops)),
            Attempt.Right("LINQ MinBy over the centroid indices", () => Lesson01Checks.Assignment((x, c) =>
                Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, c.Rows).MinBy(j => Distance.Squared(x.Row(i), c.Row(j)))).ToArray())),
            Attempt.Right("Euclidean distance (the square root keeps the order), OrderBy then First", () => Lesson01Checks.Assignment((x, c) =>
                Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, c.Rows).OrderBy(j => Math.Sqrt(Distance.Squared(x.Row(i), c.Row(j)))).First()).ToArray())),
            Attempt.Wrong("farthest centroid (MaxBy instead of MinBy)", "should go to centroid", () => Lesson01Checks.Assignment((x, c) =>
                Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, c.Rows).MaxBy(j => Distance.Squared(x.Row(i), c.Row(j)))).ToArray())),
            // The six points are separated along the first coordinate too: the random 3-D case catches this one.
            Attempt.Wrong("first coordinate only", "should go to centroid", () => Lesson01Checks.Assignment((x, c) =>
                Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, c.Rows).MinBy(j => Math.Abs(x[i, 0] - c[j, 0]))).ToArray())),
            Attempt.Wrong("best distance not reset for each point", "point 3 should go to centroid 1", () => Lesson01Checks.Assignment((x, c) =>
            {
                var labels = new int[x.Rows];
                double best = double.PositiveInfinity;
                for (int i = 0; i < x.Rows; i++)
                    for (int j = 0; j < c.Rows; j++)
                    {
                        double d = Distance.Squared(x.Row(i), c.Row(j));
                        if (d < best) { best = d; labels[i] = j; }
                    }
                return labels;
            })),
            Attempt.Wrong("off by one: the last centroid is never tried", "point 3 should go to centroid 1", () => Lesson01Checks.Assignment((x, c) =>
                Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, c.Rows - 1).MinBy(j => Distance.Squared(x.Row(i), c.Row(j)))).ToArray())),
            Attempt.Wrong("labels counted from 1", "but you assigned centroid 1", () => Lesson01Checks.Assignment((x, c) =>
                L01AssignLoops(x, c).Select(l => l + 1).ToArray())),
            Attempt.Wrong("loops swapped: the nearest point of each centroid", "you returned 2 labels for 6 points", () => Lesson01Checks.Assignment((x, c) =>
                Enumerable.Range(0, c.Rows).Select(j => Enumerable.Range(0, x.Rows).MinBy(i => Distance.Squared(x.Row(i), c.Row(j)))).ToArray())),
            Attempt.Wrong("returns null", "your function returned null", () => Lesson01Checks.Assignment((x, c) => null!)),
            // The exercise asks for the algorithm: calling the kit's implementation of it fails, whatever it returns.
            Attempt.Wrong("the kit's K-means model predicts the labels", "calls the kit's KMeansModel.Predict", () => Lesson01Checks.Assignment((x, c) => new KMeansModel(c, new int[x.Rows], 0, 0, true).Predict(x))),
            Attempt.Stub(() => Lesson01Checks.Assignment((x, c) => throw new NotImplementedException())),
        ],
        // The check's cases: the six points with three labellings, then nine 3-D points in clusters of 3, 4 and 2.
        ["01.2"] =
        [
            Attempt.Right("sums and counts in one pass, then divide", () => Lesson01Checks.Update(L01UpdateSums)),
            Attempt.Right("LINQ Average over each cluster's members, column by column", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = new Matrix(k, x.Cols);
                for (int j = 0; j < k; j++)
                {
                    var members = Enumerable.Range(0, x.Rows).Where(i => labels[i] == j).ToList();
                    for (int t = 0; t < x.Cols; t++) m[j, t] = members.Average(i => x[i, t]);
                }
                return m;
            })),
            Attempt.Right("running mean, updated point by point", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = new Matrix(k, x.Cols);
                var counts = new int[k];
                for (int i = 0; i < x.Rows; i++)
                {
                    int j = labels[i];
                    counts[j]++;
                    for (int t = 0; t < x.Cols; t++) m[j, t] += (x[i, t] - m[j, t]) / counts[j];
                }
                return m;
            })),
            Attempt.Wrong("divides by the number of all points", "centroid 0 should be the mean of its 3 points", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = new Matrix(k, x.Cols);
                for (int i = 0; i < x.Rows; i++) for (int t = 0; t < x.Cols; t++) m[labels[i], t] += x[i, t] / x.Rows;
                return m;
            })),
            Attempt.Wrong("sums without dividing", "off by 0.9428", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = new Matrix(k, x.Cols);
                for (int i = 0; i < x.Rows; i++) for (int t = 0; t < x.Cols; t++) m[labels[i], t] += x[i, t];
                return m;
            })),
            Attempt.Wrong("divides by the count minus one", "yours is (0.5, 0.5)", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = L01UpdateSums(x, labels, k);
                for (int j = 0; j < k; j++)
                {
                    int count = labels.Count(l => l == j);
                    for (int t = 0; t < x.Cols; t++) m[j, t] = m[j, t] * count / (count - 1);
                }
                return m;
            })),
            Attempt.Wrong("averages each new point with the centroid so far ((m + x) / 2)", "centroid 0 should be the mean of its 3 points", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = new Matrix(k, x.Cols);
                for (int i = 0; i < x.Rows; i++) for (int t = 0; t < x.Cols; t++) m[labels[i], t] = (m[labels[i], t] + x[i, t]) / 2;
                return m;
            })),
            // Passed the old check: its data were 2-D only.
            Attempt.Wrong("two coordinates hard-coded (the lesson's data are 2-D)", "with labels [1, 0, 2, 1, 0, 2, 1, 0, 1], centroid 0 should be the mean of its 3 points", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = new Matrix(k, x.Cols);
                for (int j = 0; j < k; j++)
                {
                    var members = Enumerable.Range(0, x.Rows).Where(i => labels[i] == j).ToList();
                    for (int t = 0; t < 2; t++) m[j, t] = members.Average(i => x[i, t]);
                }
                return m;
            })),
            // The first two labellings give means with equal coordinates; the third does not.
            Attempt.Wrong("first column's mean in every coordinate", "centroid 1 should be the mean of its 2 points", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var m = new Matrix(k, x.Cols);
                for (int j = 0; j < k; j++)
                {
                    double mean = Enumerable.Range(0, x.Rows).Where(i => labels[i] == j).Average(i => x[i, 0]);
                    for (int t = 0; t < x.Cols; t++) m[j, t] = mean;
                }
                return m;
            })),
            Attempt.Wrong("counts array one short", "threw IndexOutOfRangeException", () => Lesson01Checks.Update((x, labels, k) =>
            {
                var sums = new Matrix(k, x.Cols);
                var counts = new int[k - 1];
                for (int i = 0; i < x.Rows; i++)
                {
                    counts[labels[i]]++;
                    for (int t = 0; t < x.Cols; t++) sums[labels[i], t] += x[i, t];
                }
                for (int j = 0; j < k; j++) for (int t = 0; t < x.Cols; t++) sums[j, t] /= counts[j];
                return sums;
            })),
            Attempt.Wrong("NaN everywhere", "yours is (NaN, NaN)", () => Lesson01Checks.Update((x, labels, k) =>
                new Matrix(k, x.Cols, Enumerable.Repeat(double.NaN, k * x.Cols).ToArray()))),
            Attempt.Wrong("returns null", "your function returned null", () => Lesson01Checks.Update((x, labels, k) => null!)),
            // The exercise asks for the algorithm: calling the kit's implementation of it fails, whatever it returns.
            Attempt.Wrong("the kit's K-means fitted afresh", "calls the kit's KMeans", () => Lesson01Checks.Update((x, labels, k) => new KMeans(k, seed: 0).Fit(x).Centroids)),
            Attempt.Stub(() => Lesson01Checks.Update((x, labels, k) => throw new NotImplementedException())),
        ],
        // The check's cases: 15 points in three lumps of five (3-D) from four starts: three centroids on one side (six
        // iterations to the lumps' means), centroid 2 far away (empty in iteration 1), centroid 1 on top of centroid 0
        // and centroid 2 far away (clusters 1 and 2 empty in iteration 1), and the first start with maxIterations = 3.
        ["01.3"] =
        [
            Attempt.Right("loops: assign, then update and assign again until no label changes", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.None))),
            Attempt.Right("LINQ: MinBy to assign, Average to update, OrderByDescending for the empty clusters", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
            {
                int k = initial.Rows;
                var c = initial.Clone();
                int[] AssignAll() => Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, k).MinBy(j => Distance.Squared(x.Row(i), c.Row(j)))).ToArray();
                var labels = AssignAll();
                for (int iteration = 1; ; iteration++)
                {
                    // Farthest from their centroids first; OrderByDescending is stable, so ties keep the lower index.
                    var byDistance = Enumerable.Range(0, x.Rows).OrderByDescending(i => Distance.Squared(x.Row(i), c.Row(labels[i]))).ToList();
                    var empty = Enumerable.Range(0, k).Where(j => !labels.Contains(j)).ToList();
                    var next = new Matrix(k, x.Cols);
                    for (int j = 0; j < k; j++)
                    {
                        int e = empty.IndexOf(j);
                        var members = e >= 0 ? new List<int> { byDistance[e] } : Enumerable.Range(0, x.Rows).Where(i => labels[i] == j).ToList();
                        for (int t = 0; t < x.Cols; t++) next[j, t] = members.Average(i => x[i, t]);
                    }
                    c = next;
                    var relabelled = AssignAll();
                    if (relabelled.SequenceEqual(labels) || iteration == maxIterations) return (c, relabelled, iteration);
                    labels = relabelled;
                }
            })),
            Attempt.Right("do-while over Euclidean distances, a HashSet of taken points, MaxBy for the farthest", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
            {
                int n = x.Rows, k = initial.Rows, d = x.Cols;
                var centroids = new Matrix(k, d, (double[])initial.Data.Clone());
                var near = new double[n];
                void Relabel(int[] into)
                {
                    for (int i = 0; i < n; i++)
                    {
                        into[i] = 0;
                        near[i] = Distance.Euclidean(x.Row(i), centroids.Row(0));
                        for (int j = 1; j < k; j++)
                        {
                            double e = Distance.Euclidean(x.Row(i), centroids.Row(j));
                            if (e < near[i]) { near[i] = e; into[i] = j; }
                        }
                    }
                }
                var labels = new int[n];
                Relabel(labels);
                int iterations = 0;
                bool changed;
                do
                {
                    var sums = new double[k, d];
                    var sizes = new int[k];
                    for (int i = 0; i < n; i++)
                    {
                        sizes[labels[i]]++;
                        for (int t = 0; t < d; t++) sums[labels[i], t] += x[i, t];
                    }
                    var taken = new HashSet<int>();
                    for (int j = 0; j < k; j++)
                    {
                        if (sizes[j] > 0)
                        {
                            for (int t = 0; t < d; t++) centroids[j, t] = sums[j, t] / sizes[j];
                            continue;
                        }
                        int far = Enumerable.Range(0, n).Where(i => !taken.Contains(i)).MaxBy(i => near[i]);
                        taken.Add(far);
                        for (int t = 0; t < d; t++) centroids[j, t] = x[far, t];
                    }
                    iterations++;
                    var fresh = new int[n];
                    Relabel(fresh);
                    changed = !fresh.SequenceEqual(labels);
                    labels = fresh;
                } while (changed && iterations < maxIterations);
                return (centroids, labels, iterations);
            })),
            Attempt.Wrong("no empty-cluster rule: the mean of no points", "the mean of no points is 0 / 0 = NaN", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.NoEmptyRule))),
            Attempt.Wrong("an empty cluster keeps its centroid where it was", "It never left its start: cluster 2 gets no points", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.EmptyStays))),
            Attempt.Wrong("stops after one iteration", "You stopped after one iteration", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.StopsAfterOne))),
            Attempt.Wrong("never compares the labels: always runs maxIterations", "the labels stop changing after 6 iterations and you report 50. Stop as soon as", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.NeverConverges))),
            Attempt.Wrong("counts the first assignment as an iteration", "the labels stop changing after 6 iterations and you report 7. Count one iteration per update", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.CountsFirstAssignment))),
            Attempt.Wrong("ignores maxIterations", "(maxIterations = 3), you report 6 iterations, but the loop makes at least 1 and at most maxIterations", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.IgnoresMaxIterations))),
            Attempt.Wrong("labels one assignment behind when maxIterations ends the loop", "point 0 should end with label 1, its nearest final centroid; yours says 0", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.StaleLabelsAtMax))),
            // Passes the start with one empty cluster; two empty clusters at once give it away.
            Attempt.Wrong("two empty clusters take the same farthest point", "centroid 0 should end at (0.86, 0.02, 0.14) after 4 iterations; yours is at (-1.5, 2.5, 3.5)", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.SameFarthestPoint))),
            Attempt.Wrong("empty clusters served from the highest index down", "centroid 1 should end at (-4, 6, 0) after 4 iterations", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.EmptiesInReverse))),
            Attempt.Wrong("ties go to the higher index (<= instead of <)", "centroid 0 should end at (0.86, 0.02, 0.14) after 4 iterations; yours is at (-4, 6, 0)", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.TiesToHigher))),
            // In the start with one far centroid, the point farthest from it is also the one farthest from its own centroid.
            Attempt.Wrong("the point farthest from the empty centroid itself", "centroid 0 should end at (0.86, 0.02, 0.14) after 4 iterations; yours is at (0.55, -0.025, 0.25)", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.FarthestFromEmptyCentroid))),
            Attempt.Wrong("updates initial in place", "your function changed `initial`", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                L01Lloyd(x, initial, maxIterations, L01LoopSlip.ChangesInitial))),
            Attempt.Wrong("online: a centroid moves as soon as a point joins it", "centroid 0 should end at (-2.66, 4, 1.44) after 6 iterations", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
            {
                var c = initial.Clone();
                var labels = L01AssignLoops(x, c);
                int iterations = 0;
                while (iterations < maxIterations)
                {
                    var counts = new int[c.Rows];
                    var next = new int[x.Rows];
                    for (int i = 0; i < x.Rows; i++)
                    {
                        int j = Enumerable.Range(0, c.Rows).MinBy(m => Distance.Squared(x.Row(i), c.Row(m)));
                        next[i] = j;
                        counts[j]++;
                        for (int t = 0; t < x.Cols; t++) c[j, t] += (x[i, t] - c[j, t]) / counts[j];
                    }
                    iterations++;
                    bool same = next.SequenceEqual(labels);
                    labels = next;
                    if (same) break;
                }
                return (c, labels, iterations);
            })),
            Attempt.Wrong("returns null centroids", "your function returned null centroids", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
                (null!, new int[x.Rows], 1))),
            // The exercise asks for the algorithm: calling the kit's implementation of it fails, whatever it returns.
            Attempt.Wrong("the kit's K-means from the same start (its answer is right)", "calls the kit's KMeans", () => Lesson01Checks.LloydLoop((x, initial, maxIterations) =>
            {
                var m = new KMeans(new KMeansOptions { NClusters = initial.Rows, InitialCentroids = initial, MaxIterations = maxIterations }).Fit(x);
                return (m.Centroids, m.Labels, m.Iterations);
            })),
            Attempt.Stub(() => Lesson01Checks.LloydLoop((x, initial, maxIterations) => throw new NotImplementedException())),
        ],
        // The check's cases: the six points with one centre at the origin (squared distances 0, 1, 1, 50, 61, 61; total
        // 174), 30 random 2-D points with 2 centres, then nine 3-D points with 3 centres.
        ["01.4"] =
        [
            Attempt.Right("nested loops, then divide by the total", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
            {
                var d2 = new double[x.Rows];
                for (int i = 0; i < x.Rows; i++)
                {
                    d2[i] = double.PositiveInfinity;
                    for (int j = 0; j < chosen.Rows; j++)
                    {
                        double d = 0;
                        for (int t = 0; t < x.Cols; t++) { double diff = x[i, t] - chosen[j, t]; d += diff * diff; }
                        d2[i] = Math.Min(d2[i], d);
                    }
                }
                double total = d2.Sum();
                return d2.Select(v => v / total).ToArray();
            })),
            Attempt.Right("LINQ Min of Distance.Squared", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                L01Normalised(Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, chosen.Rows).Min(j => Distance.Squared(x.Row(i), chosen.Row(j)))).ToArray()))),
            Attempt.Right("nearest Euclidean distance, squared afterwards", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                L01Normalised(Enumerable.Range(0, x.Rows).Select(i => Math.Pow(Enumerable.Range(0, chosen.Rows).Min(j => Distance.Euclidean(x.Row(i), chosen.Row(j))), 2)).ToArray()))),
            Attempt.Wrong("distance instead of its square", "Did you use the distance instead of its square?", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                L01Normalised(Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, chosen.Rows).Min(j => Distance.Euclidean(x.Row(i), chosen.Row(j)))).ToArray()))),
            // Gave the distance hint of the old check, which named the wrong slip.
            Attempt.Wrong("squared distance squared again", "Did you square the squared distance again?", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                L01Normalised(Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, chosen.Rows).Min(j => Math.Pow(Distance.Squared(x.Row(i), chosen.Row(j)), 2))).ToArray()))),
            Attempt.Wrong("squared distances not normalised", "the probabilities should sum to 1; yours sum to 174", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, chosen.Rows).Min(j => Distance.Squared(x.Row(i), chosen.Row(j)))).ToArray())),
            // Passed the old check: its first case had one centre, and in its random case every point is nearest to the first centre.
            Attempt.Wrong("distance to the first centre only", "D(x) is the distance to the nearest of the centres chosen so far", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                L01Normalised(Enumerable.Range(0, x.Rows).Select(i => Distance.Squared(x.Row(i), chosen.Row(0))).ToArray()))),
            Attempt.Wrong("squared distances summed over the centres", "D(x) is the distance to the nearest of the centres chosen so far", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                L01Normalised(Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, chosen.Rows).Sum(j => Distance.Squared(x.Row(i), chosen.Row(j)))).ToArray()))),
            Attempt.Wrong("uniform probabilities", "so its probability is 0 / 174 = 0; you gave 0.1667", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                Enumerable.Repeat(1.0 / x.Rows, x.Rows).ToArray())),
            Attempt.Wrong("NaN everywhere", "yours sum to NaN", () => Lesson01Checks.SeedingProbabilities((x, chosen) =>
                Enumerable.Repeat(double.NaN, x.Rows).ToArray())),
            Attempt.Stub(() => Lesson01Checks.SeedingProbabilities((x, chosen) => throw new NotImplementedException())),
        ],
        // The check's cases: 15, 9 and 40 points in 3-D with k = 3, 4 and 5, and draws chosen away from the intervals' ends.
        ["01.5"] =
        [
            Attempt.Right("loops: nearest squared distances kept up to date, then a running sum against the draw", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                L01Seeds(x, k, draws, L01SeedSlip.None))),
            Attempt.Right("LINQ: the probabilities recomputed from all chosen rows each step, then the first cumulative above the draw", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
            {
                var chosen = new List<int> { (int)(draws[0] * x.Rows) };
                while (chosen.Count < k)
                {
                    var p = L01Normalised(Enumerable.Range(0, x.Rows).Select(i => chosen.Min(c => Distance.Squared(x.Row(i), x.Row(c)))).ToArray());
                    double running = 0;
                    chosen.Add(Enumerable.Range(0, x.Rows).First(i => (running += p[i]) > draws[chosen.Count]));
                }
                return chosen.ToArray();
            })),
            Attempt.Right("cumulative sums of D² and Array.BinarySearch for the draw times the total", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
            {
                var result = new int[k];
                result[0] = (int)Math.Floor(draws[0] * x.Rows);
                var d2 = Enumerable.Range(0, x.Rows).Select(i => Distance.Squared(x.Row(i), x.Row(result[0]))).ToArray();
                for (int j = 1; j < k; j++)
                {
                    var cumulative = new double[x.Rows];
                    for (int i = 0; i < x.Rows; i++) cumulative[i] = (i > 0 ? cumulative[i - 1] : 0) + d2[i];
                    int at = Array.BinarySearch(cumulative, draws[j] * cumulative[^1]);
                    result[j] = at >= 0 ? at + 1 : ~at;
                    for (int i = 0; i < x.Rows; i++) d2[i] = Math.Min(d2[i], Distance.Squared(x.Row(i), x.Row(result[j])));
                }
                return result;
            })),
            Attempt.Wrong("the farthest row each time (farthest-first traversal)", "You took the farthest row each time", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                L01Seeds(x, k, draws, L01SeedSlip.Farthest))),
            Attempt.Wrong("weights D instead of D²", "not the distance", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                L01Seeds(x, k, draws, L01SeedSlip.Distance))),
            Attempt.Wrong("distance to the last centre only", "not only to the last one", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                L01Seeds(x, k, draws, L01SeedSlip.LastCentreOnly))),
            Attempt.Wrong("row 0 as the first centre", "The first centre is drawn too", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                L01Seeds(x, k, draws, L01SeedSlip.FirstRowFirst))),
            Attempt.Wrong("centre j drawn with draws[j - 1]", "draws[0] is spent on the first centre", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                L01Seeds(x, k, draws, L01SeedSlip.PreviousDraw))),
            Attempt.Wrong("the draw compared with the running sum of D², not normalised", "not with the running sum itself", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                L01Seeds(x, k, draws, L01SeedSlip.Unnormalised))),
            Attempt.Wrong("every centre uniformly at random, row ⌊draws[j]·n⌋", "centre 1 is row", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                draws.Select(u => (int)(u * x.Rows)).ToArray())),
            Attempt.Wrong("the kit's k-means++ seeding", "calls the kit's KMeansPlusPlus", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) =>
                KMeansPlusPlus.Seed(x, k, new Random(0), candidates: 1).Indices)),
            Attempt.Wrong("returns null", "return 3 row indices", () => Lesson01Checks.PlusPlusSeeding((x, k, draws) => null!)),
            Attempt.Stub(() => Lesson01Checks.PlusPlusSeeding((x, k, draws) => throw new NotImplementedException())),
        ],
        // The check's case: the six points labelled [0, 0, 1, 1, 1, 2]; point 0's silhouette is 0.8111, point 5 is alone.
        ["01.6"] =
        [
            Attempt.Right("loops: a over the other members, b the smallest mean over the other clusters", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.None))),
            Attempt.Right("LINQ GroupBy: mean distance to each cluster, the point itself left out", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
            {
                var means = Enumerable.Range(0, x.Rows).Where(j => j != i).GroupBy(j => labels[j])
                    .ToDictionary(g => g.Key, g => g.Average(j => Distance.Euclidean(x.Row(i), x.Row(j))));
                if (!means.TryGetValue(labels[i], out double a)) return 0;
                double b = means.Where(p => p.Key != labels[i]).Min(p => p.Value);
                return (b - a) / Math.Max(a, b);
            })),
            Attempt.Wrong("the library's Silhouette.Samples", "calls the kit's Silhouette.Samples", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) => Silhouette.Samples(x, labels)[i])),
            Attempt.Wrong("a includes the point itself (distance 0)", "Remember that a excludes the point itself", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.SelfInA))),
            Attempt.Wrong("b pools every point of the other clusters", "point 0 should have silhouette 0.8111", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.PooledB))),
            Attempt.Wrong("b the largest mean instead of the smallest", "point 0 should have silhouette 0.8111", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.LargestB))),
            Attempt.Wrong("b - a without dividing by max(a, b)", "you returned 4.2938", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.NotDivided))),
            Attempt.Wrong("a - b: the sign flipped", "you returned -0.8111", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.SignFlipped))),
            Attempt.Wrong("squared distances", "point 0 should have silhouette 0.8111", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.SquaredDistances))),
            Attempt.Wrong("a lone point gets 1", "This point is alone in its cluster", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.AloneIsOne))),
            Attempt.Wrong("a lone point divides 0 by 0 (NaN)", "This point is alone in its cluster", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
                L01Silhouette(x, labels, i, L01Slip.AloneIsNaN))),
            Attempt.Wrong("LINQ Average over a lone point's empty cluster", "threw InvalidOperationException", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
            {
                double Dist(int p, int q) => Distance.Euclidean(x.Row(p), x.Row(q));
                double a = Enumerable.Range(0, x.Rows).Where(j => labels[j] == labels[i] && j != i).Average(j => Dist(i, j));
                double b = labels.Distinct().Where(l => l != labels[i]).Min(l => Enumerable.Range(0, x.Rows).Where(j => labels[j] == l).Average(j => Dist(i, j)));
                return (b - a) / Math.Max(a, b);
            })),
            // The 01.6 hole a review found (it was 01.5 then): the first case alone let this misreading pass.
            Attempt.Wrong("b from the cluster with the nearest centroid", "the cluster whose centroid is nearest need not be it", () => Lesson01Checks.SilhouetteOfPoint((x, labels, i) =>
            {
                double Mean(int c) => Enumerable.Range(0, x.Rows).Where(j => j != i && labels[j] == c).Select(j => Distance.Euclidean(x.Row(i), x.Row(j))).DefaultIfEmpty(double.NaN).Average();
                if (labels.Count(l => l == labels[i]) == 1) return 0;
                var centroid = (int c) => Enumerable.Range(0, x.Cols).Select(t => Enumerable.Range(0, x.Rows).Where(j => labels[j] == c).Average(j => x[j, t])).ToArray();
                int nearest = labels.Distinct().Where(l => l != labels[i]).MinBy(l => Distance.Euclidean(x.Row(i), centroid(l)));
                double a = Mean(labels[i]), b = Mean(nearest);
                return (b - a) / Math.Max(a, b);
            })),
            Attempt.Stub(() => Lesson01Checks.SilhouetteOfPoint((x, labels, i) => throw new NotImplementedException())),
        ],
        // The check's cases: nine 3-D points, three components of unequal weights and variances; then a tenth point far
        // from every component, where each density underflows.
        ["01.7"] =
        [
            Attempt.Right("loops: log terms, the row's largest subtracted, exponentiated and normalised", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
                L01EStep(x, w, m, v, L01EStepSlip.None))),
            Attempt.Right("LINQ: log-sum-exp written as a function, responsibilities exp(log term - log-sum-exp)", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
            {
                double LogSumExp(double[] a) { double top = a.Max(); return top + Math.Log(a.Sum(t => Math.Exp(t - top))); }
                var r = new Matrix(x.Rows, m.Rows);
                for (int i = 0; i < x.Rows; i++)
                {
                    var logs = Enumerable.Range(0, m.Rows).Select(j => Math.Log(w[j]) - x.Cols / 2.0 * Math.Log(2 * Math.PI * v[j])
                        - Distance.Squared(x.Row(i), m.Row(j)) / (2 * v[j])).ToArray();
                    double norm = LogSumExp(logs);
                    for (int j = 0; j < m.Rows; j++) r[i, j] = Math.Exp(logs[j] - norm);
                }
                return r;
            })),
            Attempt.Right("log densities via log σ and the Euclidean distance, shifted by the row's largest", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
            {
                var r = new Matrix(x.Rows, m.Rows);
                for (int i = 0; i < x.Rows; i++)
                {
                    var logs = new double[m.Rows];
                    for (int j = 0; j < m.Rows; j++)
                    {
                        double sigma = Math.Sqrt(v[j]), dist = Distance.Euclidean(x.Row(i), m.Row(j));
                        logs[j] = Math.Log(w[j]) - x.Cols * (Math.Log(sigma) + 0.5 * Math.Log(2 * Math.PI)) - 0.5 * Math.Pow(dist / sigma, 2);
                    }
                    double top = logs.Max(), total = logs.Sum(l => Math.Exp(l - top));
                    for (int j = 0; j < m.Rows; j++) r[i, j] = Math.Exp(logs[j] - top) / total;
                }
                return r;
            })),
            Attempt.Wrong("densities exponentiated directly (no log-sum-exp)", "work with logarithms", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
                L01EStep(x, w, m, v, L01EStepSlip.Direct))),
            Attempt.Wrong("the weights πⱼ left out", "multiplied by its weight", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
                L01EStep(x, w, m, v, L01EStepSlip.NoWeights))),
            Attempt.Wrong("the normalising constant left out", "it differs between components of different variances", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
                L01EStep(x, w, m, v, L01EStepSlip.NoNormaliser))),
            Attempt.Wrong("the normalising constant for one dimension", "with d the number of columns", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
                L01EStep(x, w, m, v, L01EStepSlip.NormaliserOnce))),
            Attempt.Wrong("the variances squared again, as if they were deviations", "already squared", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
                L01EStep(x, w, m, v, L01EStepSlip.VarianceSquared))),
            Attempt.Wrong("each column normalised instead of each row", "normalise each row, not each column", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
            {
                var r = L01EStep(x, w, m, v, L01EStepSlip.None);
                for (int j = 0; j < r.Cols; j++)
                {
                    double total = Enumerable.Range(0, r.Rows).Sum(i => r[i, j]);
                    for (int i = 0; i < r.Rows; i++) r[i, j] /= total;
                }
                return r;
            })),
            Attempt.Wrong("hard assignment: 1 for the most responsible component, 0 elsewhere", "responsibility of component", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
            {
                var r = L01EStep(x, w, m, v, L01EStepSlip.None);
                for (int i = 0; i < r.Rows; i++)
                {
                    int best = Enumerable.Range(0, r.Cols).MaxBy(j => r[i, j]);
                    for (int j = 0; j < r.Cols; j++) r[i, j] = j == best ? 1 : 0;
                }
                return r;
            })),
            Attempt.Wrong("the kit's mixture model computes them", "calls the kit's GaussianMixtureModel.PredictProbabilities", () => Lesson01Checks.Responsibilities((x, w, m, v) =>
                new GaussianMixtureModel(CovarianceType.Spherical, w, m, v.Select(s =>
                {
                    var c = new Matrix(x.Cols, x.Cols);
                    for (int t = 0; t < x.Cols; t++) c[t, t] = s;
                    return c;
                }).ToList()).PredictProbabilities(x))),
            Attempt.Wrong("returns null", "your function returned null", () => Lesson01Checks.Responsibilities((x, w, m, v) => null!)),
            Attempt.Stub(() => Lesson01Checks.Responsibilities((x, w, m, v) => throw new NotImplementedException())),
        ],
        // The check's case: 200 blob points and a 5-cluster K-means model fitted on them.
        ["01.8"] =
        [
            Attempt.Right("loops with a running minimum per centroid", () => Lesson01Checks.Representatives((x, model) =>
            {
                var result = new int[model.Centroids.Rows];
                for (int c = 0; c < result.Length; c++)
                {
                    double best = double.PositiveInfinity;
                    for (int i = 0; i < x.Rows; i++)
                    {
                        double d = Distance.Squared(x.Row(i), model.Centroids.Row(c));
                        if (d < best) { best = d; result[c] = i; }
                    }
                }
                return result;
            })),
            Attempt.Right("LINQ MinBy of the Euclidean distance", () => Lesson01Checks.Representatives((x, model) =>
                Enumerable.Range(0, model.Centroids.Rows).Select(c => Enumerable.Range(0, x.Rows).MinBy(i => Distance.Euclidean(x.Row(i), model.Centroids.Row(c)))).ToArray())),
            Attempt.Right("distances to each centroid in an array, then Array.IndexOf its minimum", () => Lesson01Checks.Representatives((x, model) =>
                Enumerable.Range(0, model.NClusters).Select(c =>
                {
                    var d = new double[x.Rows];
                    for (int i = 0; i < x.Rows; i++) d[i] = Distance.Squared(x.Row(i), model.Centroids.Row(c));
                    return Array.IndexOf(d, d.Min());
                }).ToArray())),
            Attempt.Wrong("first member of each cluster", "the nearest point is row", () => Lesson01Checks.Representatives((x, model) =>
                Enumerable.Range(0, model.Centroids.Rows).Select(c => Array.IndexOf(model.Labels, c)).ToArray())),
            Attempt.Wrong("farthest point (MaxBy)", "the nearest point is row", () => Lesson01Checks.Representatives((x, model) =>
                Enumerable.Range(0, model.Centroids.Rows).Select(c => Enumerable.Range(0, x.Rows).MaxBy(i => Distance.Squared(x.Row(i), model.Centroids.Row(c)))).ToArray())),
            Attempt.Wrong("first coordinate only", "the nearest point is row", () => Lesson01Checks.Representatives((x, model) =>
                Enumerable.Range(0, model.Centroids.Rows).Select(c => Enumerable.Range(0, x.Rows).MinBy(i => Math.Abs(x[i, 0] - model.Centroids[c, 0]))).ToArray())),
            Attempt.Wrong("best distance not reset for each centroid", "the nearest point is row", () => Lesson01Checks.Representatives((x, model) =>
            {
                var result = new int[model.Centroids.Rows];
                double best = double.PositiveInfinity;
                for (int c = 0; c < result.Length; c++)
                    for (int i = 0; i < x.Rows; i++)
                    {
                        double d = Distance.Squared(x.Row(i), model.Centroids.Row(c));
                        if (d < best) { best = d; result[c] = i; }
                    }
                return result;
            })),
            Attempt.Wrong("position in the cluster's member list instead of the row index", "the nearest point is row", () => Lesson01Checks.Representatives((x, model) =>
                Enumerable.Range(0, model.Centroids.Rows).Select(c =>
                {
                    var members = Enumerable.Range(0, x.Rows).Where(i => model.Labels[i] == c).ToList();
                    return Enumerable.Range(0, members.Count).MinBy(p => Distance.Squared(x.Row(members[p]), model.Centroids.Row(c)));
                }).ToArray())),
            Attempt.Wrong("the nearest centroid of each point (the assignment step again)", "return one point index per centroid (5); you returned 200", () => Lesson01Checks.Representatives((x, model) =>
                model.Predict(x))),
            Attempt.Wrong("returns null", "you returned 0", () => Lesson01Checks.Representatives((x, model) => null!)),
            Attempt.Stub(() => Lesson01Checks.Representatives((x, model) => throw new NotImplementedException())),
        ],
    };

    private enum L01SeedSlip { None, Farthest, Distance, LastCentreOnly, FirstRowFirst, PreviousDraw, Unnormalised }

    // k-means++ sampling written with loops, with one slip or none.
    private static int[] L01Seeds(Matrix x, int k, double[] draws, L01SeedSlip slip)
    {
        int n = x.Rows;
        var chosen = new int[k];
        chosen[0] = slip == L01SeedSlip.FirstRowFirst ? 0 : (int)(draws[0] * n);
        var d2 = new double[n];
        for (int i = 0; i < n; i++) d2[i] = Distance.Squared(x.Row(i), x.Row(chosen[0]));
        for (int j = 1; j < k; j++)
        {
            var w = d2.Select(d => slip == L01SeedSlip.Distance ? Math.Sqrt(d) : d).ToArray();
            double total = slip == L01SeedSlip.Unnormalised ? 1 : w.Sum(), u = draws[slip == L01SeedSlip.PreviousDraw ? j - 1 : j], running = 0;
            int pick = n - 1;
            if (slip == L01SeedSlip.Farthest) pick = Array.IndexOf(w, w.Max());
            else
                for (int i = 0; i < n; i++)
                {
                    running += w[i] / total;
                    if (running > u) { pick = i; break; }
                }
            chosen[j] = pick;
            for (int i = 0; i < n; i++)
            {
                double d = Distance.Squared(x.Row(i), x.Row(pick));
                d2[i] = slip == L01SeedSlip.LastCentreOnly ? d : Math.Min(d2[i], d);
            }
        }
        return chosen;
    }

    private enum L01EStepSlip { None, Direct, NoWeights, NoNormaliser, NormaliserOnce, VarianceSquared }

    // The spherical E-step written with loops, with one slip or none.
    private static Matrix L01EStep(Matrix x, double[] w, Matrix m, double[] v, L01EStepSlip slip)
    {
        int d = x.Cols;
        var r = new Matrix(x.Rows, m.Rows);
        for (int i = 0; i < x.Rows; i++)
        {
            var logs = new double[m.Rows];
            for (int j = 0; j < m.Rows; j++)
            {
                double variance = slip == L01EStepSlip.VarianceSquared ? v[j] * v[j] : v[j];
                double power = slip switch { L01EStepSlip.NoNormaliser => 0, L01EStepSlip.NormaliserOnce => 0.5, _ => d / 2.0 };
                logs[j] = (slip == L01EStepSlip.NoWeights ? 0 : Math.Log(w[j])) - power * Math.Log(2 * Math.PI * variance)
                    - Distance.Squared(x.Row(i), m.Row(j)) / (2 * variance);
            }
            double top = slip == L01EStepSlip.Direct ? 0 : logs.Max(), total = logs.Sum(l => Math.Exp(l - top));
            for (int j = 0; j < m.Rows; j++) r[i, j] = Math.Exp(logs[j] - top) / total;
        }
        return r;
    }

    private static int[] L01AssignLoops(Matrix x, Matrix c)
    {
        var labels = new int[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            double best = double.PositiveInfinity;
            for (int j = 0; j < c.Rows; j++)
            {
                double d = 0;
                for (int t = 0; t < x.Cols; t++) { double diff = x[i, t] - c[j, t]; d += diff * diff; }
                if (d < best) { best = d; labels[i] = j; }
            }
        }
        return labels;
    }

    private static Matrix L01UpdateSums(Matrix x, int[] labels, int k)
    {
        var sums = new Matrix(k, x.Cols);
        var counts = new int[k];
        for (int i = 0; i < x.Rows; i++)
        {
            counts[labels[i]]++;
            for (int t = 0; t < x.Cols; t++) sums[labels[i], t] += x[i, t];
        }
        for (int j = 0; j < k; j++) for (int t = 0; t < x.Cols; t++) sums[j, t] /= counts[j];
        return sums;
    }

    private enum L01LoopSlip
    {
        None, NoEmptyRule, EmptyStays, SameFarthestPoint, EmptiesInReverse, FarthestFromEmptyCentroid, TiesToHigher,
        StopsAfterOne, NeverConverges, CountsFirstAssignment, IgnoresMaxIterations, StaleLabelsAtMax, ChangesInitial,
    }

    // Lloyd's loop written with loops and a local assignment function, with one slip or none.
    private static (Matrix Centroids, int[] Labels, int Iterations) L01Lloyd(Matrix x, Matrix initial, int maxIterations, L01LoopSlip slip)
    {
        int n = x.Rows, k = initial.Rows, d = x.Cols;
        var c = slip == L01LoopSlip.ChangesInitial ? initial : initial.Clone();
        var dist = new double[n];
        int[] AssignAll()
        {
            var result = new int[n];
            for (int i = 0; i < n; i++)
            {
                dist[i] = double.PositiveInfinity;
                for (int j = 0; j < k; j++)
                {
                    double s = Distance.Squared(x.Row(i), c.Row(j));
                    if (s < dist[i] || (slip == L01LoopSlip.TiesToHigher && s == dist[i])) { dist[i] = s; result[i] = j; }
                }
            }
            return result;
        }
        var labels = AssignAll();
        int iterations = 0, limit = slip == L01LoopSlip.IgnoresMaxIterations ? int.MaxValue : maxIterations;
        while (iterations < limit)
        {
            var sums = new Matrix(k, d);
            var counts = new int[k];
            for (int i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (int t = 0; t < d; t++) sums[labels[i], t] += x[i, t];
            }
            var taken = new bool[n];
            var order = slip == L01LoopSlip.EmptiesInReverse ? Enumerable.Range(0, k).Reverse() : Enumerable.Range(0, k);
            foreach (int j in order)
            {
                if (counts[j] > 0 || slip == L01LoopSlip.NoEmptyRule)
                {
                    for (int t = 0; t < d; t++) c[j, t] = sums[j, t] / counts[j]; // 0 / 0 = NaN for an empty cluster under NoEmptyRule
                    continue;
                }
                if (slip == L01LoopSlip.EmptyStays) continue;
                int far = -1;
                double farthest = double.NegativeInfinity;
                for (int i = 0; i < n; i++)
                {
                    if (taken[i] && slip != L01LoopSlip.SameFarthestPoint) continue;
                    // Row j still holds the empty centroid's old position: only its own update would overwrite it.
                    double s = slip == L01LoopSlip.FarthestFromEmptyCentroid ? Distance.Squared(x.Row(i), c.Row(j)) : dist[i];
                    if (s > farthest) { farthest = s; far = i; }
                }
                taken[far] = true;
                x.Row(far).CopyTo(c.Row(j));
            }
            iterations++;
            var next = AssignAll();
            bool same = next.SequenceEqual(labels);
            if (slip == L01LoopSlip.StaleLabelsAtMax && iterations == limit) break; // the last assignment never reaches the result
            labels = next;
            if (slip == L01LoopSlip.StopsAfterOne || (same && slip != L01LoopSlip.NeverConverges)) break;
        }
        return (c, labels, slip == L01LoopSlip.CountsFirstAssignment ? iterations + 1 : iterations);
    }

    private static double[] L01Normalised(double[] w)
    {
        double total = w.Sum();
        return w.Select(v => v / total).ToArray();
    }

    private enum L01Slip { None, SelfInA, PooledB, LargestB, NotDivided, SignFlipped, SquaredDistances, AloneIsOne, AloneIsNaN }

    // The silhouette of point i written with loops, with one slip or none.
    private static double L01Silhouette(Matrix x, int[] labels, int i, L01Slip slip)
    {
        double Dist(int p, int q) => slip == L01Slip.SquaredDistances ? Distance.Squared(x.Row(p), x.Row(q)) : Distance.Euclidean(x.Row(p), x.Row(q));
        double own = 0;
        int ownCount = 0;
        for (int j = 0; j < x.Rows; j++)
            if (labels[j] == labels[i] && (j != i || slip == L01Slip.SelfInA)) { own += Dist(i, j); ownCount++; }
        bool alone = labels.Count(l => l == labels[i]) == 1;
        if (alone && slip == L01Slip.AloneIsOne) return 1;
        if (alone && slip != L01Slip.AloneIsNaN && slip != L01Slip.SelfInA) return 0;
        double a = own / ownCount; // 0 / 0 = NaN for a lone point under AloneIsNaN
        double b = slip == L01Slip.LargestB ? double.NegativeInfinity : double.PositiveInfinity;
        double pooled = 0;
        int pooledCount = 0;
        foreach (var cluster in labels.Distinct().Where(l => l != labels[i]))
        {
            double sum = 0;
            int count = 0;
            for (int j = 0; j < x.Rows; j++) if (labels[j] == cluster) { sum += Dist(i, j); count++; }
            pooled += sum;
            pooledCount += count;
            b = slip == L01Slip.LargestB ? Math.Max(b, sum / count) : Math.Min(b, sum / count);
        }
        if (slip == L01Slip.PooledB) b = pooled / pooledCount;
        return slip switch
        {
            L01Slip.NotDivided => b - a,
            L01Slip.SignFlipped => (a - b) / Math.Max(a, b),
            _ => (b - a) / Math.Max(a, b),
        };
    }
}
