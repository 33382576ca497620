namespace Course.Decomposition;

/// <summary>A fitted <see cref="KernelPca"/>.</summary>
public sealed class KernelPcaModel
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
}
