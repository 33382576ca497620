namespace Course.Clustering;

/// <summary>
/// A full agglomerative merge tree in scipy's linkage-matrix convention: merge i joins clusters <see cref="Left"/>[i]
/// and <see cref="Right"/>[i] (ids below n are points, id n + i is the cluster made by merge i; Left &lt; Right) at
/// <see cref="Heights"/>[i], giving a cluster of <see cref="Sizes"/>[i] points. Merges are sorted by height.
/// </summary>
public sealed class LinkageTree
{
    /// <summary>Number of points (leaves).</summary>
    public int N { get; }
    /// <summary>First cluster id of each merge (n - 1 entries).</summary>
    public int[] Left { get; }
    /// <summary>Second cluster id of each merge.</summary>
    public int[] Right { get; }
    /// <summary>Distance at which each merge happens: non-decreasing, except possibly under a connectivity constraint.</summary>
    public double[] Heights { get; }
    /// <summary>Number of points in the cluster each merge creates.</summary>
    public int[] Sizes { get; }

    internal LinkageTree(int n, int[] left, int[] right, double[] heights, int[] sizes)
    {
        N = n; Left = left; Right = right; Heights = heights; Sizes = sizes;
    }

    internal sealed record State(int N, int[] Left, int[] Right, double[] Heights, int[] Sizes);

    internal State ToState() => new(N, Left, Right, Heights, Sizes);

    /// <summary>A tree read from a saved model, checked as untrusted input: merge m may join only ids that exist by
    /// then (points, or clusters of earlier merges), each at most once, and sizes must add up.</summary>
    internal static LinkageTree FromState(State s, string format)
    {
        int n = s.N, m = n - 1;
        ModelFile.Check(n >= 1 && s.Left.Length == m && s.Right.Length == m && s.Heights.Length == m && s.Sizes.Length == m, format, "a tree over n points has n - 1 merges");
        var used = new bool[Math.Max(0, 2 * n - 1)];
        int SizeOf(int id) => id < n ? 1 : s.Sizes[id - n];
        for (int i = 0; i < m; i++)
        {
            int a = s.Left[i], b = s.Right[i];
            ModelFile.Check(a >= 0 && b >= 0 && a < b && b < n + i && !used[a] && !used[b], format, $"merge {i} joins ids that do not exist yet or were merged already");
            ModelFile.Check(s.Sizes[i] == SizeOf(a) + SizeOf(b) && !double.IsNaN(s.Heights[i]), format, $"merge {i} has a wrong size or no height");
            used[a] = used[b] = true;
        }
        return new LinkageTree(n, s.Left, s.Right, s.Heights, s.Sizes);
    }

    /// <summary>
    /// Builds the tree from merges found in any order (as the nearest-neighbour chain finds them), given as pairs of
    /// representative points: sorts them stably by height and relabels with union-find, as scipy's <c>label</c> does.
    /// </summary>
    internal static LinkageTree FromUnsortedMerges(int n, int[] a, int[] b, double[] h)
    {
        var order = Enumerable.Range(0, n - 1).OrderBy(i => h[i]).ToArray(); // LINQ OrderBy is stable
        var parent = new int[2 * n - 1];
        var size = new int[2 * n - 1];
        for (int i = 0; i < parent.Length; i++) { parent[i] = i; size[i] = 1; }
        int Find(int v) { while (parent[v] != v) { parent[v] = parent[parent[v]]; v = parent[v]; } return v; }
        var left = new int[n - 1]; var right = new int[n - 1]; var heights = new double[n - 1]; var sizes = new int[n - 1];
        for (int m = 0; m < n - 1; m++)
        {
            int i = order[m];
            int x = Find(a[i]), y = Find(b[i]);
            if (x > y) (x, y) = (y, x);
            int id = n + m;
            left[m] = x; right[m] = y; heights[m] = h[i];
            sizes[m] = size[id] = size[x] + size[y];
            parent[x] = parent[y] = id;
        }
        return new LinkageTree(n, left, right, heights, sizes);
    }

    /// <summary>Flat labels (0..k-1, numbered by first appearance) from undoing the last k - 1 merges.</summary>
    /// <remarks>For a tree built under a connectivity constraint, whose heights need not increase, this undoes the
    /// last k - 1 merges in the order they happened, as scikit-learn does.</remarks>
    public int[] CutToClusters(int k)
    {
        AlgorithmUse.Report("LinkageTree.CutToClusters");
        Guard.InRange(k, 1, N, nameof(k));
        return LabelsAfter(N - k);
    }

    /// <summary>
    /// The number of clusters left by cutting inside the widest gap between successive merge heights (the lowest of
    /// equally wide gaps): a large gap means the clusters just below it were far apart. 1 for a tree of fewer than 3
    /// points, which has no gap to compare. Pass the result to <see cref="CutToClusters"/>.
    /// </summary>
    /// <remarks>A rule of thumb to read beside the dendrogram, not a test: one outlying point joining last makes the
    /// widest gap and a cut into "everything" and "the outlier".</remarks>
    public int ClustersAtWidestGap()
    {
        AlgorithmUse.Report("LinkageTree.ClustersAtWidestGap");
        if (N < 3) return 1;
        int widest = 1;
        for (int m = 2; m < N - 1; m++)
            if (Heights[m] - Heights[m - 1] > Heights[widest] - Heights[widest - 1]) widest = m;
        return N - widest;
    }

    /// <summary>Flat labels from keeping only the merges at or below <paramref name="height"/>.</summary>
    public int[] CutAtHeight(double height)
    {
        AlgorithmUse.Report("LinkageTree.CutAtHeight");
        if (double.IsNaN(height)) throw new ArgumentException("height is NaN.", nameof(height));
        int merges = 0;
        while (merges < N - 1 && Heights[merges] <= height) merges++;
        return LabelsAfter(merges);
    }

    private int[] LabelsAfter(int merges)
    {
        var parent = new int[2 * N - 1];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int v) { while (parent[v] != v) { parent[v] = parent[parent[v]]; v = parent[v]; } return v; }
        for (int m = 0; m < merges; m++) parent[Left[m]] = parent[Right[m]] = N + m;
        var ids = new Dictionary<int, int>();
        var labels = new int[N];
        for (int i = 0; i < N; i++)
        {
            int root = Find(i);
            if (!ids.TryGetValue(root, out int label)) ids[root] = label = ids.Count;
            labels[i] = label;
        }
        return labels;
    }

    /// <summary>
    /// Cophenetic distances in condensed form (pair (i, j), i &lt; j, at <c>n*i - i*(i+1)/2 + j - i - 1</c>): the height
    /// of the merge that first joins i and j, as scipy's <c>cophenet</c>.
    /// </summary>
    public double[] CopheneticDistances()
    {
        AlgorithmUse.Report("LinkageTree.CopheneticDistances");
        var result = new double[(long)N * (N - 1) / 2];
        var members = new List<int>[2 * N - 1];
        for (int i = 0; i < N; i++) members[i] = [i];
        for (int m = 0; m < N - 1; m++)
        {
            var l = members[Left[m]]; var r = members[Right[m]];
            foreach (var p in l)
                foreach (var q in r)
                {
                    int i = Math.Min(p, q), j = Math.Max(p, q);
                    result[(long)N * i - (long)i * (i + 1) / 2 + j - i - 1] = Heights[m];
                }
            l.AddRange(r);
            members[N + m] = l;
            members[Left[m]] = members[Right[m]] = null!;
        }
        return result;
    }

    /// <summary>The merges as scipy's n-1 x 4 linkage matrix [left, right, height, size].</summary>
    public double[][] ToScipy() => Enumerable.Range(0, N - 1).Select(m => new double[] { Left[m], Right[m], Heights[m], Sizes[m] }).ToArray();

    /// <summary>A tree from its parts, checked as untrusted input (the inverse of reading <see cref="Left"/>,
    /// <see cref="Right"/>, <see cref="Heights"/> and <see cref="Sizes"/>): merge m may join only ids that exist by then,
    /// each at most once, sizes must add up and heights must be numbers.</summary>
    /// <param name="n">Number of points, at least 1.</param>
    /// <param name="left">First cluster id of each merge (n - 1 entries).</param>
    /// <param name="right">Second cluster id of each merge, greater than the first.</param>
    /// <param name="heights">Height of each merge.</param>
    /// <param name="sizes">Size of the cluster each merge makes.</param>
    /// <exception cref="ArgumentNullException">an array is null.</exception>
    /// <exception cref="FormatException">the parts do not make a tree.</exception>
    public static LinkageTree FromMerges(int n, int[] left, int[] right, double[] heights, int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(left); ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(heights); ArgumentNullException.ThrowIfNull(sizes);
        return FromState(new State(n, [.. left], [.. right], [.. heights], [.. sizes]), "a linkage tree");
    }

    /// <summary>Leaf order of the dendrogram (left subtree before right), for ordering heatmap rows.</summary>
    public int[] LeafOrder()
    {
        if (N == 1) return [0];
        var order = new List<int>(N);
        var stack = new Stack<int>();
        stack.Push(2 * N - 2);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (id < N) { order.Add(id); continue; }
            stack.Push(Right[id - N]);
            stack.Push(Left[id - N]);
        }
        return order.ToArray();
    }
}
