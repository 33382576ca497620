namespace Course.Manifold;

/// <summary>
/// UMAP's low-dimensional similarity 1 / (1 + a d^(2b)), with a and b fitted by least squares to the target curve
/// "1 below min_dist, exp(−(d − min_dist) / spread) above" on 300 points of [0, 3·spread] (umap-learn's
/// <c>find_ab_params</c>; for min_dist 0.1 and spread 1 that gives a ≈ 1.577, b ≈ 0.895). A smooth curve keeps the
/// gradient defined everywhere, which the piecewise target is not.
/// </summary>
public static class UmapCurve
{
    /// <summary>Fits (a, b) for <paramref name="minDist"/> (≥ 0, below spread) and <paramref name="spread"/> (> 0) by
    /// Levenberg-Marquardt from (1, 1), scipy's <c>curve_fit</c> start.</summary>
    public static (double A, double B) Fit(double minDist = 0.1, double spread = 1.0)
    {
        Guard.Positive(spread, nameof(spread));
        Guard.NonNegative(minDist, nameof(minDist));
        if (minDist >= spread) throw new ArgumentOutOfRangeException(nameof(minDist), minDist, $"minDist must be below spread ({spread}).");
        const int points = 300;
        var xs = new double[points]; var ys = new double[points];
        for (int i = 0; i < points; i++)
        {
            xs[i] = 3 * spread * i / (points - 1);
            ys[i] = xs[i] < minDist ? 1 : Math.Exp(-(xs[i] - minDist) / spread);
        }
        double a = 1, b = 1, lambda = 1e-3, cost = Cost(a, b);
        for (int step = 0; step < 500; step++)
        {
            // Normal equations of the 2-parameter problem: (JᵀJ + λ diag JᵀJ) δ = −Jᵀr.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < points; i++)
            {
                double x = xs[i];
                if (x == 0) continue; // f = 1 whatever a and b: no gradient
                double u = Math.Pow(x, 2 * b), f = 1 / (1 + a * u), r = f - ys[i];
                double da = -u * f * f, db = -a * u * 2 * Math.Log(x) * f * f;
                jaa += da * da; jab += da * db; jbb += db * db; ga += da * r; gb += db * r;
            }
            while (true)
            {
                double m11 = jaa * (1 + lambda), m22 = jbb * (1 + lambda), det = m11 * m22 - jab * jab;
                double na = a - (m22 * ga - jab * gb) / det, nb = b - (m11 * gb - jab * ga) / det;
                double c = na > 0 && nb > 0 ? Cost(na, nb) : double.PositiveInfinity;
                if (c < cost)
                {
                    bool done = cost - c < 1e-15 * Math.Max(1, cost);
                    a = na; b = nb; cost = c; lambda = Math.Max(lambda / 10, 1e-12);
                    if (done) return (a, b);
                    break;
                }
                lambda *= 10;
                if (lambda > 1e12) return (a, b);
            }
        }
        return (a, b);

        double Cost(double a, double b)
        {
            double s = 0;
            for (int i = 0; i < points; i++) { double r = 1 / (1 + a * Math.Pow(xs[i], 2 * b)) - ys[i]; s += r * r; }
            return s;
        }
    }
}
