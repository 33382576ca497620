using Course.Compute;

namespace Course.Neighbors;

/// <summary>
/// Brute-force k-nearest neighbours in many dimensions through the kit's matrix product: every indexed point is ranked
/// for a band of queries by ‖x‖² − 2 q·x (the product a tile at a time, <see cref="Gemm.ProductTile"/>), the best
/// k + <see cref="Margin"/> candidates per query are re-measured with the exact <see cref="Distance.Squared"/>, and the
/// k nearest of those kept (ties by index, as the scan does).
/// </summary>
/// <remarks>Why: a scan reads every point once per query, so for the 10,000 x 784 Fashion-MNIST subset it streams
/// 630 GB through the caches and took 13 s on 2 cores; the product reuses each tile from cache (1.2 s). The ranking is
/// computed about the points' mean (distances do not change): the expansion's rounding is about d·ε·‖q‖‖x‖, which far
/// from the origin would swamp the distances themselves. About the mean it can only swap candidates whose distances
/// agree to that precision; the margin keeps such near-ties among the candidates, and the exact re-measure orders them.
/// Written on the kit's kernel rather than the linear-algebra backend's GEMM: libtorch's float64 product was the
/// slower of the two here (lib/TOOLCHAIN.md). Memory per thread: one tile and the candidates of one band.</remarks>
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
        int n = points.Rows, m = queries.Rows, candidates = Math.Min(n, k + Margin + (excludeSelf ? 1 : 0));
        var mean = points.ColumnMeans();
        var centredPoints = points.SubtractFromRows(mean);
        var norms = Distance.RowSquaredNorms(centredPoints);
        var centred = new Gemm.Operand(centredPoints);   // packed: the centred copy can go
        centredPoints = null;
        var gemm = new Gemm(ReferenceEquals(points, queries) ? centred : new Gemm.Operand(queries.SubtractFromRows(mean)), centred);
        const int T = Gemm.Tile;
        Parallel.For(0, (m + T - 1) / T, () => new BandSpace(candidates), (band, _, space) =>
        {
            int i0 = band * T, ni = Math.Min(T, m - i0);
            Array.Clear(space.Counts);
            for (int j0 = 0; j0 < n; j0 += T)
            {
                int nj = Math.Min(T, n - j0);
                gemm.ProductTile(i0, ni, j0, nj, space.Scratch);
                var tileNorms = norms.AsSpan(j0, nj);
                for (int r = 0; r < ni; r++)
                {
                    var ranked = new NearestHeap(space.Ids.AsSpan(r * candidates, candidates), space.Scores.AsSpan(r * candidates, candidates), space.Counts[r]);
                    var dots = space.Scratch.AsSpan(r * T, nj);
                    for (int j = 0; j < nj; j++)
                    {
                        double score = tileNorms[j] - 2 * dots[j];
                        if (score <= ranked.Bound) ranked.Offer(score, j0 + j);
                    }
                    space.Counts[r] = ranked.Count;
                }
            }
            // The k nearest of each query's candidates, by exact distance on the data as given.
            for (int r = 0; r < ni; r++)
            {
                int i = i0 + r;
                var heap = new NearestHeap(ids.AsSpan(i * k, k), d2.AsSpan(i * k, k));
                var row = queries.Row(i);
                foreach (int j in space.Ids.AsSpan(r * candidates, candidates))
                    if (!(excludeSelf && j == i)) heap.Offer(Distance.Squared(row, points.Row(j)), j);
                heap.SortAscending();
            }
            return space;
        }, _ => { });
    }

    // One thread's working space: a tile of the product and the candidate heaps of one band of queries.
    private sealed class BandSpace(int candidates)
    {
        public double[] Scratch { get; } = Gemm.NewScratch();
        public int[] Ids { get; } = new int[Gemm.Tile * candidates];
        public double[] Scores { get; } = new double[Gemm.Tile * candidates];
        public int[] Counts { get; } = new int[Gemm.Tile];
    }
}
