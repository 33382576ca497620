using Course.Clustering;
using Course.Exercises;
using Course.Compute;
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
            Attempt.Wrong("the library's DBSCAN", "calls the kit's Dbscan", () => Lesson03Checks.PointKinds((x, eps, minSamples) => new Dbscan(eps, minSamples).Fit(x).Kinds)),
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
            Attempt.Right("breadth-first queue over precomputed neighbourhoods", () => Lesson03Checks.ClusterExpansion(L03Dbscan)),
            Attempt.Right("Wikipedia's pseudo-code: undefined, noise taken back as border", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) => L03DbscanWikipedia(x, eps, minSamples))),
            Attempt.Right("connected components of core points, borders to the lowest cluster", () => Lesson03Checks.ClusterExpansion(L03DbscanComponents)),
            Attempt.Wrong("the library's DBSCAN", "calls the kit's Dbscan", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) => new Dbscan(eps, minSamples).Fit(x).Labels)),
            Attempt.Wrong("the seed's own neighbours only, no expansion", "Grow each cluster through every core point it reaches", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
            {
                var neighbours = L03Neighbourhoods(x, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps);
                var labels = Enumerable.Repeat(-1, x.Rows).ToArray();
                int cluster = 0;
                for (int seed = 0; seed < x.Rows; seed++)
                {
                    if (labels[seed] != -1 || neighbours[seed].Length < minSamples) continue;
                    labels[seed] = cluster;
                    foreach (int q in neighbours[seed]) if (labels[q] == -1) labels[q] = cluster;
                    cluster++;
                }
                return labels;
            })),
            Attempt.Wrong("border points spread the cluster too", "Only core points extend a cluster", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Grow(x, minSamples, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps, throughBorder: true))),
            Attempt.Wrong("border points left as noise", "Border points belong to a cluster too", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Grow(x, minSamples, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps, labelBorder: false))),
            // The textbook pseudo-code without its "if label(Q) = Noise then label(Q) = C" line.
            Attempt.Wrong("noise marked while scanning is never taken back", "must still join the cluster when one of its core points reaches it", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03DbscanWikipedia(x, eps, minSamples, takeBackNoise: false))),
            Attempt.Wrong("a cluster started at every unlabelled point, core or not", "Start a new cluster only at a core point", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Grow(x, minSamples, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps, anySeed: true))),
            Attempt.Wrong("every cluster relabels the border points it reaches (the last one wins)", "keeps the first cluster that reached it", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
            {
                var neighbours = L03Neighbourhoods(x, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps);
                var labels = Enumerable.Repeat(-1, x.Rows).ToArray();
                var visited = new bool[x.Rows];
                int cluster = 0;
                for (int seed = 0; seed < x.Rows; seed++)
                {
                    if (visited[seed] || neighbours[seed].Length < minSamples) continue;
                    visited[seed] = true;
                    labels[seed] = cluster;
                    var queue = new Queue<int>();
                    queue.Enqueue(seed);
                    while (queue.TryDequeue(out int p))
                        foreach (int q in neighbours[p])
                        {
                            labels[q] = cluster;
                            if (!visited[q] && neighbours[q].Length >= minSamples) { visited[q] = true; queue.Enqueue(q); }
                        }
                    cluster++;
                }
                return labels;
            })),
            Attempt.Wrong("the point does not count itself", "Count the point itself", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Grow(x, minSamples, (i, j) => i != j && Distance.Euclidean(x.Row(i), x.Row(j)) <= eps))),
            Attempt.Wrong("strictly within eps (< instead of <=)", "(<=, not <)", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Grow(x, minSamples, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) < eps))),
            Attempt.Wrong("squared distance compared with eps", "Compare the distance with eps, not its square", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Grow(x, minSamples, (i, j) => Distance.Squared(x.Row(i), x.Row(j)) <= eps))),
            Attempt.Wrong("clusters numbered from 1", "Number the clusters from 0", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Dbscan(x, eps, minSamples).Select(l => l < 0 ? l : l + 1).ToArray())),
            Attempt.Wrong("clusters renumbered largest first", "right but numbered differently", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
            {
                var labels = L03Dbscan(x, eps, minSamples);
                var bySize = labels.Where(l => l >= 0).GroupBy(l => l).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
                return labels.Select(l => l < 0 ? l : bySize.IndexOf(l)).ToArray();
            })),
            // Passes the 2-D points; the 3-D ones have a point close to a cluster in the first two coordinates only.
            Attempt.Wrong("hard-coded x and y (2-D only)", "not the first two only", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) =>
                L03Grow(x, minSamples, (i, j) => Math.Sqrt(Math.Pow(x[i, 0] - x[j, 0], 2) + Math.Pow(x[i, 1] - x[j, 1], 2)) <= eps))),
            Attempt.Wrong("null", "return one label per point (20); you returned 0.", () => Lesson03Checks.ClusterExpansion((x, eps, minSamples) => null!)),
            Attempt.Stub(() => Lesson03Checks.ClusterExpansion((x, eps, minSamples) => throw new NotImplementedException())),
        ],
        ["03.3"] =
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
            // The exercise asks for the algorithm: calling the kit's implementation of it fails, whatever it returns.
            Attempt.Wrong("the kit's elbow, of a curve rebuilt from the distances", "calls the kit's KDistanceCurve.Elbow", () => Lesson03Checks.KDistanceElbow(d => KDistanceCurve.Compute(new Matrix(d.Length, 1, (double[])d.Clone()), 2).Elbow().Eps)),
            Attempt.Stub(() => Lesson03Checks.KDistanceElbow(d => throw new NotImplementedException())),
        ],
        ["03.4"] =
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
        // The check's cases: five hand-made trees (a parent that wins, leaves that win, a total passed up from below,
        // grandchildren under a kept cluster, a tie), then the condensed tree of HDBSCAN on 200 blob points.
        ["03.5"] =
        [
            Attempt.Right("loops from the last cluster down, the winning total passed up", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                L03Eom(parent, stability, L03EomSlip.None))),
            Attempt.Right("recursion from the root: keep a cluster when it beats the best its subtree can do", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
            {
                var children = Enumerable.Range(0, parent.Length).ToLookup(c => parent[c]);
                double Best(int c) => children[c].Any() ? Math.Max(stability[c], children[c].Sum(Best)) : stability[c];
                IEnumerable<int> Pick(int c) => !children[c].Any() || stability[c] >= children[c].Sum(Best) ? [c] : children[c].SelectMany(Pick);
                return children[0].SelectMany(Pick).ToArray();
            })),
            Attempt.Right("a dictionary of subtree totals and a HashSet of the selected, descendants removed by walking up their parents", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
            {
                var total = new Dictionary<int, double>();
                var chosen = new HashSet<int>();
                for (int c = parent.Length - 1; c > 0; c--)
                {
                    double below = Enumerable.Range(0, parent.Length).Where(k => parent[k] == c).Sum(k => total[k]);
                    bool leaf = !parent.Contains(c);
                    if (leaf || stability[c] >= below)
                    {
                        chosen.RemoveWhere(k => { for (int a = parent[k]; a >= 0; a = parent[a]) if (a == c) return true; return false; });
                        chosen.Add(c);
                        total[c] = stability[c];
                    }
                    else total[c] = below;
                }
                return chosen.ToArray();
            })),
            Attempt.Wrong("the children's own stabilities, nothing passed up", "passes their total up", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                L03Eom(parent, stability, L03EomSlip.NoPassingUp))),
            Attempt.Wrong("the root may be selected", "Leave the root out", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                L03Eom(parent, stability, L03EomSlip.RootSelectable))),
            Attempt.Wrong("a kept cluster drops only its children", "grandchildren included", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                L03Eom(parent, stability, L03EomSlip.DirectChildrenOnly))),
            Attempt.Wrong("ties go to the children", "a tie goes to the parent", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                L03Eom(parent, stability, L03EomSlip.TiesToChildren))),
            Attempt.Wrong("compared with the largest child instead of the sum", "not the largest one", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                L03Eom(parent, stability, L03EomSlip.LargestChild))),
            Attempt.Wrong("the leaves of the tree (leaf selection)", "cluster 4 should not be selected: it lies under cluster 1, which is kept", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                Enumerable.Range(1, parent.Length - 1).Where(c => !parent.Contains(c)).ToArray())),
            Attempt.Wrong("every cluster but the root", "cluster 4 should not be selected", () => Lesson03Checks.ExcessOfMass((parent, stability) =>
                Enumerable.Range(1, parent.Length - 1).ToArray())),
            Attempt.Wrong("returns null", "your function returned null", () => Lesson03Checks.ExcessOfMass((parent, stability) => null!)),
            Attempt.Stub(() => Lesson03Checks.ExcessOfMass((parent, stability) => throw new NotImplementedException())),
        ],
        ["03.6"] =
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
        // The check's case: twelve 3-D points (a tight group, a loose one, a point just off the tight group, one far from
        // both), with k = 3 and k = 5.
        ["03.7"] =
        [
            Attempt.Right("the definitions in loops over a distance table", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => L03Lof(x, k, useIndex: false))),
            Attempt.Right("neighbours from the kit's NeighborIndex, then the definitions", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => L03Lof(x, k, useIndex: true))),
            Attempt.Right("LINQ: k-distances, then densities, then ratios", () => Lesson03Checks.LocalOutlierFactorScores((x, k) =>
            {
                int n = x.Rows;
                double D(int a, int b) => Distance.Euclidean(x.Row(a), x.Row(b));
                var nk = Enumerable.Range(0, n).Select(p => Enumerable.Range(0, n).Where(o => o != p).OrderBy(o => D(p, o)).Take(k).ToList()).ToList();
                var kd = nk.Select((list, p) => D(p, list.Last())).ToList();
                var lrd = nk.Select((list, p) => list.Count / list.Sum(o => Math.Max(kd[o], D(p, o)))).ToList();
                return nk.Select((list, p) => list.Sum(o => lrd[o]) / list.Count / lrd[p]).ToArray();
            })),
            Attempt.Wrong("reachability with the point's own k-distance", "uses the k-distance of the neighbour o, not of p", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => L03Lof(x, k, slip: "own"))),
            Attempt.Wrong("plain distance instead of reachability", "not the plain distance", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => L03Lof(x, k, slip: "plain"))),
            Attempt.Wrong("the point counted among its own neighbours", "Leave the point itself out", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => L03Lof(x, k, slip: "self"))),
            Attempt.Wrong("the ratio upside down", "divided by the point's own", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => L03Lof(x, k, slip: "inverted"))),
            Attempt.Wrong("squared distances", "not squared distances", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => L03Lof(x, k, slip: "squared"))),
            Attempt.Wrong("returns null", "you returned 0", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => null!)),
            Attempt.Wrong("the kit's LOF", "calls the kit's LocalOutlierFactor", () => Lesson03Checks.LocalOutlierFactorScores((x, k) => new Course.Neighbors.LocalOutlierFactor(k).Fit(x).Scores)),
            Attempt.Stub(() => Lesson03Checks.LocalOutlierFactorScores((x, k) => throw new NotImplementedException())),
        ],
        ["03.8"] =
        [
            Attempt.Right("loop interpolating between the budgets around the crossing", () => Lesson03Checks.LabelSaving(L03Saving)),
            Attempt.Right("the library's LabelsNeeded", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
                (LabelingResults.LabelsNeeded(budgets, random, target) ?? double.NaN) / (LabelingResults.LabelsNeeded(budgets, cluster, target) ?? double.NaN))),
            Attempt.Right("Array.FindIndex, then the fraction of the step", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
            {
                double Needed(double[] accuracy)
                {
                    int i = Array.FindIndex(accuracy, a => a >= target);
                    if (i < 0) return double.NaN;
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
            // The 03.8 holes a review found: a target reached at the first budget, and one never reached.
            Attempt.Wrong("an implicit start at 0 labels and accuracy 0", "it needs that budget, since nothing below it was measured", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
                L03Needed([0, .. budgets], [0, .. random], target) / L03Needed([0, .. budgets], [0, .. cluster], target))),
            Attempt.Wrong("a curve that never gets there counted as needing the last budget", "so the saving is not measured: return double.NaN", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
            {
                double Needed(double[] accuracy) => double.IsNaN(L03Needed(budgets, accuracy, target)) ? budgets[^1] : L03Needed(budgets, accuracy, target);
                return Needed(random) / Needed(cluster);
            })),
            Attempt.Wrong("the step before the crossing read at index i - 1 even for the first budget", "threw IndexOutOfRangeException", () => Lesson03Checks.LabelSaving((budgets, random, cluster, target) =>
            {
                double Needed(double[] accuracy)
                {
                    int i = Array.FindIndex(accuracy, a => a >= target);
                    if (i < 0) return double.NaN;
                    return budgets[i - 1] + (target - accuracy[i - 1]) / (accuracy[i] - accuracy[i - 1]) * (budgets[i] - budgets[i - 1]);
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

    // Each point's eps-neighbourhood (itself included) for a given "j is within eps of i".
    private static int[][] L03Neighbourhoods(Matrix x, Func<int, int, bool> within)
        => Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, x.Rows).Where(j => within(i, j)).ToArray()).ToArray();

    // 03.2 as the solution writes it: neighbourhoods first, then a queue from each core point not yet in a cluster.
    private static int[] L03Dbscan(Matrix x, double eps, int minSamples)
    {
        var neighbours = L03Neighbourhoods(x, (i, j) => Distance.Euclidean(x.Row(i), x.Row(j)) <= eps);
        var labels = Enumerable.Repeat(-1, x.Rows).ToArray();
        int cluster = 0;
        for (int seed = 0; seed < x.Rows; seed++)
        {
            if (labels[seed] != -1 || neighbours[seed].Length < minSamples) continue;
            labels[seed] = cluster;
            var queue = new Queue<int>();
            queue.Enqueue(seed);
            while (queue.Count > 0)
            {
                int p = queue.Dequeue();
                if (neighbours[p].Length < minSamples) continue;
                foreach (int q in neighbours[p])
                    if (labels[q] == -1) { labels[q] = cluster; queue.Enqueue(q); }
            }
            cluster++;
        }
        return labels;
    }

    // 03.2 as Wikipedia's pseudo-code has it: a range query per visit, points marked noise when scanned and taken back
    // as border points when a cluster reaches them (takeBackNoise: false drops that step, a common slip).
    private static int[] L03DbscanWikipedia(Matrix x, double eps, int minSamples, bool takeBackNoise = true)
    {
        const int Undefined = -2, Noise = -1;
        int n = x.Rows;
        List<int> RangeQuery(int p)
        {
            var found = new List<int>();
            for (int q = 0; q < n; q++)
            {
                double sum = 0;
                for (int c = 0; c < x.Cols; c++) sum += (x[p, c] - x[q, c]) * (x[p, c] - x[q, c]);
                if (Math.Sqrt(sum) <= eps) found.Add(q);
            }
            return found;
        }
        var labels = Enumerable.Repeat(Undefined, n).ToArray();
        int cluster = -1;
        for (int p = 0; p < n; p++)
        {
            if (labels[p] != Undefined) continue;
            var neighbours = RangeQuery(p);
            if (neighbours.Count < minSamples) { labels[p] = Noise; continue; }
            labels[p] = ++cluster;
            var seeds = new Queue<int>(neighbours);
            while (seeds.Count > 0)
            {
                int q = seeds.Dequeue();
                if (takeBackNoise && labels[q] == Noise) labels[q] = cluster;
                if (labels[q] != Undefined) continue;
                labels[q] = cluster;
                var next = RangeQuery(q);
                if (next.Count >= minSamples) foreach (int r in next) seeds.Enqueue(r);
            }
        }
        return labels;
    }

    // 03.2 without a flood fill: union-find over core points within eps of each other (each root the lowest index of
    // its component, so numbering the roots in order numbers the clusters as a scan finds them), then each border
    // point to the lowest-numbered cluster among its core neighbours.
    private static int[] L03DbscanComponents(Matrix x, double eps, int minSamples)
    {
        int n = x.Rows;
        bool Near(int i, int j) => Distance.Squared(x.Row(i), x.Row(j)) <= eps * eps;
        var core = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Count(j => Near(i, j)) >= minSamples).ToArray();
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int i) => parent[i] == i ? i : (parent[i] = Find(parent[i]));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (core[i] && core[j] && Near(i, j))
                {
                    int a = Find(i), b = Find(j);
                    if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
                }
        var number = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
            if (core[i] && Find(i) == i) number[i] = number.Count;
        return Enumerable.Range(0, n).Select(i => core[i] ? number[Find(i)]
            : Enumerable.Range(0, n).Where(j => core[j] && Near(i, j)).Select(j => number[Find(j)]).DefaultIfEmpty(-1).Min()).ToArray();
    }

    // 03.2's queue with the slips as switches: border points spreading the cluster, border points never labelled,
    // clusters started at any point.
    private static int[] L03Grow(Matrix x, int minSamples, Func<int, int, bool> within, bool throughBorder = false, bool labelBorder = true, bool anySeed = false)
    {
        var neighbours = L03Neighbourhoods(x, within);
        bool IsCore(int i) => neighbours[i].Length >= minSamples;
        var labels = Enumerable.Repeat(-1, x.Rows).ToArray();
        int cluster = 0;
        for (int seed = 0; seed < x.Rows; seed++)
        {
            if (labels[seed] != -1 || !(IsCore(seed) || anySeed)) continue;
            labels[seed] = cluster;
            var queue = new Queue<int>();
            queue.Enqueue(seed);
            while (queue.TryDequeue(out int p))
            {
                if (!IsCore(p) && !throughBorder) continue;
                foreach (int q in neighbours[p])
                    if (labels[q] == -1 && (labelBorder || IsCore(q))) { labels[q] = cluster; queue.Enqueue(q); }
            }
            cluster++;
        }
        return labels;
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

    // LOF by its definitions, neighbours found by brute force or by the kit's index, with the slips the catalogue names.
    private static double[] L03Lof(Matrix x, int k, bool useIndex = false, string slip = "")
    {
        int n = x.Rows;
        double D(int a, int b) => slip == "squared" ? Distance.Squared(x.Row(a), x.Row(b)) : Distance.Euclidean(x.Row(a), x.Row(b));
        int[][] nk = useIndex ? Course.Neighbors.NeighborIndex.Build(x).KNeighbors(k).ToArrays()
            : [.. Enumerable.Range(0, n).Select(p => Enumerable.Range(0, n).Where(o => slip == "self" || o != p).OrderBy(o => D(p, o)).Take(k).ToArray())];
        var kd = new double[n];
        for (int p = 0; p < n; p++) kd[p] = D(p, nk[p][^1]);
        var lrd = new double[n];
        for (int p = 0; p < n; p++)
        {
            double sum = 0;
            foreach (int o in nk[p]) sum += slip switch { "plain" => D(p, o), "own" => Math.Max(kd[p], D(p, o)), _ => Math.Max(kd[o], D(p, o)) };
            lrd[p] = nk[p].Length / sum;
        }
        var lof = new double[n];
        for (int p = 0; p < n; p++)
        {
            double mean = nk[p].Average(o => lrd[o]);
            lof[p] = slip == "inverted" ? lrd[p] / mean : mean / lrd[p];
        }
        return lof;
    }

    private enum L03EomSlip { None, NoPassingUp, RootSelectable, DirectChildrenOnly, TiesToChildren, LargestChild }

    // Excess of mass written with loops, with one slip or none.
    private static int[] L03Eom(int[] parent, double[] stability, L03EomSlip slip)
    {
        int count = parent.Length;
        var up = (double[])stability.Clone();
        var selected = new bool[count];
        for (int c = count - 1; c >= (slip == L03EomSlip.RootSelectable ? 0 : 1); c--)
        {
            var values = new List<double>();
            for (int k = c + 1; k < count; k++) if (parent[k] == c) values.Add(slip == L03EomSlip.NoPassingUp ? stability[k] : up[k]);
            if (values.Count == 0) { selected[c] = true; continue; }
            double total = slip == L03EomSlip.LargestChild ? values.Max() : values.Sum();
            if (slip == L03EomSlip.TiesToChildren ? stability[c] <= total : stability[c] < total) { up[c] = total; continue; }
            selected[c] = true;
            for (int k = c + 1; k < count; k++)
            {
                bool below = false;
                for (int a = parent[k]; a >= 0 && !below; a = slip == L03EomSlip.DirectChildrenOnly ? -1 : parent[a]) below = a == c;
                if (below) selected[k] = false;
            }
        }
        return Enumerable.Range(0, count).Where(c => selected[c]).ToArray();
    }
}
