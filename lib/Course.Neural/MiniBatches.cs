namespace Course.Neural;

/// <summary>
/// Seeded, shuffled mini-batches of row indices: every epoch a fresh permutation of 0 … n − 1 cut into batches of
/// <see cref="BatchSize"/> rows (the last one shorter when n is not a multiple). <see cref="Trainer"/> draws its
/// batches from here, so a hand-written training loop built on the same seed sees exactly the same batches and can
/// be compared with the library's loss for loss.
/// </summary>
public sealed class MiniBatches
{
    private readonly Random rng;
    private readonly int[] order;

    /// <summary>Batches over <paramref name="count"/> samples.</summary>
    /// <param name="count">n, the number of samples (at least 1).</param>
    /// <param name="batchSize">Rows per batch (at least 1). 128 in the neural lessons.</param>
    /// <param name="seed">Seed of the shuffling. Default <see cref="Seed.Default"/>, as <see cref="TrainingOptions.Seed"/>.</param>
    public MiniBatches(long count, int batchSize, int seed = Seed.Default)
    {
        if (count < 1 || count > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be between 1 and int.MaxValue.");
        Guard.InRange(batchSize, 1, int.MaxValue, nameof(batchSize));
        BatchSize = batchSize;
        order = new int[count];
        rng = Seed.Create(seed);
    }

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>The number of samples, n.</summary>
    public int Count => order.Length;

    /// <summary>The next epoch: a new shuffle of all n rows, as batches of row indices (long, as
    /// <c>index_select</c> takes them). Each call shuffles once, so call it once per epoch.</summary>
    public IReadOnlyList<long[]> NextEpoch()
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        rng.Shuffle(order);
        var batches = new List<long[]>((order.Length + BatchSize - 1) / BatchSize);
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            int size = Math.Min(BatchSize, order.Length - start);
            var rows = new long[size];
            for (int k = 0; k < size; k++) rows[k] = order[start + k];
            batches.Add(rows);
        }
        return batches;
    }
}
