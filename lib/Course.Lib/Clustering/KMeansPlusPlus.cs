using Course.Compute;

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
        AlgorithmUse.Report("KMeansPlusPlus");
        Guard.Data(x, nameof(x));
        Guard.InRange(k, 1, x.Rows, nameof(k));
        ArgumentNullException.ThrowIfNull(rng);
        if (candidates is < 1) throw new ArgumentOutOfRangeException(nameof(candidates), candidates, "candidates must be >= 1.");
        int n = x.Rows, trials = candidates ?? 2 + (int)Math.Log(k);
        var centers = new Matrix(k, x.Cols);
        var chosen = new int[k];
        chosen[0] = rng.Next(n);
        x.Row(chosen[0]).CopyTo(centers.Row(0));

        var xNorms = Distance.RowSquaredNorms(x);
        var closest = new double[n];
        Parallel.For(0, n, i => closest[i] = Distance.Squared(x.Row(i), centers.Row(0)));
        var cumulative = new double[n];
        var candidateDist = new double[n * trials]; // row i, candidate t at i * trials + t
        const int Chunk = 4096;
        int chunks = (n + Chunk - 1) / Chunk;
        var chunkPotentials = new double[chunks * trials];

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
            // All candidates at once through the block kernel; potentials summed per fixed chunk and merged in order,
            // so the choice does not depend on thread scheduling.
            var kernel = new NearestCenter(x.SelectRows(ids));
            Parallel.For(0, chunks, ch =>
            {
                int start = ch * Chunk, end = Math.Min(n, start + Chunk);
                var scratch = new double[kernel.ScratchLength];
                var dist = candidateDist.AsSpan(start * trials, (end - start) * trials);
                kernel.SquaredDistances(x, start, end, xNorms, dist, scratch);
                var pot = chunkPotentials.AsSpan(ch * trials, trials);
                pot.Clear();
                for (int i = start; i < end; i++)
                    for (int t = 0; t < trials; t++)
                    {
                        ref double d = ref candidateDist[i * trials + t];
                        d = Math.Min(closest[i], d);
                        pot[t] += d;
                    }
            });
            int best = 0;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double pot = 0;
                for (int ch = 0; ch < chunks; ch++) pot += chunkPotentials[ch * trials + t];
                if (pot < bestPotential) { bestPotential = pot; best = t; }
            }
            chosen[c] = ids[best];
            for (int i = 0; i < n; i++) closest[i] = candidateDist[i * trials + best];
            x.Row(ids[best]).CopyTo(centers.Row(c));
        }
        return (centers, chosen);
    }
}
