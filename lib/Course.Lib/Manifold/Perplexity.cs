using Course.Neighbors;

namespace Course.Manifold;

/// <summary>t-SNE's conditional probabilities p(j | i) over each point's nearest neighbours, with each point's
/// precision βᵢ = 1 / (2σᵢ²) calibrated to the target perplexity.</summary>
/// <param name="Neighbors">The neighbour lists the probabilities are over (n x k).</param>
/// <param name="P">p(j | i) for the j-th neighbour of i, row-major n x k; each row sums to 1.</param>
/// <param name="Beta">Each point's precision βᵢ (the Gaussian is exp(−βᵢ d²)).</param>
/// <param name="Entropy">Each row's entropy in nats; log(perplexity) up to the tolerance when the search converged.</param>
public sealed record ConditionalProbabilities(NeighborList Neighbors, double[] P, double[] Beta, double[] Entropy);

/// <summary>
/// The perplexity calibration of t-SNE (van der Maaten and Hinton, JMLR 2008): for each point a binary search over
/// βᵢ until the entropy of p(· | i) = exp(−βᵢ dᵢⱼ²) / Σ equals log(perplexity), so every point sees about
/// "perplexity" effective neighbours whatever the local density. The search follows scikit-learn's
/// <c>_binary_search_perplexity</c> (start at β = 1, double or halve until bracketed, then bisect; tolerance 1e-5 in
/// nats; at most 100 steps), in float64.
/// </summary>
public static class Perplexity
{
    /// <summary>Calibrates over the 3·perplexity + 1 nearest neighbours of each row of <paramref name="x"/> (at most
    /// n − 1), as scikit-learn's Barnes-Hut t-SNE does.</summary>
    public static ConditionalProbabilities Calibrate(Matrix x, double perplexity = 30, double tolerance = 1e-5, int maxSteps = 100)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        Guard.Positive(perplexity, nameof(perplexity));
        int k = NeighborCount(x.Rows, perplexity);
        if (perplexity >= x.Rows) throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, $"perplexity must be below the number of points ({x.Rows}).");
        return Calibrate(NeighborIndex.Build(x).KNeighbors(k), perplexity, tolerance, maxSteps);
    }

    /// <summary>The neighbours per point the sparse (Barnes-Hut) calibration uses: ⌊3·perplexity + 1⌋, at most n − 1;
    /// beyond three standard deviations a Gaussian's weight is negligible.</summary>
    public static int NeighborCount(int n, double perplexity) => (int)Math.Min(n - 1, Math.Floor(3 * perplexity + 1));

    /// <summary>Calibrates over given neighbour lists (distances are Euclidean, squared here).</summary>
    public static ConditionalProbabilities Calibrate(NeighborList neighbors, double perplexity, double tolerance = 1e-5, int maxSteps = 100)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        Guard.Positive(perplexity, nameof(perplexity));
        if (perplexity >= neighbors.K + 1) throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, $"perplexity must be below the neighbours per point + 1 ({neighbors.K + 1}): a point cannot have more effective neighbours than it has.");
        Guard.Positive(tolerance, nameof(tolerance));
        Guard.InRange(maxSteps, 1, int.MaxValue, nameof(maxSteps));
        int n = neighbors.Count, k = neighbors.K;
        var p = new double[n * k]; var beta = new double[n]; var entropy = new double[n];
        double target = Math.Log(perplexity);
        Parallel.For(0, n, i =>
        {
            var d = neighbors.DistancesOf(i);
            var row = p.AsSpan(i * k, k);
            double b = 1, lo = double.NegativeInfinity, hi = double.PositiveInfinity, h = 0;
            for (int step = 0; step < maxSteps; step++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++) { row[j] = Math.Exp(-d[j] * d[j] * b); sum += row[j]; }
                if (sum == 0) sum = 1e-8;
                double weighted = 0;
                for (int j = 0; j < k; j++) { row[j] /= sum; weighted += d[j] * d[j] * row[j]; }
                h = Math.Log(sum) + b * weighted;
                double diff = h - target;
                if (Math.Abs(diff) <= tolerance) break;
                if (diff > 0) { lo = b; b = double.IsPositiveInfinity(hi) ? b * 2 : (b + hi) / 2; }
                else { hi = b; b = double.IsNegativeInfinity(lo) ? b / 2 : (b + lo) / 2; }
            }
            beta[i] = b; entropy[i] = h;
        });
        return new ConditionalProbabilities(neighbors, p, beta, entropy);
    }
}
