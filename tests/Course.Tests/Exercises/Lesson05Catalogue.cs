using Course.Exercises;

namespace Course.Tests.Exercises;

public static partial class Catalogue
{
    private static IReadOnlyDictionary<string, Attempt[]> Lesson05 => new Dictionary<string, Attempt[]>
    {
        // The check's squared distances are [0.5, 1, 1.2, 2, 3.5, 4, 8], at β = 1, then 0.25, then 3.
        ["05.1"] =
        [
            Attempt.Right("LINQ: exponentials over their sum", () => Lesson05Checks.ConditionalProbabilities(L05Gaussian)),
            Attempt.Right("loop, shifted by the nearest distance for stability (softmax style)", () => Lesson05Checks.ConditionalProbabilities((d, beta) =>
            {
                double nearest = d.Min(), sum = 0;
                var p = new double[d.Length];
                for (int j = 0; j < d.Length; j++) { p[j] = Math.Exp(-beta * (d[j] - nearest)); sum += p[j]; }
                for (int j = 0; j < d.Length; j++) p[j] /= sum;
                return p;
            })),
            Attempt.Right("overwrites the given array in place and returns it", () => Lesson05Checks.ConditionalProbabilities((d, beta) =>
            {
                for (int j = 0; j < d.Length; j++) d[j] = Math.Exp(-beta * d[j]);
                double sum = d.Sum();
                for (int j = 0; j < d.Length; j++) d[j] /= sum;
                return d;
            })),
            Attempt.Wrong("not normalised", "divide by their sum", () => Lesson05Checks.ConditionalProbabilities((d, beta) => d.Select(v => Math.Exp(-beta * v)).ToArray())),
            Attempt.Wrong("distances squared again", "already squared", () => Lesson05Checks.ConditionalProbabilities((d, beta) => L05Gaussian(d.Select(v => v * v).ToArray(), beta))),
            Attempt.Wrong("exponent without the minus sign", "the exponent is −β d²", () => Lesson05Checks.ConditionalProbabilities((d, beta) =>
            {
                var p = d.Select(v => Math.Exp(beta * v)).ToArray();
                double sum = p.Sum();
                return p.Select(v => v / sum).ToArray();
            })),
            Attempt.Wrong("divides by β (β read as a variance)", "multiply the squared distance by β, do not divide", () => Lesson05Checks.ConditionalProbabilities((d, beta) => L05Gaussian(d, 1 / beta))),
            Attempt.Wrong("ignores β (always exp(−d²))", "with squared distances [0.5, 1, 1.2, 2, 3.5, 4, 8] and β = 0.25, p(0) is 0.2246", () => Lesson05Checks.ConditionalProbabilities((d, beta) => L05Gaussian(d, 1))),
            Attempt.Wrong("an extra ½ in the exponent, exp(−β d² / 2)", "and β = 1, p(0) is 0.4155; you returned 0.2962", () => Lesson05Checks.ConditionalProbabilities((d, beta) => L05Gaussian(d, beta / 2))),
            Attempt.Wrong("returns null", "return one probability per neighbour (7); you returned 0", () => Lesson05Checks.ConditionalProbabilities((d, beta) => null!)),
            Attempt.Stub(() => Lesson05Checks.ConditionalProbabilities((d, beta) => throw new NotImplementedException())),
        ],
        // The first case is those seven squared distances at perplexity 3 (β ≈ 1.807); every wrong entry fails there.
        ["05.2"] =
        [
            Attempt.Right("double then bisect on β, entropy in nats", () => Lesson05Checks.BetaForPerplexity((d, perplexity) => L05Search(d, Math.Log(perplexity), Math.Log))),
            Attempt.Right("entropy in bits against log₂ of the perplexity", () => Lesson05Checks.BetaForPerplexity((d, perplexity) => L05Search(d, Math.Log2(perplexity), Math.Log2))),
            Attempt.Right("bisection on log β over [1e-20, 1e20], comparing exp(H) with the perplexity", () => Lesson05Checks.BetaForPerplexity((d, perplexity) =>
            {
                double lo = Math.Log(1e-20), hi = Math.Log(1e20);
                for (int step = 0; step < 200; step++)
                {
                    double mid = (lo + hi) / 2;
                    if (Math.Exp(L05Entropy(L05Gaussian(d, Math.Exp(mid)), Math.Log)) > perplexity) lo = mid; else hi = mid;
                }
                return Math.Exp((lo + hi) / 2);
            })),
            Attempt.Wrong("targets log₂ of the perplexity with the entropy in nats", "log₂", () => Lesson05Checks.BetaForPerplexity((d, perplexity) => L05Search(d, Math.Log2(perplexity), Math.Log))),
            Attempt.Wrong("entropy in bits against the natural log of the perplexity", "The distribution is too peaked", () => Lesson05Checks.BetaForPerplexity((d, perplexity) => L05Search(d, Math.Log(perplexity), Math.Log2))),
            Attempt.Wrong("the starting β = 1 returned unchanged", "search upwards", () => Lesson05Checks.BetaForPerplexity((d, perplexity) => 1.0)),
            Attempt.Wrong("search direction reversed (lowers β when the entropy is too high)", "The distribution is too flat", () => Lesson05Checks.BetaForPerplexity((d, perplexity) => L05Search(d, Math.Log(perplexity), Math.Log, reversed: true))),
            Attempt.Wrong("stops when the entropy is within 1e-2", "the entropy must be log 3 = 1.0986 nats", () => Lesson05Checks.BetaForPerplexity((d, perplexity) => L05Search(d, Math.Log(perplexity), Math.Log, tolerance: 1e-2))),
            Attempt.Wrong("bisects towards an infinite upper bound ((β + ∞) / 2)", "β must be a positive number", () => Lesson05Checks.BetaForPerplexity((d, perplexity) =>
            {
                double target = Math.Log(perplexity), beta = 1, lo = 0, hi = double.PositiveInfinity;
                for (int step = 0; step < 200; step++)
                {
                    double h = L05Entropy(L05Gaussian(d, beta), Math.Log);
                    if (Math.Abs(h - target) < 1e-7) break;
                    if (h > target) { lo = beta; beta = (beta + hi) / 2; }
                    else { hi = beta; beta = (beta + lo) / 2; }
                }
                return beta;
            })),
            Attempt.Stub(() => Lesson05Checks.BetaForPerplexity((d, perplexity) => throw new NotImplementedException())),
        ],
        // P from Gaussian affinities of 7 points in 3-D, symmetrised; a 7-point map first (every wrong entry fails there,
        // at row 0, whose right gradient is (0.0982, -0.1362)), then a 6-point map.
        ["05.3"] =
        [
            Attempt.Right("two passes, as the notebook: the weights and Z, then the sum", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y))),
            Attempt.Right("attraction minus repulsion, as the library splits it, over jagged rows", () => Lesson05Checks.Gradient((p, y) =>
            {
                int n = y.Rows;
                var rows = y.ToRows();
                double[][] w = rows.Select((a, i) => rows.Select((b, j) => i == j ? 0 : 1 / (1 + global::Course.Compute.Distance.Squared(a, b))).ToArray()).ToArray();
                double z = w.Sum(r => r.Sum());
                var g = new Matrix(n, 2);
                for (int i = 0; i < n; i++)
                    for (int c = 0; c < 2; c++)
                    {
                        double attraction = 0, repulsion = 0;
                        for (int j = 0; j < n; j++)
                        {
                            attraction += p[i, j] * w[i][j] * (rows[i][c] - rows[j][c]);
                            repulsion += w[i][j] * w[i][j] * (rows[i][c] - rows[j][c]);
                        }
                        g[i, c] = 4 * (attraction - repulsion / z);
                    }
                return g;
            })),
            Attempt.Right("each pair once, equal and opposite forces on its two ends", () => Lesson05Checks.Gradient((p, y) =>
            {
                int n = y.Rows;
                double z = 0;
                for (int i = 0; i < n; i++)
                    for (int j = i + 1; j < n; j++) z += 2 / (1 + global::Course.Compute.Distance.Squared(y.Row(i), y.Row(j)));
                var g = new Matrix(n, y.Cols);
                for (int i = 0; i < n; i++)
                    for (int j = i + 1; j < n; j++)
                    {
                        double w = 1 / (1 + global::Course.Compute.Distance.Squared(y.Row(i), y.Row(j)));
                        double force = 4 * (p[i, j] - w / z) * w;
                        for (int c = 0; c < y.Cols; c++)
                        {
                            double f = force * (y[i, c] - y[j, c]);
                            g[i, c] += f;
                            g[j, c] -= f;
                        }
                    }
                return g;
            })),
            Attempt.Wrong("factor 2 instead of 4", "Your gradient is 0.5 times the right one", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, factor: 2))),
            Attempt.Wrong("no constant in front", "Your gradient is 0.25 times the right one", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, factor: 1))),
            Attempt.Wrong("sign flipped, (yⱼ − yᵢ)", "Your gradient points the wrong way", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, factor: -4))),
            Attempt.Wrong("sign flipped and factor 2", "is -0.5 times the right one: the constant in front is 4", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, factor: -2))),
            Attempt.Wrong("Q normalised row by row", "not row by row", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, rowNormalised: true))),
            Attempt.Wrong("Gaussian kernel exp(−d²) in the map", "not a Gaussian exp(−‖yᵢ − yⱼ‖²)", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, gaussian: true))),
            Attempt.Wrong("symmetric SNE's gradient: Gaussian Q, no weight", "the Student-t kernel", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, gaussian: true, weighted: false))),
            Attempt.Wrong("the weight (1 + d²)⁻¹ forgotten in the sum", "Each term carries the kernel once more", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, weighted: false))),
            Attempt.Wrong("the diagonal counted in Z (wᵢᵢ = 1)", "Leave the diagonal out of Z", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, selfInZ: true))),
            Attempt.Wrong("Z summed over unordered pairs", "summing each pair once halves Z", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, pairsOnce: true))),
            Attempt.Wrong("the distance, not its square, in the kernel", "The kernel takes the squared distance", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, unsquared: true))),
            Attempt.Wrong("divides by Z before summing it", "not a finite number", () => Lesson05Checks.Gradient((p, y) => L05Gradient(p, y, zTooLate: true))),
            Attempt.Wrong("calls the library's Tsne.Gradient", "calls the kit's Tsne.Gradient", () => Lesson05Checks.Gradient((p, y) => global::Course.Manifold.Tsne.Gradient(p, y))),
            Attempt.Wrong("returns the map itself", "Compute wᵢⱼ = (1 + ‖yᵢ − yⱼ‖²)⁻¹ for every pair i ≠ j", () => Lesson05Checks.Gradient((p, y) => y)),
            Attempt.Wrong("returns the gradient transposed (2 x n)", "(7 x 2); you returned 2 x 7", () => Lesson05Checks.Gradient((p, y) =>
            {
                var g = L05Gradient(p, y);
                var t = new Matrix(2, g.Rows);
                for (int i = 0; i < g.Rows; i++) { t[0, i] = g[i, 0]; t[1, i] = g[i, 1]; }
                return t;
            })),
            Attempt.Wrong("returns null", "you returned null", () => Lesson05Checks.Gradient((p, y) => null!)),
            Attempt.Stub(() => Lesson05Checks.Gradient((p, y) => throw new NotImplementedException())),
        ],
        // 60 points of three blobs in 5-D; maps: the data itself, its first two coordinates, a shuffle of those.
        ["05.4"] =
        [
            Attempt.Right("LINQ ranking with OrderBy, map neighbours by Take(k)", () => Lesson05Checks.Trustworthiness((x, y, k) => L05Trustworthiness(x, y, k))),
            Attempt.Right("loops: ranks by counting nearer points, Euclidean distances, map neighbours by Array.Sort", () => Lesson05Checks.Trustworthiness((x, y, k) =>
            {
                int n = x.Rows;
                long penalty = 0;
                var data = new double[n];
                var map = new double[n];
                for (int i = 0; i < n; i++)
                {
                    for (int l = 0; l < n; l++)
                    {
                        data[l] = global::Course.Compute.Distance.Euclidean(x.Row(i), x.Row(l));
                        map[l] = global::Course.Compute.Distance.Euclidean(y.Row(i), y.Row(l));
                    }
                    var order = Enumerable.Range(0, n).ToArray();
                    var keys = (double[])map.Clone();
                    keys[i] = double.PositiveInfinity; // never its own neighbour
                    Array.Sort(keys, order);
                    for (int m = 0; m < k; m++)
                    {
                        int j = order[m], rank = 1;
                        for (int l = 0; l < n; l++) if (l != i && l != j && data[l] < data[j]) rank++;
                        if (rank > k) penalty += rank - k;
                    }
                }
                return 1 - 2.0 * penalty / (n * k * (2.0 * n - 3 * k - 1));
            })),
            Attempt.Wrong("roles swapped: ranks in the map, neighbours in the data (that is continuity)", "Rank each point's neighbours in the original space", () => Lesson05Checks.Trustworthiness((x, y, k) => L05Trustworthiness(y, x, k))),
            Attempt.Wrong("integer division in the normalisation (2 / (n k (2n − 3k − 1)) is 0)", "Rank each point's neighbours in the original space", () => Lesson05Checks.Trustworthiness((x, y, k) => L05Trustworthiness(x, y, k, integerNormalisation: true))),
            Attempt.Wrong("the point itself counted among its k map neighbours", "Rank each point's neighbours in the original space", () => Lesson05Checks.Trustworthiness((x, y, k) => L05Trustworthiness(x, y, k, selfInMap: true))),
            Attempt.Wrong("ranks from 0 (nearest = 0)", "Rank each point's neighbours in the original space", () => Lesson05Checks.Trustworthiness((x, y, k) => L05Trustworthiness(x, y, k, firstRank: 0))),
            Attempt.Wrong("normalisation without parentheses (2.0 / n * k * (2n − 3k − 1))", "T lies in [0, 1]", () => Lesson05Checks.Trustworthiness((x, y, k) => L05Trustworthiness(x, y, k, unbracketed: true))),
            Attempt.Wrong("returns a number outside [0, 1]", "T lies in [0, 1]", () => Lesson05Checks.Trustworthiness((x, y, k) => 2)),
            Attempt.Wrong("calls the library's Trustworthiness.Score", "calls the kit's Trustworthiness.Score", () => Lesson05Checks.Trustworthiness((x, y, k) => global::Course.Metrics.Trustworthiness.Score(x, y, k))),
            Attempt.Stub(() => Lesson05Checks.Trustworthiness((x, y, k) => throw new NotImplementedException())),
        ],
        // Distances [0.8 … 3.9] (7), then [0, 0.42 … 5] (9, a duplicate at 0), then 14 from 1.05 to 3.6.
        ["05.5"] =
        [
            Attempt.Right("ρ by LINQ, σ by doubling then bisecting", () => Lesson05Checks.LocalScale(d => L05Scale(d))),
            Attempt.Right("bisection on log σ over [1e-6, 1e6], loops", () => Lesson05Checks.LocalScale(d =>
            {
                double rho = double.PositiveInfinity;
                foreach (double v in d) if (v > 0 && v < rho) rho = v;
                double lo = Math.Log(1e-6), hi = Math.Log(1e6), target = Math.Log(d.Length + 1) / Math.Log(2);
                for (int step = 0; step < 100; step++)
                {
                    double mid = (lo + hi) / 2, sum = 0;
                    foreach (double v in d) sum += Math.Exp(-Math.Max(0, v - rho) / Math.Exp(mid));
                    if (sum > target) hi = mid; else lo = mid;
                }
                return (rho, Math.Exp((lo + hi) / 2));
            })),
            Attempt.Right("Newton's method on σ, weight 1 written out for neighbours within ρ", () => Lesson05Checks.LocalScale(d =>
            {
                double rho = d.Where(v => v > 0).Min(), sigma = 1, target = Math.Log2(d.Length + 1);
                for (int step = 0; step < 100; step++)
                {
                    double f = -target, slope = 0;
                    foreach (double v in d)
                    {
                        if (v <= rho) { f += 1; continue; }
                        double w = Math.Exp(-(v - rho) / sigma);
                        f += w;
                        slope += w * (v - rho) / (sigma * sigma);
                    }
                    sigma = Math.Max(sigma - f / slope, sigma / 10);
                }
                return (rho, sigma);
            })),
            Attempt.Wrong("target log₂ k, the point itself not counted", "includes the point itself", () => Lesson05Checks.LocalScale(d => L05Scale(d, target: Math.Log2(d.Length)))),
            Attempt.Wrong("target the natural log of k + 1", "not the natural log", () => Lesson05Checks.LocalScale(d => L05Scale(d, target: Math.Log(d.Length + 1)))),
            Attempt.Wrong("ρ = the first distance (0 with a duplicate)", "nearest *nonzero* distance", () => Lesson05Checks.LocalScale(d => (d[0], L05Scale(d).Sigma))),
            Attempt.Wrong("ρ = the mean distance", "not the mean", () => Lesson05Checks.LocalScale(d => (d.Average(), L05Scale(d).Sigma))),
            Attempt.Wrong("σ for exp(−d / σ), ρ not subtracted", "Measure from the nearest neighbour", () => Lesson05Checks.LocalScale(d => L05Scale(d, weight: (v, rho, s) => Math.Exp(-v / s)))),
            Attempt.Wrong("σ multiplies the distance", "σ is a scale", () => Lesson05Checks.LocalScale(d => (L05Scale(d).Rho, 1 / L05Scale(d).Sigma))),
            Attempt.Wrong("a Gaussian weight", "not a Gaussian", () => Lesson05Checks.LocalScale(d => L05Scale(d, weight: (v, rho, s) => Math.Exp(-Math.Pow(Math.Max(0, v - rho) / s, 2))))),
            Attempt.Wrong("the nearest neighbour left out of the sum", "the nearest too", () => Lesson05Checks.LocalScale(d => L05Scale(d, weight: (v, rho, s) => v <= rho ? 0 : Math.Exp(-(v - rho) / s)))),
            Attempt.Wrong("no max(0, ·): the duplicate weighs more than 1", "use max(0, d − ρ)", () => Lesson05Checks.LocalScale(d => L05Scale(d, weight: (v, rho, s) => Math.Exp(-(v - rho) / s)))),
            Attempt.Wrong("calls the library's FuzzySimplicialSet.LocalScale", "calls the kit's FuzzySimplicialSet.LocalScale", () => Lesson05Checks.LocalScale(d => global::Course.Manifold.FuzzySimplicialSet.LocalScale(d))),
            Attempt.Wrong("stops at a tolerance of 1e-2", "must sum to log₂(k + 1) = 3", () => Lesson05Checks.LocalScale(d => L05Scale(d, tolerance: 1e-2))),
            Attempt.Wrong("σ = 1, never searched", "must sum to log₂(k + 1) = 3", () => Lesson05Checks.LocalScale(d => (d.First(v => v > 0), 1.0))),
            Attempt.Stub(() => Lesson05Checks.LocalScale(d => throw new NotImplementedException())),
        ],
    };

    private static double[] L05Gaussian(double[] squared, double beta)
    {
        var p = squared.Select(d => Math.Exp(-beta * d)).ToArray();
        double sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }

    // The lesson's search for UMAP's local scale: ρ the nearest nonzero distance; σ doubled from 1 until the weights'
    // sum falls below the target, then bisected, to the tolerance. The switches make the slips the catalogue tries.
    private static (double Rho, double Sigma) L05Scale(double[] d, double? target = null, Func<double, double, double, double>? weight = null,
        double tolerance = 1e-7)
    {
        weight ??= (v, r, s) => Math.Exp(-Math.Max(0, v - r) / s);
        double rho = d.Where(v => v > 0).Min(), goal = target ?? Math.Log2(d.Length + 1), sigma = 1, lo = 0, hi = double.PositiveInfinity;
        for (int step = 0; step < 200; step++)
        {
            double sum = d.Sum(v => weight(v, rho, sigma));
            if (Math.Abs(sum - goal) < tolerance) break;
            if (sum > goal) { hi = sigma; sigma = (lo + sigma) / 2; }
            else { lo = sigma; sigma = double.IsPositiveInfinity(hi) ? sigma * 2 : (sigma + hi) / 2; }
        }
        return (rho, sigma);
    }

    private static double L05Entropy(double[] p, Func<double, double> log) => -p.Where(v => v > 0).Sum(v => v * log(v));

    // The lesson's search: start at β = 1, double until the entropy falls below the target, then bisect; the entropy
    // in the given log, compared with target to the tolerance. Reversed moves β the wrong way.
    private static double L05Search(double[] d, double target, Func<double, double> log, double tolerance = 1e-7, bool reversed = false)
    {
        double beta = 1, lo = 0, hi = double.PositiveInfinity;
        for (int step = 0; step < 200; step++)
        {
            double h = L05Entropy(L05Gaussian(d, beta), log);
            if (Math.Abs(h - target) < tolerance) break;
            if ((h > target) != reversed) { lo = beta; beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2; }
            else { hi = beta; beta = (beta + lo) / 2; }
        }
        return beta;
    }

    // The gradient as the notebook's solution writes it (two passes), with the slips the catalogue needs as switches.
    private static Matrix L05Gradient(Matrix p, Matrix y, double factor = 4, bool gaussian = false, bool weighted = true, bool rowNormalised = false,
        bool selfInZ = false, bool pairsOnce = false, bool unsquared = false, bool zTooLate = false)
    {
        int n = y.Rows;
        var w = new Matrix(n, n);
        double z = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double d2 = global::Course.Compute.Distance.Squared(y.Row(i), y.Row(j));
                if (unsquared) d2 = Math.Sqrt(d2);
                double kernel = gaussian ? Math.Exp(-d2) : 1 / (1 + d2);
                if (i == j) { if (selfInZ) z += kernel; continue; }
                w[i, j] = kernel;
                if (!pairsOnce || j > i) z += kernel;
            }
        var gradient = new Matrix(n, y.Cols);
        double used = zTooLate ? 0 : z;
        for (int i = 0; i < n; i++)
        {
            double rowSum = 0;
            for (int j = 0; j < n; j++) rowSum += w[i, j];
            for (int j = 0; j < n; j++)
            {
                double q = w[i, j] / (rowNormalised ? rowSum : used);
                double force = factor * (p[i, j] - q) * (weighted ? w[i, j] : 1);
                for (int c = 0; c < y.Cols; c++) gradient[i, c] += force * (y[i, c] - y[j, c]);
            }
        }
        return gradient;
    }

    // T(k) as the notebook's solution writes it, with the slips the catalogue needs as switches.
    private static double L05Trustworthiness(Matrix original, Matrix embedded, int k, bool integerNormalisation = false, bool selfInMap = false,
        int firstRank = 1, bool unbracketed = false)
    {
        int n = original.Rows;
        double penalty = 0;
        for (int i = 0; i < n; i++)
        {
            var byData = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => global::Course.Compute.Distance.Squared(original.Row(i), original.Row(j))).ThenBy(j => j).ToArray();
            var rank = new int[n];
            for (int r = 0; r < byData.Length; r++) rank[byData[r]] = r + firstRank;
            var byMap = Enumerable.Range(0, n).Where(j => selfInMap || j != i).OrderBy(j => global::Course.Compute.Distance.Squared(embedded.Row(i), embedded.Row(j))).ThenBy(j => j).Take(k);
            penalty += byMap.Sum(j => Math.Max(0, rank[j] - k));
        }
        if (integerNormalisation) return 1 - 2 / (n * k * (2 * n - 3 * k - 1)) * penalty;
        if (unbracketed) return 1 - 2.0 / n * k * (2.0 * n - 3 * k - 1) * penalty;
        return 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * penalty;
    }
}
