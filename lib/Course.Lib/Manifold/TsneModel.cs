namespace Course.Manifold;

/// <summary>A fitted t-SNE embedding. t-SNE learns no mapping, so there is no <c>Transform</c> for new points (as in
/// scikit-learn); use <see cref="Umap"/> when new points must be placed.</summary>
public sealed class TsneModel : ISavedModel<TsneModel>, IEmbedding
{
    /// <summary>The embedding, n x <see cref="TsneOptions.NComponents"/>.</summary>
    public Matrix Embedding { get; }
    /// <summary>KL(P ‖ Q) at the end, in nats: what t-SNE minimised (comparable between runs on the same data and
    /// perplexity only).</summary>
    public double KlDivergence { get; }
    /// <summary>Iterations run (fewer than the maximum when progress stalled).</summary>
    public int Iterations { get; }
    /// <summary>The gradient method used.</summary>
    public TsneMethod Method { get; }
    /// <summary>The learning rate used (resolved from "auto").</summary>
    public double LearningRate { get; }
    /// <summary>KL divergence at each check (every 50 iterations), for a convergence chart: (iteration, KL).</summary>
    public IReadOnlyList<(int Iteration, double Kl)> KlHistory { get; }

    internal TsneModel(Matrix embedding, double kl, int iterations, TsneMethod method, double learningRate, IReadOnlyList<(int, double)> history)
    {
        Embedding = embedding; KlDivergence = kl; Iterations = iterations; Method = method; LearningRate = learningRate; KlHistory = history;
    }

    private const string Format = "course.tsne";
    private sealed record State(Matrix Embedding, double KlDivergence, int Iterations, TsneMethod Method, double LearningRate,
        int[] HistoryIterations, double[] HistoryKl);

    /// <summary>The model as a <see cref="ModelFile"/> document: the embedding and how the run went.</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Embedding, KlDivergence, Iterations, Method, LearningRate,
        KlHistory.Select(h => h.Iteration).ToArray(), KlHistory.Select(h => h.Kl).ToArray()));

    /// <inheritdoc/>
    public static TsneModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        ModelFile.Check(s.Embedding.Rows > 0 && s.Embedding.Cols > 0 && ModelFile.AllFinite(s.Embedding.Data), Format, "empty or non-finite embedding");
        ModelFile.Check(s.HistoryIterations.Length == s.HistoryKl.Length && Enum.IsDefined(s.Method), Format, "KL history columns of unequal length, or unknown method");
        return new TsneModel(s.Embedding, s.KlDivergence, s.Iterations, s.Method, s.LearningRate,
            s.HistoryIterations.Zip(s.HistoryKl).ToList());
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static TsneModel Load(string path) => ModelFile.Load<TsneModel>(path);
}
