using Course.Data;
using Course.Neighbors;

namespace Course.Benchmarks;

/// <summary>
/// The local outlier factor (k = 20) of every row of 20,000 x 5 points (10 blobs of unequal spreads plus 2% uniform
/// noise), against scikit-learn's <c>LocalOutlierFactor(n_jobs=-1)</c>. Both use a k-d tree at 5 dimensions; the
/// mean LOF and the "auto" outlier count must agree.
/// </summary>
public sealed class LocalOutlierFactorWorkload : IWorkload
{
    private const int Rows = 20_000, Dims = 5, Centers = 10, K = 20, Seed = 0;

    /// <inheritdoc/>
    public string Name => "local-outlier-factor";

    /// <inheritdoc/>
    public string Description => $"local outlier factor, k = {K}, {Rows:N0} x {Dims} points ({Centers} blobs of unequal spreads, 2% uniform noise)";

    /// <inheritdoc/>
    public string ReferenceScript => "lof_sklearn.py";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ReferenceParameters => new Dictionary<string, object> { ["k"] = K };

    /// <inheritdoc/>
    public string QualityMetric => "mean_lof";

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Matrix> Prepare()
    {
        var rng = Course.Seed.Create(Seed);
        var centres = Matrix.FromRows(Enumerable.Range(0, Centers).Select(_ => Enumerable.Range(0, Dims).Select(_ => 40 * rng.NextDouble() - 20).ToArray()).ToList());
        var spreads = Enumerable.Range(0, Centers).Select(_ => 0.3 + 2.7 * rng.NextDouble()).ToArray();
        var blobs = SyntheticData.Blobs(Rows - Rows / 50, centres, spreads, seed: Seed).X;
        var noise = Enumerable.Range(0, Rows / 50).Select(_ => Enumerable.Range(0, Dims).Select(_ => 50 * rng.NextDouble() - 25).ToArray());
        return new Dictionary<string, Matrix> { ["X"] = Matrix.FromRows([.. blobs.ToRows(), .. noise]) };
    }

    /// <inheritdoc/>
    public object RunOurs(IReadOnlyDictionary<string, Matrix> inputs) => new LocalOutlierFactor(K).Fit(inputs["X"]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Metrics(object result)
    {
        var model = (LocalOutlierFactorModel)result;
        return new Dictionary<string, double> { ["mean_lof"] = model.Scores.Average(), ["outliers"] = model.OutlierCount };
    }
}
