namespace Course.Labeling;

/// <summary>
/// A simulated person who labels points on request: it holds the true labels of a pool but reveals one only when
/// asked for that point, and counts what it was asked (asking twice for the same point costs once). Nothing else in
/// the labelling workflow can see the labels, so an experiment's cost is exactly <see cref="Count"/>.
/// </summary>
public sealed class Annotator
{
    private readonly int[] hidden;
    private readonly Dictionary<int, int> revealed = [];

    /// <summary>An annotator for a pool whose true labels are <paramref name="labels"/> (copied; never exposed).</summary>
    public Annotator(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException("labels is empty.", nameof(labels));
        hidden = labels.ToArray();
    }

    /// <summary>Number of points in the pool.</summary>
    public int PoolSize => hidden.Length;

    /// <summary>Number of distinct points labelled so far: the labelling cost.</summary>
    public int Count => revealed.Count;

    /// <summary>The labels revealed so far, by pool index.</summary>
    public IReadOnlyDictionary<int, int> Revealed => revealed;

    /// <summary>The true label of pool point <paramref name="index"/>, counted once.</summary>
    public int Label(int index)
    {
        if ((uint)index >= (uint)hidden.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be between 0 and {hidden.Length - 1}.");
        if (!revealed.TryGetValue(index, out int label)) revealed[index] = label = hidden[index];
        return label;
    }

    /// <summary>The true labels of the given pool points, in order.</summary>
    public int[] Label(IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return indices.Select(Label).ToArray();
    }
}
