namespace Course.Data;

/// <summary>Options of <see cref="StandardScaler"/>; the defaults are scikit-learn's.</summary>
public sealed record StandardScalerOptions
{
    /// <summary>Subtract each column's mean (scikit-learn's <c>with_mean</c>). Default true.</summary>
    public bool WithMean { get; init; } = true;
    /// <summary>Divide by each column's standard deviation (scikit-learn's <c>with_std</c>). Default true.</summary>
    public bool WithStd { get; init; } = true;
}

/// <summary>Standardises each column to mean 0 and standard deviation 1 (population estimator, as scikit-learn's
/// <c>StandardScaler</c>). A column with zero variance is centred and left unscaled.</summary>
/// <example><code>var scaler = new StandardScaler().Fit(train);   // learns the column means and deviations
/// Matrix z = scaler.Transform(test);                  // the same shift and scale on other rows</code></example>
public sealed class StandardScaler : IEstimator<StandardScalerOptions, StandardScalerModel>
{
    /// <summary>The options.</summary>
    public StandardScalerOptions Options { get; }

    /// <summary>A scaler with the given options (scikit-learn's defaults when omitted: centre and scale).</summary>
    public StandardScaler(StandardScalerOptions? options = null) => Options = options ?? new StandardScalerOptions();

    /// <summary>Learns the column means and deviations of <paramref name="x"/> (n x d).</summary>
    /// <exception cref="ArgumentException">x is null, empty or non-finite, or a column's variance overflows.</exception>
    public StandardScalerModel Fit(Matrix x, FitObserver? observer = null)
    {
        Guard.Data(x, nameof(x));
        FitObserver.Validate(observer);
        var mean = x.ColumnMeans();
        var scale = new double[x.Cols];
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int j = 0; j < row.Length; j++) { double t = row[j] - mean[j]; scale[j] += t * t; }
        }
        for (int j = 0; j < scale.Length; j++)
        {
            double sd = Math.Sqrt(scale[j] / x.Rows);
            if (!double.IsFinite(sd))
                throw new ArgumentException($"x's column {j} has a variance too large for a double (values near ±1e154 or beyond); rescale it first.", nameof(x));
            scale[j] = sd > 0 && Options.WithStd ? sd : 1;
        }
        if (!Options.WithMean) Array.Clear(mean);
        return new StandardScalerModel(mean, scale);
    }
}
