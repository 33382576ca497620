namespace Course.Data;

/// <summary>A data set: features (n x d), one integer label per row, and optional names.</summary>
/// <param name="X">Features, n x d.</param>
/// <param name="Labels">True class or generating component of each row (length n).</param>
/// <param name="Name">Short name for titles.</param>
/// <param name="ClassNames">Optional name of each label value.</param>
/// <param name="FeatureNames">Optional name of each column.</param>
public sealed record LabeledData(Matrix X, int[] Labels, string Name, string[]? ClassNames = null, string[]? FeatureNames = null)
{
    /// <summary>Number of rows.</summary>
    public int Count => X.Rows;

    /// <summary>The first <paramref name="n"/> rows (or all when there are fewer).</summary>
    public LabeledData Take(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0.");
        n = Math.Min(n, Count);
        var idx = Enumerable.Range(0, n).ToArray();
        return this with { X = X.SelectRows(idx), Labels = Labels[..n] };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {X.Rows} rows x {X.Cols} features, {Labels.Distinct().Count()} classes";
}
