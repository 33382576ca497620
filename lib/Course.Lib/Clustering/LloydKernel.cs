using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Clustering;

/// <summary>
/// The assignment and update steps of Lloyd's algorithm on validated inputs, parallel over blocks of rows. Each block
/// accumulates its own centroid sums, merged afterwards, so threads never share a write.
/// </summary>
internal static class LloydKernel
{
    private const int BlockRows = 256;
    private const int ChunkRows = 8192;

    /// <summary>Assigns every row to its nearest centre and returns the inertia (sum of squared distances). When
    /// non-null, <c>minDistances</c> receives each row's squared distance, <c>sums</c> (k x d) the per-cluster sums of
    /// rows and <c>counts</c> (k) the cluster sizes.</summary>
    /// <remarks><paramref name="chunkRows"/> rows are one task; the default suits full data, and a mini-batch passes a
    /// smaller chunk so its 1,024 rows still spread over the cores.</remarks>
    public static double Assign(Matrix x, double[] xNorms, Matrix centers, int[] labels, double[]? minDistances, Matrix? sums, long[]? counts, int chunkRows = ChunkRows)
    {
        int n = x.Rows, k = centers.Rows, d = x.Cols;
        var nearest = new NearestCenter(centers);
        bool accumulate = sums is not null;
        // Fixed-size chunks, merged in chunk order, keep the floating-point sums identical whatever the thread count
        // and scheduling, so a seeded fit is reproducible to the last bit. Within a chunk, rows go in small blocks so
        // a block is still in cache when the sums pass reads it again right after the distance pass.
        int chunks = (n + chunkRows - 1) / chunkRows;
        var parts = new Accumulator[chunks];
        Parallel.For(0, chunks, ch =>
        {
            var acc = parts[ch] = new Accumulator(k, d, accumulate, nearest.ScratchLength);
            int chunkEnd = Math.Min(n, (ch + 1) * chunkRows);
            for (int start = ch * chunkRows; start < chunkEnd; start += BlockRows)
            {
                int end = Math.Min(chunkEnd, start + BlockRows);
                var blockLabels = labels.AsSpan(start, end - start);
                var d2 = minDistances is not null ? minDistances.AsSpan(start, end - start) : acc.Distances.AsSpan(0, end - start);
                nearest.Assign(x, start, end, xNorms, blockLabels, d2, acc.Scratch);
                for (int r = 0; r < d2.Length; r++) acc.Inertia += d2[r];
                if (!accumulate) continue;
                for (int r = 0; r < blockLabels.Length; r++)
                {
                    AddTo(acc.Sums.AsSpan(blockLabels[r] * d, d), x.Row(start + r));
                    acc.Counts[blockLabels[r]]++;
                }
            }
        });
        double total = 0;
        if (accumulate) { Array.Clear(sums!.Data); Array.Clear(counts!); }
        foreach (var acc in parts)
        {
            total += acc.Inertia;
            if (!accumulate) continue;
            TensorPrimitives.Add(sums!.Data, acc.Sums, sums.Data);
            for (int j = 0; j < k; j++) counts![j] += acc.Counts[j];
        }
        return total;
    }

    private sealed class Accumulator(int k, int d, bool accumulate, int scratch)
    {
        public readonly double[] Sums = accumulate ? new double[k * d] : [];
        public readonly long[] Counts = accumulate ? new long[k] : [];
        public readonly double[] Scratch = new double[scratch];
        public readonly double[] Distances = new double[BlockRows];
        public double Inertia;
    }

    // Inlined vector add: TensorPrimitives.Add's per-call overhead is significant for one 50-element row.
    private static void AddTo(Span<double> acc, ReadOnlySpan<double> row)
    {
        int i = 0, w = System.Numerics.Vector<double>.Count;
        for (; i <= row.Length - w; i += w)
            (new System.Numerics.Vector<double>(acc[i..]) + new System.Numerics.Vector<double>(row[i..])).CopyTo(acc[i..]);
        for (; i < row.Length; i++) acc[i] += row[i];
    }
}
