using Course.Data;
using Course.Metrics;

namespace Course.Tests;

public class MetricsTests
{
    // 1-D points {0, 1} and {5, 6}: small enough to work every metric out by hand.
    private static readonly Matrix Line = Matrix.FromRows([[0], [1], [5], [6]]);
    private static readonly int[] Pairs = [0, 0, 1, 1];

    [Fact]
    public void Silhouette_worked_by_hand()
    {
        // Point 0: a = 1, b = (5 + 6) / 2 = 5.5, s = 4.5 / 5.5. Point 1: a = 1, b = 4.5, s = 3.5 / 4.5. Symmetric.
        var s = Silhouette.Samples(Line, Pairs);
        Assert.Equal([4.5 / 5.5, 3.5 / 4.5, 3.5 / 4.5, 4.5 / 5.5], s, new Within(1e-12));
        Assert.Equal((4.5 / 5.5 + 3.5 / 4.5) / 2, Silhouette.Score(Line, Pairs), 12);
    }

    [Fact]
    public void Silhouette_of_a_singleton_is_zero()
        => Assert.Equal(0.0, Silhouette.Samples(Line, [0, 0, 1, 2])[3]);

    [Fact]
    public void Davies_bouldin_worked_by_hand()
        // Spreads 0.5 and 0.5, centroids 0.5 and 5.5 at distance 5: (0.5 + 0.5) / 5 = 0.2.
        => Assert.Equal(0.2, DaviesBouldin.Score(Line, Pairs), 12);

    [Fact]
    public void Calinski_harabasz_worked_by_hand()
        // Mean 3; B = 2 * 2.5^2 + 2 * 2.5^2 = 25; W = 4 * 0.25 = 1; (25 / 1) / (1 / 2) = 50.
        => Assert.Equal(50.0, CalinskiHarabasz.Score(Line, Pairs), 12);

    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 1 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 2 }, new[] { 0, 0, 1, 1 }, 4.0 / 7.0)]   // scikit-learn docs: 0.57
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 1 }, -0.5)]        // scikit-learn docs: -0.5
    [InlineData(new[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, 2 }, new[] { 0, 0, 1, 1, 2, 2, 2, 2, 0, 1 }, -0.022727272727272728)] // scikit-learn 1.2.1
    public void Adjusted_rand_index_matches_known_values(int[] a, int[] b, double expected)
        => Assert.Equal(expected, AdjustedRandIndex.Score(a, b), 12);

    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }, 0.0)]         // scikit-learn docs
    [InlineData(new[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, 2 }, new[] { 0, 0, 1, 1, 2, 2, 2, 2, 0, 1 }, 0.2673369203999457)] // scikit-learn 1.2.1
    public void Normalized_mutual_info_matches_known_values(int[] a, int[] b, double expected)
        => Assert.Equal(expected, NormalizedMutualInfo.Score(a, b), 12);

    [Fact]
    public void Internal_metrics_match_scikit_learn_on_digits_and_iris()
    {
        // Reference values: scikit-learn 1.2.1 (Debian python3-sklearn) on the true labels, which are deterministic.
        var digits = Datasets.Digits();
        Assert.Equal(0.1629432052257522, Silhouette.Score(digits.X, digits.Labels), 9);
        Assert.Equal(2.1517097380390964, DaviesBouldin.Score(digits.X, digits.Labels), 9);
        Assert.Equal(144.1902786959258, CalinskiHarabasz.Score(digits.X, digits.Labels), 6);
        var iris = Datasets.Iris();
        Assert.Equal(0.503477440693296, Silhouette.Score(iris.X, iris.Labels), 9);
        Assert.Equal(0.7513707094756782, DaviesBouldin.Score(iris.X, iris.Labels), 9);
        Assert.Equal(487.33087637489984, CalinskiHarabasz.Score(iris.X, iris.Labels), 6);
    }

    [Fact]
    public void Accuracy_is_the_fraction_correct()
    {
        Assert.Equal(0.75, Accuracy.Score([0, 1, 2, 2], [0, 1, 2, 1]));
        Assert.Contains("length mismatch", Assert.Throws<ArgumentException>(() => Accuracy.Score([0, 1], [0])).Message);
    }
}
