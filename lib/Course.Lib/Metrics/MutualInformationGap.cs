namespace Course.Metrics;

/// <summary>
/// The mutual information gap (Chen, Li, Grosse and Duvenaud, "Isolating sources of disentanglement in VAEs", NeurIPS
/// 2018): for each known factor vₖ, the difference between the largest and second-largest mutual information
/// I(zⱼ; vₖ) over the latent variables, divided by the factor's entropy H(vₖ), averaged over factors. 1 when each factor
/// is captured entirely by one latent and by no other; near 0 when information is spread or absent.
/// </summary>
/// <remarks>Each latent is discretised into equal-width bins (20 by default, as in the disentanglement_lib
/// implementation) and mutual information is computed from the empirical joint histogram, in nats.</remarks>
public static class MutualInformationGap
{
    /// <summary>MIG of <paramref name="latents"/> (n x d) against discrete <paramref name="factors"/> (K arrays of n levels).</summary>
    /// <remarks>Factors that never vary carry no information to capture and are left out of the average.</remarks>
    public static double Score(Matrix latents, IReadOnlyList<int[]> factors, int bins = 20)
    {
        var gaps = PerFactor(latents, factors, bins);
        var varying = gaps.Where((_, k) => Entropy(factors[k]) > 0).ToArray();
        return varying.Length == 0 ? 0 : varying.Average();
    }

    /// <summary>The gap of each factor separately (its normalised top-two difference).</summary>
    public static double[] PerFactor(Matrix latents, IReadOnlyList<int[]> factors, int bins = 20)
    {
        var normalised = Normalised(latents, factors, bins);
        return Enumerable.Range(0, factors.Count).Select(k =>
        {
            var column = normalised.Select(row => row[k]).OrderDescending().ToArray();
            return column[0] - column[1];
        }).ToArray();
    }

    /// <summary>I(zⱼ; vₖ) / H(vₖ) for every latent j (rows) and factor k (columns): the share of each factor's entropy
    /// that each latent captures. A disentangled model has one large entry per column; a constant factor gives 0.</summary>
    public static double[][] Normalised(Matrix latents, IReadOnlyList<int[]> factors, int bins = 20)
    {
        Guard.Data(latents, nameof(latents), minRows: 2);
        ArgumentNullException.ThrowIfNull(factors);
        if (factors.Count == 0) throw new ArgumentException("give at least one factor.", nameof(factors));
        Guard.InRange(bins, 2, int.MaxValue, nameof(bins));
        for (int k = 0; k < factors.Count; k++)
        {
            if (factors[k] is null) throw new ArgumentException($"factors[{k}] is null.", nameof(factors));
            Guard.SameLength(latents.Rows, factors[k].Length, nameof(factors));
        }
        if (latents.Cols < 2) throw new ArgumentException("MIG needs at least 2 latent variables (it compares the best two).", nameof(latents));
        var entropy = factors.Select(Entropy).ToArray();
        return Enumerable.Range(0, latents.Cols).Select(j =>
        {
            var z = Discretise(latents.Column(j), bins);
            return factors.Select((f, k) => entropy[k] > 0 ? MutualInformation(z, f) / entropy[k] : 0.0).ToArray();
        }).ToArray();
    }

    /// <summary>I(a; b) in nats from the empirical joint distribution of two discrete labelings.</summary>
    public static double MutualInformation(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        Guard.SameLength(a.Count, b.Count, nameof(b));
        int n = a.Count;
        var joint = new Dictionary<(int, int), int>();
        var pa = new Dictionary<int, int>(); var pb = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            joint[(a[i], b[i])] = joint.GetValueOrDefault((a[i], b[i])) + 1;
            pa[a[i]] = pa.GetValueOrDefault(a[i]) + 1;
            pb[b[i]] = pb.GetValueOrDefault(b[i]) + 1;
        }
        double mi = 0;
        foreach (var ((x, y), c) in joint) mi += c / (double)n * Math.Log(c * (double)n / (pa[x] * (double)pb[y]));
        return Math.Max(0, mi);
    }

    /// <summary>H(a) in nats.</summary>
    public static double Entropy(IReadOnlyList<int> a)
    {
        int n = a.Count;
        return -a.GroupBy(v => v).Sum(g => g.Count() / (double)n * Math.Log(g.Count() / (double)n));
    }

    private static int[] Discretise(double[] values, int bins)
    {
        double lo = values.Min(), hi = values.Max();
        if (!(hi > lo)) return new int[values.Length];
        return values.Select(v => Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins))).ToArray();
    }
}
