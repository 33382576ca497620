using Course.Classification;

namespace Course.Labeling;

/// <summary>One arm of a labelling experiment: a selection strategy, and whether to propagate the labels within the
/// strategy's clusters before training (cluster-then-label) or train on the labelled points alone.</summary>
public sealed record LabelingArm(string Name, SelectionStrategy Strategy, bool Propagate = false);

/// <summary>One run: an arm at a budget with a seed, the labels it paid for and the held-out accuracy it reached.</summary>
public sealed record LabelingRun(string Arm, int Budget, int Seed, int LabelsUsed, double Accuracy);

/// <summary>
/// The Cluster → Label → Train experiment: for every arm, budget and seed, select points from the pool, have a fresh
/// <see cref="Annotator"/> label them, train a <see cref="LogisticRegression"/> on what was labelled (or on propagated
/// pseudo-labels), and score it on a held-out set. Only the annotator holds the pool's labels.
/// </summary>
public static class LabelingExperiment
{
    /// <summary>Runs every (arm, budget, seed) and returns the runs.</summary>
    /// <param name="pool">Unlabelled training pool (n x d), features already scaled as the classifier needs.</param>
    /// <param name="poolLabels">The pool's true labels, handed to the annotator only.</param>
    /// <param name="test">Held-out points (m x d).</param>
    /// <param name="testLabels">Their labels, for scoring.</param>
    /// <param name="arms">Strategies to compare.</param>
    /// <param name="budgets">Label budgets, each 1 to n.</param>
    /// <param name="seeds">Seeds; each gives an independent run of every arm and budget.</param>
    /// <param name="classifier">The classifier to train; default <c>new LogisticRegression()</c>.</param>
    public static LabelingResults Run(Matrix pool, IReadOnlyList<int> poolLabels, Matrix test, IReadOnlyList<int> testLabels,
        IReadOnlyList<LabelingArm> arms, IReadOnlyList<int> budgets, IReadOnlyList<int> seeds, LogisticRegression? classifier = null)
    {
        Guard.Data(pool, nameof(pool));
        Guard.Data(test, nameof(test));
        ArgumentNullException.ThrowIfNull(poolLabels);
        ArgumentNullException.ThrowIfNull(testLabels);
        Guard.SameLength(pool.Rows, poolLabels.Count, nameof(poolLabels));
        Guard.SameLength(test.Rows, testLabels.Count, nameof(testLabels));
        Guard.Columns(test, pool.Cols, nameof(test), "the pool");
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(seeds);
        if (arms.Count == 0) throw new ArgumentException("give at least one arm.", nameof(arms));
        if (budgets.Count == 0) throw new ArgumentException("give at least one budget.", nameof(budgets));
        if (seeds.Count == 0) throw new ArgumentException("give at least one seed.", nameof(seeds));
        if (arms.Any(a => a is null)) throw new ArgumentNullException(nameof(arms), "arms holds a null arm.");
        // Checked here so that the classifier inside, which calls them y, never names an argument this call does not have.
        if (poolLabels.Any(l => l < 0)) throw new ArgumentException("poolLabels must hold non-negative class labels.", nameof(poolLabels));
        if (testLabels.Any(l => l < 0)) throw new ArgumentException("testLabels must hold non-negative class labels.", nameof(testLabels));
        foreach (int b in budgets) Guard.InRange(b, 1, pool.Rows, nameof(budgets));
        classifier ??= new LogisticRegression();
        int classes = Math.Max(poolLabels.Max(), testLabels.Max()) + 1;
        var runs = new List<LabelingRun>();
        foreach (var arm in arms)
            foreach (int budget in budgets)
                foreach (int seed in seeds)
                {
                    var annotator = new Annotator(poolLabels);
                    var selection = arm.Strategy.Select(pool, budget, seed);
                    annotator.Label(selection.Indices);
                    Matrix x; int[] y;
                    if (arm.Propagate && selection.Clusters is { } clusters)
                    {
                        x = pool;
                        y = LabelPropagation.Propagate(pool, clusters, annotator.Revealed);
                    }
                    else
                    {
                        var labelled = annotator.Revealed.Keys.Order().ToArray();
                        x = pool.SelectRows(labelled);
                        y = labelled.Select(i => annotator.Revealed[i]).ToArray();
                    }
                    double accuracy = classifier.Fit(x, y, classes).Score(test, testLabels);
                    runs.Add(new LabelingRun(arm.Name, budget, seed, annotator.Count, accuracy));
                }
        return new LabelingResults(runs);
    }
}

/// <summary>The runs of a <see cref="LabelingExperiment"/>, with the curves and savings read from them.</summary>
public sealed class LabelingResults(IReadOnlyList<LabelingRun> runs)
{
    /// <summary>Every run.</summary>
    public IReadOnlyList<LabelingRun> Runs { get; } = runs;

    /// <summary>The arms, in the order they were run.</summary>
    public IReadOnlyList<string> Arms => Runs.Select(r => r.Arm).Distinct().ToList();

    /// <summary>An arm's accuracy curve: for each budget (ascending), the mean and standard deviation over seeds.</summary>
    public (double[] Budgets, double[] Mean, double[] Std) Curve(string arm)
    {
        var groups = Runs.Where(r => r.Arm == arm).GroupBy(r => r.Budget).OrderBy(g => g.Key).ToList();
        if (groups.Count == 0) throw new ArgumentException($"no arm named '{arm}'.", nameof(arm));
        var mean = groups.Select(g => g.Average(r => r.Accuracy)).ToArray();
        var std = groups.Select((g, i) => g.Count() < 2 ? 0 : Math.Sqrt(g.Sum(r => (r.Accuracy - mean[i]) * (r.Accuracy - mean[i])) / (g.Count() - 1))).ToArray();
        return (groups.Select(g => (double)g.Key).ToArray(), mean, std);
    }

    /// <summary>Every arm's curve as rows (arm, budget, mean accuracy, standard deviation), for a table.</summary>
    public IReadOnlyList<CurvePoint> CurvePoints() => Arms.SelectMany(a =>
    {
        var (budgets, mean, std) = Curve(a);
        return budgets.Select((b, i) => new CurvePoint(a, (int)b, mean[i], std[i]));
    }).ToList();

    /// <summary>The labels an arm needs to reach <paramref name="accuracy"/> on its mean curve, by linear interpolation
    /// between budgets; null when the curve never reaches it.</summary>
    public double? LabelsNeeded(string arm, double accuracy)
    {
        var (budgets, mean, _) = Curve(arm);
        return LabelsNeeded(budgets, mean, accuracy);
    }

    /// <summary>The first crossing of <paramref name="accuracy"/> by a curve (budgets ascending), interpolated linearly.</summary>
    public static double? LabelsNeeded(IReadOnlyList<double> budgets, IReadOnlyList<double> accuracies, double accuracy)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(accuracies);
        Guard.SameLength(budgets.Count, accuracies.Count, nameof(accuracies));
        for (int i = 0; i < budgets.Count; i++)
        {
            if (accuracies[i] < accuracy) continue;
            if (i == 0) return budgets[0];
            double t = (accuracy - accuracies[i - 1]) / (accuracies[i] - accuracies[i - 1]);
            return budgets[i - 1] + t * (budgets[i] - budgets[i - 1]);
        }
        return null;
    }

    /// <summary>
    /// The savings report a lesson reads: for each of <paramref name="atBudgets"/>, the accuracy
    /// <paramref name="baseline"/> reaches there is the target, and the report gives the labels each side needs to
    /// reach it and their ratio. An arm that already beats the target at the smallest budget tried may need fewer
    /// labels than any budget measured: its saving is then a lower bound (<see cref="LabelSaving.LowerBound"/>).
    /// </summary>
    /// <exception cref="ArgumentException">an arm is unknown, or a budget is not one of the experiment's.</exception>
    public IReadOnlyList<LabelSaving> SavingsAt(string arm, IReadOnlyList<int> atBudgets, string baseline = "random")
    {
        ArgumentNullException.ThrowIfNull(atBudgets);
        var (budgets, mean, _) = Curve(baseline);
        var armBudgets = Curve(arm).Budgets;
        return atBudgets.Select(b =>
        {
            int at = Array.IndexOf(budgets, (double)b);
            if (at < 0) throw new ArgumentException($"{b} is not one of the experiment's budgets ({string.Join(", ", budgets)}).", nameof(atBudgets));
            double target = mean[at];
            double? needArm = LabelsNeeded(arm, target);
            return new LabelSaving(arm, target, LabelsNeeded(baseline, target)!.Value, needArm, needArm <= armBudgets[0]);
        }).ToList();
    }
}

/// <summary>One line of a savings report (<see cref="LabelingResults.SavingsAt"/>): to reach <paramref name="Target"/>
/// accuracy the baseline needs <paramref name="BaselineLabels"/>, the arm <paramref name="ArmLabels"/> (null: never
/// within the budgets tried).</summary>
/// <param name="Arm">The arm's name.</param>
/// <param name="Target">The accuracy to reach.</param>
/// <param name="BaselineLabels">Labels the baseline needs, interpolated on its mean curve.</param>
/// <param name="ArmLabels">Labels the arm needs, or null when it never reaches the target.</param>
/// <param name="LowerBound">The arm reaches the target at its smallest budget, so the saving may be larger.</param>
public sealed record LabelSaving(string Arm, double Target, double BaselineLabels, double? ArmLabels, bool LowerBound)
{
    /// <summary>Baseline labels over the arm's: 2 means half the labels; null when the arm never gets there.</summary>
    public double? Factor => ArmLabels is double a ? BaselineLabels / a : null;

    /// <summary>"to reach 91.2%: random 100 labels, K-means representatives 38 (2.6x fewer)", with "at least" for a
    /// lower bound, "(3.2x more)" for an arm that needs more than the baseline, and "never" for one that does not get
    /// there.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"to reach {Target * 100:F1}%: random {BaselineLabels:F0} labels, {Arm} ") + (Factor is double f
            ? f >= 1
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ArmLabels:F0} ({(LowerBound ? "at least " : "")}{f:F1}x fewer)")
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ArmLabels:F0} ({1 / f:F1}x more)")
            : "never within these budgets");
}

/// <summary>One point of an accuracy-against-labels curve.</summary>
public sealed record CurvePoint(string Strategy, int Labels, double MeanAccuracy, double Std);
