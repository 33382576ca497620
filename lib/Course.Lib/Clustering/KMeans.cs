using System.Numerics.Tensors;
using Course.Kernels;

namespace Course.Clustering;

/// <summary>
/// K-means clustering by Lloyd's algorithm: alternate assigning each point to its nearest centroid and moving each
/// centroid to the mean of its points, which never increases the inertia <c>sum_i min_j |x_i - c_j|^2</c>.
/// Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982; seeding per
/// <see cref="KMeansPlusPlus"/>. The API and defaults follow scikit-learn's <c>KMeans(algorithm="lloyd")</c>.
/// </summary>
/// <example><code>
/// var model = new KMeans(new KMeansOptions { K = 3, Seed = 0 }).Fit(x);
/// int[] labels = model.Labels;          // n cluster indices
/// int[] next = model.Predict(newRows);  // nearest centroid for new data
/// </code></example>
/// <remarks>Converges to a local optimum that depends on the seeding; use <see cref="KMeansOptions.NInit"/> restarts
/// to lower the risk. Assumes roughly spherical clusters of similar spread (lesson 01 shows where that fails).</remarks>
public sealed class KMeans
{
    /// <summary>The hyperparameters this estimator fits with.</summary>
    public KMeansOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    public KMeans(KMeansOptions? options = null)
    {
        Options = options ?? new KMeansOptions();
        if (Options.K < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.K, $"K must be >= 1; it is {Options.K}.");
        if (Options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.MaxIterations, "MaxIterations must be >= 1.");
        if (Options.NInit is < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.NInit, "NInit must be >= 1.");
        Guard.NonNegative(Options.Tolerance, "Tolerance");
    }

    /// <summary>Shorthand for <c>new KMeans(new KMeansOptions { K = k, Seed = seed })</c>.</summary>
    public KMeans(int k, int? seed = Course.Seed.Default) : this(new KMeansOptions { K = k, Seed = seed }) { }

    /// <summary>Clusters the rows of <paramref name="x"/> (n x d).</summary>
    /// <exception cref="ArgumentException">x is null, empty, holds NaN/infinity, K exceeds n, or the initial centroids
    /// do not match x's width.</exception>
    public KMeansModel Fit(Matrix x)
    {
        Guard.Data(x, nameof(x));
        int k = Options.K;
        if (k > x.Rows) throw new ArgumentException($"K = {k} clusters need at least {k} rows, but x has {x.Rows}.", nameof(x));
        if (Options.InitialCentroids is { } init)
        {
            Guard.Data(init, "InitialCentroids");
            Guard.Columns(init, x.Cols, "InitialCentroids", "x");
            if (init.Rows != k) throw new ArgumentException($"InitialCentroids has {init.Rows} rows but K = {k}.", "InitialCentroids");
        }

        var rng = Course.Seed.Create(Options.Seed);
        // Lloyd runs on centred data, as scikit-learn does: the distance expansion |x|^2 - 2 x.c + |c|^2 loses every
        // digit when all points share a large offset (timestamps, projected coordinates), and centring removes it.
        var mean = ColumnMeans(x);
        var xc = Shift(x, mean, -1);
        var xNorms = Distance.RowSquaredNorms(xc);
        double tol = Options.Tolerance * xNorms.Sum() / ((double)x.Rows * x.Cols); // tol x mean per-feature variance
        int runs = Options.InitialCentroids is not null ? 1 : Options.NInit ?? (Options.Init == KMeansInit.KMeansPlusPlus ? 1 : 10);
        KMeansModel? best = null;
        for (int r = 0; r < runs; r++)
        {
            Matrix start = Options.InitialCentroids is { } given ? Shift(given, mean, -1) : Options.Init == KMeansInit.KMeansPlusPlus
                ? KMeansPlusPlus.Seed(xc, k, rng).Centers
                : xc.SelectRows(DistinctIndices(x.Rows, k, rng));
            var model = Lloyd(xc, xNorms, start, tol, runs > 1 ? $"k-means run {r + 1}/{runs}" : "k-means");
            if (best is null || model.Inertia < best.Inertia) best = model;
        }
        return new KMeansModel(Shift(best!.Centroids, mean, +1), best.Labels, best.Inertia, best.Iterations, best.Converged,
            best.History?.Select(h => Shift(h, mean, +1)).ToList());
    }

    private KMeansModel Lloyd(Matrix x, double[] xNorms, Matrix centers, double tol, string label)
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
            Options.Progress?.Report(new IterationProgress(iteration, Options.MaxIterations, inertia, label));
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

    internal static double[] ColumnMeans(Matrix x)
    {
        var mean = new double[x.Cols];
        for (int i = 0; i < x.Rows; i++) TensorPrimitives.Add(mean, x.Row(i), mean);
        TensorPrimitives.Multiply(mean, 1.0 / x.Rows, mean);
        return mean;
    }

    /// <summary>A copy of x with <paramref name="sign"/> * v added to every row.</summary>
    internal static Matrix Shift(Matrix x, double[] v, int sign)
    {
        var r = x.Clone();
        for (int i = 0; i < r.Rows; i++)
            if (sign > 0) TensorPrimitives.Add(r.Row(i), v, r.Row(i)); else TensorPrimitives.Subtract(r.Row(i), v, r.Row(i));
        return r;
    }

    internal static int[] DistinctIndices(int n, int k, Random rng)
    {
        var perm = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < k; i++) { int j = rng.Next(i, n); (perm[i], perm[j]) = (perm[j], perm[i]); }
        return perm[..k];
    }
}
