using Course.Lessons;
using Course.Plotting;

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

    [Fact]
    public void Numbers_read_with_three_significant_digits_and_no_exponent_above_a_thousandth()
    {
        Assert.Equal("396,123,000", Wording.Number(3.96123e8));
        Assert.Equal("1,235", Wording.Number(1234.56));
        Assert.Equal("1,297", Wording.Number(1297));
        Assert.Equal("0.864", Wording.Number(0.86412));
        Assert.Equal("12.2", Wording.Number(12.23));
        Assert.Equal("0.00412", Wording.Number(0.004123));
        Assert.Equal("2.5", Wording.Number(2.5));
        Assert.Equal("4", Wording.Number(4.0001));
        Assert.Equal("100", Wording.Number(99.96));
        Assert.Equal("-0.25", Wording.Number(-0.25));
        Assert.Equal("2.1e-5", Wording.Number(2.1e-5));
        Assert.Equal("0", Wording.Number(-0.0));
        Assert.Equal("NaN", Wording.Number(double.NaN));
        Assert.Equal("1.5, 0.3", Wording.Numbers([1.5, 0.3]));
    }

    [Fact]
    public void Table_headers_are_words_and_numbers_are_readable()
    {
        string html = Course.Plotting.Table.Html([new { QueriesToRepayFit = 396123456.0, MeanARI = 0.86412, K = 4, Davies_Bouldin = 1.5 }]);
        Assert.Contains(">Queries to repay fit<", html);
        Assert.Contains(">Davies–Bouldin<", html);
        Assert.Contains(">Mean ARI<", html);
        Assert.Contains(">K<", html);
        Assert.Contains(">396,123,456<", html);
        Assert.Contains(">0.864<", html);
        Assert.DoesNotContain("E+", html);
        Assert.Contains(">0.86<", Course.Plotting.Table.Html([new { A = 0.86412 }], format: "F2"));
    }
}
