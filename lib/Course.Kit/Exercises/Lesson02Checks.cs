using Course.Clustering;
using Course.Metrics;
using static Course.Exercises.Exercise;

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
    public static ExerciseResult AverageLinkageUpdate(Func<double, double, int, int, double> update) => Check("02.1", "the average-linkage update", () =>
    {
        foreach (var (dip, diq, np, nq) in new[] { (2.0, 4.0, 1, 1), (2.0, 4.0, 3, 1), (10.0, 1.0, 2, 5) })
        {
            double expected = (np * dip + nq * diq) / (np + nq), got = update(dip, diq, np, nq);
            if (!(Math.Abs(got - expected) <= 1e-12))
                return $"with d(i,p) = {F(dip)} over {np} points and d(i,q) = {F(diq)} over {nq} points, the average distance is {F(expected)}; you returned {F(got)}."
                    + (Math.Abs(got - (dip + diq) / 2) < 1e-12 && np != nq ? " Weight each distance by its cluster's size." : "");
        }
        return null;
    });

    /// <summary>02.2 Cutting a tree into k flat clusters: apply the first n - k merges (they are sorted by height).</summary>
    public static ExerciseResult CutTree(Func<LinkageTree, int, int[]> cut) => Check("02.2", "cutting the tree at k clusters", () =>
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
    });

    /// <summary>02.3 The cophenetic distance of two leaves: the height of the first merge that puts them together.</summary>
    public static ExerciseResult CopheneticDistance(Func<LinkageTree, int, int, double> cophenetic) => Check("02.3", "the cophenetic distance of two leaves", () =>
    {
        var all = Tree(Linkage.Complete).CopheneticDistances();
        for (int i = 0; i < Line.Rows; i++)
            for (int j = i + 1; j < Line.Rows; j++)
            {
                double expected = all[Kernels.PairwiseDistances.Index(Line.Rows, i, j)], got = cophenetic(Tree(Linkage.Complete), i, j);
                if (!(Math.Abs(got - expected) <= 1e-12))
                    return $"leaves {i} and {j} first meet in a merge at height {F(expected)}; you returned {F(got)}.";
            }
        return null;
    });
}
