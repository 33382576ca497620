namespace Course.Metrics;

/// <summary>
/// The one-standard-error rule for choosing among models scored by cross-validation (Breiman, Friedman, Olshen and
/// Stone, 1984; Hastie, Tibshirani and Friedman, <i>The Elements of Statistical Learning</i>, 2009, §7.10): take the
/// simplest model whose mean score is within one standard error of the best mean. Scores closer than their noise do
/// not justify the more complex model.
/// </summary>
public static class OneStandardError
{
    /// <summary>The least complex candidate whose mean score (higher is better) is at least the best mean minus the
    /// best candidate's standard error.</summary>
    /// <param name="complexity">Each candidate's complexity, e.g. the number of components (any order; smaller is simpler).</param>
    /// <param name="means">Each candidate's mean cross-validated score.</param>
    /// <param name="standardErrors">Each candidate's standard error of that mean (standard deviation over folds / √folds), ≥ 0.</param>
    /// <returns>The chosen candidate's complexity.</returns>
    /// <exception cref="ArgumentException">the lists are empty or of different lengths, or hold non-finite values or
    /// a negative standard error.</exception>
    public static int Choose(IReadOnlyList<int> complexity, IReadOnlyList<double> means, IReadOnlyList<double> standardErrors)
    {
        AlgorithmUse.Report("OneStandardError.Choose");
        ArgumentNullException.ThrowIfNull(complexity);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(standardErrors);
        if (complexity.Count == 0) throw new ArgumentException("give at least one candidate.", nameof(complexity));
        Guard.SameLength(complexity.Count, means.Count, nameof(means));
        Guard.SameLength(complexity.Count, standardErrors.Count, nameof(standardErrors));
        if (means.Any(m => !double.IsFinite(m))) throw new ArgumentException("means must be finite.", nameof(means));
        if (standardErrors.Any(e => !double.IsFinite(e) || e < 0))
            throw new ArgumentException("standard errors must be finite and non-negative.", nameof(standardErrors));
        int best = Enumerable.Range(0, means.Count).MaxBy(i => means[i]);
        double threshold = means[best] - standardErrors[best];
        return Enumerable.Range(0, means.Count).Where(i => means[i] >= threshold).Min(i => complexity[i]);
    }
}
