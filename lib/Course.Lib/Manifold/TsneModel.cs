namespace Course.Manifold;

/// <summary>A fitted t-SNE embedding. t-SNE learns no mapping, so there is no <c>Transform</c> for new points (as in
/// scikit-learn); use <see cref="Umap"/> when new points must be placed.</summary>
public sealed class TsneModel
{
    /// <summary>The embedding, n x <see cref="TsneOptions.Components"/>.</summary>
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
}
