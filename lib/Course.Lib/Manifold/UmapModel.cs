using Course.Neighbors;

namespace Course.Manifold;

/// <summary>A fitted UMAP: the embedding, the graph it was laid out from, and what <see cref="Transform"/> needs to
/// place new points in the same map.</summary>
public sealed class UmapModel : ISavedModel<UmapModel>, IEmbedding, ITransformer
{
    private readonly NeighborIndex index;

    /// <summary>The embedding of the training rows, n x components.</summary>
    public Matrix Embedding { get; }
    /// <summary>The fuzzy simplicial set (symmetric, n x n sparse).</summary>
    public SparseGraph Graph { get; }
    /// <summary>The fitted curve parameter a of 1 / (1 + a d^(2b)).</summary>
    public double A { get; }
    /// <summary>The fitted curve parameter b.</summary>
    public double B { get; }
    /// <summary>Epochs the layout ran.</summary>
    public int Epochs { get; }
    /// <summary>The hyperparameters used.</summary>
    public UmapOptions Options { get; }

    internal UmapModel(NeighborIndex index, Matrix embedding, SparseGraph graph, double a, double b, UmapOptions options, int epochs)
    {
        this.index = index; Embedding = embedding; Graph = graph; A = a; B = b; Options = options; Epochs = epochs;
    }

    /// <summary>Places new rows (m x d, the training width) in the fitted map, keeping the training embedding fixed
    /// (umap-learn's <c>transform</c>): each starts at the weighted mean of its k nearest training points' positions
    /// and is then optimised against them, with a third of the epochs (100 when they were the default) and a quarter
    /// of the learning rate.</summary>
    /// <exception cref="ArgumentException">x is null, empty, non-finite or of another width.</exception>
    public Matrix Transform(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, index.Dimensions, nameof(x));
        int m = x.Rows, dims = Embedding.Cols, k = Options.NNeighbors;
        var neighbors = index.KNeighbors(x, k);
        // A new point is not its own neighbour, so ρ = 0 (umap-learn lowers local connectivity by one here).
        var weights = FuzzySimplicialSet.Memberships(neighbors, localConnectivity: 0, skipsSelf: false);
        var y = new double[m * dims];
        for (int i = 0; i < m; i++)
        {
            double total = 0;
            for (int j = 0; j < k; j++) total += weights[i * k + j];
            var idx = neighbors.IndicesOf(i);
            for (int j = 0; j < k; j++)
            {
                double w = total > 0 ? weights[i * k + j] / total : 1.0 / k;
                for (int d = 0; d < dims; d++) y[i * dims + d] += w * Embedding[idx[j], d];
            }
        }
        int epochs = Options.Epochs is int e ? Math.Max(1, e / 3) : m <= 10_000 ? 100 : 30;
        var graph = new SparseGraph(m, Enumerable.Range(0, m + 1).Select(i => i * k).ToArray(), neighbors.Indices, weights);
        var (heads, tails, w2) = Umap.Edges(graph, epochs);
        var rng = Seed.Create(Options.Seed);
        new UmapLayout(A, B, Options.RepulsionStrength, Options.NegativeSampleRate)
            .Optimise(y, (double[])Embedding.Data.Clone(), dims, heads, tails, w2, Embedding.Rows, epochs, Options.LearningRate / 4,
                moveOther: false, Umap.NextSeed(rng));
        return new Matrix(m, dims, y);
    }

    private const string Format = "course.umap";
    private sealed record State(UmapOptions Options, Matrix Training, Matrix Embedding, int GraphCount, int[] GraphRowStart,
        int[] GraphColumns, double[] GraphValues, double A, double B, int Epochs);

    /// <summary>The model as a <see cref="ModelFile"/> document. <see cref="Transform"/> searches the training rows
    /// for neighbours, so the file holds them (n x d) besides the embedding and the graph; the options' callbacks
    /// (progress, snapshots) are not saved.</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Options, index.Points,
        Embedding, Graph.Count, Graph.RowStart, Graph.Columns, Graph.Values, A, B, Epochs));

    /// <inheritdoc/>
    public static UmapModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        int n = s.Training.Rows;
        ModelFile.Check(n > 0 && s.Training.Cols > 0 && s.Embedding.Rows == n && s.Embedding.Cols > 0, Format, "the embedding must have one row per training row");
        ModelFile.Check(s.GraphCount == n && s.GraphRowStart.Length == n + 1 && s.GraphRowStart[0] == 0 && s.GraphRowStart[n] == s.GraphColumns.Length
            && s.GraphValues.Length == s.GraphColumns.Length && s.GraphColumns.All(c => c >= 0 && c < n)
            && s.GraphRowStart.Zip(s.GraphRowStart.Skip(1)).All(p => p.First <= p.Second), Format, "the graph is not a valid n x n sparse matrix");
        ModelFile.Check(ModelFile.AllFinite(s.Training.Data) && ModelFile.AllFinite(s.Embedding.Data)
            && double.IsFinite(s.A) && double.IsFinite(s.B) && s.Epochs >= 1, Format, "non-finite rows, curve or epochs");
        ModelFile.Check(s.Options.NNeighbors >= 2 && s.Options.NNeighbors <= n && s.Options.NComponents == s.Embedding.Cols, Format, "options do not match the saved data");
        try { _ = new Umap(s.Options); } // the options pass the same checks as a new estimator's
        catch (ArgumentException e) { throw new FormatException($"corrupt '{Format}' model: {e.Message}", e); }
        return new UmapModel(NeighborIndex.Build(s.Training), s.Embedding, new SparseGraph(n, s.GraphRowStart, s.GraphColumns, s.GraphValues),
            s.A, s.B, s.Options, s.Epochs);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static UmapModel Load(string path) => ModelFile.Load<UmapModel>(path);
}
