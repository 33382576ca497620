using Course.Lessons;

namespace Course.Tests;

public class WordingTests
{
    [Fact]
    public void Counts_agree_with_their_noun()
    {
        Assert.Equal("1 cluster", Wording.Count(1, "cluster"));
        Assert.Equal("0 clusters", Wording.Count(0, "cluster"));
        Assert.Equal("12,500 points", Wording.Count(12_500, "point"));
        Assert.Equal("2 noise points", Wording.Count(2, "noise point"));
        Assert.Equal("3 mice", Wording.Count(3, "mouse", "mice"));
        Assert.Throws<ArgumentNullException>(() => Wording.Count(1, null!));
    }

    [Fact]
    public void Fixed_never_prints_a_negative_zero()
    {
        Assert.Equal("0.00", Wording.Fixed(-0.001));
        Assert.Equal("0.00", Wording.Fixed(-0.0));
        Assert.Equal("-0.02", Wording.Fixed(-0.02));
        Assert.Equal("0.457", Wording.Fixed(0.4567, 3));
        Assert.Equal("3", Wording.Fixed(2.5001, 0));
        Assert.Equal("NaN", Wording.Fixed(double.NaN));
        Assert.Equal("decimals", Assert.Throws<ArgumentOutOfRangeException>(() => Wording.Fixed(1, -1)).ParamName);
    }
}
