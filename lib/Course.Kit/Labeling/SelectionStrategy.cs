namespace Course.Labeling;

/// <summary>The points a strategy asks to have labelled, and, for cluster-based strategies, the pool's clusters
/// (−1 for noise), which label propagation uses.</summary>
public sealed record Selection(int[] Indices, int[]? Clusters);

/// <summary>
/// A way to choose which points of an unlabelled pool to send to the annotator. A strategy sees only the features,
/// never a label: that is what makes the comparison between strategies fair.
/// </summary>
public abstract class SelectionStrategy
{
    /// <summary>A short name for tables and legends.</summary>
    public abstract string Name { get; }

    /// <summary>At most <paramref name="budget"/> distinct pool indices (exactly that many unless the strategy runs
    /// out of eligible points, e.g. only noise is left).</summary>
    /// <param name="pool">The unlabelled points (n x d).</param>
    /// <param name="budget">How many labels may be bought (1 to n).</param>
    /// <param name="seed">Seed for any randomness, so a run can be repeated.</param>
    public Selection Select(Matrix pool, int budget, int seed)
    {
        Guard.Data(pool, nameof(pool));
        Guard.InRange(budget, 1, pool.Rows, nameof(budget));
        return SelectCore(pool, budget, seed);
    }

    /// <summary>The strategy itself; inputs are validated.</summary>
    protected abstract Selection SelectCore(Matrix pool, int budget, int seed);
}

/// <summary>The baseline: <c>budget</c> points drawn uniformly without replacement.</summary>
public sealed class RandomSelection : SelectionStrategy
{
    /// <inheritdoc/>
    public override string Name => "random";

    /// <inheritdoc/>
    protected override Selection SelectCore(Matrix pool, int budget, int seed)
    {
        var order = Enumerable.Range(0, pool.Rows).ToArray();
        Seed.Create(seed).Shuffle(order);
        return new Selection(order[..budget], null);
    }
}
