using Course.Decomposition;
using Course.Neighbors;

namespace Course.Manifold;

/// <summary>How t-SNE computes the repulsive part of its gradient.</summary>
public enum TsneMethod
{
    /// <summary><see cref="Exact"/> up to <see cref="TsneOptions.ExactMaxPoints"/> points, <see cref="BarnesHut"/> above.</summary>
    Auto,
    /// <summary>Every pair, O(n²) per iteration, over affinities from all n − 1 neighbours (scikit-learn's "exact").</summary>
    Exact,
    /// <summary>A quadtree summarises far cells by their centre of mass, O(n log n) per iteration, over affinities from
    /// the 3·perplexity nearest neighbours (van der Maaten, JMLR 2014); two output dimensions only.</summary>
    BarnesHut,
}

/// <summary>Where the embedding starts.</summary>
public enum TsneInit
{
    /// <summary>The first principal components, scaled so the first has standard deviation 1e-4 (scikit-learn's
    /// default since 1.2: the global layout starts right and runs are stable).</summary>
    Pca,
    /// <summary>Gaussian noise with standard deviation 1e-4 (the paper's choice).</summary>
    Random,
}

/// <summary>Hyperparameters of <see cref="Tsne"/>; the defaults are scikit-learn 1.5's <c>TSNE</c>.</summary>
public sealed record TsneOptions
{
    /// <summary>Output dimensions. Default 2.</summary>
    public int NComponents { get; init; } = 2;
    /// <summary>The effective number of neighbours each point's Gaussian spans, typically 5 to 50. Default 30.</summary>
    public double Perplexity { get; init; } = 30;
    /// <summary>Factor on the attractions during the first <see cref="ExplorationIterations"/> iterations, letting
    /// clusters form and move past each other. Default 12.</summary>
    public double EarlyExaggeration { get; init; } = 12;
    /// <summary>Gradient step; null means "auto" = max(n / early exaggeration / 4, 50) (Belkina et al. 2019). Default null.</summary>
    public double? LearningRate { get; init; }
    /// <summary>Total iterations, at least <see cref="ExplorationIterations"/>. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;
    /// <summary>Iterations with exaggeration and momentum 0.5; momentum 0.8 after. Default 250.</summary>
    public int ExplorationIterations { get; init; } = 250;
    /// <summary>Stop after this many iterations without a lower KL divergence (checked every 50). Default 300.</summary>
    public int IterationsWithoutProgress { get; init; } = 300;
    /// <summary>Stop once the gradient's norm falls below this. Default 1e-7.</summary>
    public double MinGradientNorm { get; init; } = 1e-7;
    /// <summary>Barnes-Hut's θ: a cell is summarised when its width / distance &lt; θ. 0 is exact; default 0.5.</summary>
    public double Angle { get; init; } = 0.5;
    /// <summary>Gradient method. Default <see cref="TsneMethod.Auto"/>.</summary>
    public TsneMethod Method { get; init; } = TsneMethod.Auto;
    /// <summary>Initial embedding. Default <see cref="TsneInit.Pca"/>.</summary>
    public TsneInit Init { get; init; } = TsneInit.Pca;
    /// <summary>Seed of the random initialisation and of PCA's randomised solver. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;

    /// <summary>Largest n for which <see cref="TsneMethod.Auto"/> picks the exact gradient.</summary>
    public const int ExactMaxPoints = 500;
}

/// <summary>
/// t-distributed Stochastic Neighbor Embedding (van der Maaten and Hinton, "Visualizing data using t-SNE", JMLR 2008;
/// Barnes-Hut: van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 2014). Each point's neighbours
/// get Gaussian probabilities calibrated to a perplexity, symmetrised into P; the embedding places points so that
/// Student-t similarities Q match P, by gradient descent on KL(P ‖ Q). The schedule is scikit-learn's: early
/// exaggeration 12 with momentum 0.5 for 250 iterations, then momentum 0.8; per-coordinate gains (Jacobs 1988);
/// learning rate "auto"; PCA initialisation.
/// </summary>
/// <example><code>var y = new Tsne(new TsneOptions { Perplexity = 30 }).Fit(x).Embedding; // n x 2</code></example>
public sealed class Tsne : IEstimator<TsneOptions, TsneModel>
{
    private const double MinGain = 0.01;
    private const int CheckEvery = 50;

    /// <summary>The hyperparameters.</summary>
    public TsneOptions Options { get; }

    /// <summary>
    /// The exact gradient of KL(P ‖ Q) for a whole map, ∂KL/∂yᵢ = 4 Σⱼ (pᵢⱼ − qᵢⱼ) wᵢⱼ (yᵢ − yⱼ) with
    /// wᵢⱼ = (1 + ‖yᵢ − yⱼ‖²)⁻¹ and qᵢⱼ = wᵢⱼ / Σ_{k≠l} w_kl: what <see cref="Fit(Matrix, FitObserver?)"/> computes
    /// each step, for dense P (a lesson's own loop, and the reference a check compares with).
    /// </summary>
    /// <param name="p">Joint probabilities, n x n, non-negative (the diagonal is ignored).</param>
    /// <param name="y">The map, n x dims, one point per row.</param>
    /// <returns>The n x dims gradient.</returns>
    /// <exception cref="ArgumentException">Either is null, empty, not finite, p is not n x n, or p has a negative entry.</exception>
    public static Matrix Gradient(Matrix p, Matrix y)
    {
        Guard.Data(p, nameof(p));
        Guard.Data(y, nameof(y));
        if (p.Rows != y.Rows || p.Cols != y.Rows)
            throw new ArgumentException($"p must be n x n for the map's n = {y.Rows} points; it is {p.Rows} x {p.Cols}.", nameof(p));
        if (p.Data.Any(v => v < 0)) throw new ArgumentException("p holds probabilities: no entry may be negative.", nameof(p));
        AlgorithmUse.Report("Tsne.Gradient");
        int n = y.Rows;
        var rowStart = new int[n + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                if (i != j && p[i, j] != 0) { columns.Add(j); values.Add(p[i, j]); }
            rowStart[i + 1] = columns.Count;
        }
        var graph = new SparseGraph(n, rowStart, [.. columns], [.. values]);
        var gradient = new double[n * y.Cols];
        new TsneGradient(graph, n, y.Cols, theta: 0, barnesHut: false).Compute((double[])y.Data.Clone(), gradient, exaggeration: 1, computeKl: false);
        return new Matrix(n, y.Cols, gradient);
    }

    /// <summary>Creates a t-SNE with <paramref name="options"/> (scikit-learn's defaults when null).</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range.</exception>
    public Tsne(TsneOptions? options = null)
    {
        var o = options ?? new TsneOptions();
        Guard.InRange(o.NComponents, 1, 64, nameof(o.NComponents));
        Guard.Positive(o.Perplexity, nameof(o.Perplexity));
        if (!(o.EarlyExaggeration >= 1)) throw new ArgumentOutOfRangeException(nameof(o.EarlyExaggeration), o.EarlyExaggeration, "EarlyExaggeration must be at least 1.");
        if (o.LearningRate is double lr) Guard.Positive(lr, nameof(o.LearningRate));
        Guard.InRange(o.ExplorationIterations, 0, int.MaxValue, nameof(o.ExplorationIterations));
        if (o.MaxIterations < Math.Max(1, o.ExplorationIterations)) throw new ArgumentOutOfRangeException(nameof(o.MaxIterations), o.MaxIterations, $"MaxIterations must be at least ExplorationIterations ({o.ExplorationIterations}) and 1.");
        Guard.InRange(o.IterationsWithoutProgress, 1, int.MaxValue, nameof(o.IterationsWithoutProgress));
        Guard.NonNegative(o.MinGradientNorm, nameof(o.MinGradientNorm));
        if (!(o.Angle >= 0 && o.Angle <= 1)) throw new ArgumentOutOfRangeException(nameof(o.Angle), o.Angle, "Angle must be in [0, 1]: beyond 1 a cell containing the point itself could be summarised.");
        if (o.Method == TsneMethod.BarnesHut && o.NComponents != 2) throw new ArgumentException($"Barnes-Hut needs NComponents = 2 (a quadtree), not {o.NComponents}; use TsneMethod.Exact.", nameof(o.NComponents));
        Guard.Defined(o.Method, nameof(o.Method));
        Guard.Defined(o.Init, nameof(o.Init));
        Options = o;
    }

    /// <summary>Embeds the rows of <paramref name="x"/> (n x d, finite; n > perplexity). <paramref name="observer"/> hears
    /// every iteration (the KL divergence when it is computed, every 50 iterations, else NaN) and gets snapshots of the
    /// layout (n x components).</summary>
    /// <returns>The embedding (n x components) with its final KL divergence.</returns>
    /// <exception cref="ArgumentException">x is null, empty or non-finite, or has too few rows for the perplexity (the
    /// constructor refuses Barnes-Hut with other than 2 components).</exception>
    public TsneModel Fit(Matrix x, FitObserver? observer = null)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        FitObserver.Validate(observer);
        var o = Options;
        int n = x.Rows, dims = o.NComponents;
        if (o.Perplexity >= n) throw new ArgumentOutOfRangeException(nameof(o.Perplexity), o.Perplexity, $"Perplexity must be below the number of points ({n}).");
        var method = o.Method != TsneMethod.Auto ? o.Method
            : n <= TsneOptions.ExactMaxPoints || dims != 2 ? TsneMethod.Exact : TsneMethod.BarnesHut;
        var p = JointProbabilities(x, o.Perplexity, method);
        double learningRate = o.LearningRate ?? Math.Max(n / o.EarlyExaggeration / 4, 50);
        var y = Initial(x, n, dims);
        var gradient = new TsneGradient(p, n, dims, o.Angle, method == TsneMethod.BarnesHut);
        var history = new List<(int, double)>();
        var (kl, it) = Descend(gradient, y, learningRate, 0, o.ExplorationIterations, o.EarlyExaggeration, 0.5, o.ExplorationIterations, history, observer);
        if (it < o.ExplorationIterations || o.MaxIterations > o.ExplorationIterations)
            (kl, it) = Descend(gradient, y, learningRate, o.ExplorationIterations, o.MaxIterations, 1, 0.8, o.IterationsWithoutProgress, history, observer);
        return new TsneModel(new Matrix(n, dims, y), kl, it, method, learningRate, history);
    }

    /// <summary>The symmetric joint probabilities pᵢⱼ = (p(j|i) + p(i|j)) / Σ over each point's neighbours: all
    /// n − 1 for the exact method, the 3·perplexity + 1 nearest for Barnes-Hut (further ones get ~0 anyway).</summary>
    internal static SparseGraph JointProbabilities(Matrix x, double perplexity, TsneMethod method)
    {
        int n = x.Rows;
        int k = method == TsneMethod.Exact ? n - 1 : Perplexity.NeighborCount(n, perplexity);
        var neighbors = NeighborIndex.Build(x).KNeighbors(k);
        var conditional = Perplexity.Calibrate(neighbors, perplexity);
        var joint = SparseGraph.FromNeighbors(neighbors, conditional.P).Symmetrise(static (a, b) => a + b);
        return joint.Scale(1 / Math.Max(joint.Sum(), double.Epsilon));
    }

    private double[] Initial(Matrix x, int n, int dims)
    {
        var y = new double[n * dims];
        var pcs = Options.Init == TsneInit.Random || x.Cols < dims ? null
            : new Pca(new PcaOptions { NComponents = dims, Seed = Options.Seed }).Fit(x).Transform(x);
        // No spread along the first component (all rows identical) leaves nothing to scale: start from noise, so the
        // points can separate instead of sitting on one spot where every gradient cancels.
        if (pcs is null || !(pcs.Column(0).Max() > pcs.Column(0).Min()))
        {
            var rng = Seed.Create(Options.Seed);
            for (int i = 0; i < y.Length; i++) y[i] = 1e-4 * rng.NextGaussian();
            return y;
        }
        // scikit-learn scales so the first coordinate has standard deviation 1e-4: the start is small enough that
        // early exaggeration, not the PCA spread, sets the first layout.
        double mean = 0, ss = 0;
        for (int i = 0; i < n; i++) mean += pcs[i, 0];
        mean /= n;
        for (int i = 0; i < n; i++) ss += (pcs[i, 0] - mean) * (pcs[i, 0] - mean);
        double scale = 1e-4 / Math.Sqrt(ss / n);
        for (int i = 0; i < y.Length; i++) y[i] = pcs.Data[i] * scale;
        return y;
    }

    /// <summary>scikit-learn's <c>_gradient_descent</c>: momentum with per-coordinate gains, KL checked every 50
    /// iterations, stopping early when it has not improved for <paramref name="patience"/> iterations or the gradient
    /// vanishes. Gains and momentum buffer restart with each phase, as there.</summary>
    private (double Kl, int Iteration) Descend(TsneGradient gradient, double[] y, double learningRate, int start, int end,
        double exaggeration, double momentum, int patience, List<(int, double)> history, FitObserver? observer)
    {
        var o = Options;
        var update = new double[y.Length];
        var gains = new double[y.Length];
        Array.Fill(gains, 1.0);
        var grad = new double[y.Length];
        double kl = double.NaN, best = double.MaxValue;
        int bestIteration = start, i = start;
        for (; i < end; i++)
        {
            bool check = (i + 1) % CheckEvery == 0 || i == end - 1;
            kl = gradient.Compute(y, grad, exaggeration, check);
            double norm2 = 0;
            for (int c = 0; c < y.Length; c++)
            {
                double g = grad[c];
                gains[c] = update[c] * g < 0 ? gains[c] + 0.2 : Math.Max(gains[c] * 0.8, MinGain);
                g *= gains[c];
                update[c] = momentum * update[c] - learningRate * g;
                y[c] += update[c];
                norm2 += g * g;
            }
            observer?.Report(i + 1, o.MaxIterations, kl, "t-SNE");
            if (observer?.WantsSnapshot(i + 1) == true) observer.Snapshot!(i + 1, new Matrix(y.Length / o.NComponents, o.NComponents, (double[])y.Clone()));
            if (check)
            {
                if (!double.IsFinite(kl)) throw new InvalidOperationException($"t-SNE diverged at iteration {i + 1} (KL {kl}); lower the learning rate.");
                history.Add((i + 1, kl));
                if (kl < best) { best = kl; bestIteration = i; }
                else if (i - bestIteration > patience) break;
                if (Math.Sqrt(norm2) <= o.MinGradientNorm) break;
            }
        }
        return (kl, Math.Min(i + 1, end));
    }
}
