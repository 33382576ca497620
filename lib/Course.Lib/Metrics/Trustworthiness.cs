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
/// counting, in O(n) memory per thread rather than scikit-learn's n x n rank table, so 10,000 points need no 800 MB
/// matrix.</remarks>
public static class Trustworthiness
{
    /// <summary>Trustworthiness of <paramref name="embedded"/> (n x d') as a map of <paramref name="original"/>
    /// (n x d), with <paramref name="k"/> neighbours (default 5, scikit-learn's; k &lt; n / 2).</summary>
    public static double Score(Matrix original, Matrix embedded, int k = 5)
    {
        Check(original, embedded);
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
        long total = 0;
        object gate = new();
        Parallel.For(0, n, () => (new double[n], 0L), (i, _, local) =>
        {
            var (distances, sum) = local;
            var row = rankSpace.Row(i);
            for (int l = 0; l < n; l++) distances[l] = Kernels.Distance.Squared(row, rankSpace.Row(l));
            foreach (int j in neighbours.IndicesOf(i))
            {
                // rank = 1 + points (other than i) strictly nearer than j, or as near with a smaller index.
                double dj = distances[j];
                int rank = 1;
                for (int l = 0; l < n; l++)
                    if (l != i && l != j && (distances[l] < dj || (distances[l] == dj && l < j))) rank++;
                if (rank > k) sum += rank - k;
            }
            return (distances, sum);
        }, local => { lock (gate) total += local.Item2; });
        return 1.0 - total * (2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)));
    }
}
