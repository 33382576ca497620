using System.Numerics.Tensors;
using Course.Compute;

namespace Course.Clustering;

/// <summary>
/// A fitted Gaussian mixture: each component's weight, mean and covariance, and what the fit found. It assigns new
/// points (<see cref="Predict"/>), gives their responsibilities (<see cref="PredictProbabilities"/>) and their
/// log-likelihood (<see cref="ScoreSamples"/>, <see cref="Score"/>), and scores itself with BIC and AIC to compare
/// numbers of components or covariance types. Saves and loads like every model of the kit.
/// </summary>
public sealed class GaussianMixtureModel : ISavedModel<GaussianMixtureModel>, IClustering, IPredictor
{
    private readonly Components components;

    /// <summary>The covariances' shape.</summary>
    public CovarianceType CovarianceType => components.Type;
    /// <summary>Each component's mixing weight (k, summing to 1).</summary>
    public double[] Weights => (double[])components.Weights.Clone();
    /// <summary>The components' means, k x d.</summary>
    public Matrix Means => components.Means.Clone();
    /// <summary>Each component's covariance as a full d x d matrix, whatever its type (a diagonal one for
    /// <see cref="CovarianceType.Diagonal"/>, a multiple of the identity for <see cref="CovarianceType.Spherical"/>,
    /// the same matrix k times for <see cref="CovarianceType.Tied"/>). scikit-learn keeps each type in its own shape.</summary>
    public IReadOnlyList<Matrix> Covariances => components.Covariances.Select(c => c.Clone()).ToList();
    /// <summary>The most responsible component of each training row; empty for a model loaded from JSON.</summary>
    public int[] Labels { get; }
    /// <summary>The mean log-likelihood per training row at the last EM iteration (scikit-learn's <c>lower_bound_</c>).</summary>
    public double LowerBound { get; }
    /// <summary>EM iterations run by the winning start.</summary>
    public int Iterations { get; }
    /// <summary>Whether the winning run met the tolerance before the iteration limit.</summary>
    public bool Converged { get; }
    /// <summary>Number of components k.</summary>
    public int NComponents => components.Means.Rows;
    /// <summary>Number of free parameters: k − 1 weights, k d means and the covariances' entries (k d(d+1)/2 full,
    /// d(d+1)/2 tied, k d diagonal, k spherical), as BIC and AIC count them.</summary>
    public int ParameterCount
    {
        get
        {
            int k = NComponents, d = components.Means.Cols;
            int covariance = CovarianceType switch
            {
                CovarianceType.Full => k * d * (d + 1) / 2,
                CovarianceType.Tied => d * (d + 1) / 2,
                CovarianceType.Diagonal => k * d,
                _ => k,
            };
            return covariance + k * d + k - 1;
        }
    }

    internal GaussianMixtureModel(Components components, int[] labels, double lowerBound, int iterations, bool converged)
    {
        this.components = components;
        Labels = labels; LowerBound = lowerBound; Iterations = iterations; Converged = converged;
    }

    /// <summary>A model from its parts (a mixture written down by hand, or read from elsewhere).</summary>
    /// <param name="covarianceType">How the covariances are constrained; they must have that shape.</param>
    /// <param name="weights">k positive weights summing to 1 (within 1e-6).</param>
    /// <param name="means">k x d.</param>
    /// <param name="covariances">k symmetric positive definite d x d matrices.</param>
    /// <exception cref="ArgumentException">a part is missing, not finite, of the wrong size or shape, or a covariance is
    /// not positive definite (ParamName names it).</exception>
    public GaussianMixtureModel(CovarianceType covarianceType, double[] weights, Matrix means, IReadOnlyList<Matrix> covariances)
        : this(Components.Checked(covarianceType, weights, means, covariances), [], double.NaN, 0, false) { }

    /// <summary>The most responsible component of each row of <paramref name="x"/> (m x d).</summary>
    public int[] Predict(Matrix x)
    {
        var r = PredictProbabilities(x);
        var labels = new int[x.Rows];
        for (int i = 0; i < labels.Length; i++) labels[i] = TensorPrimitives.IndexOfMax<double>(r.Row(i));
        return labels;
    }

    /// <summary>Each component's responsibility for each row of <paramref name="x"/>: m x k, rows summing to 1
    /// (scikit-learn's <c>predict_proba</c>).</summary>
    public Matrix PredictProbabilities(Matrix x)
    {
        AlgorithmUse.Report("GaussianMixtureModel.PredictProbabilities");
        Check(x);
        var r = new Matrix(x.Rows, NComponents);
        components.EStep(x, r);
        return r;
    }

    /// <summary>The log of the mixture's density at each row of <paramref name="x"/> (m), in nats.</summary>
    public double[] ScoreSamples(Matrix x)
    {
        Check(x);
        var logProb = components.WeightedLogProbabilities(x);
        var result = new double[x.Rows];
        for (int i = 0; i < result.Length; i++) result[i] = LogSumExp(logProb.Row(i));
        return result;
    }

    /// <summary>The mean log-likelihood of the rows of <paramref name="x"/>.</summary>
    public double Score(Matrix x) => ScoreSamples(x).Average();

    /// <summary>Bayesian information criterion on <paramref name="x"/>: −2 n Score(x) + p ln n, with p
    /// <see cref="ParameterCount"/>. Lower is better; the penalty grows with n, so BIC picks fewer components than AIC.
    /// Schwarz, "Estimating the dimension of a model", Annals of Statistics 6(2), 1978.</summary>
    public double Bic(Matrix x) => -2 * Score(x) * x.Rows + ParameterCount * Math.Log(x.Rows);

    /// <summary>Akaike information criterion on <paramref name="x"/>: −2 n Score(x) + 2 p. Lower is better.
    /// Akaike, "A new look at the statistical model identification", IEEE TAC 19(6), 1974.</summary>
    public double Aic(Matrix x) => -2 * Score(x) * x.Rows + 2 * ParameterCount;

    private void Check(Matrix x)
    {
        Guard.Data(x, nameof(x));
        Guard.Columns(x, components.Means.Cols, nameof(x), "the means");
    }

    private static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = TensorPrimitives.Max(v);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (var a in v) sum += Math.Exp(a - max);
        return max + Math.Log(sum);
    }

    /// <summary>The M-step: each component's weight, mean and covariance from the responsibilities (n x k), with
    /// <paramref name="regularization"/> added to every variance (scikit-learn's <c>_estimate_gaussian_parameters</c>).</summary>
    internal static Components MStep(Matrix x, Matrix responsibilities, CovarianceType type, double regularization)
    {
        int n = x.Rows, d = x.Cols, k = responsibilities.Cols;
        // 10 machine epsilons keep an empty component's division finite, as scikit-learn does.
        var nk = new double[k];
        for (int i = 0; i < n; i++) TensorPrimitives.Add(nk, responsibilities.Row(i), nk);
        TensorPrimitives.Add(nk, 10 * 2.220446049250313e-16, nk);
        var means = TransposedProduct(responsibilities, x);
        for (int j = 0; j < k; j++) TensorPrimitives.Divide(means.Row(j), nk[j], means.Row(j));
        var covariances = new Matrix[k];
        switch (type)
        {
            case CovarianceType.Full:
                for (int j = 0; j < k; j++)
                {
                    // Σⱼ = Σᵢ rᵢⱼ (xᵢ − μⱼ)(xᵢ − μⱼ)ᵀ / nⱼ.
                    var c = WeightedScatter(x, responsibilities, j, means.Row(j).ToArray());
                    TensorPrimitives.Divide(c.Data, nk[j], c.Data);
                    covariances[j] = Regularised(Symmetric(c), regularization);
                }
                break;
            case CovarianceType.Tied:
            {
                // (Xᵀ X − Σⱼ nⱼ μⱼ μⱼᵀ) / n: one covariance about each point's own component's mean.
                var c = TransposedProduct(x, x);
                for (int j = 0; j < k; j++)
                    for (int a = 0; a < d; a++)
                        for (int b = 0; b < d; b++) c[a, b] -= nk[j] * means[j, a] * means[j, b];
                TensorPrimitives.Divide(c.Data, nk.Sum(), c.Data);
                var shared = Regularised(Symmetric(c), regularization);
                for (int j = 0; j < k; j++) covariances[j] = shared;
                break;
            }
            default:
            {
                // Per feature: E[x²] − μ², weighted by the responsibilities; spherical averages over the features.
                var squares = new Matrix(n, d);
                TensorPrimitives.Multiply(x.Data, x.Data, squares.Data);
                var second = TransposedProduct(responsibilities, squares);
                for (int j = 0; j < k; j++)
                {
                    var variance = new double[d];
                    for (int a = 0; a < d; a++) variance[a] = second[j, a] / nk[j] - means[j, a] * means[j, a] + regularization;
                    if (type == CovarianceType.Spherical) Array.Fill(variance, variance.Average());
                    var c = new Matrix(d, d);
                    for (int a = 0; a < d; a++) c[a, a] = variance[a];
                    covariances[j] = c;
                }
                break;
            }
        }
        var weights = new double[k];
        TensorPrimitives.Divide(nk, nk.Sum(), weights);
        return Components.Create(type, weights, means, covariances)
            ?? throw new ArgumentException($"a component's covariance is not positive definite: it holds too few of x's points, or points on a line. " +
                $"Raise Regularization (now {regularization:G3}), use fewer components or another covariance type, or rescale the data.", "x");
    }

    // aᵀ b (a n x p, b n x q) as a sum over the rows, in 8 fixed chunks whose sums are added in order, so the result does
    // not depend on the core count. The kit's GEMM packs and tiles for large matrices; for a mixture's p x q products (p
    // and q in the tens) its set-up was most of an EM iteration: 312 ms an iteration on 20,000 x 10 with k = 8, against
    // scikit-learn's 63 ms. A zero weight (a one-hot responsibility) adds nothing and is skipped.
    private static Matrix TransposedProduct(Matrix a, Matrix b)
    {
        const int Chunks = 8;
        int n = a.Rows, p = a.Cols, q = b.Cols;
        var partial = new Matrix[Chunks];
        Parallel.For(0, Chunks, c =>
        {
            var sum = new Matrix(p, q);
            for (int i = (int)((long)c * n / Chunks), end = (int)((long)(c + 1) * n / Chunks); i < end; i++)
            {
                var ai = a.Row(i);
                var bi = b.Row(i);
                for (int r = 0; r < p; r++)
                    if (ai[r] != 0) TensorPrimitives.MultiplyAdd(bi, ai[r], sum.Row(r), sum.Row(r));
            }
            partial[c] = sum;
        });
        for (int c = 1; c < Chunks; c++) TensorPrimitives.Add(partial[0].Data, partial[c].Data, partial[0].Data);
        return partial[0];
    }

    // Σᵢ rᵢⱼ (xᵢ − μ)(xᵢ − μ)ᵀ, d x d, in the same fixed chunks as TransposedProduct, without forming the differences.
    private static Matrix WeightedScatter(Matrix x, Matrix responsibilities, int j, double[] mean)
    {
        const int Chunks = 8;
        int n = x.Rows, d = x.Cols;
        var partial = new Matrix[Chunks];
        Parallel.For(0, Chunks, c =>
        {
            var sum = new Matrix(d, d);
            var diff = new double[d];
            for (int i = (int)((long)c * n / Chunks), end = (int)((long)(c + 1) * n / Chunks); i < end; i++)
            {
                double r = responsibilities[i, j];
                if (r == 0) continue;
                TensorPrimitives.Subtract(x.Row(i), mean, diff);
                for (int a = 0; a < d; a++) TensorPrimitives.MultiplyAdd(diff, r * diff[a], sum.Row(a), sum.Row(a));
            }
            partial[c] = sum;
        });
        for (int c = 1; c < Chunks; c++) TensorPrimitives.Add(partial[0].Data, partial[c].Data, partial[0].Data);
        return partial[0];
    }

    private static Matrix Symmetric(Matrix c)
    {
        for (int a = 0; a < c.Rows; a++)
            for (int b = a + 1; b < c.Cols; b++) c[a, b] = c[b, a] = 0.5 * (c[a, b] + c[b, a]);
        return c;
    }

    private static Matrix Regularised(Matrix c, double regularization)
    {
        for (int a = 0; a < c.Rows; a++) c[a, a] += regularization;
        return c;
    }

    /// <summary>The parameters and, for the E-step, each component's precision factor (LinearAlgebra.PrecisionFactor).</summary>
    internal sealed class Components
    {
        public CovarianceType Type { get; }
        public double[] Weights { get; }
        public Matrix Means { get; }
        public Matrix[] Covariances { get; }
        private readonly Matrix[] precisionFactors;
        private readonly double[] logDeterminants;   // log det of each precision factor: −½ log det Σⱼ

        private Components(CovarianceType type, double[] weights, Matrix means, Matrix[] covariances, Matrix[] factors)
        {
            Type = type; Weights = weights; Means = means; Covariances = covariances; precisionFactors = factors;
            logDeterminants = factors.Select(p => Enumerable.Range(0, p.Rows).Sum(a => Math.Log(p[a, a]))).ToArray();
        }

        /// <summary>The components, or null when a covariance is not positive definite.</summary>
        public static Components? Create(CovarianceType type, double[] weights, Matrix means, Matrix[] covariances)
        {
            var factors = new Matrix[covariances.Length];
            for (int j = 0; j < factors.Length; j++)
            {
                // A tied covariance is one matrix: factor it once.
                int same = Array.FindIndex(covariances, 0, j, c => ReferenceEquals(c, covariances[j]));
                factors[j] = same >= 0 ? factors[same] : LinearAlgebra.PrecisionFactor(covariances[j])!;
                if (factors[j] is null) return null;
            }
            return new Components(type, weights, means, covariances, factors);
        }

        /// <summary>Validated parts given from outside (the public constructor, a model file).</summary>
        public static Components Checked(CovarianceType type, double[] weights, Matrix means, IReadOnlyList<Matrix> covariances)
        {
            Guard.Defined(type, nameof(type));
            ArgumentNullException.ThrowIfNull(weights);
            ArgumentNullException.ThrowIfNull(covariances);
            Guard.Data(means, nameof(means));
            int k = means.Rows, d = means.Cols;
            if (weights.Length != k) throw new ArgumentException($"weights has {weights.Length} entries; the means have {k} rows.", nameof(weights));
            if (weights.Any(w => !(w > 0) || !double.IsFinite(w)) || Math.Abs(weights.Sum() - 1) > 1e-6)
                throw new ArgumentException($"weights must be positive and sum to 1; they sum to {weights.Sum():G6}.", nameof(weights));
            if (covariances.Count != k) throw new ArgumentException($"covariances has {covariances.Count} matrices; the means have {k} rows.", nameof(covariances));
            var copies = new Matrix[k];
            for (int j = 0; j < k; j++)
            {
                var c = covariances[j] ?? throw new ArgumentException($"covariance {j} is null.", nameof(covariances));
                Guard.Data(c, nameof(covariances));
                if (c.Rows != d || c.Cols != d) throw new ArgumentException($"covariance {j} is {c.Rows} x {c.Cols}; the means have {d} columns.", nameof(covariances));
                bool shaped = Enumerable.Range(0, d).All(a => Enumerable.Range(0, d).All(b =>
                    Math.Abs(c[a, b] - c[b, a]) <= 1e-9 * (Math.Abs(c[a, b]) + Math.Abs(c[b, a]) + 1e-300)
                    && (type is CovarianceType.Full or CovarianceType.Tied || a == b || c[a, b] == 0)
                    && (type != CovarianceType.Spherical || c[a, a] == c[0, 0])));
                if (!shaped) throw new ArgumentException($"covariance {j} is not symmetric or not of the {type} shape.", nameof(covariances));
                if (type == CovarianceType.Tied && j > 0 && !c.Data.AsSpan().SequenceEqual(covariances[0].Data))
                    throw new ArgumentException("a tied mixture has one covariance: all k must be equal.", nameof(covariances));
                copies[j] = type == CovarianceType.Tied && j > 0 ? copies[0] : c.Clone();
            }
            return Create(type, (double[])weights.Clone(), means.Clone(), copies)
                ?? throw new ArgumentException("a covariance is not positive definite.", nameof(covariances));
        }

        /// <summary>log wⱼ + log N(xᵢ | μⱼ, Σⱼ) for each row and component: m x k.</summary>
        public Matrix WeightedLogProbabilities(Matrix x)
        {
            int m = x.Rows, d = x.Cols, k = Means.Rows;
            var result = new Matrix(m, k);
            double constant = -0.5 * d * Math.Log(2 * Math.PI);
            var add = Enumerable.Range(0, k).Select(j => constant + logDeterminants[j] + Math.Log(Weights[j])).ToArray();
            var means = Enumerable.Range(0, k).Select(j => Means.Row(j).ToArray()).ToArray();
            bool diagonal = Type is CovarianceType.Diagonal or CovarianceType.Spherical;
            var scales = diagonal ? precisionFactors.Select(p => Enumerable.Range(0, d).Select(a => p[a, a]).ToArray()).ToArray() : null;
            // A row at a time, every component: |(xᵢ − μⱼ) P|², the squared Mahalanobis distance (P's rows scaled by the
            // difference and summed; for a diagonal P, d products instead of d²).
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, m, Math.Max(64, m / (8 * Environment.ProcessorCount) + 1)), range =>
            {
                var diff = new double[d];
                var y = new double[d];
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    var row = x.Row(i);
                    var output = result.Row(i);
                    for (int j = 0; j < k; j++)
                    {
                        TensorPrimitives.Subtract(row, means[j], diff);
                        if (scales is not null) TensorPrimitives.Multiply(diff, scales[j], y);
                        else
                        {
                            var factor = precisionFactors[j];
                            Array.Clear(y);
                            for (int a = 0; a < d; a++)
                                if (diff[a] != 0) TensorPrimitives.MultiplyAdd(factor.Row(a), diff[a], y, y);
                        }
                        output[j] = add[j] - 0.5 * TensorPrimitives.Dot<double>(y, y);
                    }
                }
            });
            return result;
        }

        /// <summary>The E-step: responsibilities into <paramref name="responsibilities"/> (m x k); returns the mean
        /// log-likelihood.</summary>
        public double EStep(Matrix x, Matrix responsibilities)
        {
            var logProb = WeightedLogProbabilities(x);
            double total = 0;
            for (int i = 0; i < x.Rows; i++)
            {
                var row = logProb.Row(i);
                double norm = LogSumExp(row);
                total += norm;
                var r = responsibilities.Row(i);
                TensorPrimitives.Subtract(row, norm, r);
                TensorPrimitives.Exp(r, r);
            }
            return total / x.Rows;
        }
    }

    private const string Format = "course.gaussian-mixture";
    private sealed record State(CovarianceType CovarianceType, double[] Weights, Matrix Means, Matrix[] Covariances, double LowerBound, int Iterations, bool Converged);

    /// <summary>The model as a <see cref="ModelFile"/> document: weights, means, covariances and convergence (not the
    /// training labels).</summary>
    public string ToJson() => ModelFile.Write(Format, 1, new State(CovarianceType, components.Weights, components.Means, components.Covariances, LowerBound, Iterations, Converged));

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">the JSON is not a Gaussian mixture of a known version, or its parameters are
    /// missing, not finite, of mismatched sizes, or a covariance is not positive definite.</exception>
    public static GaussianMixtureModel FromJson(string json)
    {
        var s = ModelFile.Read<State>(json, Format, 1);
        ModelFile.Check(s.Weights is not null && s.Means is not null && s.Covariances is not null, Format, "missing weights, means or covariances");
        Components parts;
        try { parts = Components.Checked(s.CovarianceType, s.Weights!, s.Means!, s.Covariances!); }
        catch (ArgumentException e) { throw new FormatException($"{Format}: {e.Message}", e); }
        ModelFile.Check(s.Iterations >= 0 && !double.IsInfinity(s.LowerBound), Format, "negative iterations or an infinite lower bound");
        return new GaussianMixtureModel(parts, [], s.LowerBound, s.Iterations, s.Converged);
    }

    /// <summary>Reads a model saved with <c>model.Save(path)</c>.</summary>
    public static GaussianMixtureModel Load(string path) => ModelFile.Load<GaussianMixtureModel>(path);

    /// <inheritdoc/>
    public override string ToString() => $"GaussianMixtureModel(k={NComponents}, {CovarianceType}, lower bound={LowerBound:G6}, iterations={Iterations}, converged={Converged})";
}
