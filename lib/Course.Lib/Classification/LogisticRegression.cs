using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Course.Classification;

/// <summary>Hyperparameters of <see cref="LogisticRegression"/>; defaults as scikit-learn's.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Inverse regularisation strength C (> 0). Default 1, as scikit-learn. Smaller C: simpler, smoother models.</summary>
    public double C { get; init; } = 1.0;
    /// <summary>Most L-BFGS iterations. Default 1,000 (scikit-learn stops at 100 and warns; the optimum is unique, so
    /// converging further only gets closer to it).</summary>
    public int MaxIterations { get; init; } = 1000;
    /// <summary>Stop when the gradient's norm falls below this (the loss is a sum over samples). Default 1e-4,
    /// scikit-learn's <c>tol</c>; lower it to compare coefficients to many digits.</summary>
    public double Tolerance { get; init; } = 1e-4;
}

/// <summary>
/// Multinomial logistic regression (softmax regression) with an L2 penalty, scikit-learn's
/// <c>LogisticRegression(C=1.0)</c> objective: minimise C Σᵢ −log p(yᵢ | xᵢ) + ½ ‖W‖² over the weights W (the
/// intercepts are not penalised). The problem is convex, so the solution is unique and does not depend on the start.
/// </summary>
/// <remarks>
/// Solved with L-BFGS (Liu and Nocedal 1989, scikit-learn's default solver) from Math.NET Numerics, whose line search
/// satisfies the strong Wolfe conditions; the loss and its gradient, C Xᵀ(P − Y) + W, are computed here in one pass.
/// Starting from zero, a fit is deterministic. Features are used as given: standardise them first when their scales
/// differ (the penalty treats every weight alike).
/// </remarks>
public sealed class LogisticRegression : ISupervisedEstimator<LogisticRegressionOptions, LogisticRegressionModel>
{
    /// <summary>The hyperparameters.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <summary>A classifier with the given options (scikit-learn's defaults when omitted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">an option is out of range (named in the message).</exception>
    public LogisticRegression(LogisticRegressionOptions? options = null)
    {
        var o = options ?? new LogisticRegressionOptions();
        Guard.Positive(o.C, nameof(o.C));
        Guard.InRange(o.MaxIterations, 1, int.MaxValue, nameof(o.MaxIterations));
        Guard.Positive(o.Tolerance, nameof(o.Tolerance));
        Options = o;
    }

    /// <summary>Fits rows <paramref name="x"/> (n x d) with labels <paramref name="y"/> (n, in 0..classes-1).</summary>
    /// <param name="x">Features.</param>
    /// <param name="y">Labels, non-negative.</param>
    /// <param name="classes">Number of classes; null for max(y) + 1. Give it when a small labelled sample may miss a class.</param>
    public LogisticRegressionModel Fit(Matrix x, IReadOnlyList<int> y, int? classes = null)
        => Train(x, y, classes);

    LogisticRegressionModel ISupervisedEstimator<LogisticRegressionOptions, LogisticRegressionModel>.Fit(Matrix x, IReadOnlyList<int> y) => Train(x, y, null);

    private LogisticRegressionModel Train(Matrix x, IReadOnlyList<int> y, int? classes)
    {
        Guard.Data(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        Guard.SameLength(x.Rows, y.Count, nameof(y));
        if (y.Any(l => l < 0)) throw new ArgumentException("y must hold non-negative class labels.", nameof(y));
        if (classes is int given) Guard.InRange(given, 1, int.MaxValue, nameof(classes));
        int k = classes ?? y.Max() + 1;
        if (y.Max() >= k) throw new ArgumentException($"y has label {y.Max()} but classes = {k}.", nameof(y));
        int d = x.Cols, n = x.Rows;
        var labels = y.ToArray();
        // Parameters: W class-major (k x d, so each logit is one contiguous SIMD dot product), then b (k).
        var best = new double[k * d + k];
        double bestLoss = double.PositiveInfinity;
        // Fixed row chunks, summed in order: the result does not depend on thread scheduling.
        int chunks = Math.Max(1, Math.Min(8, n / 256));
        (double, Vector<double>) Evaluate(Vector<double> theta)
        {
            var p = theta.AsArray() ?? theta.ToArray();
            var partLoss = new double[chunks];
            var partGrad = new double[chunks][];
            Parallel.For(0, chunks, ch =>
            {
                var grad = new double[p.Length];
                var logits = new double[k];
                double loss = 0;
                var w = p.AsSpan(0, k * d);
                for (int i = (int)((long)n * ch / chunks), end = (int)((long)n * (ch + 1) / chunks); i < end; i++)
                {
                    var xi = x.Row(i);
                    for (int c = 0; c < k; c++) logits[c] = p[k * d + c] + Compute.Distance.Dot(xi, w.Slice(c * d, d));
                    double max = logits.Max(), sum = 0;
                    for (int c = 0; c < k; c++) { logits[c] = Math.Exp(logits[c] - max); sum += logits[c]; }
                    loss += Options.C * (Math.Log(sum) - Math.Log(logits[labels[i]]));
                    for (int c = 0; c < k; c++)
                    {
                        double r = Options.C * (logits[c] / sum - (c == labels[i] ? 1 : 0));
                        grad[k * d + c] += r;
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(xi, r, grad.AsSpan(c * d, d), grad.AsSpan(c * d, d));
                    }
                }
                partLoss[ch] = loss; partGrad[ch] = grad;
            });
            double total = 0;
            var g = new double[p.Length];
            for (int ch = 0; ch < chunks; ch++) { total += partLoss[ch]; System.Numerics.Tensors.TensorPrimitives.Add(g, partGrad[ch], g); }
            for (int t = 0; t < k * d; t++) { total += 0.5 * p[t] * p[t]; g[t] += p[t]; }
            if (total < bestLoss) { bestLoss = total; Array.Copy(p, best, p.Length); }
            return (total, Vector<double>.Build.Dense(g));
        }
        var objective = ObjectiveFunction.Gradient(Evaluate);
        var minimizer = new LimitedMemoryBfgsMinimizer(Options.Tolerance, 0, 0, 10, Options.MaxIterations);
        try { minimizer.FindMinimum(objective, Vector<double>.Build.Dense(best.Length)); }
        // Out of iterations or a stalled line search at the optimum's round-off floor: keep the best point evaluated.
        catch (MaximumIterationsException) { }
        catch (OptimizationException) { }
        var weights = new Matrix(d, k);
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) weights[j, c] = best[c * d + j];
        return new LogisticRegressionModel(weights, best[(k * d)..]);
    }
}
