using Course.Metrics;

namespace Course.Tests;

public class LabelAlignmentTests
{
    [Fact]
    public void A_permuted_clustering_gets_the_reference_names_back()
    {
        int[] truth = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] found = [5, 5, 5, 9, 9, 3, 3, 3, 3];
        Assert.Equal(truth, LabelAlignment.Align(truth, found));
    }

    [Fact]
    public void The_largest_overlaps_win_leftovers_get_fresh_ids_and_noise_stays_noise()
    {
        int[] truth = [0, 0, 0, 0, 1, 1, 1, -1, 1];
        // Cluster 7 overlaps 0 (3 points) and 1 (1 point); cluster 4 overlaps 1 (2 points); cluster 8 is left over.
        int[] found = [7, 7, 7, 4, 4, 4, 8, -1, 7];
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, -1, 0], LabelAlignment.Align(truth, found));
        // Scores see the same partition.
        Assert.Equal(AdjustedRandIndex.Score(truth, found), AdjustedRandIndex.Score(truth, LabelAlignment.Align(truth, found)), 12);
    }

    [Fact]
    public void Rejects_mismatched_and_null_input()
    {
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => LabelAlignment.Align([0, 1], [0])).ParamName);
        Assert.Throws<ArgumentNullException>(() => LabelAlignment.Align(null!, [0]));
        Assert.Throws<ArgumentNullException>(() => LabelAlignment.Align([0], null!));
        Assert.Empty(LabelAlignment.Align([], []));
    }
}
