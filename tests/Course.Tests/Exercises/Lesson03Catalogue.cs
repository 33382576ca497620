using Course.Clustering;
using Course.Exercises;
using Course.Kernels;
using Course.Labeling;
using Course.Metrics;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson03 => new Dictionary<string, Attempt[]>
    {
        ["03.1"] =
        [
            Attempt.Right("neighbour lists with Distance.Euclidean (LINQ)", () => Lesson03Checks.PointKinds(L03ClassifyLinq)),
            Attempt.Right("nested loops, squared distance against eps squared", () => Lesson03Checks.PointKinds(L03ClassifyLoops)),
            Attempt.Right("the library's DBSCAN", () => Lesson03Checks.PointKinds((x, eps, minSamples) => new Dbscan(eps, minSamples).Fit(x).Kinds)),
            Attempt.Wrong("the point does not count itself", "Count the point itself", () => Lesson03Checks.PointKinds((x, eps, minSamples) =>
                L03Kinds(x.Rows, minSamples, (i, j) => i != j && Distance.Euclidean(x.Row(i), x.Row(j)) <= eps))),
            Attempt.Wrong("strictly within eps (< instead of <=)", "include distances equal to eps", () => Lesson03Checks.PointKinds((x, eps, minSamples) =>
                L03Kinds(x.Rows, minSamples, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) < eps))),
            // Passed the old check: its data were 1-D (the line only), where column 0 is the whole distance.
            Attempt.Wrong("first coordinate only", "not the first coordinate only", () => Lesson03Checks.PointKinds((x, eps, minSamples) =>
                L03Kinds(x.Rows, minSamples, (i, j) => Math.Abs(x[i, 0] - x[j, 0]) <= eps))),
            // Passed the old check: on its line every non-core point with a neighbour had a core neighbour; the 2-D
            // points have a close pair, far from the rest, that is noise although each is the other's neighbour.
            Attempt.Wrong("border when next to any point, core or not", "border only if one of the points within eps of it is a core point", () => Lesson03Checks.PointKinds((x, eps, minSamples) =>
                L03Kinds(x.Rows, minSamples, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps, anyNeighbour: true))),
            // Passed the old check: on its line no distance fell between eps and its square root; the 3-D points have one.
            Attempt.Wrong("squared distance compared with eps", "Compare the distance with eps, not its square", () => Lesson03Checks.PointKinds((x, eps, minSamples) =>
                L03Kinds(x.Rows, minSamples, (i, j) => Distance.Squared(x.Row(i), x.Row(j)) <= eps))),
            Attempt.Wrong("hard-coded x and y (2-D only)", "threw ArgumentOutOfRangeException", () => Lesson03Checks.PointKinds((x, eps, minSamples) =>
                L03Kinds(x.Rows, minSamples, (i, j) => Math.Sqrt(Math.Pow(x[i, 0] - x[j, 0], 2) + Math.Pow(x[i, 1] - x[j, 1], 2)) <= eps))),
            Attempt.Wrong("null", "return one kind per point (10); you returned 0.", () => Lesson03Checks.PointKinds((x, eps, minSamples) => null!)),
            Attempt.Stub(() => Lesson03Checks.PointKinds((x, eps, minSamples) => throw new NotImplementedException())),
        ],
        ["03.2"] =
        [
            Attempt.Right("loop keeping the first largest gap", () => Lesson03Checks.KDistanceElbow(L03Elbow)),
            Attempt.Right("LINQ MaxBy over the scaled gap", () => Lesson03Checks.KDistanceElbow(d =>
            {
                double first = d[0], range = d[^1] - d[0];
                return d[Enumerable.Range(0, d.Length).MaxBy(i => i / (double)(d.Length - 1) - (d[i] - first) / range)];
            })),
            Attempt.Right("backwards loop with >= (still the first on a tie)", () => Lesson03Checks.KDistanceElbow(d =>
            {
                int n = d.Length, best = n - 1;
                double bestGap = double.NegativeInfinity;
                for (int i = n - 1; i >= 0; i--)
                {
                    double gap = i / (double)(n - 1) - (d[i] - d[0]) / (d[n - 1] - d[0]);
                    if (gap >= bestGap) { bestGap = gap; best = i; }
                }
                return d[best];
            })),
            Attempt.Wrong("axes not scaled", "Scale both axes to [0, 1]", () => Lesson03Checks.KDistanceElbow(d => d[Enumerable.Range(0, d.Length).MaxBy(i => i - d[i])])),
            Attempt.Wrong("farthest above the chord (gap of the wrong sign)", "The elbow is farthest below the chord", () => Lesson03Checks.KDistanceElbow(d =>
            {
                int best = 0;
                double bestGap = double.NegativeInfinity;
                for (int i = 0; i < d.Length; i++)
                {
                    double gap = (d[i] - d[0]) / (d[^1] - d[0]) - i / (double)(d.Length - 1);
                    if (gap > bestGap) { bestGap = gap; best = i; }
                }
                return d[best];
            })),
            Attempt.Wrong("the elbow's index instead of its distance", "Return one of the curve's own values.", () => Lesson03Checks.KDistanceElbow(d =>
            {
                double range = d[^1] - d[0];
                return Enumerable.Range(0, d.Length).MaxBy(i => i / (double)(d.Length - 1) - (d[i] - d[0]) / range);
            })),
            Attempt.Wrong("NaN", "you returned NaN. Return one of the curve's own values.", () => Lesson03Checks.KDistanceElbow(d => double.NaN)),
            Attempt.Stub(() => Lesson03Checks.KDistanceElbow(d => throw new NotImplementedException())),
        ],
        ["03.3"] =
        [
            Attempt.Right("LINQ: sort each point's distances", () => Lesson03Checks.MutualReachability(L03Reachability)),
            Attempt.Right("loops and Array.Sort", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) =>
            {
                double Core(int p)
                {
                    var distances = new double[x.Rows];
                    for (int q = 0; q < x.Rows; q++)
                    {
                        double sum = 0;
                        for (int j = 0; j < x.Cols; j++) sum += (x[p, j] - x[q, j]) * (x[p, j] - x[q, j]);
                        distances[q] = Math.Sqrt(sum);
                    }
                    Array.Sort(distances);
                    return distances[minSamples - 1];
                }
                double d = Math.Sqrt(Distance.Squared(x.Row(a), x.Row(b)));
                return new[] { Core(a), Core(b), d }.Max();
            })),
            Attempt.Right("the library's HDBSCAN core distances", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) =>
            {
                var core = new Hdbscan(new HdbscanOptions { MinClusterSize = 2, MinSamples = minSamples }).Fit(x).CoreDistances;
                return Math.Max(Distance.Euclidean(x.Row(a), x.Row(b)), Math.Max(core[a], core[b]));
            })),
            Attempt.Wrong("the plain distance", "That is the plain distance", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) => Distance.Euclidean(x.Row(a), x.Row(b)))),
            // On the line this slip returns the plain distance (the other core distance is smaller), so it gets that hint.
            Attempt.Wrong("only the first point's core distance", "take the max with both core distances", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) =>
                Math.Max(L03Core(x, a, minSamples, Distance.Euclidean), Distance.Euclidean(x.Row(a), x.Row(b))))),
            Attempt.Wrong("core distance skips the point itself (minSamples-th other point)", "counts the point itself as its first neighbour", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) =>
                L03Reachability(x, a, b, minSamples + 1))),
            // Passed the old check: its data were 1-D (the line only), where column 0 is the whole distance.
            Attempt.Wrong("first coordinate only", "not the first coordinate only", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) =>
            {
                double Core(int p) => Enumerable.Range(0, x.Rows).Select(q => Math.Abs(x[p, 0] - x[q, 0])).Order().ElementAt(minSamples - 1);
                return Math.Max(Math.Max(Core(a), Core(b)), Math.Abs(x[a, 0] - x[b, 0]));
            })),
            Attempt.Wrong("forgot the distance between the two points", "Take the max with the distance between the two points as well", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) =>
                Math.Max(L03Core(x, a, minSamples, Distance.Euclidean), L03Core(x, b, minSamples, Distance.Euclidean)))),
            Attempt.Wrong("squared distances throughout", "take the square root", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) =>
                Math.Max(Math.Max(L03Core(x, a, minSamples, Distance.Squared), L03Core(x, b, minSamples, Distance.Squared)), Distance.Squared(x.Row(a), x.Row(b))))),
            Attempt.Wrong("NaN", "you returned NaN", () => Lesson03Checks.MutualReachability((x, a, b, minSamples) => double.NaN)),
            Attempt.Stub(() => Lesson03Checks.MutualReachability((x, a, b, minSamples) => throw new NotImplementedException())),
        ],
        ["03.4"] =
        [
            Attempt.Right("counting loop", () => Lesson03Checks.PrecisionAndRecall(L03Score)),
            Attempt.Right("LINQ counts", () => Lesson03Checks.PrecisionAndRecall((truth, flagged) =>
            {
                int tp = truth.Zip(flagged).Count(p => p.First && p.Second), nFlagged = flagged.Count(f => f), nPlanted = truth.Count(t => t);
                return (nFlagged == 0 ? 1.0 : (double)tp / nFlagged, nPlanted == 0 ? 1.0 : (double)tp / nPlanted);
            })),
            Attempt.Right("the library's PrecisionRecall.At", () => Lesson03Checks.PrecisionAndRecall((truth, flagged) => PrecisionRecall.At(truth, flagged))),
            Attempt.Wrong("precision and recall swapped", "The two are swapped.", () => Lesson03Checks.PrecisionAndRecall((truth, flagged) =>
            {
                var (p, r) = L03Score(truth, flagged);
                return (r, p);
            })),
            // Passed the old check: it never flagged nothing, so 0 / 0 was never computed.
            Attempt.Wrong("no convention when nothing is flagged (0 / 0 = NaN)", "When nothing is flagged, precision is 1 by convention", () => Lesson03Checks.PrecisionAndRecall((truth, flagged) =>
            {
                double tp = truth.Zip(flagged).Count(p => p.First && p.Second);
                return (tp / flagged.Count(f => f), tp / truth.Count(t => t));
            })),
            // Passed the old check too, for the same reason.
            Attempt.Wrong("precision 0 when nothing is flagged", "When nothing is flagged, precision is 1 by convention", () => Lesson03Checks.PrecisionAndRecall((truth, flagged) =>
            {
                var (p, r) = L03Score(truth, flagged);
                return (flagged.Any(f => f) ? p : 0.0, r);
            })),
            Attempt.Wrong("integer division", "Divide as doubles", () => Lesson03Checks.PrecisionAndRecall((truth, flagged) =>
            {
                int tp = 0, fp = 0, fn = 0;
                for (int i = 0; i < truth.Length; i++)
                {
                    if (flagged[i] && truth[i]) tp++;
                    else if (flagged[i]) fp++;
                    else if (truth[i]) fn++;
                }
                return (tp + fp == 0 ? 1 : tp / (tp + fp), tp + fn == 0 ? 1 : tp / (tp + fn));
            })),
            Attempt.Wrong("precision over all points instead of the flagged ones", "precision 0.5, recall 0.3333; you returned (0.1, 0.3333).", () => Lesson03Checks.PrecisionAndRecall((truth, flagged) =>
            {
                var (_, r) = L03Score(truth, flagged);
                return (truth.Zip(flagged).Count(p => p.First && p.Second) / (double)truth.Length, r);
            })),
            Attempt.Stub(() => Lesson03Checks.PrecisionAndRecall((truth, flagged) => throw new NotImplementedException())),
        ],
        ["03.5"] =
        [
            Attempt.Right("loop interpolating between the budgets around the crossing", () => Lesson03Checks.LabelSaving(L03Saving)),
            Attempt.Right("the library's LabelsNeeded", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
                LabelingResults.LabelsNeeded(budgets, random, target)!.Value / LabelingResults.LabelsNeeded(budgets, cluster, target)!.Value)),
            Attempt.Right("Array.FindIndex, then the fraction of the step", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
            {
                double Needed(double[] accuracy)
                {
                    int i = Array.FindIndex(accuracy, a => a >= target);
                    if (i == 0) return budgets[0];
                    double t = (target - accuracy[i - 1]) / (accuracy[i] - accuracy[i - 1]);
                    return (1 - t) * budgets[i - 1] + t * budgets[i];
                }
                return Needed(random) / Needed(cluster);
            })),
            Attempt.Wrong("ratio the other way round", "not the other way round", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
                L03Saving(budgets, cluster, random, target))),
            Attempt.Wrong("first budget reaching the target, no interpolation", "Interpolate linearly between the two budgets around the target.", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
                budgets[Array.FindIndex(random, v => v >= target)] / budgets[Array.FindIndex(cluster, v => v >= target)])),
            Attempt.Wrong("labels saved (difference) instead of the ratio", "The saving is a ratio", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
                L03Needed(budgets, random, target) - L03Needed(budgets, cluster, target))),
            Attempt.Wrong("interpolated from the wrong end of the step", "Interpolate linearly between the two budgets around the target.", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
            {
                double Needed(double[] accuracy)
                {
                    int i = Array.FindIndex(accuracy, a => a >= target);
                    if (i == 0) return budgets[0];
                    return budgets[i] - (target - accuracy[i - 1]) / (accuracy[i] - accuracy[i - 1]) * (budgets[i] - budgets[i - 1]);
                }
                return Needed(random) / Needed(cluster);
            })),
            Attempt.Stub(() => Lesson03Checks.LabelSaving((budgets, random, cluster, target) => throw new NotImplementedException())),
        ],
    };

    // 03.1 as the solution writes it: each point's neighbours (itself included), then core, border, noise.
    private static PointKind[] L03ClassifyLinq(Matrix x, double eps, int minSamples)
    {
        var neighbours = Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, x.Rows).Where(j => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps).ToArray()).ToArray();
        var core = neighbours.Select(nb => nb.Length >= minSamples).ToArray();
        return Enumerable.Range(0, x.Rows).Select(i => core[i] ? PointKind.Core : neighbours[i].Any(j => core[j]) ? PointKind.Border : PointKind.Noise).ToArray();
    }

    // 03.1 with counts in nested loops and no square root, then a second pass over the core points.
    private static PointKind[] L03ClassifyLoops(Matrix x, double eps, int minSamples)
    {
        int n = x.Rows;
        var near = new bool[n, n];
        var isCore = new bool[n];
        for (int i = 0; i < n; i++)
        {
            int count = 0;
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int c = 0; c < x.Cols; c++) sum += (x[i, c] - x[j, c]) * (x[i, c] - x[j, c]);
                near[i, j] = sum <= eps * eps;
                if (near[i, j]) count++;
            }
            isCore[i] = count >= minSamples;
        }
        var kinds = new PointKind[n];
        for (int i = 0; i < n; i++)
        {
            kinds[i] = PointKind.Noise;
            if (isCore[i]) { kinds[i] = PointKind.Core; continue; }
            for (int j = 0; j < n; j++)
                if (isCore[j] && near[i, j]) { kinds[i] = PointKind.Border; break; }
        }
        return kinds;
    }

    // 03.1 from a neighbourhood test: the shape of most slips (anyNeighbour: border next to any other point, core or not).
    private static PointKind[] L03Kinds(int n, int minSamples, Func<int, int, bool> within, bool anyNeighbour = false)
    {
        var neighbours = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Where(j => within(i, j)).ToArray()).ToArray();
        var core = neighbours.Select(nb => nb.Length >= minSamples).ToArray();
        return Enumerable.Range(0, n).Select(i => core[i] ? PointKind.Core
            : neighbours[i].Any(j => anyNeighbour ? j != i : core[j]) ? PointKind.Border : PointKind.Noise).ToArray();
    }

    private static double L03Elbow(double[] sorted)
    {
        int n = sorted.Length;
        double range = sorted[^1] - sorted[0];
        int best = 0;
        double bestGap = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double gap = i / (double)(n - 1) - (sorted[i] - sorted[0]) / range;
            if (gap > bestGap) { bestGap = gap; best = i; }
        }
        return sorted[best];
    }

    private delegate double L03RowDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b);

    // Distance from p to its minSamples-th nearest point, p itself the first.
    private static double L03Core(Matrix x, int p, int minSamples, L03RowDistance distance)
    {
        var all = new double[x.Rows];
        for (int q = 0; q < x.Rows; q++) all[q] = distance(x.Row(p), x.Row(q));
        return all.Order().ElementAt(minSamples - 1);
    }

    private static double L03Reachability(Matrix x, int a, int b, int minSamples)
    {
        double Core(int p) => Enumerable.Range(0, x.Rows).Select(q => Distance.Euclidean(x.Row(p), x.Row(q))).Order().ElementAt(minSamples - 1);
        return Math.Max(Math.Max(Core(a), Core(b)), Distance.Euclidean(x.Row(a), x.Row(b)));
    }

    private static (double Precision, double Recall) L03Score(bool[] truth, bool[] flagged)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (flagged[i] && truth[i]) tp++;
            else if (flagged[i]) fp++;
            else if (truth[i]) fn++;
        }
        return (tp + fp == 0 ? 1 : tp / (double)(tp + fp), tp + fn == 0 ? 1 : tp / (double)(tp + fn));
    }

    private static double L03Needed(double[] budgets, double[] accuracy, double target)
    {
        for (int i = 0; i < budgets.Length; i++)
        {
            if (accuracy[i] < target) continue;
            if (i == 0) return budgets[0];
            return budgets[i - 1] + (target - accuracy[i - 1]) / (accuracy[i] - accuracy[i - 1]) * (budgets[i] - budgets[i - 1]);
        }
        return double.NaN;
    }

    private static double L03Saving(double[] budgets, double[] random, double[] cluster, double target)
        => L03Needed(budgets, random, target) / L03Needed(budgets, cluster, target);
}
