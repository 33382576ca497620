using System.Runtime.CompilerServices;

namespace Course.Manifold;

/// <summary>
/// UMAP's layout optimisation (umap-learn's <c>optimize_layout_euclidean</c>): stochastic gradient descent on the
/// fuzzy cross-entropy, sampling each edge in proportion to its weight (an edge of weight w is visited every
/// w_max / w epochs), pulling its ends together by −2ab d^(2(b−1)) / (1 + a d^(2b)), and pushing the head away from
/// <see cref="UmapOptions.NegativeSampleRate"/> random points per visit by 2γb / ((0.001 + d²)(1 + a d^(2b))).
/// Each coordinate step is clipped to ±4 and the rate decays linearly to 0.
/// </summary>
/// <remarks>Runs in one thread, in edge order, with one seeded generator, as umap-learn does when given a
/// random_state: that is what makes a seeded layout reproducible. d^(2b) and d^(2(b−1)) come from one logarithm and
/// one exponential (measured 9 ns together here, against 17 ns for <c>Math.Pow</c>; an inlined series was slower).</remarks>
internal sealed class UmapLayout(double a, double b, double gamma, int negativeRate)
{
    /// <summary>Optimises <paramref name="head"/> (rows moved) against <paramref name="tail"/> (the same array when
    /// fitting, the training embedding when transforming, then held fixed) over the edges head[i] → tail[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Optimise(double[] head, double[] tail, int dims, int[] heads, int[] tails, double[] weights, int tailCount,
        int epochs, double initialAlpha, bool moveOther, ulong seed, Action<int, double>? afterEpoch = null)
    {
        int edges = heads.Length;
        double wMax = 0;
        foreach (double w in weights) wMax = Math.Max(wMax, w);
        var epochsPerSample = new double[edges];
        for (int e = 0; e < edges; e++) epochsPerSample[e] = weights[e] > 0 ? wMax / weights[e] : -1;
        var nextSample = (double[])epochsPerSample.Clone();
        var epochsPerNegative = new double[edges];
        for (int e = 0; e < edges; e++) epochsPerNegative[e] = epochsPerSample[e] / negativeRate;
        var nextNegative = (double[])epochsPerNegative.Clone();
        var rng = new XorShift(seed);
        Span<double> delta = stackalloc double[dims];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            if (dims == 2)
            {
                Epoch2(head, tail, heads, tails, epochsPerSample, nextSample, epochsPerNegative, nextNegative, tailCount, epoch, initialAlpha * (1 - (double)epoch / epochs), moveOther, ref rng);
                afterEpoch?.Invoke(epoch + 1, initialAlpha * (1 - (double)epoch / epochs));
                continue;
            }
            double alpha = initialAlpha * (1 - (double)epoch / epochs);
            for (int e = 0; e < edges; e++)
            {
                if (epochsPerSample[e] < 0 || nextSample[e] > epoch) continue;
                int j = heads[e], k = tails[e];
                var current = head.AsSpan(j * dims, dims);
                var other = tail.AsSpan(k * dims, dims);
                double d2 = 0;
                for (int d = 0; d < dims; d++) { delta[d] = current[d] - other[d]; d2 += delta[d] * delta[d]; }
                if (d2 > 0)
                {
                    double powB = Math.Exp(b * Math.Log(d2));
                    double coeff = -2 * a * b * (powB / d2) / (a * powB + 1);
                    for (int d = 0; d < dims; d++)
                    {
                        double g = Clip(coeff * delta[d]) * alpha;
                        current[d] += g;
                        if (moveOther) other[d] -= g;
                    }
                }
                nextSample[e] += epochsPerSample[e];
                int negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
                for (int s = 0; s < negatives; s++)
                {
                    int r = rng.Below(tailCount);
                    var far = tail.AsSpan(r * dims, dims);
                    d2 = 0;
                    for (int d = 0; d < dims; d++) { delta[d] = current[d] - far[d]; d2 += delta[d] * delta[d]; }
                    if (d2 <= 0) continue;
                    double powB = Math.Exp(b * Math.Log(d2));
                    double coeff = 2 * gamma * b / ((0.001 + d2) * (a * powB + 1));
                    for (int d = 0; d < dims; d++) current[d] += Clip(coeff * delta[d]) * alpha;
                }
                nextNegative[e] += negatives * epochsPerNegative[e];
            }
            afterEpoch?.Invoke(epoch + 1, alpha);
        }
    }

    /// <summary>One epoch in two dimensions, the common case, with coordinates in locals: the same arithmetic as the
    /// general loop, about twice as fast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Epoch2(double[] head, double[] tail, int[] heads, int[] tails, double[] epochsPerSample, double[] nextSample,
        double[] epochsPerNegative, double[] nextNegative, int tailCount, int epoch, double alpha, bool moveOther, ref XorShift rng)
    {
        double twoAb = 2 * a * b, twoGb = 2 * gamma * b;
        for (int e = 0; e < heads.Length; e++)
        {
            if (nextSample[e] > epoch || epochsPerSample[e] < 0) continue;
            int j = heads[e], k = tails[e];
            double cx = head[2 * j], cy = head[2 * j + 1];
            double dx = cx - tail[2 * k], dy = cy - tail[2 * k + 1], d2 = dx * dx + dy * dy;
            if (d2 > 0)
            {
                double powB = Math.Exp(b * Math.Log(d2));
                double coeff = -twoAb * (powB / d2) / (a * powB + 1);
                double gx = Clip(coeff * dx) * alpha, gy = Clip(coeff * dy) * alpha;
                cx += gx; cy += gy;
                if (moveOther) { tail[2 * k] -= gx; tail[2 * k + 1] -= gy; }
                // When head and tail are one array, k's move must be visible before j is written back.
                head[2 * j] = cx; head[2 * j + 1] = cy;
            }
            nextSample[e] += epochsPerSample[e];
            int negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
            for (int s = 0; s < negatives; s++)
            {
                int r = rng.Below(tailCount);
                if (r == j && moveOther) continue; // itself (its stored position is stale until written back)
                dx = cx - tail[2 * r]; dy = cy - tail[2 * r + 1]; d2 = dx * dx + dy * dy;
                if (d2 <= 0) continue;
                double powB = Math.Exp(b * Math.Log(d2));
                double coeff = twoGb / ((0.001 + d2) * (a * powB + 1));
                cx += Clip(coeff * dx) * alpha; cy += Clip(coeff * dy) * alpha;
            }
            head[2 * j] = cx; head[2 * j + 1] = cy;
            nextNegative[e] += negatives * epochsPerNegative[e];
        }
    }

    private static double Clip(double v) => v > 4 ? 4 : v < -4 ? -4 : v;

    /// <summary>xorshift64*: the negative sampler's generator, a few cycles per draw (Vigna 2016).</summary>
    private struct XorShift(ulong seed)
    {
        private ulong state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

        public ulong Next()
        {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
            return (state * 0x2545F4914F6CDD1DUL) >> 11;
        }

        /// <summary>Uniform in [0, n): Lemire's multiply-shift instead of a 64-bit division.</summary>
        public int Below(int n) => (int)(((Next() >> 21) * (ulong)n) >> 32);
    }
}
