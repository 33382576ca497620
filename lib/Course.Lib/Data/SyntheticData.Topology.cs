namespace Course.Data;

public static partial class SyntheticData
{
    /// <summary>
    /// Two rings of radius 1 in 3-D: ring 0 in the xy-plane around the origin, ring 1 in the xz-plane around
    /// (<paramref name="offset"/>, 0, 0). At the default offset 1, ring 1 passes through ring 0's centre and ring 0
    /// through ring 1's, so the rings are linked like two links of a chain (for any 0 &lt; |offset| &lt; 2); beyond 2
    /// they are apart. At 0 and ±2 the rings would touch, so those offsets are refused: linked or not, the rings are
    /// separate loops, and only how they wind round each other differs, which no 2-D picture can show. The name says
    /// which: "linked rings" or "rings apart".
    /// </summary>
    /// <param name="nPerRing">Points per ring (at least 3), evenly spaced by angle before the noise.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate.</param>
    /// <param name="offset">Distance between the ring centres along x; not 0 or ±2, where the rings touch.</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <returns>2 · nPerRing rows, in order: ring 0's points by angle 2πi / nPerRing, then ring 1's; labels 0 and 1.
    /// The rows are not shuffled, so row i and row i + 1 of a ring are neighbours along it.</returns>
    public static LabeledData LinkedRings(int nPerRing = 300, double noise = 0.03, double offset = 1.0, int? seed = Seed.Default)
    {
        Guard.InRange(nPerRing, 3, int.MaxValue, nameof(nPerRing));
        Guard.NonNegative(noise, nameof(noise));
        if (!double.IsFinite(offset) || Math.Abs(offset) > 1e6) throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be finite and at most 1e6 in size.");
        if (offset == 0 || Math.Abs(offset) == 2) throw new ArgumentOutOfRangeException(nameof(offset), offset, "at offset 0 or ±2 the rings touch; choose 0 < |offset| < 2 for linked rings, |offset| > 2 for rings apart.");
        var rng = Seed.Create(seed);
        var x = new Matrix(2 * nPerRing, 3);
        var labels = new int[2 * nPerRing];
        for (int ring = 0; ring < 2; ring++)
            for (int i = 0; i < nPerRing; i++)
            {
                double t = 2 * Math.PI * i / nPerRing;
                int row = ring * nPerRing + i;
                double[] p = ring == 0 ? [Math.Cos(t), Math.Sin(t), 0] : [offset + Math.Cos(t), 0, Math.Sin(t)];
                for (int c = 0; c < 3; c++) x[row, c] = p[c] + noise * rng.NextGaussian();
                labels[row] = ring;
            }
        return new LabeledData(x, labels, Math.Abs(offset) is > 0 and < 2 ? "linked rings" : "rings apart", ["ring A", "ring B"]);
    }
}
