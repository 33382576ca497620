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

    /// <summary>A contiguous run of rows with their labels, copied: <c>data[..8000]</c> and <c>data[8000..]</c> split a
    /// data set in two.</summary>
    /// <exception cref="ArgumentOutOfRangeException">the range lies outside 0..Count (ParamName "rows").</exception>
    public LabeledData this[Range rows] => this with { X = X[rows], Labels = Labels[rows] };

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {X.Rows} rows x {X.Cols} features, {Labels.Distinct().Count()} classes";
}
