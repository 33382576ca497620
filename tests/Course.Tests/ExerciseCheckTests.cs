using Course.Exercises;
using Course.Metrics;

namespace Course.Tests;

/// <summary>Every check accepts a right answer, rejects plausible wrong ones with a useful message, and reports a stub
/// that still throws NotImplementedException as not attempted.</summary>
public class ExerciseCheckTests
{
    private static int[] Assign(Matrix x, Matrix c, bool farthest = false) => Enumerable.Range(0, x.Rows).Select(i =>
    {
        var d = Enumerable.Range(0, c.Rows).Select(j => Kernels.Distance.Squared(x.Row(i), c.Row(j))).ToList();
        return farthest ? d.IndexOf(d.Max()) : d.IndexOf(d.Min());
    }).ToArray();

    private static Matrix Update(Matrix x, int[] labels, int k, bool divideByN = false)
    {
        var m = new Matrix(k, x.Cols);
        for (int j = 0; j < k; j++)
        {
            var members = Enumerable.Range(0, x.Rows).Where(i => labels[i] == j).ToList();
            for (int t = 0; t < x.Cols; t++) m[j, t] = members.Sum(i => x[i, t]) / (divideByN ? x.Rows : members.Count);
        }
        return m;
    }

    private static double[] Probabilities(Matrix x, Matrix chosen, bool squared = true)
    {
        var d = Enumerable.Range(0, x.Rows).Select(i => Enumerable.Range(0, chosen.Rows).Min(j => Kernels.Distance.Squared(x.Row(i), chosen.Row(j)))).Select(v => squared ? v : Math.Sqrt(v)).ToArray();
        return d.Select(v => v / d.Sum()).ToArray();
    }

    [Fact]
    public void Assignment_check()
    {
        Assert.Equal(ExerciseStatus.Passed, Lesson01Checks.Assignment((x, c) => Assign(x, c)).Status);
        var wrong = Lesson01Checks.Assignment((x, c) => Assign(x, c, farthest: true));
        Assert.Equal(ExerciseStatus.Failed, wrong.Status);
        Assert.Contains("should go to centroid", wrong.Message);
        Assert.Contains("returned 2 labels", Lesson01Checks.Assignment((x, c) => [0, 1]).Message);
        Assert.Equal(ExerciseStatus.NotAttempted, Lesson01Checks.Assignment((x, c) => throw new NotImplementedException()).Status);
    }

    [Fact]
    public void Update_check()
    {
        Assert.Equal(ExerciseStatus.Passed, Lesson01Checks.Update((x, l, k) => Update(x, l, k)).Status);
        var wrong = Lesson01Checks.Update((x, l, k) => Update(x, l, k, divideByN: true));
        Assert.Equal(ExerciseStatus.Failed, wrong.Status);
        Assert.Contains("should be the mean of its 3 points", wrong.Message);
        Assert.Contains("off by", wrong.Message);
        var crash = Lesson01Checks.Update((x, l, k) => throw new IndexOutOfRangeException("boom"));
        Assert.Equal(ExerciseStatus.Failed, crash.Status);
        Assert.Contains("IndexOutOfRangeException: boom", crash.Message);
    }

    [Fact]
    public void Seeding_probability_check()
    {
        Assert.Equal(ExerciseStatus.Passed, Lesson01Checks.SeedingProbabilities((x, c) => Probabilities(x, c)).Status);
        var wrong = Lesson01Checks.SeedingProbabilities((x, c) => Probabilities(x, c, squared: false));
        Assert.Equal(ExerciseStatus.Failed, wrong.Status);
        Assert.Contains("distance instead of its square", wrong.Message);
        Assert.Contains("sum to 1", Lesson01Checks.SeedingProbabilities((x, c) => Enumerable.Repeat(1.0, x.Rows).ToArray()).Message);
    }

    [Fact]
    public void Silhouette_check()
    {
        Assert.Equal(ExerciseStatus.Passed, Lesson01Checks.SilhouetteOfPoint((x, l, i) => Silhouette.Samples(x, l)[i]).Status);
        // A common slip: including the point itself (distance 0) in a's mean.
        var wrong = Lesson01Checks.SilhouetteOfPoint((x, l, i) =>
        {
            double Dist(int p, int q) => Kernels.Distance.Euclidean(x.Row(p), x.Row(q));
            var own = Enumerable.Range(0, x.Rows).Where(j => l[j] == l[i]).ToList();
            double a = own.Average(j => Dist(i, j));
            double b = l.Distinct().Where(c => c != l[i]).Min(c => Enumerable.Range(0, x.Rows).Where(j => l[j] == c).Average(j => Dist(i, j)));
            return (b - a) / Math.Max(a, b);
        });
        Assert.Equal(ExerciseStatus.Failed, wrong.Status);
        Assert.Contains("should have silhouette", wrong.Message);
    }

    [Fact]
    public void Nan_answers_never_pass()
    {
        Assert.Equal(ExerciseStatus.Failed, Lesson01Checks.Update((x, l, k) => new Matrix(k, x.Cols, Enumerable.Repeat(double.NaN, k * x.Cols).ToArray())).Status);
        Assert.Equal(ExerciseStatus.Failed, Lesson01Checks.SeedingProbabilities((x, c) => Enumerable.Repeat(double.NaN, x.Rows).ToArray()).Status);
        // Forgetting that a point alone in its cluster has silhouette 0 divides by zero: NaN for that point.
        var lonely = Lesson01Checks.SilhouetteOfPoint((x, l, i) => l.Count(v => v == l[i]) == 1 ? double.NaN : Silhouette.Samples(x, l)[i]);
        Assert.Equal(ExerciseStatus.Failed, lonely.Status);
        Assert.Contains("alone in its cluster", lonely.Message);
    }

    [Fact]
    public void Result_line_is_what_the_grader_parses()
    {
        var r = new ExerciseResult("01.2", "the update step", ExerciseStatus.Failed, "centroid 1 is off.");
        Assert.Equal("[exercise 01.2] FAILED: the update step. Centroid 1 is off.", r.ToString());
    }
}

public class Lesson02CheckTests
{
    private static int[] Cut(Clustering.LinkageTree t, int k, int merges)
    {
        var parent = Enumerable.Range(0, 2 * t.N - 1).ToArray();
        int Find(int v) { while (parent[v] != v) v = parent[v]; return v; }
        for (int m = 0; m < merges; m++) parent[t.Left[m]] = parent[t.Right[m]] = t.N + m;
        return Enumerable.Range(0, t.N).Select(Find).ToArray();
    }

    [Fact]
    public void Average_update_check()
    {
        Assert.Equal(ExerciseStatus.Passed, Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => (np * dip + nq * diq) / (np + nq)).Status);
        var unweighted = Lesson02Checks.AverageLinkageUpdate((dip, diq, np, nq) => (dip + diq) / 2);
        Assert.Equal(ExerciseStatus.Failed, unweighted.Status);
        Assert.Contains("Weight each distance", unweighted.Message);
    }

    [Fact]
    public void Cut_check()
    {
        Assert.Equal(ExerciseStatus.Passed, Lesson02Checks.CutTree((t, k) => Cut(t, k, t.N - k)).Status);
        var offByOne = Lesson02Checks.CutTree((t, k) => Cut(t, k, Math.Max(0, t.N - k - 1)));
        Assert.Equal(ExerciseStatus.Failed, offByOne.Status);
        Assert.Contains("distinct labels", offByOne.Message);
        Assert.Equal(ExerciseStatus.NotAttempted, Lesson02Checks.CutTree((t, k) => throw new NotImplementedException()).Status);
    }

    [Fact]
    public void Cophenetic_check()
    {
        Assert.Equal(ExerciseStatus.Passed, Lesson02Checks.CopheneticDistance((t, i, j) => t.CopheneticDistances()[Kernels.PairwiseDistances.Index(t.N, i, j)]).Status);
        // Plausible slip: the original distance instead of the merge height.
        var wrong = Lesson02Checks.CopheneticDistance((t, i, j) => Math.Abs(new[] { 0.0, 1, 3, 7, 15, 16 }[i] - new[] { 0.0, 1, 3, 7, 15, 16 }[j]));
        Assert.Equal(ExerciseStatus.Failed, wrong.Status);
        Assert.Contains("first meet in a merge at height", wrong.Message);
    }
}
