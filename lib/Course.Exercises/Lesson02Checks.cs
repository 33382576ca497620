using Course.Clustering;
using Course.Metrics;
using static Course.Exercises.Exercise;
using MergeRow = (int Left, int Right, double Height, int Size);

namespace Course.Exercises;

/// <summary>Checks for lesson 02 (hierarchical clustering).</summary>
public static class Lesson02Checks
{
    private static readonly Matrix Line = Matrix.FromRows([[0], [1], [3], [7], [15], [16]]);

    // A LinkageTree's arrays are public and writable, so every learner call gets a tree of its own, built afresh
    // (cheap on six points), and the expected answers come from a tree the learner never sees.
    private static LinkageTree Tree(Linkage linkage) => AgglomerativeClustering.BuildTree(Line, linkage);

    /// <summary>02.1 The Lance-Williams update for average linkage: the distance from cluster i to the union of p
    /// (np points) and q (nq points) is the size-weighted mean (np d(i,p) + nq d(i,q)) / (np + nq).</summary>
    public static ExerciseResult AverageLinkageUpdate(Func<double, double, int, int, double> update)
    {
        return CheckCases("02.1", "the average-linkage update", ref update, new[] { (2.0, 4.0, 1, 1), (2.0, 4.0, 3, 1), (10.0, 1.0, 2, 5) }, one =>
        {
            var (dip, diq, np, nq) = one;
            double expected = (np * dip + nq * diq) / (np + nq), got = update(dip, diq, np, nq);
            if (!(Math.Abs(got - expected) <= 1e-12))
                return $"with d(i,p) = {F(dip)} over {np} points and d(i,q) = {F(diq)} over {nq} points, the average distance is {F(expected)}; you returned {F(got)}."
                    + (Math.Abs(got - (dip + diq) / 2) < 1e-12 && np != nq ? " Weight each distance by its cluster's size." : "");
            return null;
        });
    }

    // Eight points in 3-D, no two of whose 28 distances lie within 0.001 of each other: the merge order has no ties.
    // Single linkage merges a point into an older cluster (3 with 9), two clusters (10 with 12), and sizes 2 to 8.
    private static readonly Matrix Cloud = Matrix.FromRows([[0, 0, 0], [4.1, 0.3, -0.2], [0.9, 0.4, 0.1], [4.6, 1.5, 0.7], [1.2, -0.8, 2.3], [8.3, 2.9, -1.1], [0.2, 1.7, -0.6], [5.2, -0.4, 0.5]]);

    /// <summary>02.2 The merge loop of naive single linkage on an n x n distance matrix, returning the merges in scipy's
    /// convention: merge s joins ids Left &lt; Right (points below n, id n + t for the cluster made by merge t) at
    /// Height, into a cluster of Size points; ties go to the smallest (Left, Right) pair.</summary>
    public static ExerciseResult MergeLoop(Func<Matrix, (int Left, int Right, double Height, int Size)[]> merges) => Check("02.2", "the merge loop and its cluster ids", ref merges, () =>
    {
        // The line's single-linkage merges, worked by hand: d(0,1) = d(4,5) = 1 tie, and the smaller pair goes first.
        MergeRow[] lineByHand = [(0, 1, 1.0, 2), (4, 5, 1.0, 2), (2, 6, 2.0, 3), (3, 8, 4.0, 4), (7, 9, 8.0, 6)];
        var cases = new[]
        {
            (Data: "On the six points 0, 1, 3, 7, 15, 16 of a line", Distances: SquareDistances(Line), Expected: lineByHand, Complete: MergeRows(Tree(Linkage.Complete))),
            (Data: "On eight points in 3-D", Distances: SquareDistances(Cloud), Expected: MergeRows(AgglomerativeClustering.BuildTree(Cloud, Linkage.Single)), Complete: MergeRows(AgglomerativeClustering.BuildTree(Cloud, Linkage.Complete))),
        };
        foreach (var c in cases)
            if (CompareMerges(c.Data, c.Distances.Rows, c.Expected, c.Complete, merges(c.Distances.Clone())) is { } problem) return problem;
        var alone = merges(new Matrix(1, 1));
        if (alone is null || alone.Length != 0)
            return $"a single point has nothing to merge: return an empty array; you returned {(alone is null ? "null" : $"{alone.Length} merges")}.";
        return null;
    }, writeYourself: ["AgglomerativeClustering"]);

    private static Matrix SquareDistances(Matrix x) => new(x.Rows, x.Rows, Compute.PairwiseDistances.Square(x));

    private static MergeRow[] MergeRows(LinkageTree t) =>
        Enumerable.Range(0, t.N - 1).Select(m => (t.Left[m], t.Right[m], t.Heights[m], t.Sizes[m])).ToArray();

    private static string Show(MergeRow r) => $"(left {r.Left}, right {r.Right}, height {F(r.Height)}, size {r.Size})";

    private static bool Near(double got, double expected) => Math.Abs(got - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected));

    private static bool SameMerge(MergeRow a, MergeRow b) => a.Left == b.Left && a.Right == b.Right && Near(a.Height, b.Height);

    // Whether the cluster with this id (in the merges `rows` over n points) contains the point.
    private static bool Holds(MergeRow[] rows, int n, int cluster, int point) =>
        cluster < n ? cluster == point : Holds(rows, n, rows[cluster - n].Left, point) || Holds(rows, n, rows[cluster - n].Right, point);

    // The first merge that differs from single linkage's, with a hint for each recognisable slip.
    private static string? CompareMerges(string data, int n, MergeRow[] single, MergeRow[] complete, MergeRow[]? got)
    {
        if (got is null || got.Length != n - 1) return $"{data}, {n} points take {n - 1} merges; you returned {got?.Length ?? 0}.";
        bool isComplete = got.Zip(complete).All(p => SameMerge(p.First, p.Second));
        for (int s = 0; s < n - 1; s++)
        {
            MergeRow g = got[s], e = single[s];
            if (SameMerge(g, e) && g.Size == e.Size) continue;
            string head = $"{data}, merge {s} should be {Show(e)}; you returned {Show(g)}.";
            if (g.Left < 0 || g.Right < 0 || g.Left >= n + s || g.Right >= n + s)
                return head + $" At merge {s} the ids in use are 0 to {n + s - 1}: the points 0 to {n - 1}, then id {n} + t for the cluster made by merge t.";
            if (g.Left == g.Right) return head + " A merge joins two different clusters.";
            if (g.Left == e.Right && g.Right == e.Left) return head + " Put the smaller id on the left.";
            int el = e.Left >= n ? e.Left - 1 : e.Left, er = e.Right >= n ? e.Right - 1 : e.Right;
            if (e.Right >= n && Math.Min(g.Left, g.Right) == Math.Min(el, er) && Math.Max(g.Left, g.Right) == Math.Max(el, er))
                return head + $" The cluster made by merge t gets id n + t: the first merge makes id {n}, not {n - 1}.";
            foreach (int id in new[] { g.Left, g.Right })
                for (int t = 0; t < s; t++)
                    if (got[t].Left == id || got[t].Right == id)
                    {
                        foreach (int c in new[] { e.Left, e.Right })
                            if (c >= n && id < n && Holds(single, n, c, id))
                                return head + $" Cluster {c} is the one made by merge {c - n}: a merged cluster gets the new id n + t, not the id of one of its points ({id}).";
                        return head + $" Cluster {id} was merged already at merge {t}: once merged, a cluster is gone and only its new id {n + t} remains.";
                    }
            if (isComplete && !SameMerge(g, e))
                return head + " That is complete linkage (the largest distance); single linkage takes the smallest, d(i, p ∪ q) = min(d(i,p), d(i,q)).";
            if (g.Left != e.Left || g.Right != e.Right)
                return head + (Near(g.Height, e.Height)
                    ? " Equal distances tie: take the smallest (left, right) pair."
                    : " Merge the two closest clusters still standing; under single linkage two clusters are as close as their closest members.");
            if (!Near(g.Height, e.Height))
                return head + (Near(g.Height, e.Height * e.Height)
                    ? " Heights are the distances themselves, not their squares."
                    : " The height is the distance between the two merged clusters: the smallest distance between their members.");
            return head + " The size is the number of points in the new cluster: the two merged clusters' sizes added (a point counts 1).";
        }
        return null;
    }

    /// <summary>02.3 Cutting a tree into k flat clusters: apply the first n - k merges (they are sorted by height).</summary>
    public static ExerciseResult CutTree(Func<LinkageTree, int, int[]> cut) => Check("02.3", "cutting the tree at k clusters", ref cut, () =>
    {
        var tree = Tree(Linkage.Average);
        var cuts = Enumerable.Range(1, Line.Rows).Select(clusters => tree.CutToClusters(clusters)).ToArray();
        for (int k = 1; k <= Line.Rows; k++)
        {
            var expected = cuts[k - 1];
            var got = cut(Tree(Linkage.Average), k);
            if (got is null || got.Length != Line.Rows) return $"return one label per point ({Line.Rows}); you returned {got?.Length ?? 0}.";
            int groups = got.Distinct().Count();
            if (groups != k) return $"cutting into k = {k} clusters should give {k} distinct labels; yours has {groups}.";
            if (AdjustedRandIndex.Score(expected, got) < 1 - 1e-12)
                return $"for k = {k} the clusters should be [{string.Join(", ", expected)}] (up to renaming); yours are [{string.Join(", ", got)}].";
        }
        return null;
    }, writeYourself: ["LinkageTree.CutToClusters", "LinkageTree.CutAtHeight"]);

    /// <summary>02.4 The cophenetic distance of two leaves: the height of the first merge that puts them together.</summary>
    public static ExerciseResult CopheneticDistance(Func<LinkageTree, int, int, double> cophenetic) => Check("02.4", "the cophenetic distance of two leaves", ref cophenetic, () =>
    {
        var all = Tree(Linkage.Complete).CopheneticDistances();
        for (int i = 0; i < Line.Rows; i++)
            for (int j = i + 1; j < Line.Rows; j++)
            {
                double expected = all[Compute.PairwiseDistances.Index(Line.Rows, i, j)], got = cophenetic(Tree(Linkage.Complete), i, j);
                if (!(Math.Abs(got - expected) <= 1e-12))
                    return $"leaves {i} and {j} first meet in a merge at height {F(expected)}; you returned {F(got)}.";
            }
        return null;
    }, writeYourself: ["LinkageTree.CopheneticDistances"]);

    /// <summary>02.5 The minimum spanning tree of an n x n distance matrix (Prim's algorithm, or any that finds one):
    /// n - 1 edges (From, To, Weight) with Weight = d[From, To], connecting every point, of least total weight.</summary>
    public static ExerciseResult SpanningTree(Func<Matrix, (int From, int To, double Weight)[]> tree)
    {
        // The line (its tree is the chain of neighbours, 15 in all), the 3-D cloud (28 distinct distances, so one tree),
        // then one and two points.
        var cases = new (string Data, Matrix X)[]
        {
            ("the six points 0, 1, 3, 7, 15, 16 of a line", Line), ("eight points in 3-D", Cloud),
            ("a single point", Matrix.FromRows([[2.5, -1.0]])), ("two points", Matrix.FromRows([[0.0, 1.0], [3.0, 5.0]])),
        };
        return CheckCases("02.5", "the minimum spanning tree", ref tree, cases, one =>
        {
            var (data, x) = one;
            int n = x.Rows;
            var d = SquareDistances(x);
            double best = PrimTotal(d);
            var got = tree(d.Clone());
            if (got is null) return $"on {data}, your function returned null; return the tree's n - 1 edges.";
            if (got.Length != n - 1) return $"on {data} ({n} points), a spanning tree has n - 1 = {n - 1} edges; you returned {got.Length}.";
            // Union-find over the points: each edge must join two parts, and at the end every point is in one part.
            var part = Enumerable.Range(0, n).ToArray();
            int Find(int v) { while (part[v] != v) v = part[v] = part[part[v]]; return v; }
            foreach (var (from, to, weight) in got)
            {
                if (from < 0 || from >= n || to < 0 || to >= n || from == to)
                    return $"on {data}, the edge ({from}, {to}) does not join two different points 0 to {n - 1}.";
                if (!(Math.Abs(weight - d[from, to]) <= 1e-12))
                    return $"on {data}, the edge ({from}, {to}) has weight {F(weight)}, but the distance between those points is {F(d[from, to])}.";
                int a = Find(from), b = Find(to);
                if (a == b)
                    return $"on {data}, the edge ({from}, {to}) closes a cycle: both points are already connected by your earlier edges. " +
                        "Each new edge must join a point inside the tree to one outside it (taking the shortest edges overall is not enough).";
                part[a] = b;
            }
            double total = got.Sum(e => e.Weight);
            if (!(Math.Abs(total - best) <= 1e-9))
                return $"on {data}, your edges connect every point but weigh {F(total)} in all, and the minimum is {F(best)}. " +
                    "At each step add the shortest edge from any point in the tree (keep, for each point outside, its distance to the nearest point inside), not only from the point added last.";
            return null;
        }, writeYourself: ["Hdbscan"]);
    }

    // The least total weight of a spanning tree of d, by Prim's algorithm from point 0.
    private static double PrimTotal(Matrix d)
    {
        int n = d.Rows;
        var inTree = new bool[n];
        var cheapest = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        cheapest[0] = 0;
        double total = 0;
        for (int step = 0; step < n; step++)
        {
            int next = Enumerable.Range(0, n).Where(v => !inTree[v]).MinBy(v => cheapest[v]);
            inTree[next] = true;
            total += cheapest[next];
            for (int v = 0; v < n; v++) if (!inTree[v]) cheapest[v] = Math.Min(cheapest[v], d[next, v]);
        }
        return total;
    }

    /// <summary>02.6 The cut in the widest gap: given a tree's n - 1 merge heights (ascending), the number of clusters
    /// left when the tree is cut inside the widest gap between successive heights (the lowest of equally wide ones).</summary>
    public static ExerciseResult WidestGapCut(Func<double[], int> clusters)
    {
        // (heights, the clusters, the gap's index m: cutting between heights[m - 1] and heights[m] keeps m merges)
        var cases = new (double[] Heights, int Expected, int M)[]
        {
            ([0.5, 0.7, 3.0, 3.2, 9.0], 2, 4),            // 6 points; the widest gap is the last, 3.2 to 9
            ([1.0, 1.2, 1.3, 6.0, 6.1, 6.3, 6.4], 5, 3),  // 8 points; the widest is early, 1.3 to 6
            ([1.0, 3.0, 5.0], 3, 1),                       // a tie: the lower of the two gaps of 2
            ([0.2, 4.0], 2, 1),                            // 3 points
        };
        return CheckCases("02.6", "the cut in the widest gap", ref clusters, cases, one =>
        {
            var (heights, expected, m) = one;
            int n = heights.Length + 1, got = clusters((double[])heights.Clone());
            if (got == expected) return null;
            string at = $"with merge heights [{List(heights)}] ({n} points), the widest gap lies between {F(heights[m - 1])} and {F(heights[m])}";
            string hint = heights.Length == 3 && got == 2 ? " Two gaps are equally wide: take the lower one."
                : got == m ? " That is how many merges stay below the cut; each merge joins two clusters into one, so n points end in n - m clusters."
                : got == expected + 1 || got == expected - 1 ? " Count again: below the cut lie the first m merges, and each leaves one cluster fewer than n."
                : "";
            return $"{at}: cutting there undoes {heights.Length - m} merge(s) and leaves {expected} clusters; you returned {got}.{hint}";
        }, writeYourself: ["LinkageTree.ClustersAtWidestGap"]);
    }
}
