using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Clustering;

/// <summary>Hyperparameters of <see cref="MiniBatchKMeans"/>; the defaults are scikit-learn's.</summary>
public sealed record MiniBatchKMeansOptions
{
    /// <summary>Number of clusters k (1 ≤ k ≤ n; scikit-learn's <c>n_clusters</c>). Default 8.</summary>
    public int NClusters { get; init; } = 8;
    /// <summary>Rows per mini-batch. Default 1024.</summary>
    public int BatchSize { get; init; } = 1024;
    /// <summary>Maximum passes over the data (in batches, <c>MaxEpochs * n / BatchSize</c> steps; scikit-learn's
    /// <c>max_iter</c>). Default 100.</summary>
    public int MaxEpochs { get; init; } = 100;
    /// <summary>Steps without improvement of the smoothed batch inertia before stopping. Default 10.</summary>
    public int MaxNoImprovement { get; init; } = 10;
    /// <summary>Seed of the seeding and the batches; null draws a fresh one. Default <see cref="Course.Seed.Default"/>.</summary>
    public int? Seed { get; init; } = Course.Seed.Default;
}

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
public sealed class MiniBatchKMeans : IEstimator<MiniBatchKMeansOptions, KMeansModel>
{
    /// <summary>The hyperparameters.</summary>
    public MiniBatchKMeansOptions Options { get; }

    /// <summary>An estimator with the given options (scikit-learn's defaults when omitted).</summary>
    public MiniBatchKMeans(MiniBatchKMeansOptions? options = null)
    {
        var o = options ?? new MiniBatchKMeansOptions();
        Guard.InRange(o.NClusters, 1, int.MaxValue, nameof(o.NClusters));
        Guard.InRange(o.BatchSize, 1, int.MaxValue, nameof(o.BatchSize));
        Guard.InRange(o.MaxEpochs, 1, int.MaxValue, nameof(o.MaxEpochs));
        Guard.InRange(o.MaxNoImprovement, 1, int.MaxValue, nameof(o.MaxNoImprovement));
        Options = o;
    }

    /// <summary>Shorthand for <c>new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = nClusters, Seed = seed })</c>.</summary>
    public MiniBatchKMeans(int nClusters, int? seed = Course.Seed.Default) : this(new MiniBatchKMeansOptions { NClusters = nClusters, Seed = seed }) { }

    /// <summary>Clusters the rows of <paramref name="x"/> (n x d). The result's <c>Iterations</c> counts mini-batch steps;
    /// <paramref name="observer"/> hears each step's smoothed batch inertia per sample.</summary>
    public KMeansModel Fit(Matrix x, FitObserver? observer = null)
    {
        Guard.Data(x, nameof(x));
        FitObserver.Validate(observer);
        var o = Options;
        int k = o.NClusters;
        if (k > x.Rows) throw new ArgumentException($"NClusters = {k} clusters need at least {k} rows, but x has {x.Rows}.", nameof(x));
        var mean = x.ColumnMeans();
        x = x.SubtractFromRows(mean); // centred, for the same numerical reason as KMeans
        int n = x.Rows, d = x.Cols, batch = Math.Min(o.BatchSize, n);
        var rng = Course.Seed.Create(o.Seed);
        // Seeding on a subset of 3 batches keeps the O(n k) k-means++ cost off the full data, as scikit-learn does.
        int initSize = Math.Max(k, Math.Min(n, 3 * batch));
        var initRows = x.SelectRows(KMeans.DistinctIndices(n, initSize, rng));
        var centers = KMeansPlusPlus.Seed(initRows, k, rng).Centers;
        var counts = new double[k];
        var batchX = new Matrix(batch, d);
        var batchLabels = new int[batch];
        var sums = new Matrix(k, d);
        var batchCounts = new long[k];
        long steps = Math.Max(1L, (long)o.MaxEpochs * n / batch);
        double alpha = Math.Min(1.0, 2.0 * batch / (n + 1));
        double ewa = double.NaN, ewaMin = double.PositiveInfinity;
        int noImprovement = 0, step = 0;
        bool converged = false;
        while (step < steps)
        {
            step++;
            for (int b = 0; b < batch; b++) x.Row(rng.Next(n)).CopyTo(batchX.Row(b));
            double inertia = LloydKernel.Assign(batchX, Distance.RowSquaredNorms(batchX), centers, batchLabels, null, sums, batchCounts, chunkRows: 256) / batch;
            for (int j = 0; j < k; j++)
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
            // Like scikit-learn, the first step's inertia is ignored: it measures the seeds, not the centroids being
            // learned, and starting the average there kept it falling (and the fit running) twice as long.
            if (step > 1) ewa = double.IsNaN(ewa) ? inertia : ewa * (1 - alpha) + inertia * alpha;
            observer?.Report(step, (int)Math.Min(steps, int.MaxValue), double.IsNaN(ewa) ? inertia : ewa, "mini-batch k-means");
            if (step == 1) continue;
            if (ewa < ewaMin) { ewaMin = ewa; noImprovement = 0; }
            else if (++noImprovement >= o.MaxNoImprovement) { converged = true; break; }
        }
        var labels = new int[n];
        double finalInertia = LloydKernel.Assign(x, Distance.RowSquaredNorms(x), centers, labels, null, null, null);
        return new KMeansModel(centers.AddToRows(mean), labels, finalInertia, step, converged);
    }
}
