using System.Numerics.Tensors;

namespace Course.Decomposition;

/// <summary>A fitted PCA (from <see cref="Pca"/> or <see cref="IncrementalPca"/>): the mean, the components and their
/// variances, and the maps into and out of component space.</summary>
public sealed class PcaModel : ISavedModel<PcaModel>, IInvertibleTransformer
{
    /// <summary>The training data's column means μ (d).</summary>
    public double[] Mean { get; }
    /// <summary>The principal axes, one per row (k x d), orthonormal, by decreasing variance.</summary>
    public Matrix Components { get; }
    /// <summary>The singular values of the centred training data for the kept components (k).</summary>
    public double[] SingularValues { get; }
    /// <summary>Variance of the data along each component, S²/(n − 1) (k).</summary>
    public double[] ExplainedVariance { get; }
    /// <summary>Each component's share of the total variance (k); sums to 1 when every component is kept. All zeros
    /// when the data has no variance (constant rows), rather than 0 / 0.</summary>
    public double[] ExplainedVarianceRatio { get; }
    /// <summary>Mean variance of the discarded directions (probabilistic PCA's σ²; 0 when none is discarded).</summary>
    public double NoiseVariance { get; }
    /// <summary>Number of training rows.</summary>
    public int NSamples { get; }
    /// <summary>Whether <see cref="Transform"/> scales components to unit variance.</summary>
    public bool Whiten { get; }
    /// <summary>The solver that computed the fit.</summary>
    public PcaSolver Solver { get; }

    /// <summary>Number of components k.</summary>
    public int NComponents => Components.Rows;

    internal PcaModel(double[] mean, Matrix components, double[] singularValues, double[] explainedVariance, double[] ratio,
        double noiseVariance, int nSamples, bool whiten, PcaSolver solver)
    {
        Mean = mean; Components = components; SingularValues = singularValues; ExplainedVariance = explainedVariance;
        ExplainedVarianceRatio = ratio; NoiseVariance = noiseVariance; NSamples = nSamples; Whiten = whiten; Solver = solver;
    }

    /// <summary>Coordinates of the rows of <paramref name="x"/> (m x d) on the components: (x − μ) Vₖᵀ, m x k;
    /// divided by √(explained variance) when whitening.</summary>
    public Matrix Transform(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, Mean.Length, nameof(x));
        int k = NComponents;
        var z = new Matrix(x.Rows, k);
        var centred = new double[Mean.Length];
        for (int i = 0; i < x.Rows; i++)
        {
            TensorPrimitives.Subtract(x.Row(i), Mean, centred);
            var zi = z.Row(i);
            for (int c = 0; c < k; c++) zi[c] = Compute.Distance.Dot(centred, Components.Row(c));
            if (Whiten) for (int c = 0; c < k; c++) zi[c] = WhitenScale(c) is double w and > 0 ? zi[c] / w : 0;
        }
        return z;
    }

    // A component with zero variance (constant data, or k above the rank) carries no signal: whitening maps it to 0
    // instead of dividing by 0 (scikit-learn returns inf/NaN there).
    private double WhitenScale(int c) => Math.Sqrt(ExplainedVariance[c]);

    internal static double[] Ratios(double[] variance, double total) =>
        variance.Select(v => total > 0 ? v / total : 0).ToArray();

    /// <summary>Points in data space (m x d) from component coordinates (m x k): μ + z Vₖ, undoing whitening first.
    /// With every component kept this inverts <see cref="Transform"/> exactly; with fewer it is the best rank-k
    /// reconstruction.</summary>
    public Matrix InverseTransform(Matrix z)
    {
        AlgorithmUse.Report("PcaModel.InverseTransform");
        Guard.Data(z, nameof(z));
        Guard.Columns(z, NComponents, nameof(z), "the model's components");
        var x = new Matrix(z.Rows, Mean.Length);
        for (int i = 0; i < z.Rows; i++)
        {
            var xi = x.Row(i);
            Mean.CopyTo(xi);
            for (int c = 0; c < NComponents; c++)
            {
                double w = z[i, c] * (Whiten ? WhitenScale(c) : 1);
                TensorPrimitives.MultiplyAdd(Components.Row(c), w, xi, xi);
            }
        }
        return x;
    }

    /// <summary>Mean squared reconstruction error per row of <paramref name="x"/> through k components: how much of
    /// each point the components miss.</summary>
    public double[] ReconstructionError(Matrix x)
    {
        var back = InverseTransform(Transform(x));
        var e = new double[x.Rows];
        for (int i = 0; i < x.Rows; i++) e[i] = Compute.Distance.Squared(x.Row(i), back.Row(i)) / x.Cols;
        return e;
    }

    private const string Format = "course.pca";
    private sealed record State(double[] Mean, Matrix Components, double[] SingularValues, double[] ExplainedVariance,
        double[] ExplainedVarianceRatio, double NoiseVariance, int NSamples, bool Whiten, PcaSolver Solver);

    /// <inheritdoc/>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Mean, Components, SingularValues, ExplainedVariance,
        ExplainedVarianceRatio, NoiseVariance, NSamples, Whiten, Solver));

    /// <inheritdoc/>
    public static PcaModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        int k = s.Components.Rows, d = s.Mean.Length;
        ModelFile.Check(k > 0 && d > 0 && s.Components.Cols == d, Format, "the components must be k x d with d the mean's length");
        ModelFile.Check(s.SingularValues.Length == k && s.ExplainedVariance.Length == k && s.ExplainedVarianceRatio.Length == k, Format, "one singular value, variance and ratio per component");
        ModelFile.Check(s.Mean.Concat(s.Components.Data).Concat(s.ExplainedVariance).All(double.IsFinite) && s.ExplainedVariance.All(v => v >= 0), Format, "non-finite or negative values");
        return new PcaModel(s.Mean, s.Components, s.SingularValues, s.ExplainedVariance, s.ExplainedVarianceRatio, s.NoiseVariance, s.NSamples, s.Whiten, s.Solver);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static PcaModel Load(string path) => ModelFile.Load<PcaModel>(path);
}
