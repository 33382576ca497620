namespace Course.Metrics;

/// <summary>Counts of label pairs between two labelings, with labels of any integer values mapped to 0..r-1 and 0..c-1.</summary>
internal sealed class Contingency
{
    public long[,] Counts { get; }
    public long[] RowSums { get; }
    public long[] ColSums { get; }
    public long N { get; }

    public Contingency(IReadOnlyList<int> a, IReadOnlyList<int> b, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a, nameA);
        ArgumentNullException.ThrowIfNull(b, nameB);
        if (a.Count != b.Count) throw new ArgumentException($"length mismatch: {nameA} has {a.Count} labels but {nameB} has {b.Count}.", nameB);
        if (a.Count == 0) throw new ArgumentException($"{nameA} is empty.", nameA);
        var ia = Dense(a); var ib = Dense(b);
        int r = ia.Max() + 1, c = ib.Max() + 1;
        Counts = new long[r, c]; RowSums = new long[r]; ColSums = new long[c]; N = a.Count;
        for (int i = 0; i < a.Count; i++) { Counts[ia[i], ib[i]]++; RowSums[ia[i]]++; ColSums[ib[i]]++; }
    }

    /// <summary>Maps labels to 0..m-1 in order of first appearance.</summary>
    public static int[] Dense(IReadOnlyList<int> labels)
    {
        var map = new Dictionary<int, int>();
        var result = new int[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (!map.TryGetValue(labels[i], out int id)) map[labels[i]] = id = map.Count;
            result[i] = id;
        }
        return result;
    }
}
