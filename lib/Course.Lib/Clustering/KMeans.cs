using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Clustering;

/// <summary>How K-means chooses its starting centroids.</summary>
public enum KMeansInit
{
    /// <summary>Greedy k-means++ (Arthur and Vassilvitskii 2007) with 2 + ln k candidates per centre, as scikit-learn.</summary>
    KMeansPlusPlus,
    /// <summary>k distinct rows drawn uniformly at random (Forgy).</summary>
    Random,
}

/// <summary>Hyperparameters of <see cref="KMeans"/>; the defaults are scikit-learn's (with <c>n_init="auto"</c>, the
/// default since scikit-learn 1.4).</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k (1 ≤ k ≤ n; scikit-learn's <c>n_clusters</c>). Default 8, as scikit-learn.</summary>
    public int NClusters { get; init; } = 8;
    /// <summary>Seeding method. Default k-means++.</summary>
    public KMeansInit Init { get; init; } = KMeansInit.KMeansPlusPlus;
    /// <summary>Explicit starting centroids (k x d). When set, <see cref="Init"/> is ignored and one run is made.</summary>
    public Matrix? InitialCentroids { get; init; }
    /// <summary>Independent restarts; the run with the lowest inertia wins. Null is scikit-learn's "auto": 1 for
    /// k-means++, 10 for random seeding.</summary>
    public int? NInit { get; init; }
    /// <summary>Maximum Lloyd iterations per run. Default 300.</summary>
    public int MaxIterations { get; init; } = 300;
    /// <summary>Convergence tolerance, relative to the data's mean per-feature variance: a run stops when the squared
    /// centroid shift summed over centroids falls to <c>Tolerance * mean(var(X))</c> or below. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;
    /// <summary>Seed for the initialisation; null draws a fresh one. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
    /// <summary>Keep the centroids after every iteration (in <see cref="KMeansModel.History"/>), for plotting.</summary>
    public bool RecordHistory { get; init; }
}

/// <summary>
/// K-means clustering by Lloyd's algorithm: alternate assigning each point to its nearest centroid and moving each
/// centroid to the mean of its points, which never increases the inertia <c>sum_i min_j |x_i - c_j|^2</c>.
/// Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982; seeding per
/// <see cref="KMeansPlusPlus"/>. The API and defaults follow scikit-learn's <c>KMeans(algorithm="lloyd")</c>.
/// </summary>
/// <example><code>
/// var model = new KMeans(new KMeansOptions { NClusters = 3, Seed = 0 }).Fit(x);
/// int[] labels = model.Labels;          // n cluster indices
/// int[] next = model.Predict(newRows);  // nearest centroid for new data
/// </code></example>
/// <remarks>Converges to a local optimum that depends on the seeding; use <see cref="KMeansOptions.NInit"/> restarts
/// to lower the risk. Assumes roughly spherical clusters of similar spread (lesson 01 shows where that fails).</remarks>
public sealed class KMeans : IEstimator<KMeansOptions, KMeansModel>
{
    /// <summary>The hyperparameters this estimator fits with.</summary>
    public KMeansOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    public KMeans(KMeansOptions? options = null)
    {
        Options = options ?? new KMeansOptions();
        var o = Options;
        Guard.InRange(o.NClusters, 1, int.MaxValue, nameof(o.NClusters));
        Guard.InRange(o.MaxIterations, 1, int.MaxValue, nameof(o.MaxIterations));
        if (o.NInit is int nInit) Guard.InRange(nInit, 1, int.MaxValue, nameof(o.NInit));
        Guard.NonNegative(o.Tolerance, nameof(o.Tolerance));
        Guard.Defined(o.Init, nameof(o.Init));
    }

    /// <summary>Shorthand for <c>new KMeans(new KMeansOptions { NClusters = nClusters, Seed = seed })</c>.</summary>
    public KMeans(int nClusters, int? seed = Course.Seed.Default) : this(new KMeansOptions { NClusters = nClusters, Seed = seed }) { }

    /// <summary>Clusters the rows of <paramref name="x"/> (n x d); <paramref name="observer"/> hears each Lloyd
    /// iteration's inertia.</summary>
    /// <exception cref="ArgumentException">x is null, empty, holds NaN/infinity, NClusters exceeds n, or the initial centroids
    /// do not match x's width.</exception>
    public KMeansModel Fit(Matrix x, FitObserver? observer = null)
    {
        AlgorithmUse.Report("KMeans");
        Guard.Data(x, nameof(x));
        FitObserver.Validate(observer);
        int k = Options.NClusters;
        if (k > x.Rows) throw new ArgumentException($"NClusters = {k} clusters need at least {k} rows, but x has {x.Rows}.", nameof(x));
        if (Options.InitialCentroids is { } init)
        {
            Guard.Data(init, "InitialCentroids");
            Guard.Columns(init, x.Cols, "InitialCentroids", "x");
            if (init.Rows != k) throw new ArgumentException($"InitialCentroids has {init.Rows} rows but NClusters = {k}.", "InitialCentroids");
        }

        var rng = Course.Seed.Create(Options.Seed);
        // Lloyd runs on centred data, as scikit-learn does: the distance expansion |x|^2 - 2 x.c + |c|^2 loses every
        // digit when all points share a large offset (timestamps, projected coordinates), and centring removes it.
        var mean = x.ColumnMeans();
        var xc = x.SubtractFromRows(mean);
        var xNorms = Distance.RowSquaredNorms(xc);
        double tol = Options.Tolerance * xNorms.Sum() / ((double)x.Rows * x.Cols); // tol x mean per-feature variance
        int runs = Options.InitialCentroids is not null ? 1 : Options.NInit ?? (Options.Init == KMeansInit.KMeansPlusPlus ? 1 : 10);
        KMeansModel? best = null;
        for (int r = 0; r < runs; r++)
        {
            Matrix start = Options.InitialCentroids is { } given ? given.SubtractFromRows(mean) : Options.Init == KMeansInit.KMeansPlusPlus
                ? KMeansPlusPlus.Seed(xc, k, rng).Centers
                : xc.SelectRows(DistinctIndices(x.Rows, k, rng));
            var model = Lloyd(xc, xNorms, start, tol, runs > 1 ? $"k-means run {r + 1}/{runs}" : "k-means", observer);
            if (best is null || model.Inertia < best.Inertia) best = model;
        }
        return new KMeansModel(best!.Centroids.AddToRows(mean), best.Labels, best.Inertia, best.Iterations, best.Converged,
            best.History?.Select(h => h.AddToRows(mean)).ToList());
    }

    private KMeansModel Lloyd(Matrix x, double[] xNorms, Matrix centers, double tol, string label, FitObserver? observer)
    {
        int n = x.Rows, k = centers.Rows, d = x.Cols;
        var labels = new int[n];
        var minDist = new double[n];
        var sums = new Matrix(k, d);
        var counts = new long[k];
        var history = Options.RecordHistory ? new List<Matrix> { centers.Clone() } : null;
        int iteration = 0;
        bool converged = false;
        int[]? previous = null;
        while (iteration < Options.MaxIterations)
        {
            iteration++;
            double inertia = LloydKernel.Assign(x, xNorms, centers, labels, minDist, sums, counts);
            observer?.Report(iteration, Options.MaxIterations, inertia, label);
            if (previous is not null && labels.AsSpan().SequenceEqual(previous))
            {
                converged = true; // strict convergence: the assignment is a fixed point
                break;
            }
            previous = (int[])labels.Clone();
            RelocateEmptyClusters(x, labels, minDist, sums, counts);
            double shift = 0;
            for (int j = 0; j < k; j++)
            {
                if (counts[j] == 0) continue; // only if a relocation emptied its donor; keep the centre where it was
                var c = centers.Row(j);
                var mean = sums.Row(j);
                TensorPrimitives.Multiply(mean, 1.0 / counts[j], mean);
                shift += Distance.Squared(c, mean);
                mean.CopyTo(c);
            }
            history?.Add(centers.Clone());
            if (shift <= tol) { converged = true; break; }
        }
        // Labels must match the final centroids (the update above moved them after the last assignment).
        double finalInertia = LloydKernel.Assign(x, xNorms, centers, labels, null, null, null);
        return new KMeansModel(centers, labels, finalInertia, iteration, converged, history);
    }

    /// <summary>
    /// Gives each empty cluster one of the points farthest from their centres, distinct points for distinct clusters,
    /// and takes that point out of its donor's sum, as scikit-learn's <c>_relocate_empty_clusters_dense</c> does.
    /// </summary>
    private static void RelocateEmptyClusters(Matrix x, int[] labels, double[] minDist, Matrix sums, long[] counts)
    {
        var empty = Enumerable.Range(0, counts.Length).Where(j => counts[j] == 0).ToList();
        if (empty.Count == 0) return;
        var far = Enumerable.Range(0, x.Rows).OrderByDescending(i => minDist[i]).Take(empty.Count).ToList();
        for (int e = 0; e < empty.Count; e++)
        {
            int p = far[e], donor = labels[p];
            TensorPrimitives.Subtract(sums.Row(donor), x.Row(p), sums.Row(donor));
            counts[donor]--;
            x.Row(p).CopyTo(sums.Row(empty[e]));
            counts[empty[e]] = 1;
        }
    }

    internal static int[] DistinctIndices(int n, int k, Random rng)
    {
        var perm = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < k; i++) { int j = rng.Next(i, n); (perm[i], perm[j]) = (perm[j], perm[i]); }
        return perm[..k];
    }
}
