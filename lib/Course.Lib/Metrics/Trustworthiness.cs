using Course.Compute;
using Course.Neighbors;

namespace Course.Metrics;

/// <summary>
/// How faithfully an embedding keeps neighbourhoods (Venna and Kaski, "Neighborhood preservation in nonlinear
/// projection methods", ICANN 2001). <b>Trustworthiness</b> penalises points that are among a point's k nearest in the
/// embedding but not in the original space (false neighbours), by how far down the original ranking they sit;
/// <b>continuity</b> penalises the reverse (true neighbours the embedding tore apart). Both lie in [0, 1], 1 being
/// perfect. Trustworthiness equals scikit-learn's <c>sklearn.manifold.trustworthiness</c>.
/// </summary>
/// <remarks>T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σᵢ Σ_{j ∈ N_k^embedded(i)} max(0, r(i, j) − k), with r(i, j) the rank
/// of j among i's neighbours in the original space (1 = nearest; ties broken by index). Each point's ranks are found by
/// counting over its row of distances, measured 120 rows at a time by matrix products (<see cref="SquaredDistanceTiles"/>),
/// so memory is 120 x n doubles per thread rather than scikit-learn's n x n distance and rank tables (800 MB each at
/// n = 10,000). The counts are exact integers, so the score is the same on every run.</remarks>
public static class Trustworthiness
{
    /// <summary>Trustworthiness of <paramref name="embedded"/> (n x d') as a map of <paramref name="original"/>
    /// (n x d), with <paramref name="k"/> neighbours (default 5, scikit-learn's; k &lt; n / 2).</summary>
    public static double Score(Matrix original, Matrix embedded, int k = 5)
    {
        Check(original, embedded);
        AlgorithmUse.Report("Trustworthiness.Score");
        return Penalised(original, embedded, k);
    }

    /// <summary>Continuity: trustworthiness with the roles swapped (neighbours in the original space that the
    /// embedding keeps).</summary>
    public static double Continuity(Matrix original, Matrix embedded, int k = 5)
    {
        Check(original, embedded);
        return Penalised(embedded, original, k);
    }

    // In the order of the public signature, so a bad original is reported as such by both scores.
    private static void Check(Matrix original, Matrix embedded)
    {
        Guard.Data(original, nameof(original), minRows: 3);
        Guard.Data(embedded, nameof(embedded), minRows: 3);
        Guard.SameLength(original.Rows, embedded.Rows, nameof(embedded));
    }

    private static double Penalised(Matrix rankSpace, Matrix neighbourSpace, int k)
    {
        int n = rankSpace.Rows;
        if (!(k >= 1 && k < n / 2.0)) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at least 1 and below n / 2 = {n / 2.0}.");
        var neighbours = NeighborIndex.Build(neighbourSpace).KNeighbors(k);
        int size = SquaredDistanceTiles.Size, blocks = (n + size - 1) / size;
        var tiles = new SquaredDistanceTiles(rankSpace);
        var totals = new long[blocks];
        Parallel.For(0, blocks, () => (Band: new double[size * n], Scratch: tiles.NewScratch()), (b, _, buffers) =>
        {
            int i0 = b * size, ni = Math.Min(size, n - i0);
            for (int j0 = 0; j0 < n; j0 += size) tiles.Fill(i0, ni, j0, Math.Min(size, n - j0), buffers.Band.AsSpan(j0), n, buffers.Scratch);
            long sum = 0;
            for (int i = 0; i < ni; i++)
                foreach (int rank in Ranks(tiles, i0 + i, buffers.Band.AsSpan(i * n, n), neighbours.IndicesOf(i0 + i)))
                    if (rank > k) sum += rank - k;
            totals[b] = sum;
            return buffers;
        }, _ => { });
        return 1.0 - totals.Sum() * (2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)));
    }

    /// <summary>The rank of each of <paramref name="chosen"/> among point i's neighbours in x: 1 + the points other
    /// than i strictly nearer than j, or as near with a smaller index, by the direct squared distance.</summary>
    /// <remarks><paramref name="row"/> holds i's squared distances from <see cref="SquaredDistanceTiles"/>, each within
    /// ErrorBound (‖xᵢ‖² + ‖xₗ‖²) of the direct one. A point whose value is clear of a neighbour's distance by more
    /// than that is counted from the row (a difference array over the sorted thresholds); only points within the bound of a
    /// threshold are measured again directly, so the ranks are those of the direct distances.</remarks>
    private static int[] Ranks(SquaredDistanceTiles tiles, int i, ReadOnlySpan<double> row, ReadOnlySpan<int> chosen)
    {
        var x = tiles.X;
        var norms = tiles.Norms;
        int k = chosen.Length, n = row.Length;
        var xi = x.Row(i);
        var threshold = new double[k];
        var index = new int[k];
        for (int p = 0; p < k; p++) { index[p] = chosen[p]; threshold[p] = Distance.Squared(xi, x.Row(chosen[p])); }
        Array.Sort(threshold, index); // ties among the thresholds need no order: each is decided separately below
        var surelyNearer = new int[k + 1];
        var decided = new int[k];
        double bound = tiles.ErrorBound;
        for (int l = 0; l < n; l++)
        {
            if (l == i) continue;
            double v = row[l], delta = bound * (norms[i] + norms[l]);
            // The first threshold above v + delta: l is nearer than that neighbour and every one after it.
            int f = 0, hi = k;
            while (f < hi) { int mid = (f + hi) >> 1; if (threshold[mid] > v + delta) hi = mid; else f = mid + 1; }
            surelyNearer[f]++;
            double exact = double.NaN;
            for (int p = f - 1; p >= 0 && threshold[p] >= v - delta; p--)
            {
                if (l == index[p]) continue;
                if (double.IsNaN(exact)) exact = delta == 0 ? v : Distance.Squared(xi, x.Row(l));
                if (exact < threshold[p] || (exact == threshold[p] && l < index[p])) decided[p]++;
            }
        }
        var ranks = new int[k];
        for (int p = 0, before = 0; p < k; p++)
        {
            before += surelyNearer[p];
            ranks[p] = 1 + before + decided[p];
        }
        return ranks;
    }
}
