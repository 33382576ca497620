using Course.Neighbors;

namespace Course.Manifold;

/// <summary>Where UMAP's layout starts.</summary>
public enum UmapInit
{
    /// <summary>The graph Laplacian's leading non-trivial eigenvectors (umap-learn's default): related clusters start near each other.</summary>
    Spectral,
    /// <summary>Uniform in [−10, 10]².</summary>
    Random,
}

/// <summary>Hyperparameters of <see cref="Umap"/>; the defaults are umap-learn 0.5's.</summary>
public sealed record UmapOptions
{
    /// <summary>Neighbours per point (the point itself counted, as umap-learn does): small values keep local detail,
    /// large ones the global shape. Default 15.</summary>
    public int NNeighbors { get; init; } = 15;
    /// <summary>Output dimensions. Default 2.</summary>
    public int NComponents { get; init; } = 2;
    /// <summary>How tightly points may pack: the distance below which the target similarity is 1. Default 0.1.</summary>
    public double MinDist { get; init; } = 0.1;
    /// <summary>The scale over which the target similarity decays past <see cref="MinDist"/>. Default 1.</summary>
    public double Spread { get; init; } = 1.0;
    /// <summary>Repulsive (negative) samples per attractive one. Default 5.</summary>
    public int NegativeSampleRate { get; init; } = 5;
    /// <summary>Epochs of the layout; null means 500 up to 10,000 points and 200 above. Default null.</summary>
    public int? Epochs { get; init; }
    /// <summary>Initial SGD step, decayed linearly to 0. Default 1.</summary>
    public double LearningRate { get; init; } = 1.0;
    /// <summary>Weight of the repulsion (γ). Default 1.</summary>
    public double RepulsionStrength { get; init; } = 1.0;
    /// <summary>Starting layout. Default <see cref="UmapInit.Spectral"/>.</summary>
    public UmapInit Init { get; init; } = UmapInit.Spectral;
    /// <summary>Seed of the initial noise and the negative sampling; a seeded run is reproducible. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
}

/// <summary>
/// Uniform Manifold Approximation and Projection (McInnes, Healy and Melville, 2018), as umap-learn 0.5 runs it:
/// exact k nearest neighbours from the shared <see cref="NeighborIndex"/> (umap-learn approximates them with
/// NN-descent above 4,096 points), the fuzzy simplicial set (<see cref="FuzzySimplicialSet"/>), a spectral
/// initialisation scaled to [0, 10], and SGD with negative sampling on the fuzzy cross-entropy, with the low-dimensional
/// similarity 1 / (1 + a d^(2b)) fitted from min_dist and spread (<see cref="UmapCurve"/>).
/// </summary>
/// <example><code>var model = new Umap(new UmapOptions { NNeighbors = 15, MinDist = 0.1 }).Fit(x);
/// var y = model.Embedding;            // n x 2
/// var yNew = model.Transform(xNew);   // places new points in the same map</code></example>
public sealed class Umap : IEstimator<UmapOptions, UmapModel>
{
    /// <summary>The hyperparameters.</summary>
    public UmapOptions Options { get; }

    /// <summary>Creates a UMAP with <paramref name="options"/> (umap-learn's defaults when null).</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range.</exception>
    public Umap(UmapOptions? options = null)
    {
        var o = options ?? new UmapOptions();
        Guard.InRange(o.NNeighbors, 2, int.MaxValue, nameof(o.NNeighbors));
        Guard.InRange(o.NComponents, 1, 64, nameof(o.NComponents));
        Guard.Positive(o.Spread, nameof(o.Spread));
        Guard.NonNegative(o.MinDist, nameof(o.MinDist));
        if (o.MinDist >= o.Spread) throw new ArgumentOutOfRangeException(nameof(o.MinDist), o.MinDist, $"MinDist must be below Spread ({o.Spread}).");
        Guard.InRange(o.NegativeSampleRate, 0, int.MaxValue, nameof(o.NegativeSampleRate));
        if (o.Epochs is int epochs) Guard.InRange(epochs, 1, int.MaxValue, nameof(o.Epochs));
        Guard.Positive(o.LearningRate, nameof(o.LearningRate));
        Guard.NonNegative(o.RepulsionStrength, nameof(o.RepulsionStrength));
        Guard.Defined(o.Init, nameof(o.Init));
        Options = o;
    }

    /// <summary>Embeds the rows of <paramref name="x"/> (n x d, finite, n ≥ NNeighbors, the point itself counted).
    /// <paramref name="observer"/> hears every epoch (metric: the learning rate) and gets snapshots of the layout
    /// (n x components), the last epoch's included.</summary>
    /// <exception cref="ArgumentException">x is null, empty or non-finite, or has fewer rows than NNeighbors.</exception>
    public UmapModel Fit(Matrix x, FitObserver? observer = null)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        FitObserver.Validate(observer);
        var o = Options;
        int n = x.Rows, dims = o.NComponents;
        if (o.NNeighbors > n) throw new ArgumentOutOfRangeException(nameof(o.NNeighbors), o.NNeighbors, $"NNeighbors (the point itself included) must be at most the number of points ({n}).");
        var index = NeighborIndex.Build(x);
        var graph = FuzzySimplicialSet.Build(index.KNeighbors(o.NNeighbors, includeSelf: true));
        int epochs = o.Epochs ?? (n <= 10_000 ? 500 : 200);
        var (a, b) = UmapCurve.Fit(o.MinDist, o.Spread);
        var rng = Seed.Create(o.Seed);
        var y = o.Init == UmapInit.Spectral && n > dims + 1 ? Spectral(graph, dims, rng) : RandomStart(n, dims, rng);
        var (heads, tails, weights) = Edges(graph, epochs);
        var progress = Reporter(observer, epochs, y, dims);
        new UmapLayout(a, b, o.RepulsionStrength, o.NegativeSampleRate)
            .Optimise(y, y, dims, heads, tails, weights, n, epochs, o.LearningRate, moveOther: true, NextSeed(rng), progress);
        return new UmapModel(index, new Matrix(n, dims, y), graph, a, b, o, epochs);
    }

    /// <summary>The edges to sample: weights below max / epochs would never be sampled, so they are dropped
    /// (umap-learn's pruning).</summary>
    internal static (int[] Heads, int[] Tails, double[] Weights) Edges(SparseGraph graph, int epochs)
    {
        double max = 0;
        foreach (double v in graph.Values) max = Math.Max(max, v);
        var heads = new List<int>(graph.EdgeCount); var tails = new List<int>(graph.EdgeCount); var weights = new List<double>(graph.EdgeCount);
        for (int i = 0; i < graph.Count; i++)
            for (int e = graph.RowStart[i]; e < graph.RowStart[i + 1]; e++)
            {
                if (graph.Values[e] < max / epochs) continue;
                heads.Add(i); tails.Add(graph.Columns[e]); weights.Add(graph.Values[e]);
            }
        return ([.. heads], [.. tails], [.. weights]);
    }

    internal static ulong NextSeed(Random rng) => (ulong)rng.NextInt64() | 1;

    private static Action<int, double>? Reporter(FitObserver? observer, int epochs, double[] y, int dims)
    {
        if (observer is null) return null;
        return (epoch, alpha) =>
        {
            observer.Report(epoch, epochs, alpha, "UMAP");
            if (observer.WantsSnapshot(epoch) || (observer.Snapshot is not null && epoch == epochs))
                observer.Snapshot!(epoch, new Matrix(y.Length / dims, dims, (double[])y.Clone()));
        };
    }

    /// <summary>umap-learn's spectral start: eigenvectors scaled so the largest coordinate is 10, a little noise
    /// (σ = 1e-4) to split exact ties, then each axis rescaled to [0, 10].</summary>
    private static double[] Spectral(SparseGraph graph, int dims, Random rng)
    {
        var y = SpectralLayout.Embed(graph, dims, rng);
        double max = 0;
        foreach (double v in y) max = Math.Max(max, Math.Abs(v));
        double expansion = max > 0 ? 10 / max : 1;
        for (int i = 0; i < y.Length; i++) y[i] = y[i] * expansion + 1e-4 * rng.NextGaussian();
        int n = y.Length / dims;
        for (int d = 0; d < dims; d++)
        {
            double lo = double.MaxValue, hi = double.MinValue;
            for (int i = 0; i < n; i++) { lo = Math.Min(lo, y[i * dims + d]); hi = Math.Max(hi, y[i * dims + d]); }
            double span = hi > lo ? hi - lo : 1;
            for (int i = 0; i < n; i++) y[i * dims + d] = 10 * (y[i * dims + d] - lo) / span;
        }
        return y;
    }

    private static double[] RandomStart(int n, int dims, Random rng)
    {
        var y = new double[n * dims];
        for (int i = 0; i < y.Length; i++) y[i] = rng.NextDouble() * 20 - 10;
        return y;
    }
}
