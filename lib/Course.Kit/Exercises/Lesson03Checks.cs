using Course.Clustering;
using Course.Data;
using Course.Kernels;
using Course.Metrics;
using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 03 (density clustering).</summary>
public static class Lesson03Checks
{
    // Two groups and a straggler on a line: small enough to check by hand, with core, border and noise points.
    // Shared by every check, so learner code only ever sees clones of it.
    private static readonly Matrix Line = Matrix.FromRows([[0], [0.5], [1.0], [1.4], [2.3], [5.0], [5.2], [5.5], [6.4], [9.0]]);

    // The same in 2-D and 3-D, with asymmetric coordinates: a dense group, a border point, a close pair far from the
    // group in the last coordinate only (noise, yet each other's neighbour), and outliers. Their first coordinates
    // are close together, so a distance that reads only column 0 (or only the first two) gets them wrong; no pair lies
    // within 0.02 of the eps the checks use, so the comparison never hangs on rounding.
    private static readonly Matrix Plane = Matrix.FromRows([[0.0, 0.0], [0.5, 0.3], [0.9, -0.2], [0.2, 0.7], [1.6, 0.1], [0.3, 2.6], [0.8, 2.9], [3.1, 0.4], [2.2, 2.4], [1.1, 1.4]]);
    private static readonly Matrix Space = Matrix.FromRows([[0.0, 0.0, 0.0], [0.3, 0.2, 0.4], [0.1, 0.5, -0.3], [0.6, -0.1, 0.2], [0.2, 0.1, 2.5], [0.5, 0.4, 2.9], [0.1, 0.3, 5.0], [0.7, 0.5, 0.9], [2.8, 0.2, 0.1], [0.4, 2.4, 0.3]]);

    // "on the 2-D points, " before a message about Plane or Space; nothing for the line (its messages predate them).
    private static string On(Matrix x) => x.Cols > 1 ? $"on the {x.Cols}-D points, " : "";

    // Where point i is, for a message: "(x = 1.4)" on the line, "at (1.6, 0.1)" elsewhere.
    private static string PointAt(Matrix x, int i) => x.Cols == 1 ? $"(x = {F(x[i, 0])})" : $"at ({Exercise.List(x.Row(i).ToArray())})";

    // Core, border or noise by the definitions, for a given "j is within eps of i": the checks' model of a mistake.
    private static PointKind[] KindsBy(int n, Func<int, int, bool> within, int minSamples)
    {
        var neighbours = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Where(j => within(i, j)).ToArray()).ToArray();
        var core = neighbours.Select(nb => nb.Length >= minSamples).ToArray();
        return Enumerable.Range(0, n).Select(i => core[i] ? PointKind.Core : neighbours[i].Any(j => core[j]) ? PointKind.Border : PointKind.Noise).ToArray();
    }

    // The mutual reachability distance a learner gets by reading only column 0 of x.
    private static double FirstCoordinateReachability(Matrix x, int a, int b, int minSamples)
    {
        double Core(int p) => Enumerable.Range(0, x.Rows).Select(q => Math.Abs(x[p, 0] - x[q, 0])).Order().ElementAt(minSamples - 1);
        return Math.Max(Math.Max(Core(a), Core(b)), Math.Abs(x[a, 0] - x[b, 0]));
    }

    /// <summary>03.1 Core, border or noise: core when at least minSamples points (itself included) lie within eps;
    /// border when not core but within eps of a core point; noise otherwise.</summary>
    public static ExerciseResult PointKinds(Func<Matrix, double, int, PointKind[]> classify) => Check("03.1", "core, border and noise points", () =>
    {
        // The line first (small enough to follow by hand), then 2-D and 3-D points, where every coordinate counts.
        foreach (var (x, eps, minSamples) in new[] { (Line, 1.0, 3), (Line, 0.6, 2), (Line, 1.0, 4), (Plane, 0.8, 3), (Space, 0.9, 3) })
        {
            var expected = new Dbscan(eps, minSamples).Fit(x).Kinds;
            var within = Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, x.Rows).Count(j => Distance.Squared(x.Row(i), x.Row(j)) <= eps * eps)).ToArray();
            var got = classify(x.Clone(), eps, minSamples);
            if (got is null || got.Length != x.Rows) return $"return one kind per point ({x.Rows}); you returned {got?.Length ?? 0}.";
            for (int i = 0; i < x.Rows; i++)
            {
                if (got[i] == expected[i]) continue;
                string hint = x.Cols > 1 && got.SequenceEqual(KindsBy(x.Rows, (p, q) => Math.Abs(x[p, 0] - x[q, 0]) <= eps, minSamples))
                        ? " Measure the distance over all coordinates (Distance.Euclidean of the two rows), not the first coordinate only."
                    : got.SequenceEqual(KindsBy(x.Rows, (p, q) => Distance.Squared(x.Row(p), x.Row(q)) <= eps, minSamples))
                        ? " Compare the distance with eps, not its square (or compare the square with eps * eps)."
                    : expected[i] == PointKind.Core
                        ? " Count the point itself, and include distances equal to eps."
                        : " A non-core point is border only if one of the points within eps of it is a core point.";
                return $"{On(x)}with eps = {F(eps)}, minSamples = {minSamples}: point {i} {PointAt(x, i)} has {within[i]} points within eps, itself included, " +
                    $"so it is {expected[i]}; you said {got[i]}." + hint;
            }
        }
        return null;
    });

    /// <summary>03.2 The elbow of a sorted k-distance curve: the point farthest below the chord from first to last,
    /// with both axes scaled to [0, 1]; return its distance.</summary>
    public static ExerciseResult KDistanceElbow(Func<double[], double> elbow) => Check("03.2", "the elbow of the k-distance curve", () =>
    {
        foreach (var (name, data) in new[] { ("blobs with noise", SyntheticData.WithUniformNoise(SyntheticData.Blobs(400, 3, 2, 0.6, seed: 1), 40, seed: 1).X), ("moons", SyntheticData.Moons(300, 0.05, seed: 2).X) })
        {
            var curve = KDistanceCurve.Compute(data, 5);
            double expected = curve.Elbow().Eps, got = elbow((double[])curve.Distances.Clone());
            if (Math.Abs(got - expected) <= 1e-12) continue;
            var d = curve.Distances;
            // The point farthest above the chord (the first, on a tie): what a gap of the wrong sign picks.
            int above = Enumerable.Range(0, d.Length).MinBy(i => i / (double)(d.Length - 1) - (d[i] - d[0]) / (d[^1] - d[0]));
            return $"on the {name} curve ({curve.Distances.Length} sorted distances from {F(curve.Distances[0])} to {F(curve.Distances[^1])}) the elbow is at {F(expected)}; you returned {F(got)}."
                + (double.IsNaN(got) || got > curve.Distances[^1] || got < curve.Distances[0] ? " Return one of the curve's own values."
                    : Math.Abs(got - d[above]) <= 1e-12 ? " The elbow is farthest below the chord (where i/(n-1) exceeds the scaled distance most), not above it."
                    : " Scale both axes to [0, 1] before measuring the gap below the chord.");
        }
        return null;
    });

    /// <summary>03.3 The mutual reachability distance max(core(a), core(b), d(a, b)), where core(p) is the distance
    /// from p to its minSamples-th nearest point, p itself counted as the first.</summary>
    public static ExerciseResult MutualReachability(Func<Matrix, int, int, int, double> distance) => Check("03.3", "the mutual reachability distance", () =>
    {
        // The line first (small enough to follow by hand), then 2-D and 3-D points, where every coordinate counts.
        var linePairs = new[] { (0, 1), (4, 5), (8, 9), (2, 3), (6, 6 + 1) };
        var cases = new (Matrix X, int MinSamples, (int, int)[] Pairs)[]
        {
            (Line, 2, linePairs), (Line, 3, linePairs), (Line, 5, linePairs),
            (Plane, 3, new[] { (5, 6), (0, 4), (9, 1) }),
            (Space, 4, new[] { (4, 5), (7, 0), (8, 9) }),
        };
        foreach (var (x, minSamples, pairs) in cases)
        {
            var model = new Hdbscan(new HdbscanOptions { MinClusterSize = 2, MinSamples = minSamples }).Fit(x);
            var core = model.CoreDistances;
            foreach (var (a, b) in pairs)
            {
                double d = Distance.Euclidean(x.Row(a), x.Row(b)), expected = Math.Max(Math.Max(core[a], core[b]), d), got = distance(x.Clone(), a, b, minSamples);
                if (Math.Abs(got - expected) <= 1e-12) continue;
                string hint = x.Cols > 1 && Math.Abs(got - FirstCoordinateReachability(x, a, b, minSamples)) <= 1e-12 ? " Measure distances over all coordinates (Distance.Euclidean of the two rows), not the first coordinate only."
                    : Math.Abs(got - d) <= 1e-12 ? " That is the plain distance: take the max with both core distances."
                    : Math.Abs(got - Math.Max(core[a], d)) <= 1e-12 || Math.Abs(got - Math.Max(core[b], d)) <= 1e-12 ? " Use both points' core distances."
                    : Math.Abs(got - Math.Max(core[a], core[b])) <= 1e-12 ? " Take the max with the distance between the two points as well."
                    : Math.Abs(got - expected * expected) <= 1e-12 ? " That is the square of the distance: take the square root."
                    : " The core distance counts the point itself as its first neighbour (minSamples = 2: the nearest other point).";
                return $"{On(x)}minSamples = {minSamples}, points {a} and {b}: core distances {F(core[a])} and {F(core[b])}, distance {F(d)}, so {F(expected)}; you returned {F(got)}.{hint}";
            }
        }
        return null;
    });

    /// <summary>03.4 Precision and recall of flagged points against planted anomalies.</summary>
    public static ExerciseResult PrecisionAndRecall(Func<bool[], bool[], (double Precision, double Recall)> score) => Check("03.4", "precision and recall of an anomaly detector", () =>
    {
        bool[] truth = [true, true, true, false, false, false, false, false, false, false];
        // The last case flags nothing: precision is 1 by convention there, not 0 / 0.
        foreach (var flagged in new bool[][] { [true, false, false, true, false, false, false, false, false, false], [true, true, true, true, true, true, false, false, false, false], [false, false, false, false, false, false, false, false, false, true], new bool[10] })
        {
            var (p, r) = PrecisionRecall.At(truth, flagged);
            int tp = truth.Zip(flagged).Count(t => t.First && t.Second), nf = flagged.Count(f => f), planted = truth.Count(t => t);
            var got = score((bool[])truth.Clone(), (bool[])flagged.Clone());
            if (Math.Abs(got.Precision - p) <= 1e-12 && Math.Abs(got.Recall - r) <= 1e-12) continue;
            return $"{nf} flagged, {tp} of them planted, {planted} planted in all: precision {F(p)}, recall {F(r)}; you returned ({F(got.Precision)}, {F(got.Recall)})."
                + (Math.Abs(got.Precision - r) <= 1e-12 && Math.Abs(got.Recall - p) <= 1e-12 ? " The two are swapped."
                    : nf == 0 && !(Math.Abs(got.Precision - p) <= 1e-12) ? " When nothing is flagged, precision is 1 by convention (no false alarm was raised)."
                    : got.Precision == Math.Truncate(p) && got.Recall == Math.Truncate(r) ? " Divide as doubles: an int divided by an int drops the fraction."
                    : "");
        }
        return null;
    });

    /// <summary>03.5 The labelling saving read from two accuracy curves: labels the baseline needs to reach the target
    /// accuracy, divided by labels the cluster strategy needs, each by linear interpolation between budgets.</summary>
    public static ExerciseResult LabelSaving(Func<double[], double[], double[], double, double> saving) => Check("03.5", "the labelling saving from two curves", () =>
    {
        double[] budgets = [10, 20, 50, 100, 200, 500];
        double[] random = [0.42, 0.55, 0.71, 0.80, 0.86, 0.91];
        double[] cluster = [0.68, 0.78, 0.84, 0.87, 0.89, 0.92];
        foreach (double target in new[] { 0.80, 0.86, 0.70 })
        {
            double r = Labeling.LabelingResults.LabelsNeeded(budgets, random, target)!.Value, c = Labeling.LabelingResults.LabelsNeeded(budgets, cluster, target)!.Value;
            double expected = r / c, got = saving((double[])budgets.Clone(), (double[])random.Clone(), (double[])cluster.Clone(), target);
            if (Math.Abs(got - expected) <= 1e-9) continue;
            return $"at accuracy {F(target)} random sampling needs {F(r)} labels and the cluster strategy {F(c)}, a saving of {F(expected)}x; you returned {F(got)}."
                + (Math.Abs(got - c / r) <= 1e-9 ? " Divide the baseline's labels by the strategy's, not the other way round."
                    : Math.Abs(got - (r - c)) <= 1e-9 ? " The saving is a ratio: divide the baseline's labels by the strategy's, do not subtract."
                    : " Interpolate linearly between the two budgets around the target.");
        }
        return null;
    });
}
