using System.Text.Json;
using Course.Classification;
using Course.Data;
using Course.Labeling;

namespace Course.Tests;

/// <summary>Logistic regression against scikit-learn 1.2.1; the labelling workflow's guarantees (coverage, no leaks,
/// reproducibility).</summary>
public class LabelingTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "classification.json"))).RootElement;

    [Theory]
    [InlineData("C=1.0", 1.0)]
    [InlineData("C=0.1", 0.1)]
    public void Logistic_regression_equals_scikit_learn(string key, double c)
    {
        var x = Matrix.FromRows(Reference.GetProperty("x").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray());
        var y = Reference.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var r = Reference.GetProperty(key);
        var model = new LogisticRegression(new LogisticRegressionOptions { C = c, Tolerance = 1e-9 }).Fit(x, y);
        var coef = r.GetProperty("coef").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var intercept = r.GetProperty("intercept").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        // The objective is flat along some directions here (setosa is separable), so both solvers stop within a
        // hair of the optimum at slightly different points: ours must be at least as optimal as scikit-learn's...
        double Objective(Func<int, int, double> w, Func<int, double> b)
        {
            double loss = 0;
            for (int i = 0; i < x.Rows; i++)
            {
                var logits = Enumerable.Range(0, 3).Select(k => b(k) + Enumerable.Range(0, 4).Sum(j => x[i, j] * w(j, k))).ToArray();
                double max = logits.Max();
                loss += c * (Math.Log(logits.Sum(v => Math.Exp(v - max))) + max - logits[y[i]]);
            }
            return loss + 0.5 * Enumerable.Range(0, 4).Sum(j => Enumerable.Range(0, 3).Sum(k => w(j, k) * w(j, k)));
        }
        Assert.True(Objective((j, k) => model.Weights[j, k], k => model.Intercepts[k]) <= Objective((j, k) => coef[k][j], k => intercept[k]) + 1e-9);
        // ...and the two solutions agree closely (intercepts are unpenalised, so only their differences count).
        for (int k = 0; k < 3; k++) for (int j = 0; j < 4; j++) Assert.InRange(model.Weights[j, k] - coef[k][j], -1e-3, 1e-3);
        for (int k = 0; k < 3; k++) Assert.InRange(model.Intercepts[k] - model.Intercepts.Average() - (intercept[k] - intercept.Average()), -1e-3, 1e-3);
        var proba = r.GetProperty("proba").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var ours = model.PredictProbabilities(x);
        for (int i = 0; i < x.Rows; i++) for (int k = 0; k < 3; k++) Assert.InRange(ours[i, k] - proba[i][k], -1e-4, 1e-4);
        Assert.Equal(r.GetProperty("accuracy").GetDouble(), model.Score(x, y), 10);
    }

    [Fact]
    public void Annotator_counts_each_point_once_and_reveals_only_what_it_is_asked()
    {
        var annotator = new Annotator([5, 6, 7, 8]);
        Assert.Equal(7, annotator.Label(2));
        Assert.Equal([7, 5], annotator.Label([2, 0]));
        Assert.Equal(2, annotator.Count);
        Assert.Equal(new Dictionary<int, int> { [2] = 7, [0] = 5 }, annotator.Revealed);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => annotator.Label(4)).ParamName);
    }

    [Fact]
    public void The_experiment_never_uses_a_label_the_annotator_was_not_asked_for()
    {
        // Scramble every pool label that no strategy selects: if any unasked label leaked into training, the results
        // would change. Selections depend only on the features and seeds, so they are the same in both runs.
        var (pool, poolLabels, test, testLabels) = Split(Datasets.Digits(), 600);
        LabelingArm[] arms = [new("random", new RandomSelection()), new("kmeans", new ClusterRepresentatives()),
            new("kmeans+propagation", new ClusterRepresentatives(), Propagate: true)];
        int[] budgets = [10, 30]; int[] seeds = [1, 2];
        var asked = new HashSet<int>();
        foreach (var arm in arms) foreach (int b in budgets) foreach (int s in seeds) asked.UnionWith(arm.Strategy.Select(pool, b, s).Indices);
        var scrambled = poolLabels.Select((l, i) => asked.Contains(i) ? l : (l + 3) % 10).ToArray();
        var honest = LabelingExperiment.Run(pool, poolLabels, test, testLabels, arms, budgets, seeds);
        var leaky = LabelingExperiment.Run(pool, scrambled, test, testLabels, arms, budgets, seeds);
        Assert.Equal(honest.Runs, leaky.Runs);
        Assert.All(honest.Runs, r => Assert.Equal(r.Budget, r.LabelsUsed));
    }

    [Fact]
    public void Per_cluster_selection_covers_every_cluster_at_the_smallest_budget_that_allows_it()
    {
        var data = SyntheticData.Blobs(300, centers: 6, std: 0.5, seed: 3);
        // K-means with a fixed 6 clusters and a budget of 6: one label in each cluster.
        var fixedK = new ClusterRepresentatives(clusters: 6).Select(data.X, 6, seed: 0);
        Assert.Equal(6, fixedK.Indices.Select(i => fixedK.Clusters![i]).Distinct().Count());
        // HDBSCAN finds the clusters; a budget equal to their number reaches each, and no noise point is chosen.
        var hdbscan = new ClusterRepresentatives(Clusterer.Hdbscan, minClusterSize: 15);
        var first = hdbscan.Select(data.X, 1, seed: 0);
        int found = first.Clusters!.Where(c => c >= 0).Distinct().Count();
        var covered = hdbscan.Select(data.X, found, seed: 0);
        Assert.Equal(found, covered.Indices.Select(i => covered.Clusters![i]).Distinct().Count());
        Assert.All(covered.Indices, i => Assert.True(covered.Clusters![i] >= 0));
        // Larger budgets split in proportion to size, never exceeding a cluster, and pick distinct points.
        var quota = ClusterRepresentatives.Allocate(new Dictionary<int, int> { [0] = 50, [1] = 30, [2] = 20 }, 10);
        Assert.Equal(new Dictionary<int, int> { [0] = 5, [1] = 3, [2] = 2 }, quota);
        Assert.Equal(new Dictionary<int, int> { [0] = 1, [1] = 1 }, ClusterRepresentatives.Allocate(new Dictionary<int, int> { [0] = 50, [1] = 30, [2] = 20 }, 2));
        var spread = new ClusterRepresentatives(clusters: 6, pick: PickWithin.Spread).Select(data.X, 40, seed: 0);
        Assert.Equal(40, spread.Indices.Distinct().Count());
    }

    [Fact]
    public void Results_are_reproducible_with_a_seed_and_savings_read_from_the_curves()
    {
        var (pool, poolLabels, test, testLabels) = Split(Datasets.Digits(), 800);
        LabelingArm[] arms = [new("random", new RandomSelection()), new("kmeans", new ClusterRepresentatives())];
        var a = LabelingExperiment.Run(pool, poolLabels, test, testLabels, arms, [20, 80], [7]);
        var b = LabelingExperiment.Run(pool, poolLabels, test, testLabels, arms, [20, 80], [7]);
        Assert.Equal(a.Runs, b.Runs);
        // Interpolation worked by hand: 0.6 at 10 labels and 0.8 at 30 reach 0.7 at 20.
        Assert.Equal(20, LabelingResults.LabelsNeeded([10, 30, 100], [0.6, 0.8, 0.9], 0.7)!.Value, 10);
        Assert.Null(LabelingResults.LabelsNeeded([10, 30], [0.6, 0.8], 0.95));
        var results = new LabelingResults([new("r", 10, 0, 10, 0.5), new("r", 100, 0, 100, 0.8), new("c", 10, 0, 10, 0.8), new("c", 100, 0, 100, 0.9)]);
        // r reaches 0.8 at 100 labels, c already at 10: a saving of 10x, at least (c is there at its smallest budget).
        var saving = results.SavingsAt("c", [100], baseline: "r").Single();
        Assert.Equal(10.0, saving.Factor);
        Assert.True(saving.LowerBound);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var x = Datasets.Iris().X;
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSelection().Select(x, 151, 0)).ParamName);
        Assert.Equal("C", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(new LogisticRegressionOptions { C = 0 })).ParamName);
        Assert.Contains("label 2 but classes = 2", Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(x.SelectRows([0, 1, 2]), [0, 1, 2], classes: 2)).Message);
        Assert.Contains("dimension mismatch", Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(x, Datasets.Iris().Labels).Predict(new Matrix(2, 3))).Message);
        Assert.Contains("revealed is empty", Assert.Throws<ArgumentException>(() => LabelPropagation.Propagate(x, new int[150], new Dictionary<int, int>())).Message);
    }

    private static PoolSplit Split(LabeledData data, int poolSize) => PoolSplit.FirstRows(data.X, data.Labels, poolSize);

    [Fact]
    public void A_pool_split_scales_both_sides_with_the_pool_statistics_only()
    {
        var x = new Matrix(4, 1, [1.0, 3.0, 100.0, 5.0]);
        var split = PoolSplit.FirstRows(x, [0, 1, 2, 3], 2);
        // The pool (1, 3) has mean 2 and standard deviation 1: the test rows 100 and 5 become 98 and 3.
        Assert.Equal([-1.0, 1.0], split.Pool.Column(0));
        Assert.Equal([98.0, 3.0], split.Test.Column(0));
        Assert.Equal([0, 1], split.PoolLabels);
        Assert.Equal([2, 3], split.TestLabels);
        Assert.Equal("poolSize", Assert.Throws<ArgumentOutOfRangeException>(() => PoolSplit.FirstRows(x, [0, 1, 2, 3], 4)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => PoolSplit.FirstRows(x, [0, 1, 2], 2)).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => PoolSplit.FirstRows(new Matrix(3, 1, [1, double.NaN, 2]), [0, 1, 2], 2)).ParamName);
    }

    [Fact]
    public void A_savings_report_reads_targets_from_the_baseline_and_marks_lower_bounds()
    {
        // random reaches 0.5 at 10 labels and 0.8 at 100; the arm 0.8 already at 10, and 0.85 at 100.
        var results = new LabelingResults([new("random", 10, 0, 10, 0.5), new("random", 100, 0, 100, 0.8),
            new("arm", 10, 0, 10, 0.8), new("arm", 100, 0, 100, 0.85), new("weak", 10, 0, 10, 0.4), new("weak", 100, 0, 100, 0.6)]);
        var report = results.SavingsAt("arm", [10, 100]);
        Assert.Equal([0.5, 0.8], report.Select(r => r.Target));
        Assert.Equal([10.0, 100.0], report.Select(r => r.BaselineLabels));
        Assert.Equal(10.0, report[1].Factor);
        Assert.True(report[1].LowerBound);
        Assert.Equal("to reach 80.0%: random 100 labels, arm 10 (at least 10.0x fewer)", report[1].ToString());
        // weak reaches 0.5 at 55 labels (interpolated between 0.4 at 10 and 0.6 at 100), where random needs 10.
        Assert.Equal("to reach 50.0%: random 10 labels, weak 55 (5.5x more)", results.SavingsAt("weak", [10]).Single().ToString());
        var weak = results.SavingsAt("weak", [100]).Single();
        Assert.Null(weak.Factor);
        Assert.EndsWith("weak never within these budgets", weak.ToString());
        Assert.Equal("atBudgets", Assert.Throws<ArgumentException>(() => results.SavingsAt("arm", [50])).ParamName);
        Assert.Equal("arm", Assert.Throws<ArgumentException>(() => results.SavingsAt("none", [10])).ParamName);
    }
}
