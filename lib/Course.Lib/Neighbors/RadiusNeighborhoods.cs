namespace Course.Neighbors;

/// <summary>
/// For each of n query points, the indices of all indexed points within a radius, in compressed sparse row form:
/// point i's neighbours are <c>Indices[Offsets[i]..Offsets[i + 1]]</c>, in no particular order.
/// </summary>
public sealed class RadiusNeighborhoods
{
    /// <summary>Number of query points.</summary>
    public int Count => Offsets.Length - 1;
    /// <summary>The radius the neighbourhoods were built with (in the index's metric).</summary>
    public double Radius { get; }
    /// <summary>n + 1 offsets into <see cref="Indices"/>.</summary>
    public long[] Offsets { get; }
    /// <summary>All neighbourhoods, concatenated.</summary>
    public int[] Indices { get; }

    internal RadiusNeighborhoods(double radius, long[] offsets, int[] indices)
    {
        Radius = radius; Offsets = offsets; Indices = indices;
    }

    /// <summary>The neighbours of query point <paramref name="i"/>.</summary>
    public ReadOnlySpan<int> Of(int i)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i), i, $"i must be between 0 and {Count - 1}.");
        return Indices.AsSpan((int)Offsets[i], (int)(Offsets[i + 1] - Offsets[i]));
    }

    /// <summary>How many neighbours query point <paramref name="i"/> has.</summary>
    public int CountOf(int i) => Of(i).Length;
}
