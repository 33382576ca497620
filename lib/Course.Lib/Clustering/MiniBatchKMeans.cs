using System.Numerics.Tensors;
using Course.Kernels;

namespace Course.Clustering;

/// <summary>
/// Mini-batch K-means: each step assigns a random batch and moves every touched centroid toward its batch mean with
/// a per-centroid learning rate <c>1 / count</c>, so a centroid is the running mean of all points it has seen.
/// Sculley, "Web-scale k-means clustering", WWW 2010; defaults and early stopping as scikit-learn's
/// <c>MiniBatchKMeans</c> (batch 1024, an exponentially weighted average of the batch inertia that stops after 10
/// steps without improvement).
/// </summary>
/// <remarks>Trades a slightly higher inertia for far fewer distance computations on large n. Deviation: scikit-learn
/// also reassigns rarely-hit centroids at random (<c>reassignment_ratio</c>); this version does not, so a poorly
/// seeded centroid can stay small.</remarks>
public sealed class MiniBatchKMeans
{
    /// <summary>Number of clusters.</summary>
    public int K { get; }
    /// <summary>Rows per mini-batch. Default 1024.</summary>
    public int BatchSize { get; }
    /// <summary>Maximum passes over the data (in batches, <c>MaxEpochs * n / BatchSize</c> steps). Default 100.</summary>
    public int MaxEpochs { get; }
    /// <summary>Steps without improvement of the smoothed batch inertia before stopping. Default 10.</summary>
    public int MaxNoImprovement { get; }
    /// <summary>Seed; null draws a fresh one.</summary>
    public int? Seed { get; }
    /// <summary>Called once per step with the smoothed batch inertia per sample.</summary>
    public IProgress<IterationProgress>? Progress { get; init; }

    /// <summary>An estimator with scikit-learn's defaults.</summary>
    public MiniBatchKMeans(int k, int batchSize = 1024, int maxEpochs = 100, int maxNoImprovement = 10, int? seed = Course.Seed.Default)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be >= 1.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be >= 1.");
        if (maxEpochs < 1) throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "maxEpochs must be >= 1.");
        if (maxNoImprovement < 1) throw new ArgumentOutOfRangeException(nameof(maxNoImprovement), maxNoImprovement, "maxNoImprovement must be >= 1.");
        K = k; BatchSize = batchSize; MaxEpochs = maxEpochs; MaxNoImprovement = maxNoImprovement; Seed = seed;
    }

    /// <summary>Clusters the rows of <paramref name="x"/> (n x d). The result's <c>Iterations</c> counts mini-batch steps.</summary>
    public KMeansModel Fit(Matrix x)
    {
        Guard.Data(x, nameof(x));
        if (K > x.Rows) throw new ArgumentException($"K = {K} clusters need at least {K} rows, but x has {x.Rows}.", nameof(x));
        var mean = KMeans.ColumnMeans(x);
        x = KMeans.Shift(x, mean, -1); // centred, for the same numerical reason as KMeans
        int n = x.Rows, d = x.Cols, batch = Math.Min(BatchSize, n);
        var rng = Course.Seed.Create(Seed);
        // Seeding on a subset of 3 batches keeps the O(n k) k-means++ cost off the full data, as scikit-learn does.
        int initSize = Math.Max(K, Math.Min(n, 3 * batch));
        var initRows = x.SelectRows(KMeans.DistinctIndices(n, initSize, rng));
        var centers = KMeansPlusPlus.Seed(initRows, K, rng).Centers;
        var counts = new double[K];
        var batchX = new Matrix(batch, d);
        var batchLabels = new int[batch];
        var sums = new Matrix(K, d);
        var batchCounts = new long[K];
        long steps = Math.Max(1L, (long)MaxEpochs * n / batch);
        double alpha = Math.Min(1.0, 2.0 * batch / (n + 1));
        double ewa = double.NaN, ewaMin = double.PositiveInfinity;
        int noImprovement = 0, step = 0;
        bool converged = false;
        while (step < steps)
        {
            step++;
            for (int b = 0; b < batch; b++) x.Row(rng.Next(n)).CopyTo(batchX.Row(b));
            double inertia = LloydKernel.Assign(batchX, Distance.RowSquaredNorms(batchX), centers, batchLabels, null, sums, batchCounts) / batch;
            for (int j = 0; j < K; j++)
            {
                if (batchCounts[j] == 0) continue;
                double total = counts[j] + batchCounts[j];
                var c = centers.Row(j);
                // c <- (c * count + batch sum) / (count + m): the running mean of every point assigned so far.
                TensorPrimitives.Multiply(c, counts[j], c);
                TensorPrimitives.Add(c, sums.Row(j), c);
                TensorPrimitives.Multiply(c, 1.0 / total, c);
                counts[j] = total;
            }
            // Like scikit-learn, the first step's inertia (measured against the seeds) only starts the average.
            ewa = double.IsNaN(ewa) ? inertia : ewa * (1 - alpha) + inertia * alpha;
            Progress?.Report(new IterationProgress(step, (int)Math.Min(steps, int.MaxValue), ewa, "mini-batch k-means"));
            if (ewa < ewaMin) { ewaMin = ewa; noImprovement = 0; }
            else if (++noImprovement >= MaxNoImprovement) { converged = true; break; }
        }
        var labels = new int[n];
        double finalInertia = LloydKernel.Assign(x, Distance.RowSquaredNorms(x), centers, labels, null, null, null);
        return new KMeansModel(KMeans.Shift(centers, mean, +1), labels, finalInertia, step, converged);
    }
}
