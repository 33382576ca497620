namespace Course.Decomposition;

/// <summary>Hyperparameters of <see cref="IncrementalPca"/>; defaults as scikit-learn's <c>IncrementalPCA</c>.</summary>
public sealed record IncrementalPcaOptions
{
    /// <summary>Number of components k kept between batches (≥ 1); null keeps min(d, the first batch's rows), as
    /// scikit-learn's <c>n_components=None</c>. Default null.</summary>
    public int? NComponents { get; init; }
    /// <summary>Rows per batch in <see cref="IncrementalPca.Fit(Matrix, FitObserver)"/> (≥ k); null for 5 d, as
    /// scikit-learn (5 k in this kit when NComponents is set, so a few components of wide data stay cheap).</summary>
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
public sealed class IncrementalPca : IEstimator<IncrementalPcaOptions, PcaModel>
{

    /// <summary>The hyperparameters.</summary>
    public IncrementalPcaOptions Options { get; }

    private int BatchSize(int d) => Options.BatchSize ?? 5 * (Options.NComponents ?? d);

    /// <summary>An estimator with the given options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">an option is out of range (named in the message).</exception>
    public IncrementalPca(IncrementalPcaOptions? options = null)
    {
        options ??= new IncrementalPcaOptions();
        if (options.NComponents is int k) Guard.InRange(k, 1, int.MaxValue, nameof(options.NComponents));
        if (options.BatchSize is int b) Guard.InRange(b, options.NComponents ?? 1, int.MaxValue, nameof(options.BatchSize));
        Options = options;
    }

    /// <summary>Shorthand for <c>new IncrementalPca(new IncrementalPcaOptions { NComponents = nComponents })</c>.</summary>
    public IncrementalPca(int nComponents) : this(new IncrementalPcaOptions { NComponents = nComponents }) { }

    /// <summary>Fits <paramref name="x"/> in consecutive batches of <see cref="IncrementalPcaOptions.BatchSize"/> rows (the last batch takes the
    /// remainder if it has at least k rows, else it joins the one before).</summary>
    public PcaModel Fit(Matrix x, FitObserver? observer = null)
    {
        FitObserver.Validate(observer);
        Guard.Data(x, nameof(x), minRows: 2);
        // Checked here so that a refusal names x, not a batch.
        if (Options.NComponents is int k && (x.Rows < k || x.Cols < k))
            throw new ArgumentException($"NComponents = {k} needs at least that many rows and columns; x is {x.Rows} x {x.Cols}.", nameof(x));
        var run = Begin();
        foreach (var batch in Batches(x)) run.Add(batch, nameof(x));
        return run.Model;
    }

    /// <summary>Fits a stream of batches (each m x d, m ≥ k; all with the same d), e.g. read from disk one at a time.</summary>
    /// <exception cref="ArgumentException">no batches, or a batch is empty, non-finite, smaller than k rows, or of
    /// another width (ParamName "batches").</exception>
    public PcaModel Fit(IEnumerable<Matrix> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var run = Begin();
        foreach (var batch in batches) run.Add(batch, nameof(batches));
        if (run.Batches == 0) throw new ArgumentException("no batches were given.", nameof(batches));
        return run.Model;
    }

    /// <summary>Starts a fit that takes its batches one call at a time (scikit-learn's <c>partial_fit</c>). The
    /// estimator itself keeps no state: the returned run does, so two runs never disturb each other.</summary>
    public IncrementalPcaRun Begin() => new(Options);

    private IEnumerable<Matrix> Batches(Matrix x)
    {
        int n = x.Rows;
        for (int start = 0; start < n;)
        {
            int end = Math.Min(n, start + BatchSize(x.Cols));
            int k = Options.NComponents ?? Math.Min(Math.Min(n, BatchSize(x.Cols)), x.Cols);
            if (n - end > 0 && n - end < k) end = n; // a tail too small to decompose joins this batch
            yield return x.SelectRows(Enumerable.Range(start, end - start).ToArray());
            start = end;
        }
    }
}
