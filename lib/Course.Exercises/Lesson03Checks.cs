using Course.Clustering;
using Course.Data;
using Course.Compute;
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

    // Two chained clusters in 2-D for DBSCAN's expansion (eps 1.25, minSamples 4). The right cluster (points 1, 5, 9,
    // 11, 14, 17, 19) is found first, from point 1 at its far end; the left one (0, 2, 4, 6, 7, 10, 12, 15, 16, 18)
    // second, from point 2 at its far end: neither lies within one step of its seed, so a cluster must grow from core
    // point to core point. Point 3 lies between them, within eps of a core point of each but not core itself: a
    // border point, of the first cluster. Points 6 and 7 are exactly eps apart (dyadic coordinates, so the distance is
    // exact) and that step alone joins the two halves of the left cluster. Point 0 is a border point scanned before
    // any core point of its cluster; point 8 is noise within eps of it (of no core point), point 13 noise far away.
    // Apart from 6 and 7, no pair lies within 0.01 of the eps the check uses (1.25, and 1.0 with minSamples = 1).
    private static readonly Matrix Chain2 = Matrix.FromRows([[-1.0, 0.3], [7.4, 2.0], [0.0, 0.0], [4.4, 0.5], [0.2, 0.9], [6.3, 1.3], [1.0, 0.25],
        [1.75, -0.75], [-2.1, 0.0], [5.55, 0.75], [2.55, -0.35], [6.5, 0.3], [3.3, 0.15], [3.6, 3.4], [7.2, 0.95], [0.75, 0.95], [2.45, -1.4],
        [8.1, 1.6], [3.2, -0.9], [6.6, 2.3]]);

    // The same in 3-D (eps 1.5, minSamples 4): a cluster seeded at point 2 and a second one climbing in the last
    // coordinate; point 10 is the border point between them, points 5 and 6 exactly eps apart (the only step between
    // the two halves of the first cluster), point 1 a border point scanned before its cluster's core points, with
    // point 15 noise next to it; point 0 is noise that is close to the first cluster in the first two coordinates only.
    // Apart from 5 and 6, no pair lies within 0.05 of eps.
    private static readonly Matrix Chain3 = Matrix.FromRows([[0.3, 0.1, 6.2], [7.3, 1.2, 7.2], [0.0, 0.0, 0.0], [0.7, 0.9, 0.3], [-0.5, 0.8, 0.9],
        [0.5, 0.25, 1.0], [1.5, 0.75, 2.0], [2.6, 0.3, 1.9], [1.9, 1.6, 2.7], [2.4, 0.9, 3.1], [3.5, 1.3, 3.6], [4.6, 1.0, 4.3], [5.0, 0.3, 5.2],
        [5.4, 1.6, 5.0], [5.9, 0.8, 6.0], [8.4, 1.0, 7.9], [1.1, -1.8, 0.2], [6.5, 1.7, 6.3], [6.2, 2.6, 7.0]]);

    // "on the 2-D points, " before a message about Plane, Space or the chains; nothing for the line (its messages predate them).
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

    // The slips in DBSCAN's expansion that the checks recognise.
    private enum Slip { None, SeedOnly, ThroughBorder, BorderAsNoise, NoiseNotRelabelled, AnySeed }

    // DBSCAN's labels for a given "j is within eps of i" (Slip.None), or what one slip makes of them: the seed's own
    // neighbours only; border points spreading the cluster too; border points left as noise; points marked noise when
    // scanned and never taken back; clusters started at any point, core or not.
    private static int[] LabelsBy(int n, Func<int, int, bool> within, int minSamples, Slip slip = Slip.None)
    {
        var neighbours = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Where(j => within(i, j)).ToArray()).ToArray();
        var core = neighbours.Select(nb => nb.Length >= minSamples).ToArray();
        // With the noise slip, -2 marks a point not yet seen and -1 one seen and called noise, which stays so.
        int free = slip == Slip.NoiseNotRelabelled ? -2 : -1;
        var labels = Enumerable.Repeat(free, n).ToArray();
        int cluster = 0;
        for (int seed = 0; seed < n; seed++)
        {
            if (labels[seed] != free) continue;
            if (!core[seed] && slip != Slip.AnySeed)
            {
                if (slip == Slip.NoiseNotRelabelled) labels[seed] = -1;
                continue;
            }
            labels[seed] = cluster;
            var queue = new Queue<int>();
            queue.Enqueue(seed);
            while (queue.Count > 0)
            {
                int p = queue.Dequeue();
                if ((!core[p] && slip != Slip.ThroughBorder) || (slip == Slip.SeedOnly && p != seed)) continue;
                foreach (int q in neighbours[p])
                {
                    if (labels[q] != free || (slip == Slip.BorderAsNoise && !core[q])) continue;
                    labels[q] = cluster;
                    queue.Enqueue(q);
                }
            }
            cluster++;
        }
        return labels;
    }

    // Whether got is expected with the clusters numbered differently (noise in the same places).
    private static bool SamePartition(int[] expected, int[] got)
    {
        var forward = new Dictionary<int, int>();
        var backward = new Dictionary<int, int>();
        for (int i = 0; i < expected.Length; i++)
        {
            if ((expected[i] == -1) != (got[i] == -1)) return false;
            if (expected[i] == -1) continue;
            if (forward.TryGetValue(expected[i], out int g) ? g != got[i] : backward.ContainsKey(got[i])) return false;
            forward[expected[i]] = got[i];
            backward[got[i]] = expected[i];
        }
        return true;
    }

    // The mutual reachability distance a learner gets by reading only column 0 of x.
    private static double FirstCoordinateReachability(Matrix x, int a, int b, int minSamples)
    {
        double Core(int p) => Enumerable.Range(0, x.Rows).Select(q => Math.Abs(x[p, 0] - x[q, 0])).Order().ElementAt(minSamples - 1);
        return Math.Max(Math.Max(Core(a), Core(b)), Math.Abs(x[a, 0] - x[b, 0]));
    }

    /// <summary>03.1 Core, border or noise: core when at least minSamples points (itself included) lie within eps;
    /// border when not core but within eps of a core point; noise otherwise.</summary>
    public static ExerciseResult PointKinds(Func<Matrix, double, int, PointKind[]> classify)
    {
        // The line first (small enough to follow by hand), then 2-D and 3-D points, where every coordinate counts.
        return CheckCases("03.1", "core, border and noise points", ref classify, new[] { (Line, 1.0, 3), (Line, 0.6, 2), (Line, 1.0, 4), (Plane, 0.8, 3), (Space, 0.9, 3) }, one =>
        {
            var (x, eps, minSamples) = one;
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
            return null;
        }, writeYourself: ["Dbscan"]);
    }

    /// <summary>03.2 DBSCAN's expansion: scanning the points by index, each core point not yet in a cluster starts the
    /// next cluster (0, 1, 2, ...), grown breadth-first through the eps-neighbourhoods of its core points; a border point
    /// joins the first cluster that reaches it; the rest is noise (-1).</summary>
    public static ExerciseResult ClusterExpansion(Func<Matrix, double, int, int[]> dbscan)
    {
        // Two chained clusters in 2-D, then in 3-D; then minSamples = 1 (every point core, so no noise) and a
        // minSamples no point reaches (all noise).
        return CheckCases("03.2", "DBSCAN's expansion from core points", ref dbscan, new[] { (Chain2, 1.25, 4), (Chain3, 1.5, 4), (Chain2, 1.0, 1), (Chain3, 1.5, 6) }, one =>
        {
            var (x, eps, minSamples) = one;
            var model = new Dbscan(eps, minSamples).Fit(x);
            int[] expected = model.Labels;
            var got = dbscan(x.Clone(), eps, minSamples);
            if (got is null || got.Length != x.Rows) return $"{On(x)}return one label per point ({x.Rows}); you returned {got?.Length ?? 0}.";
            if (got.SequenceEqual(expected)) return null;
            int n = x.Rows, i = Enumerable.Range(0, n).First(p => got[p] != expected[p]);
            bool Near(int p, int q) => Distance.Squared(x.Row(p), x.Row(q)) <= eps * eps;
            // A border point labelled by the last cluster that reaches it instead of the first.
            var lastWins = Enumerable.Range(0, n).Select(p => model.IsCore[p] || expected[p] < 0 ? expected[p]
                : Enumerable.Range(0, n).Where(q => model.IsCore[q] && Near(p, q)).Max(q => expected[q])).ToArray();
            var slips = new List<(int[] Labels, string? Hint)>
            {
                (LabelsBy(n, Near, minSamples, Slip.SeedOnly), " Grow each cluster through every core point it reaches, not just the seed's own neighbours: every core point that joins the queue adds its neighbours too."),
                (LabelsBy(n, Near, minSamples, Slip.ThroughBorder), " Only core points extend a cluster: a border point gets the label, but its own neighbours are not added (otherwise clusters and noise chain together through sparse points)."),
                (LabelsBy(n, Near, minSamples, Slip.BorderAsNoise), " Border points belong to a cluster too: give every point within eps of a core point the cluster's label, core or not."),
                (LabelsBy(n, Near, minSamples, Slip.NoiseNotRelabelled), " A point scanned before its cluster was found, and marked noise then, must still join the cluster when one of its core points reaches it."),
                (LabelsBy(n, Near, minSamples, Slip.AnySeed), " Start a new cluster only at a core point: a point that is not core and that no cluster reaches stays noise (-1)."),
                (lastWins, " A border point within eps of two clusters keeps the first cluster that reached it: do not relabel a point that already has a cluster."),
                (LabelsBy(n, (p, q) => p != q && Near(p, q), minSamples), " Count the point itself in its eps-neighbourhood, as in exercise 03.1."),
                (LabelsBy(n, (p, q) => Distance.Squared(x.Row(p), x.Row(q)) < eps * eps, minSamples), " Include the points at distance exactly eps (<=, not <)."),
                (LabelsBy(n, (p, q) => Distance.Squared(x.Row(p), x.Row(q)) <= eps, minSamples), " Compare the distance with eps, not its square (or compare the square with eps * eps)."),
            };
            if (x.Cols > 2)
                slips.Add((LabelsBy(n, (p, q) => Math.Pow(x[p, 0] - x[q, 0], 2) + Math.Pow(x[p, 1] - x[q, 1], 2) <= eps * eps, minSamples),
                    " Measure the distance over all coordinates (Distance.Euclidean of the two rows), not the first two only."));
            string hint = Enumerable.Range(0, n).All(p => expected[p] >= 0 ? got[p] == expected[p] + 1 : got[p] <= 0)
                    ? " Number the clusters from 0 (the first cluster found is 0, the next 1, ...); -1 is for noise only."
                : SamePartition(expected, got)
                    ? " Your clusters are right but numbered differently: scan the points by index, and let each core point not yet in a cluster start the next cluster, 0, 1, 2, ..."
                : slips.FirstOrDefault(s => s.Labels.SequenceEqual(got)).Hint
                    ?? (expected[i] < 0 ? " A point that is not core and not within eps of a core point is noise (-1)." : "");
            string kind = model.Kinds[i] switch { PointKind.Core => "a core point", PointKind.Border => "a border point", _ => "noise" };
            return $"{On(x)}with eps = {F(eps)}, minSamples = {minSamples}, the labels are [{string.Join(", ", expected)}]; you returned [{string.Join(", ", got)}]. " +
                $"Point {i} {PointAt(x, i)} is {kind}, so its label is {expected[i]}, not {got[i]}." + hint;
        }, writeYourself: ["Dbscan"]);
    }

    /// <summary>03.3 The elbow of a sorted k-distance curve: the point farthest below the chord from first to last,
    /// with both axes scaled to [0, 1]; return its distance.</summary>
    public static ExerciseResult KDistanceElbow(Func<double[], double> elbow)
    {
        return CheckCases("03.3", "the elbow of the k-distance curve", ref elbow, new[] { ("blobs with noise", SyntheticData.WithUniformNoise(SyntheticData.Blobs(400, 3, 2, 0.6, seed: 1), 40, seed: 1).X), ("moons", SyntheticData.Moons(300, 0.05, seed: 2).X) }, one =>
        {
            var (name, data) = one;
            var curve = KDistanceCurve.Compute(data, 5);
            double expected = curve.Elbow().Eps, got = elbow((double[])curve.Distances.Clone());
            if (Math.Abs(got - expected) <= 1e-12) return null;
            var d = curve.Distances;
            // The point farthest above the chord (the first, on a tie): what a gap of the wrong sign picks.
            int above = Enumerable.Range(0, d.Length).MinBy(i => i / (double)(d.Length - 1) - (d[i] - d[0]) / (d[^1] - d[0]));
            return $"on the {name} curve ({curve.Distances.Length} sorted distances from {F(curve.Distances[0])} to {F(curve.Distances[^1])}) the elbow is at {F(expected)}; you returned {F(got)}."
                + (double.IsNaN(got) || got > curve.Distances[^1] || got < curve.Distances[0] ? " Return one of the curve's own values."
                    : Math.Abs(got - d[above]) <= 1e-12 ? " The elbow is farthest below the chord (where i/(n-1) exceeds the scaled distance most), not above it."
                    : " Scale both axes to [0, 1] before measuring the gap below the chord.");
        }, writeYourself: ["KDistanceCurve.Elbow"]);
    }

    /// <summary>03.4 The mutual reachability distance max(core(a), core(b), d(a, b)), where core(p) is the distance
    /// from p to its minSamples-th nearest point, p itself counted as the first.</summary>
    public static ExerciseResult MutualReachability(Func<Matrix, int, int, int, double> distance)
    {
        // The line first (small enough to follow by hand), then 2-D and 3-D points, where every coordinate counts.
        var linePairs = new[] { (0, 1), (4, 5), (8, 9), (2, 3), (6, 6 + 1) };
        var cases = new (Matrix X, int MinSamples, (int, int)[] Pairs)[]
        {
            (Line, 2, linePairs), (Line, 3, linePairs), (Line, 5, linePairs),
            (Plane, 3, new[] { (5, 6), (0, 4), (9, 1) }),
            (Space, 4, new[] { (4, 5), (7, 0), (8, 9) }),
        };
        return CheckCases("03.4", "the mutual reachability distance", ref distance, cases, one =>
        {
            var (x, minSamples, pairs) = one;
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
            return null;
        });
    }

    /// <summary>03.5 HDBSCAN's excess-of-mass selection: walking up from the leaves, a cluster is kept when its
    /// stability is at least the total its children pass up, and then none of its descendants is; otherwise it passes
    /// that total up. The root is never kept (scikit-learn's default, allow_single_cluster = False). Campello, Moulavi
    /// and Sander, 2013, §4.</summary>
    public static ExerciseResult ExcessOfMass(Func<int[], double[], int[]> select)
    {
        // Hand-made trees (parent of each cluster, the root first; children after their parents), then the condensed
        // tree of a real HDBSCAN run, where the library's selection is the answer. The first keeps a parent over its
        // leaves; in the second the leaves win; in the third the middle cluster loses only to the total its own children
        // passed up (so comparing with the children's own stabilities keeps it); in the fourth a kept cluster must drop
        // its grandchildren too; in the fifth a parent ties its children exactly (dyadic values) and is kept.
        var cases = new (int[] Parent, double[] Stability, string About)[]
        {
            ([-1, 0, 0, 1, 1], [10, 5, 4, 2, 2.5], "a parent that outweighs its two leaves"),
            ([-1, 0, 0, 1, 1], [10, 3, 4, 2, 2.5], "two leaves that outweigh their parent"),
            ([-1, 0, 0, 1, 1, 3, 3], [30, 6, 1, 1, 2, 2.5, 2.5], "a middle cluster whose children pass up more than they hold"),
            ([-1, 0, 0, 1, 1, 3, 3], [30, 20, 1, 1, 3, 2, 2], "a kept cluster with grandchildren"),
            ([-1, 0, 0, 2, 2], [10, 2, 4, 1.5, 2.5], "a parent whose children tie it"),
            RealTree(),
        };
        return CheckCases("03.5", "excess-of-mass selection", ref select, cases, one =>
        {
            var (parent, stability, about) = one;
            var (expected, passedUp) = EomReference(parent, stability, EomSlip.None);
            var got = select((int[])parent.Clone(), (double[])stability.Clone());
            string intro = $"on {about} (parents [{string.Join(", ", parent)}], stabilities [{List(stability)}])";
            if (got is null) return $"{intro}, your function returned null; return the indices of the selected clusters.";
            if (got.Any(c => c < 0 || c >= parent.Length)) return $"{intro}, {got.First(c => c < 0 || c >= parent.Length)} is not a cluster index (0 to {parent.Length - 1}).";
            if (got.Distinct().Count() != got.Length) return $"{intro}, you returned a cluster more than once.";
            var want = expected.ToHashSet();
            if (want.SetEquals(got)) return null;
            string hint = Enum.GetValues<EomSlip>().Skip(1).Where(slip => EomReference(parent, stability, slip).Selected.ToHashSet().SetEquals(got))
                .Select(EomHint).FirstOrDefault() ?? "";
            // The first cluster, bottom-up, on which the answers differ, and why it is (not) selected.
            int c = Enumerable.Range(0, parent.Length).Reverse().First(c => want.Contains(c) != got.Contains(c));
            var children = Enumerable.Range(0, parent.Length).Where(k => parent[k] == c).ToArray();
            double total = children.Sum(k => passedUp[k]);
            int keptAbove = Ancestors(parent, c).FirstOrDefault(a => want.Contains(a), -1);
            string why = c == 0 ? "the root (cluster 0) is never selected: one cluster for all the data is not an answer here"
                : keptAbove >= 0 ? $"it lies under cluster {keptAbove}, which is kept, and a kept cluster stands for everything below it"
                : children.Length == 0 ? $"it is a leaf, and no cluster above it is kept"
                : want.Contains(c) ? $"its stability {F(stability[c])} is at least the {F(total)} its children pass up, and no cluster above it is kept"
                : $"its children pass up {F(total)}, more than its own stability {F(stability[c])}";
            return $"{intro}, cluster {c} should {(want.Contains(c) ? "" : "not ")}be selected: {why}. You selected [{string.Join(", ", got.Order())}]; " +
                $"the answer is [{string.Join(", ", expected)}].{hint}";
        });
    }

    private enum EomSlip { None, NoPassingUp, RootSelectable, DirectChildrenOnly, TiesToChildren, LargestChild }

    private static string EomHint(EomSlip slip) => slip switch
    {
        EomSlip.NoPassingUp => " A cluster that loses to its children passes their total up, so its parent is compared with that total, not with the loser's own stability.",
        EomSlip.RootSelectable => " Leave the root out: it is never selected.",
        EomSlip.DirectChildrenOnly => " Keeping a cluster drops every cluster below it, grandchildren included, not only its children.",
        EomSlip.TiesToChildren => " A cluster is kept when its stability is at least its children's total: a tie goes to the parent.",
        EomSlip.LargestChild => " Compare with the sum of the children's totals, not the largest one.",
        _ => "",
    };

    // Excess of mass as 03.5 states it (or with a slip): the selected clusters, ascending, and what each cluster passes up.
    private static (int[] Selected, double[] PassedUp) EomReference(int[] parent, double[] stability, EomSlip slip)
    {
        int count = parent.Length;
        var passedUp = (double[])stability.Clone();
        var selected = new bool[count];
        for (int c = count - 1; c >= (slip == EomSlip.RootSelectable ? 0 : 1); c--)
        {
            var children = Enumerable.Range(0, count).Where(k => parent[k] == c).ToArray();
            var values = children.Select(k => slip == EomSlip.NoPassingUp ? stability[k] : passedUp[k]).ToArray();
            double total = children.Length == 0 ? 0 : slip == EomSlip.LargestChild ? values.Max() : values.Sum();
            bool keep = children.Length == 0 || (slip == EomSlip.TiesToChildren ? stability[c] > total : stability[c] >= total);
            if (!keep) { passedUp[c] = total; continue; }
            selected[c] = true;
            foreach (int k in Enumerable.Range(c + 1, count - c - 1))
                if (slip == EomSlip.DirectChildrenOnly ? parent[k] == c : Ancestors(parent, k).Contains(c)) selected[k] = false;
        }
        return (Enumerable.Range(0, count).Where(c => selected[c]).ToArray(), passedUp);
    }

    private static IEnumerable<int> Ancestors(int[] parent, int c)
    {
        for (int a = parent[c]; a >= 0; a = parent[a]) yield return a;
    }

    // HDBSCAN on 200 points of blobs of three spreads: its condensed tree as parent indices and stabilities, with the
    // library's selection (tested against scikit-learn's) required to match the reference before a learner sees it.
    private static (int[] Parent, double[] Stability, string About) RealTree()
    {
        var data = SyntheticData.VariedBlobs(200, seed: 3).X;
        var model = new Hdbscan(new HdbscanOptions { MinClusterSize = 8 }).Fit(data);
        var tree = model.CondensedTree;
        int n = tree.NPoints;
        var parent = tree.ClusterParents().Select(p => p < 0 ? -1 : p - n).ToArray();
        var stability = tree.Stabilities();
        var library = model.SelectedClusters.Select(id => id - n).ToArray();
        if (!EomReference(parent, stability, EomSlip.None).Selected.SequenceEqual(library))
            throw new InvalidOperationException("the check's excess of mass disagrees with the library's on its own tree.");
        return (parent, stability, $"the condensed tree of HDBSCAN on 200 blob points ({parent.Length} clusters)");
    }

    /// <summary>03.6 Precision and recall of flagged points against planted anomalies.</summary>
    public static ExerciseResult PrecisionAndRecall(Func<bool[], bool[], (double Precision, double Recall)> score) => Check("03.6", "precision and recall of an anomaly detector", ref score, () =>
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

    /// <summary>03.8 The labelling saving read from two accuracy curves: labels the baseline needs to reach the target
    /// accuracy, divided by labels the cluster strategy needs, each by linear interpolation between budgets.</summary>
    public static ExerciseResult LabelSaving(Func<double[], double[], double[], double, double> saving) => Check("03.8", "the labelling saving from two curves", ref saving, () =>
    {
        double[] budgets = [10, 20, 50, 100, 200, 500];
        double[] random = [0.42, 0.55, 0.71, 0.80, 0.86, 0.91];
        double[] cluster = [0.68, 0.78, 0.84, 0.87, 0.89, 0.92];
        // 0.65: the cluster strategy is already there at the first budget (it needs those 10 labels, nothing below is
        // known). 0.915: random sampling never gets there, so the saving is not measured (NaN).
        foreach (double target in new[] { 0.80, 0.86, 0.70, 0.65, 0.915 })
        {
            double r = Labeling.LabelingResults.LabelsNeeded(budgets, random, target) ?? double.NaN;
            double c = Labeling.LabelingResults.LabelsNeeded(budgets, cluster, target) ?? double.NaN;
            double expected = r / c, got = saving((double[])budgets.Clone(), (double[])random.Clone(), (double[])cluster.Clone(), target);
            if (double.IsNaN(expected))
            {
                if (double.IsNaN(got)) continue;
                return $"random sampling never reaches accuracy {F(target)} within these budgets (its best is {F(random[^1])}), so the saving is not measured: return double.NaN; you returned {F(got)}.";
            }
            if (Math.Abs(got - expected) <= 1e-9) continue;
            return $"at accuracy {F(target)} random sampling needs {F(r)} labels and the cluster strategy {F(c)}, a saving of {F(expected)}x; you returned {F(got)}."
                + (Math.Abs(got - c / r) <= 1e-9 ? " Divide the baseline's labels by the strategy's, not the other way round."
                    : Math.Abs(got - (r - c)) <= 1e-9 ? " The saving is a ratio: divide the baseline's labels by the strategy's, do not subtract."
                    : cluster[0] >= target ? $" The cluster strategy already reaches {F(target)} at the first budget ({F(budgets[0])} labels): it needs that budget, since nothing below it was measured."
                    : " Interpolate linearly between the two budgets around the target.");
        }
        return null;
    });

    // Twelve points in 3-D: a tight group, a loose one three times wider, a point just off the tight group and one far
    // from both; no two distances tie, so every k-nearest list is unambiguous.
    private static readonly Matrix LofPoints = Matrix.FromRows([
        [0, 0, 0], [0.31, 0.12, -0.05], [-0.08, 0.27, 0.14], [0.22, -0.19, 0.33], [0.05, 0.41, -0.21],
        [4, 1, -1], [4.9, 1.7, -0.4], [3.2, 0.1, -1.8], [4.6, -0.3, 0.2], [3.4, 2.1, -0.6],
        [0.9, 0.8, 0.7], [-3.5, 5.2, 2.6]]);

    /// <summary>03.7 The local outlier factor (Breunig, Kriegel, Ng and Sander, 2000): with N_k(p) the k nearest
    /// other points, reach(p, o) = max(k-distance(o), d(p, o)), lrd(p) = 1 / mean over N_k(p) of reach(p, o), and
    /// LOF(p) = mean over N_k(p) of lrd(o), divided by lrd(p).</summary>
    public static ExerciseResult LocalOutlierFactorScores(Func<Matrix, int, double[]> lof) => Check("03.7", "the local outlier factor", ref lof, () =>
    {
        foreach (int k in new[] { 3, 5 })
        {
            var expected = LofReference(LofPoints, k, LofSlip.None);
            var got = lof(LofPoints.Clone(), k);
            if (got is null || got.Length != LofPoints.Rows) return $"return one score per point ({LofPoints.Rows}); you returned {got?.Length ?? 0}.";
            for (int p = 0; p < LofPoints.Rows; p++)
            {
                if (Math.Abs(got[p] - expected[p]) <= 1e-9 * Math.Max(1, expected[p])) continue;
                string problem = $"with k = {k}, point {p} should score {F(expected[p])}; you returned {F(got[p])}.";
                foreach (var (slip, hint) in new[]
                {
                    (LofSlip.OwnKDistance, " The reachability distance uses the k-distance of the neighbour o, not of p: reach(p, o) = max(k-distance(o), d(p, o))."),
                    (LofSlip.PlainDistance, " Use the reachability distance max(k-distance(o), d(p, o)), not the plain distance: it smooths the density inside a cluster."),
                    (LofSlip.SelfIncluded, " Leave the point itself out of its neighbours: N_k(p) holds the k nearest other points."),
                    (LofSlip.Inverted, " LOF is the neighbours' mean density divided by the point's own: above 1 means sparser than its neighbours."),
                    (LofSlip.Squared, " Use distances, not squared distances."),
                })
                    if (Close(got, LofReference(LofPoints, k, slip), 1e-9)) return problem + hint;
                return problem + " Follow the definitions in order: k-distances, reachability distances, local reachability densities, then the ratio.";
            }
        }
        return null;
    }, writeYourself: ["LocalOutlierFactor"]);

    private enum LofSlip { None, OwnKDistance, PlainDistance, SelfIncluded, Inverted, Squared }

    // The definitions, by brute force, with the slips the feedback names.
    private static double[] LofReference(Matrix x, int k, LofSlip slip)
    {
        int n = x.Rows;
        double D(int a, int b) => slip == LofSlip.Squared ? Compute.Distance.Squared(x.Row(a), x.Row(b)) : Compute.Distance.Euclidean(x.Row(a), x.Row(b));
        var neighbours = Enumerable.Range(0, n).Select(p => Enumerable.Range(0, n)
            .Where(o => slip == LofSlip.SelfIncluded || o != p).OrderBy(o => D(p, o)).Take(k).ToArray()).ToArray();
        var kDistance = Enumerable.Range(0, n).Select(p => D(p, neighbours[p][^1])).ToArray();
        double Reach(int p, int o) => slip switch
        {
            LofSlip.PlainDistance => D(p, o),
            LofSlip.OwnKDistance => Math.Max(kDistance[p], D(p, o)),
            _ => Math.Max(kDistance[o], D(p, o)),
        };
        var lrd = Enumerable.Range(0, n).Select(p => 1 / neighbours[p].Average(o => Reach(p, o))).ToArray();
        return Enumerable.Range(0, n).Select(p => slip == LofSlip.Inverted
            ? lrd[p] / neighbours[p].Average(o => lrd[o])
            : neighbours[p].Average(o => lrd[o]) / lrd[p]).ToArray();
    }
}
