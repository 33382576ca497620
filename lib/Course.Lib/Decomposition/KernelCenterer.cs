namespace Course.Decomposition;

/// <summary>Centring of kernel matrices in feature space, K̃ = K − 1ₙK − K1ₙ + 1ₙK1ₙ, with the training statistics
/// reused for new points (scikit-learn's <c>KernelCenterer</c>).</summary>
internal sealed class KernelCenterer
{
    private readonly double[] columnMeans;
    private readonly double allMean;

    internal KernelCenterer(double[] columnMeans, double allMean)
    {
        this.columnMeans = columnMeans; this.allMean = allMean;
    }

    /// <summary>The training kernel's column means (n).</summary>
    public double[] ColumnMeans => columnMeans;
    /// <summary>The training kernel's overall mean.</summary>
    public double AllMean => allMean;

    public static KernelCenterer Fit(Matrix k)
    {
        var means = k.ColumnMeans();
        return new KernelCenterer(means, means.Average());
    }

    /// <summary>Centres, in place, a kernel matrix between some points (rows) and the training points (columns).</summary>
    public void Centre(Matrix k)
    {
        var means = columnMeans;
        double all = allMean;
        Parallel.For(0, k.Rows, i =>
        {
            var row = k.Row(i);
            double rowMean = System.Numerics.Tensors.TensorPrimitives.Sum<double>(row) / row.Length;
            System.Numerics.Tensors.TensorPrimitives.Subtract<double>(row, means, row);
            System.Numerics.Tensors.TensorPrimitives.Add<double>(row, all - rowMean, row);
        });
    }
}
