using Course.Neighbors;

namespace Course.Classification;

/// <summary>Hyperparameters of <see cref="KNeighborsClassifier"/>; defaults as scikit-learn's.</summary>
public sealed record KNeighborsClassifierOptions
{
    /// <summary>Neighbours that vote (scikit-learn's <c>n_neighbors</c>). Default 5.</summary>
    public int NNeighbors { get; init; } = 5;
}

/// <summary>
/// The k-nearest-neighbour classifier (Fix and Hodges 1951; Cover and Hart 1967): a new point gets the most common
/// label among its k nearest training points. No training beyond building a <see cref="NeighborIndex"/>; all the cost
/// is in prediction, O(d) per distance, which is why reducing d (PCA, lesson 04) speeds it up so much.
/// </summary>
public sealed class KNeighborsClassifier : ISupervisedEstimator<KNeighborsClassifierOptions, KNeighborsClassifierModel>
{
    /// <summary>The hyperparameters.</summary>
    public KNeighborsClassifierOptions Options { get; }

    /// <summary>A classifier with the given options (scikit-learn's defaults when omitted).</summary>
    public KNeighborsClassifier(KNeighborsClassifierOptions? options = null)
    {
        var o = options ?? new KNeighborsClassifierOptions();
        Guard.InRange(o.NNeighbors, 1, int.MaxValue, nameof(o.NNeighbors));
        Options = o;
    }

    /// <summary>Shorthand for <c>new KNeighborsClassifier(new KNeighborsClassifierOptions { NNeighbors = nNeighbors })</c>.</summary>
    public KNeighborsClassifier(int nNeighbors) : this(new KNeighborsClassifierOptions { NNeighbors = nNeighbors }) { }

    /// <summary>Indexes the training rows <paramref name="x"/> (n x d) with their labels <paramref name="y"/> (n, non-negative).</summary>
    /// <exception cref="ArgumentException">x is null, empty or non-finite; y is null, of another length or has a
    /// negative label; NNeighbors exceeds n.</exception>
    public KNeighborsClassifierModel Fit(Matrix x, IReadOnlyList<int> y)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        Guard.SameLength(x.Rows, y.Count, nameof(y));
        if (y.Any(l => l < 0)) throw new ArgumentException("y must hold non-negative class labels.", nameof(y));
        int k = Options.NNeighbors;
        if (k > x.Rows) throw new ArgumentException($"NNeighbors = {k} needs at least that many training rows, but x has {x.Rows}.", nameof(x));
        return new KNeighborsClassifierModel(x.Clone(), y.ToArray(), k);
    }
}
