using System.Numerics.Tensors;
using Course.Kernels;

namespace Course.Clustering;

/// <summary>
/// The assignment and update steps of Lloyd's algorithm on validated inputs, parallel over blocks of rows. Each block
/// accumulates its own centroid sums, merged afterwards, so threads never share a write.
/// </summary>
internal static class LloydKernel
{
    private const int BlockRows = 2048;

    /// <summary>Assigns every row to its nearest centre; returns the inertia (sum of squared distances).</summary>
    /// <param name="sums">When non-null (k x d, zeroed by this method), receives the per-cluster sums of rows.</param>
    /// <param name="counts">When non-null (length k), receives the per-cluster sizes.</param>
    public static double Assign(Matrix x, double[] xNorms, Matrix centers, int[] labels, double[]? minDistances, Matrix? sums, long[]? counts)
    {
        int n = x.Rows, k = centers.Rows, d = x.Cols;
        var centerNorms = Distance.RowSquaredNorms(centers);
        int blocks = (n + BlockRows - 1) / BlockRows;
        var blockInertia = new double[blocks];
        var blockSums = sums is null ? null : new double[blocks][];
        var blockCounts = counts is null ? null : new long[blocks][];
        Parallel.For(0, blocks, b =>
        {
            Span<double> dist = k <= 256 ? stackalloc double[k] : new double[k];
            double[]? s = sums is null ? null : new double[k * d];
            long[]? c = counts is null ? null : new long[k];
            double inertia = 0;
            int end = Math.Min(n, (b + 1) * BlockRows);
            for (int i = b * BlockRows; i < end; i++)
            {
                var row = x.Row(i);
                Distance.SquaredToCenters(row, xNorms[i], centers, centerNorms, dist);
                int best = TensorPrimitives.IndexOfMin((ReadOnlySpan<double>)dist);
                labels[i] = best;
                inertia += dist[best];
                if (minDistances is not null) minDistances[i] = dist[best];
                if (s is not null)
                {
                    var acc = s.AsSpan(best * d, d);
                    TensorPrimitives.Add(acc, row, acc);
                    c![best]++;
                }
            }
            blockInertia[b] = inertia;
            if (blockSums is not null) { blockSums[b] = s!; blockCounts![b] = c!; }
        });
        if (sums is not null)
        {
            Array.Clear(sums.Data);
            Array.Clear(counts!);
            for (int b = 0; b < blocks; b++)
            {
                TensorPrimitives.Add(sums.Data, blockSums![b], sums.Data);
                for (int j = 0; j < k; j++) counts![j] += blockCounts![b][j];
            }
        }
        return blockInertia.Sum();
    }
}
