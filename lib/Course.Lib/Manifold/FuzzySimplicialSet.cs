using Course.Neighbors;

namespace Course.Manifold;

/// <summary>
/// UMAP's high-dimensional graph (McInnes, Healy and Melville, "UMAP: Uniform Manifold Approximation and
/// Projection for Dimension Reduction", 2018, section 3.1). Each point i measures its neighbours from its nearest one
/// (ρᵢ, so every point is connected to at least one neighbour with weight 1) and on its own scale σᵢ, chosen so the
/// weights exp(−(dᵢⱼ − ρᵢ) / σᵢ) sum to log₂ k; the directed weights are then combined by the fuzzy union
/// a + b − ab. Follows umap-learn's <c>smooth_knn_dist</c> and <c>fuzzy_simplicial_set</c> (64 bisection steps,
/// tolerance 1e-5, σ at least 1e-3 of the mean neighbour distance).
/// </summary>
public static class FuzzySimplicialSet
{
    private const double MinScale = 1e-3;

    /// <summary>The symmetric fuzzy graph over <paramref name="neighbors"/>, each point's list starting with itself
    /// (as <c>KNeighbors(k, includeSelf: true)</c> gives), k ≥ 2.</summary>
    public static SparseGraph Build(NeighborList neighbors)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        var weights = Memberships(neighbors, localConnectivity: 1, skipsSelf: true);
        return SparseGraph.FromNeighbors(neighbors, weights).Symmetrise(static (a, b) => a + b - a * b);
    }

    /// <summary>
    /// One point's local scale: ρ, its nearest nonzero distance, and σ with Σⱼ exp(−max(0, dⱼ − ρ) / σ) = log₂(k + 1)
    /// to 1e-5 over its k neighbours (UMAP's neighbour count includes the point itself), without the fit's floor
    /// on σ. For lessons and checks: the fit computes the same for every point at once.
    /// </summary>
    /// <param name="distances">The distances to the point's neighbours, itself not included: finite, ≥ 0, one &gt; 0.</param>
    /// <exception cref="ArgumentException">The distances are empty, negative, not finite, or all 0.</exception>
    public static (double Rho, double Sigma) LocalScale(ReadOnlySpan<double> distances)
    {
        if (distances.IsEmpty) throw new ArgumentException("give at least one distance.", nameof(distances));
        double rho = double.PositiveInfinity;
        foreach (double v in distances)
        {
            if (!double.IsFinite(v) || v < 0) throw new ArgumentException($"distances are finite and ≥ 0; one is {v}.", nameof(distances));
            if (v > 0) rho = Math.Min(rho, v);
        }
        if (double.IsPositiveInfinity(rho)) throw new ArgumentException("every distance is 0: there is no nearest neighbour to measure from.", nameof(distances));
        AlgorithmUse.Report("FuzzySimplicialSet.LocalScale");
        return (rho, Scale(distances, rho, Math.Log2(distances.Length + 1)));
    }

    // σ by bisection (doubling from 1 until bracketed; 64 steps, tolerance 1e-5, as umap-learn) so the weights of d sum
    // to target; entries within ρ weigh 1.
    private static double Scale(ReadOnlySpan<double> d, double rho, double target)
    {
        double lo = 0, hi = double.PositiveInfinity, sigma = 1;
        for (int step = 0; step < 64; step++)
        {
            double sum = 0;
            foreach (double v in d) { double t = v - rho; sum += t > 0 ? Math.Exp(-t / sigma) : 1; }
            if (Math.Abs(sum - target) < 1e-5) break;
            if (sum > target) { hi = sigma; sigma = (lo + hi) / 2; }
            else { lo = sigma; sigma = double.IsPositiveInfinity(hi) ? sigma * 2 : (lo + hi) / 2; }
        }
        return sigma;
    }

    /// <summary>The directed membership weights (row-major n x k) of each list's points, with ρ from the
    /// <paramref name="localConnectivity"/>-th nearest non-zero distance (0 for none) and σ by bisection.</summary>
    /// <param name="neighbors">Each point's neighbour list (n x k, k ≥ 2), nearest first.</param>
    /// <param name="localConnectivity">Which nonzero distance sets ρ: 1 for fitting, 0 (ρ = 0) for new points.</param>
    /// <param name="skipsSelf">The first entry of each list is the point itself (weight 0, left out of the sum).</param>
    internal static double[] Memberships(NeighborList neighbors, int localConnectivity, bool skipsSelf)
    {
        int n = neighbors.Count, k = neighbors.K;
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(neighbors), k, "UMAP needs at least 2 neighbours per point.");
        double target = Math.Log2(k), meanAll = 0;
        foreach (double d in neighbors.Distances) meanAll += d;
        meanAll /= neighbors.Distances.Length;
        var w = new double[n * k];
        Parallel.For(0, n, i =>
        {
            var d = neighbors.DistancesOf(i);
            double rho = 0;
            if (localConnectivity > 0)
            {
                int seen = 0;
                foreach (double v in d)
                    if (v > 0 && ++seen == localConnectivity) { rho = v; break; }
                if (seen < localConnectivity) for (int j = 0; j < k; j++) rho = Math.Max(rho, d[j]);
            }
            // umap-learn's sum starts at the second entry whether or not the first is the point itself.
            double sigma = Scale(d[1..], rho, target);
            if (rho > 0)
            {
                double mean = 0;
                foreach (double v in d) mean += v;
                sigma = Math.Max(sigma, MinScale * mean / k);
            }
            else sigma = Math.Max(sigma, MinScale * meanAll);
            var idx = neighbors.IndicesOf(i);
            for (int j = 0; j < k; j++)
            {
                double t = d[j] - rho;
                w[i * k + j] = skipsSelf && idx[j] == i ? 0 : t <= 0 || sigma == 0 ? 1 : Math.Exp(-t / sigma);
            }
        });
        return w;
    }
}
