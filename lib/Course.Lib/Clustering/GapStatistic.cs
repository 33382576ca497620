namespace Course.Clustering;

/// <summary>The gap statistic at one k: log W_k of the data, its expectation under the null reference, the gap
/// between them and the reference's standard error s_k = sd_k √(1 + 1/B).</summary>
public sealed record GapPoint(int K, double LogW, double ExpectedLogW, double Gap, double StandardError);

/// <summary>The gap curve over a range of k, with two rules for choosing k from it.</summary>
public sealed record GapResult
{
    /// <summary>The gap at each k, in increasing k.</summary>
    public IReadOnlyList<GapPoint> Points { get; }

    /// <summary>A result over <paramref name="points"/> (at least one, in increasing k).</summary>
    public GapResult(IReadOnlyList<GapPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("give at least one k.", nameof(points));
        for (int i = 1; i < points.Count; i++)
            if (points[i].K <= points[i - 1].K) throw new ArgumentException("points must be in increasing k.", nameof(points));
        Points = points;
    }

    /// <summary>The smallest k whose gap is within one standard error of the largest gap (Dudoit and Fridlyand's rule,
    /// "globalSEmax" in R's <c>cluster::clusGap</c>). Unlike <see cref="TibshiraniK"/> it looks past a flat or falling
    /// start, which the uniform reference produces when the clusters lie near the edges of the data's bounding box; on
    /// data with no clusters, where every gap is noise around 0, it can settle on any k, and the paper's rule is the
    /// safer one.</summary>
    public int BestK
    {
        get
        {
            var top = Points.MaxBy(p => p.Gap)!;
            return Points.First(p => p.Gap >= top.Gap - top.StandardError).K;
        }
    }

    /// <summary>The paper's rule: the smallest k with Gap(k) ≥ Gap(k + 1) − s(k + 1); the largest k tried when no k
    /// qualifies. It can stop early when the gap starts flat (for example at k = 1 when the clusters come in distant
    /// pairs, so that splitting the data in two gains no more than it does for the reference).</summary>
    public int TibshiraniK
    {
        get
        {
            for (int i = 0; i + 1 < Points.Count; i++)
                if (Points[i].Gap >= Points[i + 1].Gap - Points[i + 1].StandardError) return Points[i].K;
            return Points[^1].K;
        }
    }
}

/// <summary>
/// Tibshirani, Walther and Hastie's gap statistic ("Estimating the number of clusters in a data set via the gap
/// statistic", J. R. Statist. Soc. B 63, 2001): compares log W_k, the log of K-means' pooled within-cluster sum of
/// squares (its inertia), with its expectation on data with no clusters, drawn uniformly over the bounding box of each
/// feature (the paper's first reference distribution). Clustered data's W_k drops faster than the reference's up to
/// the true k, so the gap E*[log W_k] − log W_k grows until then and levels off after.
/// </summary>
/// <remarks>Unlike the elbow, the gap can choose k = 1 (no clusters). Cost: (B + 1) K-means fits per k.</remarks>
public static class GapStatistic
{
    /// <summary>The gap for every k in [<paramref name="kMin"/>, <paramref name="kMax"/>].</summary>
    /// <param name="x">Data, n x d (n ≥ kMax), finite.</param>
    /// <param name="kMin">Smallest k, at least 1.</param>
    /// <param name="kMax">Largest k, at most n.</param>
    /// <param name="references">B, the number of reference data sets. Default 10 (the paper uses 10 to 20).</param>
    /// <param name="seed">Seed of the reference draws and of K-means. Default <see cref="Seed.Default"/>; null draws a fresh one.</param>
    public static GapResult Compute(Matrix x, int kMin, int kMax, int references = 10, int? seed = Seed.Default)
    {
        Guard.Data(x, nameof(x));
        Guard.InRange(kMin, 1, x.Rows, nameof(kMin));
        Guard.InRange(kMax, kMin, x.Rows, nameof(kMax));
        Guard.InRange(references, 1, 10_000, nameof(references));
        var rng = Seed.Create(seed);
        int fitSeed = rng.Next();
        var (low, high) = (new double[x.Cols], new double[x.Cols]);
        for (int j = 0; j < x.Cols; j++) { var column = x.Column(j); low[j] = column.Min(); high[j] = column.Max(); }
        var draws = new Matrix[references];
        for (int b = 0; b < references; b++)
        {
            draws[b] = new Matrix(x.Rows, x.Cols);
            for (int i = 0; i < x.Rows; i++)
                for (int j = 0; j < x.Cols; j++) draws[b][i, j] = low[j] + (high[j] - low[j]) * rng.NextDouble();
        }
        // log 0 (k = n, or duplicate rows) would make the gap undefined; the smallest positive double keeps it finite.
        double LogW(Matrix data, int k) => Math.Log(Math.Max(new KMeans(new KMeansOptions { NClusters = k, Seed = fitSeed }).Fit(data).Inertia, double.Epsilon));
        var points = new List<GapPoint>();
        for (int k = kMin; k <= kMax; k++)
        {
            var reference = draws.Select(d => LogW(d, k)).ToArray();
            double mean = reference.Average();
            double sd = Math.Sqrt(reference.Average(v => (v - mean) * (v - mean)));
            double logW = LogW(x, k);
            points.Add(new GapPoint(k, logW, mean, mean - logW, sd * Math.Sqrt(1 + 1.0 / references)));
        }
        return new GapResult(points);
    }
}
