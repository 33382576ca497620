using Course.Kernels;

namespace Course.Decomposition;

/// <summary>The kernels of <see cref="KernelPca"/>: similarity functions k(x, y) that act as dot products in a
/// feature space they never build.</summary>
public enum KernelType
{
    /// <summary>k(x, y) = x · y: Kernel PCA then equals PCA.</summary>
    Linear,
    /// <summary>Gaussian, k(x, y) = exp(−γ ‖x − y‖²). γ sets the reach: large γ sees only close neighbours.</summary>
    Rbf,
    /// <summary>k(x, y) = (γ x · y + c₀)^degree.</summary>
    Polynomial,
    /// <summary>k(x, y) = x · y / (‖x‖ ‖y‖): direction only, length ignored (0 for a zero vector).</summary>
    Cosine,
}

/// <summary>A kernel with its parameters, computing kernel matrices K[i, j] = k(aᵢ, bⱼ) (scikit-learn's <c>pairwise_kernels</c>).</summary>
/// <param name="Type">The kernel.</param>
/// <param name="Gamma">γ for RBF and polynomial.</param>
/// <param name="Degree">Polynomial degree.</param>
/// <param name="Coef0">Polynomial c₀.</param>
public sealed record KernelFunction(KernelType Type, double Gamma, int Degree = 3, double Coef0 = 1)
{
    /// <summary>The m x n kernel matrix between the rows of <paramref name="a"/> and of <paramref name="b"/> (parallel over rows).</summary>
    public Matrix Compute(Matrix a, Matrix b)
    {
        Guard.Data(a, nameof(a));
        Guard.Data(b, nameof(b));
        Guard.Columns(a, b.Cols, nameof(a), "b");
        var k = new Matrix(a.Rows, b.Rows);
        double[]? na = null, nb = null;
        if (Type == KernelType.Cosine)
        {
            na = Distance.RowSquaredNorms(a).Select(Math.Sqrt).ToArray();
            nb = Distance.RowSquaredNorms(b).Select(Math.Sqrt).ToArray();
        }
        Parallel.For(0, a.Rows, i =>
        {
            var ai = a.Row(i);
            var ki = k.Row(i);
            for (int j = 0; j < b.Rows; j++)
            {
                ki[j] = Type switch
                {
                    KernelType.Rbf => Math.Exp(-Gamma * Distance.Squared(ai, b.Row(j))),
                    KernelType.Polynomial => Math.Pow(Gamma * Distance.Dot(ai, b.Row(j)) + Coef0, Degree),
                    KernelType.Cosine => na![i] == 0 || nb![j] == 0 ? 0 : Distance.Dot(ai, b.Row(j)) / (na[i] * nb[j]),
                    _ => Distance.Dot(ai, b.Row(j)),
                };
            }
        });
        return k;
    }
}
