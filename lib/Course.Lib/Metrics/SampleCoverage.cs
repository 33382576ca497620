using Course.Neighbors;

namespace Course.Metrics;

/// <summary>Precision and recall of generated samples against real ones, in a feature space.</summary>
/// <param name="Precision">Fraction of generated samples that fall inside the real data's manifold: realism.</param>
/// <param name="Recall">Fraction of real samples that fall inside the generated samples' manifold: coverage. Low
/// recall with high precision is the signature of mode collapse.</param>
public sealed record CoverageResult(double Precision, double Recall);

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al., "Improved precision and recall metric for assessing generative
/// models", NeurIPS 2019): each set's manifold is the union of balls around its points with radius the distance to
/// the point's k-th nearest neighbour in the same set; precision is the share of generated points inside the real
/// manifold, recall the share of real points inside the generated one. FID folds both into one number; these two
/// separate quality from diversity.
/// </summary>
public static class SampleCoverage
{
    /// <summary>Precision and recall of <paramref name="generated"/> against <paramref name="real"/> (rows are feature
    /// vectors of equal width), with manifolds from the <paramref name="k"/>-th neighbour (default 3, the paper's).</summary>
    public static CoverageResult Compute(Matrix real, Matrix generated, int k = 3)
    {
        Guard.Data(real, nameof(real), minRows: 2);
        Guard.Data(generated, nameof(generated), minRows: 2);
        Guard.Columns(generated, real.Cols, nameof(generated), nameof(real));
        Guard.InRange(k, 1, Math.Min(real.Rows, generated.Rows) - 1, nameof(k));
        return new CoverageResult(Inside(generated, real, k), Inside(real, generated, k));
    }

    /// <summary>Share of <paramref name="queries"/> within the k-NN ball of at least one point of <paramref name="support"/>.</summary>
    private static double Inside(Matrix queries, Matrix support, int k)
    {
        var radii = NeighborIndex.Build(support).KNeighbors(k).KthDistances();
        var squared = radii.Select(r => r * r).ToArray();
        // Brute force with an early exit: feature spaces are wide (128+ dimensions), where trees do not prune, and a
        // realistic query usually hits a ball within the first few support points it tries, largest balls first.
        var order = Enumerable.Range(0, support.Rows).OrderByDescending(p => radii[p]).ToArray();
        int inside = 0;
        Parallel.For(0, queries.Rows, () => 0, (q, _, count) =>
        {
            var row = queries.Row(q);
            foreach (int p in order)
                if (Course.Compute.Distance.Squared(row, support.Row(p)) <= squared[p]) return count + 1;
            return count;
        }, count => Interlocked.Add(ref inside, count));
        return inside / (double)queries.Rows;
    }
}
