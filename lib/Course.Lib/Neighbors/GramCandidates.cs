using Course.Compute;

namespace Course.Neighbors;

/// <summary>
/// Brute-force k-nearest neighbours in many dimensions through the kit's matrix product: every indexed point is ranked
/// for a band of queries at once by ‖x‖² − 2 q·x (one <see cref="Gemm"/> band), the best k + <see cref="Margin"/>
/// candidates per query are re-measured with the exact <see cref="Distance.Squared"/>, and the k nearest of those kept
/// (ties by index, as the scan does).
/// </summary>
/// <remarks>Why: a scan reads every point once per query, so for the 10,000 x 784 Fashion-MNIST subset it streams
/// 630 GB through the caches and took 15 s on 2 cores; the product reuses each tile from cache. The expansion loses
/// digits to cancellation (about 1e-13 of ‖x‖²), which can only swap candidates whose distances agree to that
/// precision; the margin keeps such near-ties among the candidates, and the exact re-measure orders them. Written
/// on the kit's kernel rather than the linear-algebra backend's GEMM: libtorch's float64 product was the slower of the
/// two here (lib/TOOLCHAIN.md), and a band at a time never holds the m x n matrix of scores.</remarks>
internal static class GramCandidates
{
    /// <summary>Extra candidates per query re-measured exactly.</summary>
    public const int Margin = 16;

    /// <summary>Worth it from this many columns; below, the scan is compute-light and the product's set-up dominates.</summary>
    public const int MinDimensions = 32;

    /// <summary>Writes the k nearest indexed points (squared distances, nearest first) of every query row, skipping
    /// query i's own index when <paramref name="excludeSelf"/>.</summary>
    public static void KNearest(Matrix points, Matrix queries, int k, bool excludeSelf, int[] ids, double[] d2)
    {
        int n = points.Rows, m = queries.Rows;
        int candidates = Math.Min(n, k + Margin + (excludeSelf ? 1 : 0));
        var gemm = new Gemm(queries, points);
        var norms = Distance.RowSquaredNorms(points);
        int bands = (m + Gemm.Tile - 1) / Gemm.Tile;
        Parallel.For(0, bands, () => new BandSpace(n, candidates), (band, _, space) =>
        {
            int i0 = band * Gemm.Tile, ni = Math.Min(Gemm.Tile, m - i0);
            gemm.Band(i0, ni, space.Dots, n, space.Scratch);
            for (int r = 0; r < ni; r++)
            {
                int i = i0 + r;
                // The candidates by score, then the k nearest of them by exact distance.
                var ranked = new NearestHeap(space.Ids, space.Scores);
                var dots = space.Dots.AsSpan(r * n, n);
                for (int j = 0; j < n; j++)
                {
                    double score = norms[j] - 2 * dots[j];
                    if (score <= ranked.Bound) ranked.Offer(score, j);
                }
                var heap = new NearestHeap(ids.AsSpan(i * k, k), d2.AsSpan(i * k, k));
                var row = queries.Row(i);
                for (int c = 0; c < candidates; c++)
                {
                    int j = space.Ids[c];
                    if (excludeSelf && j == i) continue;
                    heap.Offer(Distance.Squared(row, points.Row(j)), j);
                }
                heap.SortAscending();
            }
            return space;
        }, _ => { });
    }

    // One thread's working space: a band of dot products, the product's scratch tile, the candidate heap.
    private sealed class BandSpace(int n, int candidates)
    {
        public double[] Dots { get; } = new double[(long)Gemm.Tile * n];
        public double[] Scratch { get; } = Gemm.NewScratch();
        public int[] Ids { get; } = new int[candidates];
        public double[] Scores { get; } = new double[candidates];
    }
}
