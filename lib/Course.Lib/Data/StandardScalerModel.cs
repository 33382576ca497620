namespace Course.Data;

/// <summary>A fitted <see cref="StandardScaler"/>: per-column means and standard deviations.</summary>
public sealed class StandardScalerModel : ISavedModel<StandardScalerModel>, IInvertibleTransformer
{
    /// <summary>Per-column means of the fitted data (d).</summary>
    public IReadOnlyList<double> Mean => mean;
    /// <summary>Per-column standard deviations (d; 1 where the column is constant).</summary>
    public IReadOnlyList<double> Scale => scale;

    private readonly double[] mean, scale;

    internal StandardScalerModel(double[] mean, double[] scale) { this.mean = mean; this.scale = scale; }

    /// <summary>(x − mean) / scale, as a new matrix (m x d).</summary>
    public Matrix Transform(Matrix x) => Map(x, nameof(x), row =>
    {
        System.Numerics.Tensors.TensorPrimitives.Subtract(row, mean, row);
        System.Numerics.Tensors.TensorPrimitives.Divide(row, scale, row);
    });

    /// <summary>z · scale + mean: back to the original units.</summary>
    public Matrix InverseTransform(Matrix z) => Map(z, nameof(z), row => System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, scale, mean, row));

    private Matrix Map(Matrix x, string name, SpanAction step)
    {
        Guard.Data(x, name);
        Guard.Columns(x, mean.Length, name);
        var r = x.Clone();
        for (int i = 0; i < r.Rows; i++) step(r.Row(i));
        return r;
    }

    private delegate void SpanAction(Span<double> row);

    private const string Format = "course.standard-scaler";
    private sealed record State(double[] Mean, double[] Scale);

    /// <inheritdoc/>
    public string ToJson() => ModelFile.Write(Format, 1, new State(mean, scale));

    /// <inheritdoc/>
    public static StandardScalerModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        ModelFile.Check(s.Mean.Length > 0 && s.Mean.Length == s.Scale.Length, Format, "mean and scale must have one entry per column");
        ModelFile.Check(s.Mean.All(double.IsFinite) && s.Scale.All(v => v > 0 && double.IsFinite(v)), Format, "means must be finite and scales finite and > 0");
        return new StandardScalerModel(s.Mean, s.Scale);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static StandardScalerModel Load(string path) => ModelFile.Load<StandardScalerModel>(path);
}
