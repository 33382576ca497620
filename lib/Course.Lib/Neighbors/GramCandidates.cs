using Course.Data;
using Course.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Neighbors;

/// <summary>
/// Brute-force k-nearest neighbours in many dimensions, answered in blocks of queries: libtorch's float64 GEMM ranks
/// every point by ‖x‖² − 2 q·x, the best k + <see cref="Margin"/> candidates per query are re-measured with the exact
/// <see cref="Distance.Squared"/>, and the k nearest of those kept (ties by index, as the scan does).
/// </summary>
/// <remarks>Why: a scan reads every point once per query, so for the 10,000 x 784 Fashion-MNIST subset it streams
/// 630 GB through the caches and took 15 s on 2 cores; a blocked GEMM reuses each tile from cache and takes about a
/// second. The expansion loses digits to cancellation (about 1e-13 of ‖x‖²), which can only swap candidates whose
/// distances agree to that precision; the margin keeps such near-ties among the candidates, and the exact re-measure
/// orders them.</remarks>
internal static class GramCandidates
{
    /// <summary>Extra candidates per query re-measured exactly.</summary>
    public const int Margin = 16;

    /// <summary>Worth it from this many columns; below, the scan is compute-light and a GEMM's set-up dominates.</summary>
    public const int MinDimensions = 32;

    static GramCandidates() => TorchRuntime.EnsureLoaded();

    /// <summary>Writes the k nearest indexed points (squared distances, nearest first) of every query row, skipping
    /// query i's own index when <paramref name="excludeSelf"/>.</summary>
    public static void KNearest(Matrix points, Matrix queries, int k, bool excludeSelf, int[] ids, double[] d2)
    {
        int n = points.Rows, m = queries.Rows;
        int candidates = Math.Min(n, k + Margin + (excludeSelf ? 1 : 0));
        const int block = 512;
        using var scope = NewDisposeScope();
        var x = points.ToTensor(ScalarType.Float64);
        var xt = x.t();
        var norms = x.mul(x).sum(1).unsqueeze(0);
        var chosen = new long[block * candidates];
        for (int from = 0; from < m; from += block)
        {
            int count = Math.Min(block, m - from);
            using var inner = NewDisposeScope();
            var q = tensor(queries.Data.AsSpan(from * queries.Cols, count * queries.Cols).ToArray(), [count, queries.Cols], ScalarType.Float64);
            var score = torch.addmm(norms, q, xt, beta: 1, alpha: -2);
            var (_, top) = score.topk(candidates, dim: 1, largest: false, sorted: false);
            top.data<long>().CopyTo(chosen.AsSpan(0, count * candidates));
            Parallel.For(0, count, r =>
            {
                int i = from + r;
                var heap = new NearestHeap(ids.AsSpan(i * k, k), d2.AsSpan(i * k, k));
                var row = queries.Row(i);
                for (int c = 0; c < candidates; c++)
                {
                    int j = (int)chosen[r * candidates + c];
                    if (excludeSelf && j == i) continue;
                    heap.Offer(Distance.Squared(row, points.Row(j)), j);
                }
                heap.SortAscending();
            });
        }
    }
}
