using Course.Lessons;

namespace Course.Tests;

/// <summary>Lesson 05's map measures on tiny maps worked out by hand, and their refusals.</summary>
public class MapMeasuresTests
{
    // Group 0: (0, 0), (2, 0), (1, 3) with centre (1, 1); group 1: (10, 1), (12, 1) with centre (11, 1).
    private static readonly Matrix Map = Matrix.FromRows([[0, 0], [2, 0], [1, 3], [10, 1], [12, 1]]);
    private static readonly int[] Labels = [0, 0, 0, 1, 1];

    [Fact]
    public void Spreads_and_gaps_equal_the_hand_worked_values()
    {
        // Squared distances to (1, 1): 2, 2, 4, so the RMS is √(8/3); group 1: 1 and 1.
        Assert.Equal(Math.Sqrt(8.0 / 3), MapMeasures.Spread(Map, Labels, 0), 12);
        Assert.Equal(1, MapMeasures.Spread(Map, Labels, 1), 12);
        // All five around (5, 1): squared distances 26, 10, 20, 25, 49.
        Assert.Equal(Math.Sqrt(130.0 / 5), MapMeasures.Spread(Map), 12);
        Assert.Equal(10, MapMeasures.CentreGap(Map, Labels, 0, 1), 12);
        Assert.Equal([10.0], MapMeasures.CentreDistances(Map, Labels, 2));
        // Nearest-neighbour distances: 2, 2, √10 ((1, 3) is √10 from both (0, 0) and (2, 0)), 2, 2.
        double nearest = (2 + 2 + Math.Sqrt(10) + 2 + 2) / 5;
        Assert.Equal(nearest / Math.Sqrt(26), MapMeasures.Huddle(Map), 12);
    }

    [Fact]
    public void A_loop_with_one_long_jump_has_one_tear_and_shares_and_votes_count_neighbours()
    {
        // Twelve points one apart along a line, read as a loop: the wrap-round step (11) is the one tear.
        var line = Matrix.FromRows([.. Enumerable.Range(0, 12).Select(i => new double[] { i, 0.1 * (i % 2) })]);
        Assert.Equal(1, MapMeasures.Tears(line, 0, 12));
        Assert.Equal(0, MapMeasures.Tears(Matrix.FromRows([.. Enumerable.Range(0, 12).Select(i => new[] { Math.Cos(i * Math.PI / 6), Math.Sin(i * Math.PI / 6) })]), 0, 12));
        // Each group-0 point's nearest neighbour is in group 0; group 1's too.
        Assert.Equal(0, MapMeasures.NeighbourShare(Map, 1, _ => true, (i, j) => Labels[i] != Labels[j]));
        // With 3 neighbours, group 1's points see their partner and 2 of group 0: share of the other group 2/3.
        Assert.Equal(2.0 / 3, MapMeasures.NeighbourShare(Map, 3, i => Labels[i] == 1, (i, j) => Labels[i] != Labels[j]), 12);
        // Even rows (0, 2, 4) fit, odd rows (1, 3) are scored with a 1-NN vote: (2, 0) is nearest (0, 0) → 0 right;
        // (10, 1) is nearest (12, 1) → 1 right.
        Assert.Equal(1, MapMeasures.NeighbourVote(Map, Labels, k: 1));
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_argument()
    {
        Assert.Equal("points", Assert.Throws<ArgumentNullException>(() => MapMeasures.Spread(null!)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => MapMeasures.Huddle(new Matrix(0, 2))).ParamName);
        var nan = Map.Clone(); nan[1, 1] = double.NaN;
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => MapMeasures.Spread(nan)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => MapMeasures.Spread(Map, [0, 1], 0)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => MapMeasures.CentreGap(Map, Labels, 0, 7)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => MapMeasures.Tears(Map, 3, 5)).ParamName);
        Assert.Equal("among", Assert.Throws<ArgumentException>(() => MapMeasures.NeighbourShare(Map, 1, _ => false, (i, j) => true)).ParamName);
    }
}
