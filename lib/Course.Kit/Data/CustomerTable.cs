using Microsoft.Data.Analysis;

namespace Course.Data;

/// <summary>
/// A synthetic customer table for segmentation: recency, frequency and monetary value (RFM) plus a few behavioural
/// columns, drawn from four planted segments with skewed (log-normal) distributions as real spend data has.
/// </summary>
public static class CustomerTable
{
    /// <summary>The planted segment names, in label order.</summary>
    public static readonly string[] Segments = ["champions", "loyal regulars", "at risk", "new or occasional"];

    /// <summary>
    /// Columns: <c>customer_id</c>, <c>recency_days</c>, <c>frequency</c> (orders per year), <c>monetary</c> (spend per year),
    /// <c>avg_basket</c>, <c>tenure_months</c>, <c>return_rate</c>, <c>web_share</c>, and <c>segment</c> (the planted
    /// truth, for checking only: a real table has no such column).
    /// </summary>
    public static DataFrame Generate(int n = 2000, int? seed = Seed.Default)
    {
        Guard.InRange(n, 4, 10_000_000, nameof(n));
        var rng = Seed.Create(seed);
        // Per segment: share, median recency, median frequency, median basket, tenure range, return rate, web share.
        (double Share, double Recency, double Freq, double Basket, int TenureMin, int TenureMax, double Returns, double Web)[] spec =
        [
            (0.15, 8, 40, 85, 24, 96, 0.03, 0.7),
            (0.35, 25, 14, 55, 12, 72, 0.05, 0.5),
            (0.20, 160, 6, 60, 24, 96, 0.12, 0.4),
            (0.30, 60, 2, 35, 0, 12, 0.08, 0.8),
        ];
        var id = new Int32DataFrameColumn("customer_id", n);
        var recency = new DoubleDataFrameColumn("recency_days", n);
        var frequency = new DoubleDataFrameColumn("frequency", n);
        var monetary = new DoubleDataFrameColumn("monetary", n);
        var basket = new DoubleDataFrameColumn("avg_basket", n);
        var tenure = new Int32DataFrameColumn("tenure_months", n);
        var returns = new DoubleDataFrameColumn("return_rate", n);
        var web = new DoubleDataFrameColumn("web_share", n);
        var segment = new StringDataFrameColumn("segment", n);
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble(), acc = 0;
            int s = 0;
            for (; s < spec.Length - 1; s++) { acc += spec[s].Share; if (u < acc) break; }
            var p = spec[s];
            double f = Math.Max(1, Math.Round(p.Freq * Math.Exp(0.35 * rng.NextGaussian())));
            double b = p.Basket * Math.Exp(0.3 * rng.NextGaussian());
            id[i] = 10_000 + i;
            recency[i] = Math.Round(Math.Max(0, p.Recency * Math.Exp(0.45 * rng.NextGaussian())));
            frequency[i] = f;
            basket[i] = Math.Round(b, 2);
            monetary[i] = Math.Round(f * b, 2);
            tenure[i] = rng.Next(p.TenureMin, p.TenureMax + 1);
            returns[i] = Math.Round(Math.Clamp(p.Returns + 0.03 * rng.NextGaussian(), 0, 1), 3);
            web[i] = Math.Round(Math.Clamp(p.Web + 0.15 * rng.NextGaussian(), 0, 1), 3);
            segment[i] = Segments[s];
        }
        return new DataFrame(id, recency, frequency, monetary, basket, tenure, returns, web, segment);
    }
}
