namespace Course.Clustering;

/// <summary>
/// HDBSCAN's condensed cluster tree (Campello, Moulavi and Sander, PAKDD 2013; McInnes and Healy, ICDMW 2017), in the
/// row convention of scikit-learn's and the hdbscan library's <c>condensed_tree_</c>: row r says that
/// <see cref="Child"/>[r] leaves cluster <see cref="Parent"/>[r] at λ = 1 / distance <see cref="Lambda"/>[r], taking
/// <see cref="ChildSize"/>[r] points with it. Ids below <see cref="NPoints"/> are points; cluster ids start at
/// NPoints (the root) and a child cluster always has a larger id than its parent.
/// </summary>
/// <remarks>
/// Built from the single-linkage tree of the mutual reachability distance by walking it from the top: a split where
/// both sides keep at least MinClusterSize points gives birth to two child clusters; a side smaller than that is not
/// a cluster, its points simply "fall out" of the parent at that λ. The stability of a cluster, Σ (λ_leave − λ_birth)
/// over its points, is what excess-of-mass selection maximises.
/// </remarks>
public sealed class CondensedTree
{
    /// <summary>Number of points n; cluster ids are n, n + 1, ....</summary>
    public int NPoints { get; }
    /// <summary>The cluster each row's child leaves.</summary>
    public int[] Parent { get; }
    /// <summary>A point (id &lt; n) or a child cluster (id ≥ n).</summary>
    public int[] Child { get; }
    /// <summary>λ = 1 / mutual reachability distance at which the child leaves (∞ at distance 0).</summary>
    public double[] Lambda { get; }
    /// <summary>Points in the child (1 for a point).</summary>
    public int[] ChildSize { get; }

    /// <summary>Number of clusters in the tree, the root included.</summary>
    public int ClusterCount { get; }

    private CondensedTree(int n, int[] parent, int[] child, double[] lambda, int[] size, int clusterCount)
    {
        NPoints = n; Parent = parent; Child = child; Lambda = lambda; ChildSize = size; ClusterCount = clusterCount;
    }

    internal sealed record State(int NPoints, int[] Parent, int[] Child, double[] Lambda, int[] ChildSize, int ClusterCount);

    internal State ToState() => new(NPoints, Parent, Child, Lambda, ChildSize, ClusterCount);

    /// <summary>A tree read from a saved model, checked as untrusted input: every id in range, a child cluster's id
    /// above its parent's, each point leaving exactly once, λ not NaN.</summary>
    internal static CondensedTree FromState(State s, string format)
    {
        int n = s.NPoints, rows = s.Parent.Length, top = n + s.ClusterCount;
        ModelFile.Check(n >= 1 && s.ClusterCount >= 1 && s.Child.Length == rows && s.Lambda.Length == rows && s.ChildSize.Length == rows, format, "condensed tree columns of unequal length");
        var seen = new bool[n];
        for (int r = 0; r < rows; r++)
        {
            int p = s.Parent[r], c = s.Child[r];
            ModelFile.Check(p >= n && p < top && c >= 0 && c < top && (c < n || c > p) && s.ChildSize[r] >= 1 && !double.IsNaN(s.Lambda[r]), format, $"condensed tree row {r} is invalid");
            if (c < n) { ModelFile.Check(!seen[c], format, $"point {c} leaves the tree twice"); seen[c] = true; }
        }
        return new CondensedTree(n, s.Parent, s.Child, s.Lambda, s.ChildSize, s.ClusterCount);
    }

    /// <summary>Condenses <paramref name="tree"/> (a single-linkage tree, e.g. of mutual reachability) with
    /// minimum cluster size <paramref name="minClusterSize"/>.</summary>
    public static CondensedTree Build(LinkageTree tree, int minClusterSize)
    {
        ArgumentNullException.ThrowIfNull(tree);
        Guard.InRange(minClusterSize, 1, int.MaxValue, nameof(minClusterSize));
        int n = tree.N;
        var parent = new List<int>(n); var child = new List<int>(n); var lambda = new List<double>(n); var size = new List<int>(n);
        if (n == 1) return new CondensedTree(1, [], [], [], [], 1);
        int root = 2 * n - 2;
        var relabel = new int[2 * n - 1];
        var ignore = new bool[2 * n - 1];
        relabel[root] = n;
        int nextLabel = n + 1;
        int Size(int node) => node < n ? 1 : tree.Sizes[node - n];
        var queue = new Queue<int>();
        var stack = new Stack<int>();
        void FallOut(int node, int from, double l)
        {
            // Every point under `node` leaves cluster `from` at λ = l; none of its sub-nodes is visited again.
            stack.Push(node);
            while (stack.Count > 0)
            {
                int s = stack.Pop();
                ignore[s] = true;
                if (s < n) { parent.Add(from); child.Add(s); lambda.Add(l); size.Add(1); }
                else { stack.Push(tree.Right[s - n]); stack.Push(tree.Left[s - n]); }
            }
        }
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            if (node < n || ignore[node]) continue;
            int m = node - n, left = tree.Left[m], right = tree.Right[m];
            queue.Enqueue(left); queue.Enqueue(right);
            double dist = tree.Heights[m];
            double l = dist > 0 ? 1 / dist : double.PositiveInfinity;
            int ls = Size(left), rs = Size(right), me = relabel[node];
            bool bigLeft = ls >= minClusterSize, bigRight = rs >= minClusterSize;
            if (bigLeft && bigRight)
            {
                relabel[left] = nextLabel++;
                parent.Add(me); child.Add(relabel[left]); lambda.Add(l); size.Add(ls);
                relabel[right] = nextLabel++;
                parent.Add(me); child.Add(relabel[right]); lambda.Add(l); size.Add(rs);
            }
            else if (!bigLeft && !bigRight) { FallOut(left, me, l); FallOut(right, me, l); }
            else if (!bigLeft) { relabel[right] = me; FallOut(left, me, l); }
            else { relabel[left] = me; FallOut(right, me, l); }
        }
        return new CondensedTree(n, [.. parent], [.. child], [.. lambda], [.. size], nextLabel - n);
    }

    /// <summary>λ at which each cluster (indexed by id − n) is born; 0 for the root.</summary>
    public double[] Births()
    {
        var birth = new double[ClusterCount];
        for (int r = 0; r < Child.Length; r++) if (Child[r] >= NPoints) birth[Child[r] - NPoints] = Lambda[r];
        return birth;
    }

    /// <summary>Stability of each cluster (indexed by id − n): Σ over its rows of (λ − λ_birth) × child size.</summary>
    public double[] Stabilities()
    {
        var birth = Births();
        var s = new double[ClusterCount];
        for (int r = 0; r < Parent.Length; r++)
        {
            int p = Parent[r] - NPoints;
            s[p] += (Lambda[r] - birth[p]) * ChildSize[r];
        }
        return s;
    }

    /// <summary>Number of points in each cluster (indexed by id − n).</summary>
    public int[] ClusterSizes()
    {
        var size = new int[ClusterCount];
        size[0] = NPoints;
        for (int r = 0; r < Child.Length; r++) if (Child[r] >= NPoints) size[Child[r] - NPoints] = ChildSize[r];
        return size;
    }

    /// <summary>The parent of each cluster (indexed by id − n; −1 for the root), as a cluster id.</summary>
    public int[] ClusterParents()
    {
        var p = new int[ClusterCount];
        p[0] = -1;
        for (int r = 0; r < Child.Length; r++) if (Child[r] >= NPoints) p[Child[r] - NPoints] = Parent[r];
        return p;
    }

    /// <summary>
    /// GLOSH outlier scores (Campello, Moulavi, Zimek and Sander, "Hierarchical density estimates for data clustering,
    /// visualization, and outlier detection", TKDD 2015): 1 − λ_p / λ_max, where λ_p is where point p leaves its
    /// cluster and λ_max the densest λ anything in that cluster's subtree reaches. 0 for a point as dense as its
    /// cluster's core, near 1 for a point far outside it. λ_max is taken over the whole subtree, as the paper defines it.
    /// </summary>
    public double[] OutlierScores()
    {
        var deaths = MaxChildLambdas();
        // Propagate up: children have larger ids than their parents, so one descending pass suffices.
        var parentOf = ClusterParents();
        for (int c = ClusterCount - 1; c > 0; c--)
        {
            int p = parentOf[c] - NPoints;
            if (deaths[c] > deaths[p]) deaths[p] = deaths[c];
        }
        var score = new double[NPoints];
        for (int r = 0; r < Child.Length; r++)
        {
            if (Child[r] >= NPoints) continue;
            double max = deaths[Parent[r] - NPoints], l = Lambda[r];
            score[Child[r]] = max == 0 || !double.IsFinite(l) ? 0 : (max - l) / max;
        }
        return score;
    }

    /// <summary>For each cluster, the largest λ among its direct children (points and clusters); the hdbscan library's
    /// <c>max_lambdas</c>, the "death" of the cluster.</summary>
    /// <summary>λ at which each point leaves the tree (the λ of its row), indexed by point.</summary>
    internal double[] PointLambdas()
    {
        var l = new double[NPoints];
        for (int r = 0; r < Child.Length; r++) if (Child[r] < NPoints) l[Child[r]] = Lambda[r];
        return l;
    }

    internal double[] MaxChildLambdas()
    {
        var m = new double[ClusterCount];
        for (int r = 0; r < Parent.Length; r++)
        {
            int p = Parent[r] - NPoints;
            if (Lambda[r] > m[p]) m[p] = Lambda[r];
        }
        return m;
    }
}
