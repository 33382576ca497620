namespace Course.Clustering;

/// <summary>A fitted agglomerative clustering: the full merge tree and the flat labels of the requested cut.</summary>
public sealed class AgglomerativeClusteringModel : ISavedModel<AgglomerativeClusteringModel>, IClustering
{
    /// <summary>The full merge tree (cut it again at any k or height without refitting).</summary>
    public LinkageTree Tree { get; }
    /// <summary>Flat cluster of each row.</summary>
    public int[] Labels { get; }
    /// <summary>Number of flat clusters.</summary>
    public int NClusters => Labels.Length == 0 ? 0 : Labels.Max() + 1;

    internal AgglomerativeClusteringModel(LinkageTree tree, int[] labels) { Tree = tree; Labels = labels; }

    private const string Format = "course.agglomerative";
    private sealed record State(LinkageTree.State Tree, int[] Labels);

    /// <summary>The model as a <see cref="ModelFile"/> document: the merge tree and the labels.</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Tree.ToState(), Labels));

    /// <inheritdoc/>
    public static AgglomerativeClusteringModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        var tree = LinkageTree.FromState(s.Tree, Format);
        ModelFile.Check(s.Labels.Length == tree.N && s.Labels.All(l => l >= 0 && l < tree.N), Format, "one label in 0..n-1 per point");
        return new AgglomerativeClusteringModel(tree, s.Labels);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static AgglomerativeClusteringModel Load(string path) => ModelFile.Load<AgglomerativeClusteringModel>(path);
}
