using Course.Compute;

namespace Course.Metrics;

/// <summary>
/// The Fréchet (2-Wasserstein) distance between two Gaussians, the core of FID (Heusel et al., "GANs trained by a two
/// time-scale update rule converge to a local Nash equilibrium", NeurIPS 2017):
/// d² = ‖μ₁ − μ₂‖² + Tr(Σ₁) + Tr(Σ₂) − 2 Tr((Σ₁^½ Σ₂ Σ₁^½)^½).
/// </summary>
/// <remarks>The trace term is computed from the eigenvalues of the symmetric matrix Σ₁^½ Σ₂ Σ₁^½, which equals
/// Tr((Σ₁Σ₂)^½) but needs only symmetric eigendecompositions (stable, real), not the general matrix square root
/// scipy's <c>sqrtm</c> takes, whose round-off can leave imaginary parts. Float64 throughout, on the <see cref="LinearAlgebra"/> backend.</remarks>
public static class FrechetDistance
{
    /// <summary>d² between N(<paramref name="mean1"/>, <paramref name="cov1"/>) and N(<paramref name="mean2"/>,
    /// <paramref name="cov2"/>) (means of length d, covariances d x d, symmetric positive semi-definite).</summary>
    public static double Between(double[] mean1, Matrix cov1, double[] mean2, Matrix cov2)
    {
        ArgumentNullException.ThrowIfNull(mean1);
        ArgumentNullException.ThrowIfNull(mean2);
        int d = mean1.Length;
        if (d == 0) throw new ArgumentException("the means are empty.", nameof(mean1));
        Guard.SameLength(d, mean2.Length, nameof(mean2));
        Guard.Finite(mean1, nameof(mean1));
        Guard.Finite(mean2, nameof(mean2));
        CheckCovariance(cov1, d, nameof(cov1));
        CheckCovariance(cov2, d, nameof(cov2));
        var (values, vectors) = LinearAlgebra.SymmetricEigen(cov1);
        // Σ₁^½ = V diag(√λ) Vᵀ = (V diag(λ^¼)) (V diag(λ^¼))ᵀ.
        var half = vectors.Clone();
        for (int i = 0; i < d; i++) for (int c = 0; c < d; c++) half.Data[i * d + c] *= Math.Sqrt(Math.Sqrt(Math.Max(values[c], 0)));
        var root1 = LinearAlgebra.Multiply(half, half, transposeB: true);
        var inner = LinearAlgebra.Multiply(LinearAlgebra.Multiply(root1, cov2), root1);
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) // symmetric in exact arithmetic; make it so in floating point
        {
            double m = (inner.Data[i * d + j] + inner.Data[j * d + i]) / 2;
            inner.Data[i * d + j] = inner.Data[j * d + i] = m;
        }
        double traceRoot = LinearAlgebra.SymmetricEigen(inner).Values.Sum(v => Math.Sqrt(Math.Max(v, 0)));
        double trace1 = 0, trace2 = 0;
        for (int i = 0; i < d; i++) { trace1 += cov1.Data[i * d + i]; trace2 += cov2.Data[i * d + i]; }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) meanTerm += (mean1[j] - mean2[j]) * (mean1[j] - mean2[j]);
        double value = meanTerm + trace1 + trace2 - 2 * traceRoot;
        return Math.Max(0, value); // round-off can dip a hair below zero for identical inputs
    }

    /// <summary>d² between Gaussians fitted to two sets of feature rows (n₁ x d and n₂ x d): sample means and
    /// covariances with the n − 1 denominator, as numpy's <c>cov</c> and the reference FID code use.</summary>
    public static double OfFeatures(Matrix features1, Matrix features2)
    {
        Guard.Data(features1, nameof(features1), minRows: 2);
        Guard.Data(features2, nameof(features2), minRows: 2);
        Guard.Columns(features2, features1.Cols, nameof(features2), nameof(features1));
        var (m1, c1) = MeanAndCovariance(features1);
        var (m2, c2) = MeanAndCovariance(features2);
        Representable(c1, nameof(features1));
        Representable(c2, nameof(features2));
        return Between(m1, c1, m2, c2);
    }

    /// <summary>Column means and the sample covariance (n − 1 denominator) of <paramref name="x"/> (n x d).</summary>
    public static (double[] Mean, Matrix Covariance) MeanAndCovariance(Matrix x)
    {
        Guard.Data(x, nameof(x), minRows: 2);
        var mean = x.ColumnMeans();
        var scatter = LinearAlgebra.CentredGram(x, mean);
        for (int k = 0; k < scatter.Data.Length; k++) scatter.Data[k] /= x.Rows - 1;
        return (mean, scatter);
    }

    // Features near 1e75 and beyond give covariances whose products overflow; say so about the features themselves.
    private static void Representable(Matrix cov, string name)
    {
        double largest = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(cov.Data));
        if (!(largest <= Guard.MaxMagnitude))
            throw new ArgumentException($"{name} is too large: its covariance reaches {largest:G3}, and the distance's matrix products would overflow; rescale the features.", name);
    }

    private static void CheckCovariance(Matrix cov, int d, string name)
    {
        Guard.Data(cov, name);
        if (cov.Rows != d || cov.Cols != d) throw new ArgumentException($"{name} is {cov.Rows} x {cov.Cols}; the means have {d} values, so it must be {d} x {d}.", name);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(cov[i, j] - cov[j, i]) > 1e-8 * (1 + Math.Abs(cov[i, j])))
                    throw new ArgumentException($"{name} is not symmetric: entry ({i}, {j}) is {cov[i, j]} but ({j}, {i}) is {cov[j, i]}.", name);
    }
}
