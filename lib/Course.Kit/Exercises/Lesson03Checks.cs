using Course.Clustering;
using Course.Data;
using Course.Metrics;
using static Course.Exercises.Exercise;

namespace Course.Exercises;

/// <summary>Checks for lesson 03 (density clustering).</summary>
public static class Lesson03Checks
{
    // Two groups and a straggler on a line: small enough to check by hand, with core, border and noise points.
    // Shared by every check, so learner code only ever sees clones of it.
    private static readonly Matrix Line = Matrix.FromRows([[0], [0.5], [1.0], [1.4], [2.3], [5.0], [5.2], [5.5], [6.4], [9.0]]);

    /// <summary>03.1 Core, border or noise: core when at least minSamples points (itself included) lie within eps;
    /// border when not core but within eps of a core point; noise otherwise.</summary>
    public static ExerciseResult PointKinds(Func<Matrix, double, int, PointKind[]> classify) => Check("03.1", "core, border and noise points", () =>
    {
        foreach (var (eps, minSamples) in new[] { (1.0, 3), (0.6, 2), (1.0, 4) })
        {
            var expected = new Dbscan(eps, minSamples).Fit(Line).Kinds;
            var within = Enumerable.Range(0, Line.Rows).Select(i => Enumerable.Range(0, Line.Rows).Count(j => Math.Abs(Line[i, 0] - Line[j, 0]) <= eps)).ToArray();
            var got = classify(Line.Clone(), eps, minSamples);
            if (got is null || got.Length != Line.Rows) return $"return one kind per point ({Line.Rows}); you returned {got?.Length ?? 0}.";
            for (int i = 0; i < Line.Rows; i++)
            {
                if (got[i] == expected[i]) continue;
                return $"with eps = {F(eps)}, minSamples = {minSamples}: point {i} (x = {F(Line[i, 0])}) has {within[i]} points within eps, itself included, " +
                    $"so it is {expected[i]}; you said {got[i]}." + (expected[i] == PointKind.Core
                        ? " Count the point itself, and include distances equal to eps."
                        : " A non-core point is border only if one of the points within eps of it is a core point.");
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
            return $"on the {name} curve ({curve.Distances.Length} sorted distances from {F(curve.Distances[0])} to {F(curve.Distances[^1])}) the elbow is at {F(expected)}; you returned {F(got)}."
                + (got > curve.Distances[^1] || got < curve.Distances[0] ? " Return one of the curve's own values." : " Scale both axes to [0, 1] before measuring the gap below the chord.");
        }
        return null;
    });

    /// <summary>03.3 The mutual reachability distance max(core(a), core(b), d(a, b)), where core(p) is the distance
    /// from p to its minSamples-th nearest point, p itself counted as the first.</summary>
    public static ExerciseResult MutualReachability(Func<Matrix, int, int, int, double> distance) => Check("03.3", "the mutual reachability distance", () =>
    {
        foreach (int minSamples in new[] { 2, 3, 5 })
        {
            var model = new Hdbscan(new HdbscanOptions { MinClusterSize = 2, MinSamples = minSamples }).Fit(Line);
            var core = model.CoreDistances;
            foreach (var (a, b) in new[] { (0, 1), (4, 5), (8, 9), (2, 3), (6, 6 + 1) })
            {
                double d = Math.Abs(Line[a, 0] - Line[b, 0]), expected = Math.Max(Math.Max(core[a], core[b]), d), got = distance(Line.Clone(), a, b, minSamples);
                if (Math.Abs(got - expected) <= 1e-12) continue;
                string hint = Math.Abs(got - d) <= 1e-12 ? " That is the plain distance: take the max with both core distances."
                    : Math.Abs(got - Math.Max(core[a], d)) <= 1e-12 || Math.Abs(got - Math.Max(core[b], d)) <= 1e-12 ? " Use both points' core distances."
                    : " The core distance counts the point itself as its first neighbour (minSamples = 2: the nearest other point).";
                return $"minSamples = {minSamples}, points {a} and {b}: core distances {F(core[a])} and {F(core[b])}, distance {F(d)}, so {F(expected)}; you returned {F(got)}.{hint}";
            }
        }
        return null;
    });

    /// <summary>03.4 Precision and recall of flagged points against planted anomalies.</summary>
    public static ExerciseResult PrecisionAndRecall(Func<bool[], bool[], (double Precision, double Recall)> score) => Check("03.4", "precision and recall of an anomaly detector", () =>
    {
        bool[] truth = [true, true, true, false, false, false, false, false, false, false];
        foreach (var flagged in new bool[][] { [true, false, false, true, false, false, false, false, false, false], [true, true, true, true, true, true, false, false, false, false], [false, false, false, false, false, false, false, false, false, true] })
        {
            var (p, r) = PrecisionRecall.At(truth, flagged);
            int tp = truth.Zip(flagged).Count(t => t.First && t.Second), nf = flagged.Count(f => f), planted = truth.Count(t => t);
            var got = score((bool[])truth.Clone(), (bool[])flagged.Clone());
            if (Math.Abs(got.Precision - p) <= 1e-12 && Math.Abs(got.Recall - r) <= 1e-12) continue;
            return $"{nf} flagged, {tp} of them planted, {planted} planted in all: precision {F(p)}, recall {F(r)}; you returned ({F(got.Precision)}, {F(got.Recall)})."
                + (Math.Abs(got.Precision - r) <= 1e-12 && Math.Abs(got.Recall - p) <= 1e-12 ? " The two are swapped." : "");
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
                + (Math.Abs(got - c / r) <= 1e-9 ? " Divide the baseline's labels by the strategy's, not the other way round." : " Interpolate linearly between the two budgets around the target.");
        }
        return null;
    });
}
