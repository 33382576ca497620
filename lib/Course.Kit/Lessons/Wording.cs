using System.Globalization;

namespace Course.Lessons;

/// <summary>Numbers as a sentence or a chart title should read them: "1 cluster", not "1 clusters"; "0.00", not the
/// "-0.00" that a tiny negative score such as an ARI of −0.001 prints as.</summary>
public static class Wording
{
    /// <summary>"<paramref name="count"/> <paramref name="singular"/>" or, unless the count is 1, the plural
    /// (<paramref name="plural"/>, default the singular with an "s"), with thousands separators.</summary>
    public static string Count(long count, string singular, string? plural = null)
    {
        ArgumentNullException.ThrowIfNull(singular);
        return $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
    }

    /// <summary><paramref name="value"/> with <paramref name="decimals"/> decimals (default 2), never as a negative zero.</summary>
    public static string Fixed(double value, int decimals = 2)
    {
        if (decimals is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "decimals must be between 0 and 15.");
        string digits = decimals == 0 ? "0" : "0." + new string('0', decimals);
        // The third section is used for values that round to zero, whatever their sign.
        return value.ToString($"{digits};-{digits};{digits}", CultureInfo.InvariantCulture);
    }
}
