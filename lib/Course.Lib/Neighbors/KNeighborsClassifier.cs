namespace Course.Neighbors;

/// <summary>
/// The k-nearest-neighbour classifier (Fix and Hodges 1951; Cover and Hart 1967): a new point gets the most common
/// label among its k nearest training points. No training beyond building a <see cref="NeighborIndex"/>; all the cost
/// is in prediction, O(d) per distance, which is why reducing d (PCA, lesson 04) speeds it up so much.
/// </summary>
public sealed class KNeighborsClassifier
{
    /// <summary>Neighbours that vote. Default 5, as scikit-learn.</summary>
    public int K { get; }

    /// <summary>A classifier voting among <paramref name="k"/> neighbours.</summary>
    public KNeighborsClassifier(int k = 5)
    {
        Guard.InRange(k, 1, int.MaxValue, nameof(k));
        K = k;
    }

    /// <summary>Indexes the training rows <paramref name="x"/> (n x d) with their labels <paramref name="y"/> (n, non-negative).</summary>
    public KNeighborsClassifierModel Fit(Matrix x, IReadOnlyList<int> y)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        Guard.SameLength(x.Rows, y.Count, nameof(y));
        if (y.Any(l => l < 0)) throw new ArgumentException("y must hold non-negative class labels.", nameof(y));
        if (K > x.Rows) throw new ArgumentException($"k = {K} needs at least that many training rows, but x has {x.Rows}.", nameof(x));
        return new KNeighborsClassifierModel(NeighborIndex.Build(x), y.ToArray(), K);
    }
}

/// <summary>A fitted <see cref="KNeighborsClassifier"/>.</summary>
public sealed class KNeighborsClassifierModel
{
    private readonly NeighborIndex index;
    private readonly int[] labels;
    private readonly int classes;

    /// <summary>Neighbours that vote.</summary>
    public int K { get; }

    internal KNeighborsClassifierModel(NeighborIndex index, int[] labels, int k)
    {
        this.index = index; this.labels = labels; K = k; classes = labels.Max() + 1;
    }

    /// <summary>The majority label among the k nearest training points of each row of <paramref name="x"/>; ties go
    /// to the smallest label, as scikit-learn's.</summary>
    public int[] Predict(Matrix x)
    {
        var neighbours = index.KNeighbors(x, K);
        var result = new int[x.Rows];
        var votes = new int[classes];
        for (int i = 0; i < x.Rows; i++)
        {
            Array.Clear(votes);
            foreach (int j in neighbours.IndicesOf(i)) votes[labels[j]]++;
            int best = 0;
            for (int c = 1; c < classes; c++) if (votes[c] > votes[best]) best = c;
            result[i] = best;
        }
        return result;
    }

    /// <summary>Accuracy on labelled rows: the fraction predicted correctly.</summary>
    public double Score(Matrix x, IReadOnlyList<int> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        Guard.SameLength(x.Rows, y.Count, nameof(y));
        return Metrics.Accuracy.Score(y, Predict(x));
    }
}
