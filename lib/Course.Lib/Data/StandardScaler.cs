namespace Course.Data;

/// <summary>Standardises each column to mean 0 and standard deviation 1 (population estimator, as scikit-learn's
/// <c>StandardScaler</c>). A column with zero variance is centred and left unscaled.</summary>
/// <example><code>var scaler = new StandardScaler().Fit(train);   // learns the column means and deviations
/// Matrix z = scaler.Transform(test);                  // the same shift and scale on other rows</code></example>
public sealed class StandardScaler
{
    /// <summary>Learns the column means and deviations of <paramref name="x"/> (n x d).</summary>
    /// <exception cref="ArgumentException">x is null, empty or non-finite, or a column's variance overflows.</exception>
    public StandardScalerModel Fit(Matrix x)
    {
        Guard.Data(x, nameof(x));
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
            scale[j] = sd > 0 ? sd : 1;
        }
        return new StandardScalerModel(mean, scale);
    }

    /// <summary>Fit then transform.</summary>
    public Matrix FitTransform(Matrix x) => Fit(x).Transform(x);
}
