using Course.Clustering;
using Course.Exercises;
using Course.Compute;

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
        // The check's cases in turn: single linkage on the six 1-D points 0, 1, 3, 7, 15, 16 (d(0,1) = d(4,5) = 1 tie; merges
        // (0,1,1,2), (4,5,1,2), (2,6,2,3), (3,8,4,4), (7,9,8,6)), then on eight 3-D points against the library, then one point.
        ["02.2"] =
        [
            Attempt.Right("a distance table over all 2n - 1 cluster ids", () => Lesson02Checks.MergeLoop(d => L02ById(d, L02ByIdSlip.None))),
            Attempt.Right("in place: the union lives on in the lower row, named by an id table", () => Lesson02Checks.MergeLoop(d => L02BySlot(d, L02SlotSlip.None))),
            Attempt.Right("member lists, the closest members searched afresh each step", () => Lesson02Checks.MergeLoop(d =>
            {
                int n = d.Rows;
                var clusters = new SortedDictionary<int, List<int>>();
                for (int i = 0; i < n; i++) clusters[i] = [i];
                var merges = new List<(int Left, int Right, double Height, int Size)>();
                while (clusters.Count > 1)
                {
                    var ids = clusters.Keys.ToArray();
                    (int Left, int Right, double Height, int Size) best = (-1, -1, double.PositiveInfinity, 0);
                    for (int a = 0; a < ids.Length; a++)
                        for (int b = a + 1; b < ids.Length; b++)
                        {
                            var (pa, pb) = (clusters[ids[a]], clusters[ids[b]]);
                            double link = pa.Min(i => pb.Min(j => d[i, j]));
                            if (link < best.Height) best = (ids[a], ids[b], link, pa.Count + pb.Count);
                        }
                    clusters[n + merges.Count] = [.. clusters[best.Left], .. clusters[best.Right]];
                    clusters.Remove(best.Left);
                    clusters.Remove(best.Right);
                    merges.Add(best);
                }
                return merges.ToArray();
            })),
            Attempt.Wrong("the merged cluster keeps the id of its lowest point", "not the id of one of its points (0)", () => Lesson02Checks.MergeLoop(d => L02BySlot(d, L02SlotSlip.PointIds))),
            Attempt.Wrong("off by one: the new id is n + s - 1", "the first merge makes id 6, not 5", () => Lesson02Checks.MergeLoop(d => L02BySlot(d, L02SlotSlip.OffByOne))),
            Attempt.Wrong("sizes never updated", "you returned (left 2, right 6, height 2, size 2). The size is the number of points in the new cluster", () => Lesson02Checks.MergeLoop(d => L02BySlot(d, L02SlotSlip.NoSizes))),
            Attempt.Wrong("complete linkage (the maximum) instead of single", "you returned (left 2, right 6, height 3, size 3). That is complete linkage", () => Lesson02Checks.MergeLoop(d => L02ById(d, L02ByIdSlip.Complete))),
            Attempt.Wrong("average linkage instead of single", "you returned (left 2, right 6, height 2.5, size 3). The height is the distance between the two merged clusters", () => Lesson02Checks.MergeLoop(d => L02ById(d, L02ByIdSlip.Average))),
            Attempt.Wrong("merged clusters never removed", "Cluster 0 was merged already at merge 0: once merged, a cluster is gone and only its new id 6 remains", () => Lesson02Checks.MergeLoop(d => L02ById(d, L02ByIdSlip.KeepMerged))),
            Attempt.Wrong("heights squared", "Heights are the distances themselves, not their squares", () => Lesson02Checks.MergeLoop(d => L02ById(d, L02ByIdSlip.Squared))),
            Attempt.Wrong("left and right in row order, not sorted", "you returned (left 6, right 2, height 2, size 3). Put the smaller id on the left", () => Lesson02Checks.MergeLoop(d => L02BySlot(d, L02SlotSlip.NotOrdered))),
            Attempt.Wrong("ties go to the last pair found (<=)", "merge 0 should be (left 0, right 1, height 1, size 2); you returned (left 4, right 5, height 1, size 2). Equal distances tie", () => Lesson02Checks.MergeLoop(d => L02ById(d, L02ByIdSlip.LastOfTies))),
            Attempt.Wrong("no distance update: the merged row keeps its first member's distances", "merge 2 should be (left 2, right 6, height 2, size 3); you returned (left 2, right 6, height 3, size 3). The height is", () => Lesson02Checks.MergeLoop(d => L02BySlot(d, L02SlotSlip.NoUpdate))),
            Attempt.Wrong("returns null", "6 points take 5 merges; you returned 0", () => Lesson02Checks.MergeLoop(d => null!)),
            // The exercise asks for the algorithm: calling the kit's implementation of it fails, whatever it returns.
            Attempt.Wrong("the kit's tree built on the rows of the distance matrix", "calls the kit's AgglomerativeClustering", () => Lesson02Checks.MergeLoop(d =>
            {
                var tree = AgglomerativeClustering.BuildTree(d, Linkage.Single);
                return Enumerable.Range(0, tree.N - 1).Select(m => (tree.Left[m], tree.Right[m], tree.Heights[m], tree.Sizes[m])).ToArray();
            })),
            Attempt.Stub(() => Lesson02Checks.MergeLoop(d => throw new NotImplementedException())),
        ],
        // The check's tree: average linkage on the six 1-D points 0, 1, 3, 7, 15, 16, cut at every k from 1 to 6 in turn.
        ["02.3"] =
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
            // The exercise asks for the algorithm: calling the kit's implementation of it fails, whatever it returns.
            Attempt.Wrong("the kit's cut (its answer is right)", "calls the kit's LinkageTree.CutToClusters", () => Lesson02Checks.CutTree((t, k) => t.CutToClusters(k))),
            Attempt.Stub(() => Lesson02Checks.CutTree((t, k) => throw new NotImplementedException())),
        ],
        // The check's tree: complete linkage on the six 1-D points 0, 1, 3, 7, 15, 16 (merge heights 1, 1, 3, 7, 16); every
        // pair of leaves i < j in turn.
        ["02.4"] =
        [
            Attempt.Right("walk the merges, tracking each leaf's cluster id", () => Lesson02Checks.CopheneticDistance((t, i, j) => L02Walk(t, i, j, L02WalkSlip.None))),
            Attempt.Wrong("the library's condensed cophenetic distances", "calls the kit's LinkageTree.CopheneticDistances", () => Lesson02Checks.CopheneticDistance((t, i, j) => t.CopheneticDistances()[PairwiseDistances.Index(t.N, i, j)])),
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
        // The check's cases: the line (its tree the chain of neighbours), eight 3-D points with 28 distinct distances,
        // one point, two points.
        ["02.5"] =
        [
            Attempt.Right("Prim: each outside point's cheapest link to the tree, updated as the tree grows", () => Lesson02Checks.SpanningTree(d => L02Prim(d, L02PrimSlip.None))),
            Attempt.Right("Kruskal: edges by weight, kept when they join two parts (union-find)", () => Lesson02Checks.SpanningTree(d =>
            {
                int n = d.Rows;
                var part = Enumerable.Range(0, n).ToArray();
                int Find(int v) => part[v] == v ? v : part[v] = Find(part[v]);
                var edges = new List<(int From, int To, double Weight)>();
                foreach (var (i, j) in Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(i + 1, n - i - 1).Select(j => (i, j))).OrderBy(e => d[e.i, e.j]))
                    if (Find(i) != Find(j)) { part[Find(i)] = Find(j); edges.Add((i, j, d[i, j])); }
                return edges.ToArray();
            })),
            Attempt.Right("Prim without the cheapest-link table: every (inside, outside) pair searched each step", () => Lesson02Checks.SpanningTree(d =>
            {
                int n = d.Rows;
                var inside = new List<int> { 0 };
                var edges = new List<(int From, int To, double Weight)>();
                while (inside.Count < n)
                {
                    var best = inside.SelectMany(a => Enumerable.Range(0, n).Where(b => !inside.Contains(b)).Select(b => (From: a, To: b, Weight: d[a, b]))).MinBy(e => e.Weight);
                    edges.Add(best);
                    inside.Add(best.To);
                }
                return edges.ToArray();
            })),
            Attempt.Wrong("the n - 1 shortest edges, with no check for cycles", "closes a cycle", () => Lesson02Checks.SpanningTree(d =>
            {
                int n = d.Rows;
                return Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(i + 1, n - i - 1).Select(j => (From: i, To: j, Weight: d[i, j])))
                    .OrderBy(e => e.Weight).Take(n - 1).ToArray();
            })),
            Attempt.Wrong("growing from the point added last only (a nearest-neighbour path)", "not only from the point added last", () => Lesson02Checks.SpanningTree(d => L02Prim(d, L02PrimSlip.FromLastOnly))),
            Attempt.Wrong("the longest link each step (a maximum spanning tree)", "and the minimum is", () => Lesson02Checks.SpanningTree(d => L02Prim(d, L02PrimSlip.Longest))),
            Attempt.Wrong("n edges: point 0 joined to itself first", "a spanning tree has n - 1", () => Lesson02Checks.SpanningTree(d => [(0, 0, 0.0), .. L02Prim(d, L02PrimSlip.None)])),
            Attempt.Wrong("weights squared", "but the distance between those points is", () => Lesson02Checks.SpanningTree(d => L02Prim(d, L02PrimSlip.None).Select(e => (e.From, e.To, e.Weight * e.Weight)).ToArray())),
            Attempt.Wrong("returns null", "your function returned null", () => Lesson02Checks.SpanningTree(d => null!)),
            Attempt.Stub(() => Lesson02Checks.SpanningTree(d => throw new NotImplementedException())),
        ],
        // The check's cases: [0.5, 0.7, 3, 3.2, 9] (2 clusters), [1, 1.2, 1.3, 6, 6.1, 6.3, 6.4] (5), [1, 3, 5] (a tie: 3), [0.2, 4] (2).
        ["02.6"] =
        [
            Attempt.Right("a loop keeping the first widest gap", () => Lesson02Checks.WidestGapCut(h =>
            {
                int widest = 1;
                for (int m = 2; m < h.Length; m++) if (h[m] - h[m - 1] > h[widest] - h[widest - 1]) widest = m;
                return h.Length + 1 - widest;
            })),
            Attempt.Right("LINQ MaxBy over the gaps' indices (the first maximum wins)", () => Lesson02Checks.WidestGapCut(h =>
                h.Length + 1 - Enumerable.Range(1, h.Length - 1).MaxBy(m => h[m] - h[m - 1]))),
            Attempt.Right("the clusters counted by walking the merges below the gap", () => Lesson02Checks.WidestGapCut(h =>
            {
                var gaps = h.Skip(1).Zip(h, (upper, lower) => upper - lower).ToArray();
                double cut = h[Array.IndexOf(gaps, gaps.Max())] + gaps.Max() / 2;
                return h.Length + 1 - h.Count(v => v < cut);
            })),
            Attempt.Wrong("the number of merges below the gap", "That is how many merges stay below the cut", () => Lesson02Checks.WidestGapCut(h =>
                Enumerable.Range(1, h.Length - 1).MaxBy(m => h[m] - h[m - 1]))),
            Attempt.Wrong("off by one: n - m + 1", "Count again", () => Lesson02Checks.WidestGapCut(h =>
                h.Length + 2 - Enumerable.Range(1, h.Length - 1).MaxBy(m => h[m] - h[m - 1]))),
            Attempt.Wrong("the last of equally wide gaps", "take the lower one", () => Lesson02Checks.WidestGapCut(h =>
            {
                int widest = 1;
                for (int m = 2; m < h.Length; m++) if (h[m] - h[m - 1] >= h[widest] - h[widest - 1]) widest = m;
                return h.Length + 1 - widest;
            })),
            Attempt.Wrong("the largest ratio of successive heights instead of the largest difference", "the widest gap lies between 3.2 and 9", () => Lesson02Checks.WidestGapCut(h =>
                h.Length + 1 - Enumerable.Range(1, h.Length - 1).MaxBy(m => h[m] / h[m - 1]))),
            Attempt.Stub(() => Lesson02Checks.WidestGapCut(h => throw new NotImplementedException())),
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

    private enum L02ByIdSlip { None, Complete, Average, KeepMerged, Squared, LastOfTies }

    // The notebook's merge loop over cluster ids 0 .. 2n - 2, with one slip or none.
    private static (int Left, int Right, double Height, int Size)[] L02ById(Matrix distances, L02ByIdSlip slip)
    {
        int n = distances.Rows;
        var d = new double[2 * n - 1, 2 * n - 1];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) d[i, j] = distances[i, j];
        var size = new int[2 * n - 1];
        for (int i = 0; i < n; i++) size[i] = 1;
        var standing = Enumerable.Range(0, n).ToList();
        var merges = new (int Left, int Right, double Height, int Size)[n - 1];
        for (int s = 0; s < n - 1; s++)
        {
            int p = -1, q = -1;
            double best = double.PositiveInfinity;
            for (int a = 0; a < standing.Count; a++)
                for (int b = a + 1; b < standing.Count; b++)
                {
                    double v = d[standing[a], standing[b]];
                    if (v < best || (slip == L02ByIdSlip.LastOfTies && v == best)) { best = v; p = standing[a]; q = standing[b]; }
                }
            int id = n + s;
            if (slip != L02ByIdSlip.KeepMerged)
            {
                standing.Remove(p);
                standing.Remove(q);
            }
            foreach (int i in standing)
                d[i, id] = d[id, i] = slip switch
                {
                    L02ByIdSlip.Complete => Math.Max(d[i, p], d[i, q]),
                    L02ByIdSlip.Average => (size[p] * d[i, p] + size[q] * d[i, q]) / (size[p] + size[q]),
                    _ => Math.Min(d[i, p], d[i, q]),
                };
            size[id] = size[p] + size[q];
            merges[s] = (p, q, slip == L02ByIdSlip.Squared ? best * best : best, size[id]);
            standing.Add(id);
        }
        return merges;
    }

    private enum L02SlotSlip { None, PointIds, OffByOne, NoSizes, NotOrdered, NoUpdate }

    // Merging in place in a copy of the n x n matrix: the union of rows p < q lives on in row p, named by id[p], and
    // row q retires. Ties are broken explicitly by the (smaller id, larger id) pair. One slip or none.
    private static (int Left, int Right, double Height, int Size)[] L02BySlot(Matrix distances, L02SlotSlip slip)
    {
        int n = distances.Rows;
        var d = distances.Clone();
        var id = Enumerable.Range(0, n).ToArray();
        var size = Enumerable.Repeat(1, n).ToArray();
        var alive = Enumerable.Repeat(true, n).ToArray();
        var merges = new (int Left, int Right, double Height, int Size)[n - 1];
        for (int s = 0; s < n - 1; s++)
        {
            int p = -1, q = -1;
            var best = (Height: double.PositiveInfinity, Low: int.MaxValue, High: int.MaxValue);
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++)
                {
                    if (!alive[a] || !alive[b]) continue;
                    var candidate = (Height: d[a, b], Low: Math.Min(id[a], id[b]), High: Math.Max(id[a], id[b]));
                    if (candidate.CompareTo(best) < 0) { best = candidate; p = a; q = b; }
                }
            int left = id[p], right = id[q];
            if (slip != L02SlotSlip.NotOrdered && left > right) (left, right) = (right, left);
            merges[s] = (left, right, best.Height, size[p] + size[q]);
            if (slip != L02SlotSlip.NoUpdate)
                for (int i = 0; i < n; i++)
                    if (alive[i] && i != p && i != q) d[i, p] = d[p, i] = Math.Min(d[i, p], d[i, q]);
            alive[q] = false;
            if (slip != L02SlotSlip.NoSizes) size[p] += size[q];
            id[p] = slip switch { L02SlotSlip.PointIds => id[p], L02SlotSlip.OffByOne => n + s - 1, _ => n + s };
        }
        return merges;
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

    private enum L02PrimSlip { None, FromLastOnly, Longest }

    // Prim's algorithm from point 0, with the slips the catalogue names.
    private static (int From, int To, double Weight)[] L02Prim(Matrix d, L02PrimSlip slip)
    {
        int n = d.Rows;
        var inTree = new bool[n];
        var link = Enumerable.Repeat(slip == L02PrimSlip.Longest ? double.NegativeInfinity : double.PositiveInfinity, n).ToArray();
        var from = new int[n];
        var edges = new List<(int From, int To, double Weight)>();
        int last = 0;
        inTree[0] = true;
        for (int step = 1; step < n; step++)
        {
            for (int v = 0; v < n; v++)
            {
                if (inTree[v]) continue;
                bool better = slip switch
                {
                    L02PrimSlip.Longest => d[last, v] > link[v],
                    L02PrimSlip.FromLastOnly => true,
                    _ => d[last, v] < link[v],
                };
                if (better) (link[v], from[v]) = (d[last, v], last);
            }
            var outside = Enumerable.Range(0, n).Where(v => !inTree[v]);
            int next = slip == L02PrimSlip.Longest ? outside.MaxBy(v => link[v]) : outside.MinBy(v => link[v]);
            edges.Add((from[next], next, d[from[next], next]));
            inTree[next] = true;
            last = next;
        }
        return edges.ToArray();
    }
}
