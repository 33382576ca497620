namespace Course.Neighbors;

/// <summary>
/// The k best (squared distance, index) pairs seen so far, as a max-heap on caller-provided spans: the root is the
/// worst kept pair, the bound a search prunes against. Pairs order by distance, then index, so equal distances
/// resolve to the lowest indices whatever order the search visits points in.
/// </summary>
internal ref struct NearestHeap
{
    private readonly Span<int> ids;
    private readonly Span<double> d2;
    private int size;

    public NearestHeap(Span<int> ids, Span<double> d2)
    {
        this.ids = ids; this.d2 = d2; size = 0;
    }

    /// <summary>Resumes a heap that holds <paramref name="count"/> pairs in these spans (its <see cref="Count"/> when
    /// it was last used), for a search that visits the points in several passes.</summary>
    public NearestHeap(Span<int> ids, Span<double> d2, int count)
    {
        this.ids = ids; this.d2 = d2; size = count;
    }

    /// <summary>Pairs kept so far.</summary>
    public readonly int Count => size;

    /// <summary>The squared distance a candidate must not exceed to enter (infinity until k are kept).</summary>
    public readonly double Bound => size < ids.Length ? double.PositiveInfinity : d2[0];

    public void Offer(double dist2, int id)
    {
        if (size < ids.Length)
        {
            int c = size++;
            while (c > 0)
            {
                int p = (c - 1) / 2;
                if (!Worse(dist2, id, d2[p], ids[p])) break;
                d2[c] = d2[p]; ids[c] = ids[p]; c = p;
            }
            d2[c] = dist2; ids[c] = id;
            return;
        }
        if (!Worse(d2[0], ids[0], dist2, id)) return;
        int at = 0;
        while (true)
        {
            int l = 2 * at + 1, r = l + 1, worst = at;
            double wd = dist2; int wi = id;
            if (l < size && Worse(d2[l], ids[l], wd, wi)) { worst = l; wd = d2[l]; wi = ids[l]; }
            if (r < size && Worse(d2[r], ids[r], wd, wi)) { worst = r; }
            if (worst == at) break;
            d2[at] = d2[worst]; ids[at] = ids[worst]; at = worst;
        }
        d2[at] = dist2; ids[at] = id;
    }

    /// <summary>Sorts the kept pairs nearest first, in place.</summary>
    public readonly void SortAscending()
    {
        // k is small (tens); insertion sort beats a general sort's set-up here.
        for (int i = 1; i < size; i++)
        {
            double d = d2[i]; int id = ids[i]; int j = i - 1;
            while (j >= 0 && Worse(d2[j], ids[j], d, id)) { d2[j + 1] = d2[j]; ids[j + 1] = ids[j]; j--; }
            d2[j + 1] = d; ids[j + 1] = id;
        }
    }

    private static bool Worse(double da, int ia, double db, int ib) => da > db || (da == db && ia > ib);
}
