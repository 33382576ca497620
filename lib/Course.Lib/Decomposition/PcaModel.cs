using System.Numerics.Tensors;

namespace Course.Decomposition;

/// <summary>A fitted PCA (from <see cref="Pca"/> or <see cref="IncrementalPca"/>): the mean, the components and their
/// variances, and the maps into and out of component space.</summary>
public sealed class PcaModel
{
    /// <summary>The training data's column means μ (d).</summary>
    public double[] Mean { get; }
    /// <summary>The principal axes, one per row (k x d), orthonormal, by decreasing variance.</summary>
    public Matrix Components { get; }
    /// <summary>The singular values of the centred training data for the kept components (k).</summary>
    public double[] SingularValues { get; }
    /// <summary>Variance of the data along each component, S²/(n − 1) (k).</summary>
    public double[] ExplainedVariance { get; }
    /// <summary>Each component's share of the total variance (k); sums to 1 when every component is kept.</summary>
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
            for (int c = 0; c < k; c++) zi[c] = Kernels.Distance.Dot(centred, Components.Row(c));
            if (Whiten) for (int c = 0; c < k; c++) zi[c] /= Math.Sqrt(ExplainedVariance[c]);
        }
        return z;
    }

    /// <summary>Points in data space (m x d) from component coordinates (m x k): μ + z Vₖ, undoing whitening first.
    /// With every component kept this inverts <see cref="Transform"/> exactly; with fewer it is the best rank-k
    /// reconstruction.</summary>
    public Matrix InverseTransform(Matrix z)
    {
        Guard.Data(z, nameof(z));
        Guard.Columns(z, NComponents, nameof(z), "the model's components");
        var x = new Matrix(z.Rows, Mean.Length);
        for (int i = 0; i < z.Rows; i++)
        {
            var xi = x.Row(i);
            Mean.CopyTo(xi);
            for (int c = 0; c < NComponents; c++)
            {
                double w = z[i, c] * (Whiten ? Math.Sqrt(ExplainedVariance[c]) : 1);
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
        for (int i = 0; i < x.Rows; i++) e[i] = Kernels.Distance.Squared(x.Row(i), back.Row(i)) / x.Cols;
        return e;
    }
}
