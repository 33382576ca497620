using Course.Data;

namespace Course.Labeling;

/// <summary>
/// A labelling experiment's data: an unlabelled pool to select from and a held-out test set, both standardised with
/// the pool's means and deviations only, so nothing about the test rows leaks into selection or training.
/// </summary>
/// <param name="Pool">The first rows, standardised (n × d).</param>
/// <param name="PoolLabels">Their labels, for the annotator only.</param>
/// <param name="Test">The remaining rows, standardised with the pool's statistics.</param>
/// <param name="TestLabels">Their labels, for scoring.</param>
public sealed record PoolSplit(Matrix Pool, int[] PoolLabels, Matrix Test, int[] TestLabels)
{
    /// <summary>The first <paramref name="poolSize"/> rows of <paramref name="x"/> as the pool, the rest as the test
    /// set (data sets shipped in a shuffled order need no further shuffling).</summary>
    /// <exception cref="ArgumentException">x holds non-finite values, or labels does not have one label per row.</exception>
    /// <exception cref="ArgumentOutOfRangeException">poolSize leaves no pool or no test row.</exception>
    public static PoolSplit FirstRows(Matrix x, IReadOnlyList<int> labels, int poolSize)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(x.Rows, labels.Count, nameof(labels));
        Guard.InRange(poolSize, 2, x.Rows - 1, nameof(poolSize));
        var pool = Enumerable.Range(0, poolSize).ToArray();
        var test = Enumerable.Range(poolSize, x.Rows - poolSize).ToArray();
        var scaler = new StandardScaler().Fit(x.SelectRows(pool));
        return new PoolSplit(scaler.Transform(x.SelectRows(pool)), [.. pool.Select(i => labels[i])],
            scaler.Transform(x.SelectRows(test)), [.. test.Select(i => labels[i])]);
    }
}
