namespace Course.Decomposition;

/// <summary>Hyperparameters of <see cref="IncrementalPca"/>; defaults as scikit-learn's <c>IncrementalPCA</c>.</summary>
public sealed record IncrementalPcaOptions
{
    /// <summary>Number of components k kept between batches (≥ 1). Required.</summary>
    public required int NComponents { get; init; }
    /// <summary>Rows per batch in <see cref="IncrementalPca.Fit(Matrix)"/> (≥ k); null for 5 k, as scikit-learn.</summary>
    public int? BatchSize { get; init; }
    /// <summary>Whether the model's <c>Transform</c> whitens. Default false.</summary>
    public bool Whiten { get; init; }
}

/// <summary>
/// PCA one mini-batch at a time, for data that does not fit in memory (Ross, Lim, Lin and Yang, "Incremental learning
/// for robust visual tracking", IJCV 2008, as scikit-learn's <c>IncrementalPCA</c>): each batch is centred on its own
/// mean, stacked under the current components scaled by their singular values and a row correcting for the shift of
/// the mean, and the small stacked matrix is decomposed again. Memory is O((k + batch) d), whatever n is.
/// </summary>
/// <remarks>The result equals full PCA's when k = min(n, d) is kept; with fewer components each update discards the
/// minor directions, so the leading components come out slightly different (compare with <see cref="Pca"/>).</remarks>
public sealed class IncrementalPca
{
    private double[]? mean, variance;
    private Matrix? components;
    private double[]? singular;
    private long seen;

    /// <summary>The hyperparameters.</summary>
    public IncrementalPcaOptions Options { get; }

    private int NComponents => Options.NComponents;
    private int BatchSize => Options.BatchSize ?? 5 * Options.NComponents;

    /// <summary>An estimator with the given options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">an option is out of range (named in the message).</exception>
    public IncrementalPca(IncrementalPcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Guard.InRange(options.NComponents, 1, int.MaxValue, nameof(options.NComponents));
        if (options.BatchSize is int b) Guard.InRange(b, options.NComponents, int.MaxValue, nameof(options.BatchSize));
        Options = options;
    }

    /// <summary>Shorthand for <c>new IncrementalPca(new IncrementalPcaOptions { NComponents = nComponents })</c>.</summary>
    public IncrementalPca(int nComponents) : this(new IncrementalPcaOptions { NComponents = nComponents }) { }

    /// <summary>Fits <paramref name="x"/> in consecutive batches of <see cref="BatchSize"/> rows (the last batch takes the
    /// remainder if it has at least k rows, else it joins the one before).</summary>
    public PcaModel Fit(Matrix x)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        return Fit(Batches(x));
    }

    /// <summary>Fits a stream of batches (each m x d, m ≥ k; all with the same d), e.g. read from disk one at a time.</summary>
    public PcaModel Fit(IEnumerable<Matrix> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        mean = variance = singular = null; components = null; seen = 0;
        foreach (var batch in batches) PartialFit(batch);
        if (components is null) throw new ArgumentException("no batches were given.", nameof(batches));
        return Model();
    }

    /// <summary>Updates the decomposition with one more batch (m x d, m ≥ k) and returns the model so far.</summary>
    /// <exception cref="ArgumentException">the batch is empty, non-finite, smaller than k rows, or its width differs.</exception>
    public PcaModel PartialFit(Matrix batch)
    {
        Guard.Data(batch, nameof(batch));
        if (mean is not null) Guard.Columns(batch, mean.Length, nameof(batch), "the earlier batches");
        int m = batch.Rows, d = batch.Cols;
        if (components is null && NComponents > Math.Min(m, d))
            throw new ArgumentException($"NComponents = {NComponents} needs a first batch of at least that many rows and columns; it is {m} x {d}.", nameof(batch));
        if (m < NComponents && components is null)
            throw new ArgumentException($"each batch needs at least NComponents = {NComponents} rows; this one has {m}.", nameof(batch));
        var batchMean = batch.ColumnMeans();
        var batchVar = new double[d];
        for (int i = 0; i < m; i++) for (int j = 0; j < d; j++) { double t = batch[i, j] - batchMean[j]; batchVar[j] += t * t; }
        long total = seen + m;
        Matrix stacked;
        if (components is null)
        {
            stacked = batch.SubtractFromRows(batchMean);
            mean = batchMean;
            variance = batchVar.Select(v => v / m).ToArray();
        }
        else
        {
            int k = components.Rows;
            stacked = new Matrix(k + m + 1, d);
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) stacked[c, j] = singular![c] * components[c, j];
            var centred = batch.SubtractFromRows(batchMean);
            centred.Data.CopyTo(stacked.Data, k * d);
            double scale = Math.Sqrt(seen * (double)m / total);
            for (int j = 0; j < d; j++) stacked[k + m, j] = scale * (mean![j] - batchMean[j]);
            // Chan et al.'s pairwise update of the per-column mean and (population) variance.
            for (int j = 0; j < d; j++)
            {
                double delta = batchMean[j] - mean![j];
                double m2 = variance![j] * seen + batchVar[j] + delta * delta * seen * m / total;
                mean[j] += delta * m / total;
                variance[j] = m2 / total;
            }
        }
        seen = total;
        var (u, s, vt) = LinearAlgebra.ThinSvd(stacked);
        s = NumericalRank.ZeroNoise(s, stacked.Rows, stacked.Cols);
        LinearAlgebra.FlipSigns(u, vt);
        int keep = Math.Min(NComponents, s.Length);
        components = vt.SelectRows(Enumerable.Range(0, keep).ToArray());
        singular = s[..keep];
        return Model();
    }

    private PcaModel Model()
    {
        // One row so far has no spread: report zero variances rather than 0 / 0.
        double dof = Math.Max(seen - 1.0, 1.0);
        double totalVar = variance!.Sum() * seen / dof;
        var explained = singular!.Select(v => v * v / dof).ToArray();
        int r = (int)Math.Min(seen, mean!.Length);
        double rest = r > explained.Length ? (totalVar - explained.Sum()) / (r - explained.Length) : 0;
        return new PcaModel((double[])mean.Clone(), components!.Clone(), (double[])singular!.Clone(), explained,
            PcaModel.Ratios(explained, totalVar), Math.Max(rest, 0), (int)seen, Options.Whiten, PcaSolver.Full);
    }

    private IEnumerable<Matrix> Batches(Matrix x)
    {
        int n = x.Rows;
        for (int start = 0; start < n;)
        {
            int end = Math.Min(n, start + BatchSize);
            if (n - end > 0 && n - end < NComponents) end = n; // a tail too small to decompose joins this batch
            yield return x.SelectRows(Enumerable.Range(start, end - start).ToArray());
            start = end;
        }
    }
}
