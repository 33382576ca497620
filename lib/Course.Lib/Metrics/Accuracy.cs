namespace Course.Metrics;

/// <summary>Classification accuracy: the fraction of predictions equal to the true label.</summary>
public static class Accuracy
{
    /// <summary>The fraction of positions where <paramref name="predicted"/> equals <paramref name="truth"/>.</summary>
    /// <exception cref="ArgumentException">the lists are empty or differ in length.</exception>
    public static double Score(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count == 0) throw new ArgumentException("truth is empty.", nameof(truth));
        Guard.SameLength(truth.Count, predicted.Count, nameof(predicted));
        int correct = 0;
        for (int i = 0; i < truth.Count; i++) if (truth[i] == predicted[i]) correct++;
        return correct / (double)truth.Count;
    }

    /// <summary>A classifier's accuracy on labelled rows: <paramref name="x"/> (m x d) is checked, then predicted
    /// with <paramref name="predict"/> and compared with <paramref name="y"/> (m labels). Every classifier's
    /// <c>Score</c> is this.</summary>
    internal static double OfClassifier(Matrix x, IReadOnlyList<int> y, Func<Matrix, int[]> predict)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        Guard.SameLength(x.Rows, y.Count, nameof(y));
        return Score(y, predict(x));
    }
}
