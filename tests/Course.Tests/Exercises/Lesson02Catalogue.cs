using Course.Clustering;
using Course.Exercises;
using Course.Kernels;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson02 => new Dictionary<string, Attempt[]>
    {
        // A one-liner whose formula the notebook prints just above the exercise: catalogued as it is, not redesigned.
        // The check's cases (d(i,p), d(i,q), np, nq): (2, 4, 1, 1), whose answer is 3, then (2, 4, 3, 1), then (10, 1, 2, 5).
        ["02.1"] =
        [
            Attempt.Right("size-weighted sum over the total size", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => (np * dip + nq * diq) / (np + nq))),
            Attempt.Right("a weight for p and one minus it for q", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) =>
            {
                double wp = (double)np / (np + nq);
                return wp * dip + (1 - wp) * diq;
            })),
            Attempt.Right("from d(i,p), a share of the way to d(i,q)", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => dip + nq * (diq - dip) / (np + nq))),
            Attempt.Wrong("unweighted mean of the two distances", "Weight each distance by its cluster's size.", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => (dip + diq) / 2)),
            Attempt.Wrong("each distance weighted by the other cluster's size", "the average distance is 2.5; you returned 3.5", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => (nq * dip + np * diq) / (np + nq))),
            Attempt.Wrong("weighted sum, never divided", "the average distance is 3; you returned 6", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => np * dip + nq * diq)),
            Attempt.Wrong("missing parentheses: divides by np, then adds nq", "the average distance is 3; you returned 7", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => (np * dip + nq * diq) / np + nq)),
            Attempt.Wrong("the single-linkage update (the minimum)", "the average distance is 3; you returned 2", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => Math.Min(dip, diq))),
            Attempt.Wrong("NaN", "you returned NaN", () => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => double.NaN)),
            Attempt.Stub(() => Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => throw new NotImplementedException())),
        ],
        // The check's tree: average linkage on the six 1-D points 0, 1, 3, 7, 15, 16, cut at every k from 1 to 6 in turn.
        ["02.2"] =
        [
            Attempt.Right("union-find over the first n - k merges", () => Lesson02Checks.CutTree((t, k) => L02CutUnionFind(t, t.N - k))),
            Attempt.Right("member lists of the clusters still standing", () => Lesson02Checks.CutTree((t, k) =>
            {
                var members = new List<int>[2 * t.N - 1];
                for (int i = 0; i < t.N; i++) members[i] = [i];
                var standing = new SortedSet<int>(Enumerable.Range(0, t.N));
                for (int m = 0; m < t.N - k; m++)
                {
                    members[t.N + m] = [.. members[t.Left[m]], .. members[t.Right[m]]];
                    standing.Remove(t.Left[m]);
                    standing.Remove(t.Right[m]);
                    standing.Add(t.N + m);
                }
                var labels = new int[t.N];
                int label = 0;
                foreach (var id in standing)
                {
                    foreach (var p in members[id]) labels[p] = label;
                    label++;
                }
                return labels;
            })),
            Attempt.Right("top down: undo the last k - 1 merges from the root", () => Lesson02Checks.CutTree((t, k) =>
            {
                var parent = new int[2 * t.N - 1];
                for (int m = 0; m < t.N - 1; m++) parent[t.Left[m]] = parent[t.Right[m]] = t.N + m;
                var current = new HashSet<int> { 2 * t.N - 2 };
                for (int m = t.N - 2; m >= t.N - k; m--)
                {
                    current.Remove(t.N + m);
                    current.Add(t.Left[m]);
                    current.Add(t.Right[m]);
                }
                return Enumerable.Range(0, t.N).Select(i =>
                {
                    int v = i;
                    while (!current.Contains(v)) v = parent[v];
                    return v;
                }).ToArray();
            })),
            Attempt.Wrong("off by one: one merge too few", "cutting into k = 1 clusters should give 1 distinct labels; yours has 2", () => Lesson02Checks.CutTree((t, k) => L02CutUnionFind(t, Math.Max(0, t.N - k - 1)))),
            Attempt.Wrong("off by one: one merge too many", "threw IndexOutOfRangeException", () => Lesson02Checks.CutTree((t, k) => L02CutUnionFind(t, t.N - k + 1))),
            Attempt.Wrong("k merges instead of n - k", "should give 1 distinct labels; yours has 5", () => Lesson02Checks.CutTree((t, k) => L02CutUnionFind(t, Math.Min(k, t.N - 1)))),
            Attempt.Wrong("the last n - k merges instead of the first", "cutting into k = 2 clusters should give 2 distinct labels; yours has 3", () => Lesson02Checks.CutTree((t, k) =>
            {
                var parent = Enumerable.Range(0, 2 * t.N - 1).ToArray();
                for (int m = k - 1; m < t.N - 1; m++) parent[t.Left[m]] = parent[t.Right[m]] = t.N + m;
                return Enumerable.Range(0, t.N).Select(i => L02Root(parent, i)).ToArray();
            })),
            Attempt.Wrong("each point labelled by its parent, not followed up to the root", "should give 1 distinct labels; yours has 4", () => Lesson02Checks.CutTree((t, k) =>
            {
                var parent = Enumerable.Range(0, 2 * t.N - 1).ToArray();
                for (int m = 0; m < t.N - k; m++) parent[t.Left[m]] = parent[t.Right[m]] = t.N + m;
                return Enumerable.Range(0, t.N).Select(i => parent[i]).ToArray();
            })),
            Attempt.Wrong("returns null", "you returned 0", () => Lesson02Checks.CutTree((t, k) => null!)),
            Attempt.Stub(() => Lesson02Checks.CutTree((t, k) => throw new NotImplementedException())),
        ],
        // The check's tree: complete linkage on the six 1-D points 0, 1, 3, 7, 15, 16 (merge heights 1, 1, 3, 7, 16); every
        // pair of leaves i < j in turn.
        ["02.3"] =
        [
            Attempt.Right("walk the merges, tracking each leaf's cluster id", () => Lesson02Checks.CopheneticDistance((t, i, j) => L02Walk(t, i, j, L02WalkSlip.None))),
            Attempt.Right("the library's condensed cophenetic distances", () => Lesson02Checks.CopheneticDistance((t, i, j) => t.CopheneticDistances()[PairwiseDistances.Index(t.N, i, j)])),
            Attempt.Right("lowest common ancestor through parent links", () => Lesson02Checks.CopheneticDistance((t, i, j) =>
            {
                var parent = new int[2 * t.N - 1];
                for (int m = 0; m < t.N - 1; m++) parent[t.Left[m]] = parent[t.Right[m]] = t.N + m;
                var ancestors = new HashSet<int>();
                for (int v = i; ; v = parent[v])
                {
                    ancestors.Add(v);
                    if (v == 2 * t.N - 2) break;
                }
                int w = j;
                while (!ancestors.Contains(w)) w = parent[w];
                return t.Heights[w - t.N];
            })),
            // The learner's function gets only the tree; this is the slip of taking the original distance for the cophenetic one.
            Attempt.Wrong("the original distance between the two points", "first meet in a merge at height", () => Lesson02Checks.CopheneticDistance((t, i, j) =>
                Math.Abs(L02Line[i] - L02Line[j]))),
            Attempt.Wrong("the height of leaf i's first merge", "leaves 0 and 2 first meet in a merge at height 3; you returned 1", () => Lesson02Checks.CopheneticDistance((t, i, j) =>
            {
                for (int m = 0; m < t.N - 1; m++) if (t.Left[m] == i || t.Right[m] == i) return t.Heights[m];
                return double.NaN;
            })),
            Attempt.Wrong("the root's height for every pair", "leaves 0 and 1 first meet in a merge at height 1; you returned 16", () => Lesson02Checks.CopheneticDistance((t, i, j) => t.Heights[^1])),
            Attempt.Wrong("the merge's index instead of its height", "first meet in a merge at height", () => Lesson02Checks.CopheneticDistance((t, i, j) => L02Walk(t, i, j, L02WalkSlip.Index))),
            Attempt.Wrong("j's cluster id never updated", "you returned NaN", () => Lesson02Checks.CopheneticDistance((t, i, j) => L02Walk(t, i, j, L02WalkSlip.OnlyI))),
            Attempt.Wrong("expects i's cluster on the left of the merge", "you returned NaN", () => Lesson02Checks.CopheneticDistance((t, i, j) => L02Walk(t, i, j, L02WalkSlip.LeftRight))),
            Attempt.Stub(() => Lesson02Checks.CopheneticDistance((t, i, j) => throw new NotImplementedException())),
        ],
    };

    // The check's six points, for the attempt that measures them directly.
    private static double[] L02Line => [0, 1, 3, 7, 15, 16];

    private static int L02Root(int[] parent, int v)
    {
        while (parent[v] != v) v = parent[v];
        return v;
    }

    // Labels after the first `merges` merges (no bounds check on purpose: one merge too many runs off the arrays).
    private static int[] L02CutUnionFind(LinkageTree t, int merges)
    {
        var parent = Enumerable.Range(0, 2 * t.N - 1).ToArray();
        for (int m = 0; m < merges; m++) parent[t.Left[m]] = parent[t.Right[m]] = t.N + m;
        return Enumerable.Range(0, t.N).Select(i => L02Root(parent, i)).ToArray();
    }

    private enum L02WalkSlip { None, Index, OnlyI, LeftRight }

    // The notebook's walk over the merges, with one slip or none.
    private static double L02Walk(LinkageTree t, int i, int j, L02WalkSlip slip)
    {
        int a = i, b = j;
        for (int m = 0; m < t.N - 1; m++)
        {
            bool hasA = t.Left[m] == a || t.Right[m] == a, hasB = t.Left[m] == b || t.Right[m] == b;
            bool met = slip == L02WalkSlip.LeftRight ? t.Left[m] == a && t.Right[m] == b : hasA && hasB;
            if (met) return slip == L02WalkSlip.Index ? m : t.Heights[m];
            if (hasA) a = t.N + m;
            if (hasB && slip != L02WalkSlip.OnlyI) b = t.N + m;
        }
        return double.NaN;
    }
}
