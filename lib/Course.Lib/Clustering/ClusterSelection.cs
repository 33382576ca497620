namespace Course.Clustering;

/// <summary>How HDBSCAN picks flat clusters from the condensed tree.</summary>
public enum ClusterSelectionMethod
{
    /// <summary>Excess of mass (default): the set of non-overlapping clusters with the largest total stability. Tends to
    /// a few large clusters, possibly with small dense sub-clusters merged in.</summary>
    Eom,
    /// <summary>The leaves of the condensed tree: many small, homogeneous clusters.</summary>
    Leaf,
}

/// <summary>
/// Flat clustering from a <see cref="CondensedTree"/>: cluster selection (excess of mass or leaves, with
/// <c>cluster_selection_epsilon</c> and <c>max_cluster_size</c>), labelling and membership probabilities, following
/// scikit-learn's <c>sklearn/cluster/_hdbscan/_tree.pyx</c> step by step so that results agree with it.
/// </summary>
internal static class ClusterSelection
{
    /// <summary>The selected cluster ids, ascending.</summary>
    public static int[] Select(CondensedTree tree, ClusterSelectionMethod method, bool allowSingleCluster,
        double epsilon, int maxClusterSize)
    {
        int n = tree.NPoints, count = tree.ClusterCount;
        if (count == 0) return [];
        var children = ClusterChildren(tree);
        var selected = new bool[count];
        int rootId = n;
        if (method == ClusterSelectionMethod.Eom)
        {
            var stability = tree.Stabilities();
            var size = tree.ClusterSizes();
            int max = maxClusterSize <= 0 ? n + 1 : maxClusterSize;
            // Children have larger ids than parents: a descending pass sees every subtree before its root.
            for (int c = count - 1; c >= (allowSingleCluster ? 0 : 1); c--)
            {
                double subtree = children[c].Sum(ch => stability[ch - n]);
                if (subtree > stability[c] || size[c] > max)
                {
                    selected[c] = false;
                    stability[c] = subtree;
                }
                else
                {
                    selected[c] = true;
                    foreach (int d in Descendants(children, c + n, n)) selected[d - n] = false;
                }
            }
            if (epsilon > 0 && count > 1)
            {
                var eom = Enumerable.Range(0, count).Where(c => selected[c]).Select(c => c + n).ToList();
                // A lone root skips the epsilon search, as in scikit-learn.
                if (!(eom.Count == 1 && eom[0] == rootId))
                {
                    Array.Clear(selected);
                    foreach (int c in EpsilonSearch(tree, children, eom, epsilon, allowSingleCluster)) selected[c - n] = true;
                }
            }
        }
        else
        {
            var leaves = Enumerable.Range(0, count).Where(c => c > 0 && children[c].Count == 0).Select(c => c + n).ToList();
            if (leaves.Count == 0)
            {
                if (allowSingleCluster) selected[0] = true;
            }
            else
            {
                var chosen = epsilon > 0 ? EpsilonSearch(tree, children, leaves, epsilon, allowSingleCluster) : leaves;
                foreach (int c in chosen) selected[c - n] = true;
            }
        }
        return Enumerable.Range(0, count).Where(c => selected[c]).Select(c => c + n).ToArray();
    }

    /// <summary>Labels 0..k-1 in the order of <paramref name="clusters"/> (ascending ids), −1 for noise.</summary>
    public static int[] Label(CondensedTree tree, int[] clusters, bool allowSingleCluster, double epsilon)
    {
        int n = tree.NPoints;
        var labelOf = new Dictionary<int, int>();
        for (int i = 0; i < clusters.Length; i++) labelOf[clusters[i]] = i;
        // Union every row whose child is not a selected cluster: each point then finds the selected cluster (or the
        // root) it hangs under.
        var parent = Enumerable.Range(0, n + tree.ClusterCount).ToArray();
        int Find(int v) { while (parent[v] != v) { parent[v] = parent[parent[v]]; v = parent[v]; } return v; }
        for (int r = 0; r < tree.Child.Length; r++)
            if (!labelOf.ContainsKey(tree.Child[r])) parent[Find(tree.Child[r])] = Find(tree.Parent[r]);
        // Union-find roots need not be the tree's ancestors; map each component to the selected cluster it contains.
        var componentLabel = new Dictionary<int, int>();
        foreach (var (c, label) in labelOf) componentLabel[Find(c)] = label;
        double rootThreshold = double.NaN;
        if (clusters.Length == 1 && clusters[0] == n && allowSingleCluster)
            rootThreshold = epsilon > 0 ? 1 / epsilon : Enumerable.Range(0, tree.Parent.Length).Where(r => tree.Parent[r] == n).Max(r => tree.Lambda[r]);
        var pointLambda = tree.PointLambdas();
        var labels = new int[n];
        for (int p = 0; p < n; p++)
        {
            int root = Find(p);
            labels[p] = -1;
            if (!componentLabel.TryGetValue(root, out int label)) continue;
            // The root as the single cluster keeps only points that stay until its densest λ (or 1 / epsilon).
            if (clusters[label] == n && !(pointLambda[p] >= rootThreshold)) continue;
            labels[p] = label;
        }
        return labels;
    }

    /// <summary>Membership strength in [0, 1]: λ_p / λ_max of the point's selected cluster (λ_p capped at λ_max), 0 for noise.</summary>
    public static double[] Probabilities(CondensedTree tree, int[] clusters, int[] labels)
    {
        int n = tree.NPoints;
        var deaths = tree.MaxChildLambdas();
        var result = new double[n];
        for (int r = 0; r < tree.Child.Length; r++)
        {
            int p = tree.Child[r];
            if (p >= n || labels[p] < 0) continue;
            double max = deaths[clusters[labels[p]] - n], l = tree.Lambda[r];
            result[p] = max == 0 || !double.IsFinite(l) ? 1.0 : Math.Min(l, max) / max;
        }
        return result;
    }

    private static List<int>[] ClusterChildren(CondensedTree tree)
    {
        int n = tree.NPoints;
        var children = Enumerable.Range(0, tree.ClusterCount).Select(_ => new List<int>()).ToArray();
        for (int r = 0; r < tree.Child.Length; r++)
            if (tree.Child[r] >= n) children[tree.Parent[r] - n].Add(tree.Child[r]);
        return children;
    }

    private static IEnumerable<int> Descendants(List<int>[] children, int cluster, int n)
    {
        var stack = new Stack<int>(children[cluster - n]);
        while (stack.Count > 0)
        {
            int d = stack.Pop();
            yield return d;
            foreach (int g in children[d - n]) stack.Push(g);
        }
    }

    // scikit-learn's _epsilon_search: a cluster born below distance epsilon (λ above 1 / epsilon) is replaced by its
    // nearest ancestor born at or beyond epsilon, so no two clusters closer than epsilon stay apart.
    private static List<int> EpsilonSearch(CondensedTree tree, List<int>[] children, List<int> candidates, double epsilon, bool allowSingleCluster)
    {
        int n = tree.NPoints;
        var birth = tree.Births();
        var parentOf = tree.ClusterParents();
        var chosen = new List<int>();
        var processed = new HashSet<int>();
        foreach (int leaf in candidates)
        {
            double eps = 1 / birth[leaf - n];
            if (eps < epsilon)
            {
                if (processed.Contains(leaf)) continue;
                int up = TraverseUpwards(leaf);
                chosen.Add(up);
                foreach (int d in Descendants(children, up, n)) processed.Add(d);
            }
            else chosen.Add(leaf);
        }
        return chosen.Distinct().OrderBy(c => c).ToList();

        int TraverseUpwards(int c)
        {
            while (true)
            {
                int parent = parentOf[c - n];
                if (parent == n) return allowSingleCluster ? parent : c;
                if (1 / birth[parent - n] > epsilon) return parent;
                c = parent;
            }
        }
    }
}
