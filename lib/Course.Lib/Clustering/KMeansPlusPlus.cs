using Course.Kernels;

namespace Course.Clustering;

/// <summary>
/// Greedy k-means++ seeding. Arthur and Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007;
/// the greedy variant (several candidates per step, keep the one that lowers the potential most) is the one
/// scikit-learn uses, with <c>2 + floor(ln k)</c> candidates.
/// </summary>
public static class KMeansPlusPlus
{
    /// <summary>Chooses <paramref name="k"/> rows of <paramref name="x"/> as initial centres.</summary>
    /// <param name="x">Data, n x d, validated by the caller.</param>
    /// <param name="k">Number of centres, 1 ≤ k ≤ n.</param>
    /// <param name="rng">Source of randomness.</param>
    /// <param name="candidates">Candidates tried per centre; null means <c>2 + floor(ln k)</c>.</param>
    /// <returns>The centres, k x d, and the indices of the chosen rows.</returns>
    public static (Matrix Centers, int[] Indices) Seed(Matrix x, int k, Random rng, int? candidates = null)
    {
        Guard.Data(x, nameof(x));
        Guard.InRange(k, 1, x.Rows, nameof(k));
        ArgumentNullException.ThrowIfNull(rng);
        if (candidates is < 1) throw new ArgumentOutOfRangeException(nameof(candidates), candidates, "candidates must be >= 1.");
        int n = x.Rows, trials = candidates ?? 2 + (int)Math.Log(k);
        var centers = new Matrix(k, x.Cols);
        var chosen = new int[k];
        chosen[0] = rng.Next(n);
        x.Row(chosen[0]).CopyTo(centers.Row(0));

        var closest = new double[n];
        Parallel.For(0, n, i => closest[i] = Distance.Squared(x.Row(i), centers.Row(0)));
        var cumulative = new double[n];
        var candidateDist = new double[trials][];
        for (int t = 0; t < trials; t++) candidateDist[t] = new double[n];

        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++) { running += closest[i]; cumulative[i] = running; }
            var ids = new int[trials];
            for (int t = 0; t < trials; t++)
            {
                // Sampling with probability proportional to D(x)^2: invert the cumulative sum.
                int id = Array.BinarySearch(cumulative, rng.NextDouble() * running);
                if (id < 0) id = ~id;
                ids[t] = Math.Min(id, n - 1);
            }
            var potentials = new double[trials];
            Parallel.For(0, trials, t =>
            {
                var cand = x.Row(ids[t]);
                var dist = candidateDist[t];
                double pot = 0;
                for (int i = 0; i < n; i++)
                {
                    double d = Math.Min(closest[i], Distance.Squared(x.Row(i), cand));
                    dist[i] = d; pot += d;
                }
                potentials[t] = pot;
            });
            int best = 0;
            for (int t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
            chosen[c] = ids[best];
            Array.Copy(candidateDist[best], closest, n);
            x.Row(ids[best]).CopyTo(centers.Row(c));
        }
        return (centers, chosen);
    }
}
