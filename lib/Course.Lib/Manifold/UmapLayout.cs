using System.Runtime.CompilerServices;

namespace Course.Manifold;

/// <summary>
/// UMAP's layout optimisation (umap-learn's <c>optimize_layout_euclidean</c>): stochastic gradient descent on the
/// fuzzy cross-entropy, sampling each edge in proportion to its weight (an edge of weight w is visited every
/// w_max / w epochs), pulling its ends together by −2ab d^(2(b−1)) / (1 + a d^(2b)), and pushing the head away from
/// <see cref="UmapOptions.NegativeSampleRate"/> random points per visit by 2γb / ((0.001 + d²)(1 + a d^(2b))).
/// Each coordinate step is clipped to ±4 and the rate decays linearly to 0.
/// </summary>
/// <remarks>In two dimensions the edges run in parallel lanes that never read what another lane is writing
/// (<see cref="Lanes2"/>), so a seeded layout is reproducible; in other dimensions, in one thread in edge order, as
/// umap-learn does when given a random_state. d^(2b) and d^(2(b−1)) come from one logarithm and
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
        if (dims == 2 && IsSorted(heads))
        {
            Lanes2(head, tail, heads, tails, epochsPerSample, nextSample, epochsPerNegative, nextNegative, tailCount, epochs, initialAlpha, moveOther, seed, afterEpoch);
            return;
        }
        var rng = new XorShift(seed);
        Span<double> delta = stackalloc double[dims];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
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
                    double coeff = Attraction(d2);
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
                    double coeff = Repulsion(d2);
                    for (int d = 0; d < dims; d++) current[d] += Clip(coeff * delta[d]) * alpha;
                }
                nextNegative[e] += negatives * epochsPerNegative[e];
            }
            afterEpoch?.Invoke(epoch + 1, alpha);
        }
    }

    /// <summary>Fixed number of lanes the 2-D layout is split into; fixed, not the core count, so that a seeded
    /// layout is the same on every machine.</summary>
    private const int LaneCount = 8;

    /// <summary>
    /// The 2-D layout in parallel and still reproducible. The head points are cut into <see cref="LaneCount"/> ranges
    /// of indices; a lane runs the edges whose head it owns, in order, with its own generator. It reads and moves its
    /// own points live; other lanes' points it reads as they were at the start of the epoch, and its pulls on them
    /// (umap-learn's <c>move_other</c>) are queued and applied after the epoch in lane order. No lane ever reads what
    /// another is writing, so the result does not depend on thread timing. When transforming, the tail is fixed
    /// and this is exactly the sequential algorithm with per-lane generators.
    /// </summary>
    /// <remarks>Why: the sequential loop is bound by the latency of one log, one exp and one division per sample
    /// (about 40 ns), and umap-learn itself runs single-threaded when seeded. The lanes use both cores; the price is
    /// that a point sees other lanes' points one epoch late, as Hogwild-style parallel SGD does.</remarks>
    private void Lanes2(double[] head, double[] tail, int[] heads, int[] tails, double[] epochsPerSample, double[] nextSample,
        double[] epochsPerNegative, double[] nextNegative, int tailCount, int epochs, double initialAlpha, bool moveOther, ulong seed,
        Action<int, double>? afterEpoch)
    {
        bool shared = ReferenceEquals(head, tail);
        int headCount = head.Length / 2, lanes = Math.Max(1, Math.Min(LaneCount, headCount));
        var edgeStart = new int[lanes + 1];
        for (int l = 0, e = 0; l < lanes; l++)
        {
            edgeStart[l] = e;
            int end = RowEnd(l, lanes, headCount);
            while (e < heads.Length && heads[e] < end) e++;
        }
        edgeStart[lanes] = heads.Length;
        var rngs = new XorShift[lanes];
        for (int l = 0; l < lanes; l++) rngs[l] = new XorShift(seed + (ulong)l * 0x9E3779B97F4A7C15UL);
        var snapshot = shared ? new double[head.Length] : tail;
        var deferred = new List<(int Point, double X, double Y)>[lanes];
        for (int l = 0; l < lanes; l++) deferred[l] = [];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double alpha = initialAlpha * (1 - (double)epoch / epochs);
            if (shared) Array.Copy(head, snapshot, head.Length);
            int current = epoch;
            Parallel.For(0, lanes, l => Lane(RowEnd(l - 1, lanes, headCount), RowEnd(l, lanes, headCount), edgeStart[l], edgeStart[l + 1],
                head, snapshot, shared, heads, tails, epochsPerSample, nextSample, epochsPerNegative, nextNegative, tailCount, current, alpha,
                moveOther, ref rngs[l], deferred[l]));
            for (int l = 0; l < lanes; l++)
            {
                foreach (var (k, gx, gy) in deferred[l]) { head[2 * k] -= gx; head[2 * k + 1] -= gy; }
                deferred[l].Clear();
            }
            afterEpoch?.Invoke(epoch + 1, alpha);
        }
    }

    private static int RowEnd(int lane, int lanes, int count) => lane < 0 ? 0 : (int)((long)(lane + 1) * count / lanes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Lane(int lo, int hi, int from, int to, double[] head, double[] others, bool shared, int[] heads, int[] tails,
        double[] epochsPerSample, double[] nextSample, double[] epochsPerNegative, double[] nextNegative, int tailCount, int epoch,
        double alpha, bool moveOther, ref XorShift rng, List<(int, double, double)> deferred)
    {
        for (int e = from; e < to; e++)
        {
            if (nextSample[e] > epoch || epochsPerSample[e] < 0) continue;
            int j = heads[e], k = tails[e];
            double cx = head[2 * j], cy = head[2 * j + 1];
            bool ownK = shared && k >= lo && k < hi;
            var at = ownK ? head : others;
            double dx = cx - at[2 * k], dy = cy - at[2 * k + 1], d2 = dx * dx + dy * dy;
            if (d2 > 0)
            {
                double coeff = Attraction(d2);
                double gx = Clip(coeff * dx) * alpha, gy = Clip(coeff * dy) * alpha;
                cx += gx; cy += gy;
                if (moveOther)
                {
                    if (ownK) { head[2 * k] -= gx; head[2 * k + 1] -= gy; }
                    else deferred.Add((k, gx, gy));
                }
            }
            nextSample[e] += epochsPerSample[e];
            int negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
            for (int s = 0; s < negatives; s++)
            {
                int r = rng.Below(tailCount);
                if (shared && r == j) continue;
                var from2 = shared && r >= lo && r < hi ? head : others;
                dx = cx - from2[2 * r]; dy = cy - from2[2 * r + 1]; d2 = dx * dx + dy * dy;
                if (d2 <= 0) continue;
                double coeff = Repulsion(d2);
                cx += Clip(coeff * dx) * alpha; cy += Clip(coeff * dy) * alpha;
            }
            head[2 * j] = cx; head[2 * j + 1] = cy;
            nextNegative[e] += negatives * epochsPerNegative[e];
        }
    }

    private static bool IsSorted(int[] values)
    {
        for (int i = 1; i < values.Length; i++) if (values[i] < values[i - 1]) return false;
        return true;
    }

    /// <summary>The attractive gradient's factor on (yⱼ − yₖ) at squared distance d² > 0: −2ab d^(2(b−1)) / (1 + a d^(2b)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Attraction(double d2)
    {
        double powB = Math.Exp(b * Math.Log(d2));
        return -2 * a * b * (powB / d2) / (a * powB + 1);
    }

    /// <summary>The repulsive factor at squared distance d² > 0: 2γb / ((0.001 + d²)(1 + a d^(2b))).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Repulsion(double d2) => 2 * gamma * b / ((0.001 + d2) * (a * Math.Exp(b * Math.Log(d2)) + 1));

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
