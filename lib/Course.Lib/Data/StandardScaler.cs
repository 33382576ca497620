namespace Course.Data;

/// <summary>Standardises each column to mean 0 and standard deviation 1 (population estimator, as scikit-learn's
/// <c>StandardScaler</c>). A column with zero variance is centred and left unscaled.</summary>
public sealed class StandardScaler
{
    /// <summary>Per-column means of the fitted data.</summary>
    public double[] Mean { get; private set; } = [];
    /// <summary>Per-column standard deviations (1 where the column is constant).</summary>
    public double[] Scale { get; private set; } = [];

    /// <summary>Learns the column means and deviations of <paramref name="x"/> (n x d).</summary>
    public StandardScaler Fit(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Mean = new double[x.Cols]; Scale = new double[x.Cols];
        for (int j = 0; j < x.Cols; j++)
        {
            var c = x.Column(j);
            double m = c.Average(), v = c.Sum(t => (t - m) * (t - m)) / c.Length;
            Mean[j] = m; Scale[j] = v > 0 ? Math.Sqrt(v) : 1;
        }
        return this;
    }

    /// <summary>(x - mean) / scale, as a new matrix.</summary>
    public Matrix Transform(Matrix x)
    {
        Guard.Data(x, nameof(x));
        if (Mean.Length == 0) throw new InvalidOperationException("call Fit before Transform.");
        Guard.Columns(x, Mean.Length, nameof(x));
        var r = new Matrix(x.Rows, x.Cols);
        for (int i = 0; i < x.Rows; i++) for (int j = 0; j < x.Cols; j++) r[i, j] = (x[i, j] - Mean[j]) / Scale[j];
        return r;
    }

    /// <summary>Fit then transform.</summary>
    public Matrix FitTransform(Matrix x) => Fit(x).Transform(x);
}
