namespace Course.Metrics;

/// <summary>Validation and grouping shared by the internal cluster-quality metrics.</summary>
internal static class ClusterLabels
{
    /// <summary>Checks x and labels, maps labels to 0..k-1 and requires 2 ≤ k ≤ n - 1 (as scikit-learn).</summary>
    public static (int[] Dense, int K) Check(Matrix x, IReadOnlyList<int> labels, string metric)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        Guard.SameLength(x.Rows, labels.Count, nameof(labels));
        var dense = Contingency.Dense(labels);
        int k = dense.Length == 0 ? 0 : dense.Max() + 1;
        if (k < 2 || k > x.Rows - 1)
            throw new ArgumentException($"{metric} needs between 2 and n - 1 = {x.Rows - 1} distinct labels; labels has {k}.", nameof(labels));
        return (dense, k);
    }

    /// <summary>Per-cluster means (k x d) and sizes.</summary>
    public static (Matrix Centroids, int[] Sizes) Centroids(Matrix x, int[] dense, int k)
    {
        var c = new Matrix(k, x.Cols);
        var sizes = new int[k];
        for (int i = 0; i < x.Rows; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(c.Row(dense[i]), x.Row(i), c.Row(dense[i]));
            sizes[dense[i]]++;
        }
        for (int j = 0; j < k; j++) System.Numerics.Tensors.TensorPrimitives.Multiply(c.Row(j), 1.0 / sizes[j], c.Row(j));
        return (c, sizes);
    }
}
