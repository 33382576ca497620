using Course.Compute;

namespace Course.Decomposition;

/// <summary>A fitted <see cref="KernelPca"/>.</summary>
public sealed class KernelPcaModel : ISavedModel<KernelPcaModel>, IInvertibleTransformer, IEmbedding
{
    private readonly Matrix training;
    private readonly KernelCenterer centerer;
    private readonly Matrix? dualCoefficients;

    /// <summary>The kernel and its parameters (γ resolved).</summary>
    public KernelFunction Kernel { get; }
    /// <summary>The eigenvectors α of the centred kernel matrix, one column per component (n x k).</summary>
    public Matrix Eigenvectors { get; }
    /// <summary>The eigenvalues λ, descending (k): the variance along each component times n.</summary>
    public double[] Eigenvalues { get; }
    /// <summary>The training points' coordinates, α √λ (n x k).</summary>
    public Matrix Embedding { get; }
    /// <summary>Number of components.</summary>
    public int NComponents => Eigenvalues.Length;

    internal KernelPcaModel(KernelFunction kernel, Matrix training, KernelCenterer centerer, Matrix eigenvectors, double[] eigenvalues, Matrix embedding, Matrix? dualCoefficients)
    {
        Kernel = kernel; this.training = training; this.centerer = centerer; Eigenvectors = eigenvectors; Eigenvalues = eigenvalues;
        Embedding = embedding; this.dualCoefficients = dualCoefficients;
    }

    /// <summary>Coordinates of new points (m x d) on the components (m x k): the centred kernel against the training
    /// points times α / √λ. For the training points themselves this reproduces <see cref="Embedding"/>.</summary>
    public Matrix Transform(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, training.Cols, nameof(x));
        var k = Kernel.Compute(x, training);
        centerer.Centre(k);
        var z = new Matrix(x.Rows, NComponents);
        for (int c = 0; c < NComponents; c++)
        {
            if (Eigenvalues[c] <= 0) continue; // a zero-variance component projects everything to 0
            double scale = 1 / Math.Sqrt(Eigenvalues[c]);
            for (int i = 0; i < x.Rows; i++)
            {
                double s = 0;
                var ki = k.Row(i);
                for (int j = 0; j < ki.Length; j++) s += ki[j] * Eigenvectors[j, c];
                z[i, c] = s * scale;
            }
        }
        return z;
    }

    /// <summary>Approximate pre-images (m x d) of component coordinates (m x k) through the learned inverse map.</summary>
    /// <exception cref="InvalidOperationException">the model was fitted without <see cref="KernelPcaOptions.FitInverseTransform"/>.</exception>
    public Matrix InverseTransform(Matrix z)
    {
        if (dualCoefficients is null)
            throw new InvalidOperationException("InverseTransform needs a model fitted with FitInverseTransform = true.");
        Guard.Data(z, nameof(z));
        Guard.Columns(z, NComponents, nameof(z), "the model's components");
        return LinearAlgebra.Multiply(Kernel.Compute(z, Embedding), dualCoefficients);
    }

    private const string Format = "course.kernel-pca";
    private sealed record State(KernelFunction Kernel, Matrix Training, double[] KernelColumnMeans, double KernelMean,
        Matrix Eigenvectors, double[] Eigenvalues, Matrix Embedding, Matrix? DualCoefficients);

    /// <summary>The model as a <see cref="ModelFile"/> document. Kernel PCA projects through the kernel against every
    /// training point, so the file holds the training rows (n x d) and the eigenvectors (n x k).</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(Kernel, training, centerer.ColumnMeans, centerer.AllMean,
        Eigenvectors, Eigenvalues, Embedding, dualCoefficients));

    /// <inheritdoc/>
    public static KernelPcaModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        int n = s.Training.Rows, k = s.Eigenvalues.Length;
        ModelFile.Check(n > 0 && s.Training.Cols > 0 && k > 0, Format, "no training rows or no components");
        ModelFile.Check(s.KernelColumnMeans.Length == n && s.Eigenvectors.Rows == n && s.Eigenvectors.Cols == k
            && s.Embedding.Rows == n && s.Embedding.Cols == k, Format, "kernel statistics, eigenvectors and embedding must match n training rows and k components");
        ModelFile.Check(s.DualCoefficients is null || (s.DualCoefficients.Rows == n && s.DualCoefficients.Cols == s.Training.Cols), Format, "the inverse map must be n x d");
        ModelFile.Check(Enum.IsDefined(s.Kernel.Type) && s.Kernel.Gamma > 0 && double.IsFinite(s.Kernel.Gamma) && s.Kernel.Degree >= 1, Format, "invalid kernel");
        ModelFile.Check(s.Eigenvalues.All(v => v >= 0 && double.IsFinite(v)) && ModelFile.AllFinite(s.Training.Data), Format, "non-finite training rows or eigenvalues");
        return new KernelPcaModel(s.Kernel, s.Training, new KernelCenterer(s.KernelColumnMeans, s.KernelMean), s.Eigenvectors,
            s.Eigenvalues, s.Embedding, s.DualCoefficients);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static KernelPcaModel Load(string path) => ModelFile.Load<KernelPcaModel>(path);
}
