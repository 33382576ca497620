namespace Course.Clustering;

/// <summary>A fitted <see cref="Hdbscan"/>: flat labels and their confidence, outlier scores, and every intermediate
/// structure (core distances, spanning tree, single-linkage tree, condensed tree) for plotting and teaching.</summary>
public sealed class HdbscanModel : ISavedModel<HdbscanModel>, IClustering
{
    /// <summary>Cluster of each row, 0..NClusters-1 (numbered by cluster id in the condensed tree), or -1 for noise.</summary>
    public int[] Labels { get; }
    /// <summary>Strength of each point's membership in its cluster, in [0, 1] (1 in the cluster's densest part); 0 for noise.</summary>
    public double[] Probabilities { get; }
    /// <summary>GLOSH outlier score of each point in [0, 1]: higher is more anomalous, whatever its label.</summary>
    public double[] OutlierScores { get; }
    /// <summary>The condensed tree the clusters were selected from.</summary>
    public CondensedTree CondensedTree { get; }
    /// <summary>Ids (in <see cref="CondensedTree"/>) of the selected clusters; label i is cluster <c>SelectedClusters[i]</c>.</summary>
    public int[] SelectedClusters { get; }
    /// <summary>The single-linkage tree of the mutual reachability distance (scipy convention).</summary>
    public LinkageTree SingleLinkageTree { get; }
    /// <summary>The minimum spanning tree of the mutual reachability distance, in the order Prim's algorithm built it.</summary>
    public SpanningTree MinimumSpanningTree { get; }
    /// <summary>Each point's core distance (to its MinSamples-th nearest neighbour, itself included).</summary>
    public double[] CoreDistances { get; }
    /// <summary>Number of clusters (noise excluded).</summary>
    public int NClusters => SelectedClusters.Length;
    /// <summary>Number of points labelled noise.</summary>
    public int NoiseCount => Labels.Count(l => l < 0);

    internal HdbscanModel(int[] labels, double[] probabilities, double[] outlierScores, CondensedTree condensedTree,
        int[] selectedClusters, LinkageTree singleLinkageTree, SpanningTree minimumSpanningTree, double[] coreDistances)
    {
        Labels = labels; Probabilities = probabilities; OutlierScores = outlierScores; CondensedTree = condensedTree;
        SelectedClusters = selectedClusters; SingleLinkageTree = singleLinkageTree; MinimumSpanningTree = minimumSpanningTree;
        CoreDistances = coreDistances;
    }

    /// <summary>Stability of each selected cluster, in label order: how long (in λ) its points stay together.</summary>
    public double[] ClusterStabilities()
    {
        var s = CondensedTree.Stabilities();
        return SelectedClusters.Select(c => s[c - CondensedTree.NPoints]).ToArray();
    }

    private const string Format = "course.hdbscan";
    private sealed record State(int[] Labels, double[] Probabilities, double[] OutlierScores, CondensedTree.State CondensedTree,
        int[] SelectedClusters, LinkageTree.State SingleLinkageTree, SpanningTree MinimumSpanningTree, double[] CoreDistances);

    /// <summary>The model as a <see cref="ModelFile"/> document: labels, probabilities, outlier scores and every tree
    /// (HDBSCAN places no new points, so this is the whole result, for plotting and inspection elsewhere).</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Labels, Probabilities, OutlierScores, CondensedTree.ToState(),
        SelectedClusters, SingleLinkageTree.ToState(), MinimumSpanningTree, CoreDistances));

    /// <inheritdoc/>
    public static HdbscanModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        var condensed = CondensedTree.FromState(s.CondensedTree, Format);
        var linkage = LinkageTree.FromState(s.SingleLinkageTree, Format);
        int n = s.Labels.Length, k = s.SelectedClusters.Length;
        ModelFile.Check(n == condensed.NPoints && n == linkage.N, Format, "the trees and the labels cover different numbers of points");
        ModelFile.Check(s.Probabilities.Length == n && s.OutlierScores.Length == n && s.CoreDistances.Length == n, Format, "one probability, outlier score and core distance per point");
        ModelFile.Check(s.Labels.All(l => l >= -1 && l < k) && s.SelectedClusters.All(c => c >= n && c < n + condensed.ClusterCount), Format, "labels or selected clusters out of range");
        var mst = s.MinimumSpanningTree;
        ModelFile.Check(mst.From.Length == n - 1 && mst.To.Length == n - 1 && mst.Weight.Length == n - 1
            && mst.From.Concat(mst.To).All(i => i >= 0 && i < n), Format, "the spanning tree must have n - 1 edges between points");
        return new HdbscanModel(s.Labels, s.Probabilities, s.OutlierScores, condensed, s.SelectedClusters, linkage, mst, s.CoreDistances);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static HdbscanModel Load(string path) => ModelFile.Load<HdbscanModel>(path);
}
