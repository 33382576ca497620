using Course.Metrics;

namespace Course.Tests;

public class OneStandardErrorTests
{
    [Fact]
    public void The_simplest_candidate_within_one_standard_error_of_the_best_is_chosen()
    {
        // Best 0.85 at 100 with standard error 0.007: the bar is 0.843, and 50 (0.845) is the simplest above it.
        Assert.Equal(50, OneStandardError.Choose([10, 20, 50, 100], [0.80, 0.83, 0.845, 0.85], [0.01, 0.008, 0.006, 0.007]));
        // The best candidate's error sets the bar, not each candidate's own: 10 would pass with its own 0.03.
        Assert.Equal(60, OneStandardError.Choose([10, 30, 60], [0.78, 0.80, 0.81], [0.03, 0.004, 0.004]));
        // Any order: the smallest complexity above the bar, wherever it is listed.
        Assert.Equal(20, OneStandardError.Choose([50, 10, 20], [0.9, 0.88, 0.895], [0.006, 0.01, 0.02]));
        Assert.Equal(7, OneStandardError.Choose([7], [0.5], [0.0]));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("complexity", Assert.Throws<ArgumentException>(() => OneStandardError.Choose([], [], [])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => OneStandardError.Choose([1, 2], [0.5], [0.1, 0.1])).ParamName);
        Assert.Equal("standardErrors", Assert.Throws<ArgumentException>(() => OneStandardError.Choose([1], [0.5], [-0.1])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => OneStandardError.Choose([1], [double.NaN], [0.1])).ParamName);
        Assert.Equal("standardErrors", Assert.Throws<ArgumentException>(() => OneStandardError.Choose([1], [0.5], [double.PositiveInfinity])).ParamName);
        Assert.Throws<ArgumentNullException>(() => OneStandardError.Choose(null!, [0.5], [0.1]));
    }
}
