using System.Globalization;

namespace Course.Plotting;

/// <summary>Numbers as a sentence or a chart title should read them: "1 cluster", not "1 clusters"; "0.00", not the
/// "-0.00" that a tiny negative score such as an ARI of −0.001 prints as; "396,000,000", not "3.96E+008".</summary>
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
        // The standard "F" format rounds the double's exact value, as tables and charts do, so one figure reads the
        // same everywhere (a custom "0.000" format rounds a 15-digit copy: 0.6625 came out 0.663 there, 0.662 here).
        string text = value.ToString("F" + decimals, CultureInfo.InvariantCulture);
        // A negative value that rounds to zero loses its sign: "-0.00" says nothing a reader needs.
        return text.StartsWith('-') && text.Skip(1).All(c => c is '0' or '.') ? text[1..] : text;
    }

    /// <summary>
    /// A measured value as a reader reads it: from 100 up whole, with thousands separators ("1,297", "396,123,456"
    /// for 3.96123456e8), below 100 with 3 significant digits ("0.864", "12.2", "0.00412"),
    /// exponent form only below 0.001 ("2.1e-5"), and never a negative zero.
    /// </summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(value);
        if (magnitude == 0) return "0";
        if (magnitude < 1e-3) return Fix(value.ToString("0.0e+00", CultureInfo.InvariantCulture));
        int digitsBeforePoint = (int)Math.Floor(Math.Log10(magnitude)) + 1;
        // From 100 up a value is written whole: counts stay exact (1,297), and decimals of large figures say nothing.
        if (digitsBeforePoint >= 3) return Math.Round(value).ToString("N0", CultureInfo.InvariantCulture);
        string text = Fixed(value, 3 - digitsBeforePoint);
        // Trailing zeros after the point say nothing a reader needs ("2.50" → "2.5", "4.00" → "4").
        return text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;

        static string Fix(string e) => e.Replace("e+0", "e+").Replace("e-0", "e-");
    }

    /// <summary>The values as <see cref="Number"/> writes them, joined by ", ".</summary>
    public static string Numbers(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(", ", values.Select(Number));
    }
}
