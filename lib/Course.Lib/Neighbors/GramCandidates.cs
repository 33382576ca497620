using Course.Kernels;

namespace Course.Neighbors;

/// <summary>
/// Brute-force k-nearest neighbours in many dimensions, answered through the linear-algebra backend's blocked matrix
/// products: the backend ranks every point by ‖x‖² − 2 q·x (<see cref="ILinearAlgebraBackend.NearestCandidates"/>),
/// the best k + <see cref="Margin"/> candidates per query are re-measured with the exact <see cref="Distance.Squared"/>,
/// and the k nearest of those kept (ties by index, as the scan does).
/// </summary>
/// <remarks>Why: a scan reads every point once per query, so for the 10,000 x 784 Fashion-MNIST subset it streams
/// 630 GB through the caches and took 15 s on 2 cores; libtorch's blocked GEMM reuses each tile from cache and takes
/// about a second. The expansion loses digits to cancellation (about 1e-13 of ‖x‖²), which can only swap candidates
/// whose distances agree to that precision; the margin keeps such near-ties among the candidates, and the exact
/// re-measure orders them. A backend without a fast product (the managed one) declines, and the index scans.</remarks>
internal static class GramCandidates
{
    /// <summary>Extra candidates per query re-measured exactly.</summary>
    public const int Margin = 16;

    /// <summary>Worth it from this many columns; below, the scan is compute-light and a GEMM's set-up dominates.</summary>
    public const int MinDimensions = 32;

    /// <summary>Writes the k nearest indexed points (squared distances, nearest first) of every query row, skipping
    /// query i's own index when <paramref name="excludeSelf"/>.</summary>
    /// <returns>False, having written nothing, when the backend has no fast product.</returns>
    public static bool TryKNearest(Matrix points, Matrix queries, int k, bool excludeSelf, int[] ids, double[] d2)
    {
        int n = points.Rows, m = queries.Rows;
        int candidates = Math.Min(n, k + Margin + (excludeSelf ? 1 : 0));
        var chosen = LinearAlgebra.Backend.NearestCandidates(points, queries, candidates);
        if (chosen is null) return false;
        Parallel.For(0, m, i =>
        {
            var heap = new NearestHeap(ids.AsSpan(i * k, k), d2.AsSpan(i * k, k));
            var row = queries.Row(i);
            for (int c = 0; c < candidates; c++)
            {
                int j = chosen[i * candidates + c];
                if (excludeSelf && j == i) continue;
                heap.Offer(Distance.Squared(row, points.Row(j)), j);
            }
            heap.SortAscending();
        });
        return true;
    }
}
