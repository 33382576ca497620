using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Course.Compute;

/// <summary>
/// The default <see cref="ILinearAlgebraBackend"/>: Math.NET Numerics' managed decompositions (Householder QR, Golub-
/// Kahan SVD, tridiagonal QL for symmetric matrices, Cholesky) and the kit's own product kernel (<see cref="Gemm"/>) for
/// products and Gram matrices. No native code, so a program that only clusters or projects small data ships without libtorch.
/// </summary>
/// <remarks>Thin SVDs of tall matrices go through a thin QR first (Math.NET's SVD always forms the full U, which for
/// n rows is n x n); wide matrices are decomposed transposed. Math.NET stores column-major: conversions copy once each
/// way.</remarks>
public sealed class ManagedLinearAlgebra : ILinearAlgebraBackend
{
    /// <inheritdoc/>
    public string Name => "managed";

    private static Matrix<double> ToMathNet(Matrix a) => Matrix<double>.Build.DenseOfRowMajor(a.Rows, a.Cols, a.Data);

    private static Matrix FromMathNet(Matrix<double> m) => new(m.RowCount, m.ColumnCount, m.ToRowMajorArray());

    /// <inheritdoc/>
    public (Matrix U, double[] S, Matrix Vt) ThinSvd(Matrix a)
    {
        var (u, s, vt) = Svd(ToMathNet(a), wantU: true);
        return (u!, s, vt);
    }

    private static (Matrix? U, double[] S, Matrix Vt) Svd(Matrix<double> a, bool wantU)
    {
        if (a.RowCount < a.ColumnCount)
        {
            // a = (aᵀ)ᵀ = (U' S V'ᵀ)ᵀ = V' S U'ᵀ.
            var t = Svd(a.Transpose(), wantU: true);
            return (wantU ? t.Vt.Transpose() : null, t.S, t.U!.Transpose());
        }
        var qr = a.QR(QRMethod.Thin);
        var svd = qr.R.Svd(computeVectors: true);
        var u = wantU ? FromMathNet(qr.Q * svd.U) : null;
        return (u, svd.S.ToArray(), FromMathNet(svd.VT));
    }

    /// <inheritdoc/>
    public (double[] S, Matrix Vt) SingularValuesAndRightVectors(Matrix a, double[]? mean)
    {
        var (_, s, vt) = Svd(ToMathNet(mean is null ? a : a.SubtractFromRows(mean)), wantU: false);
        return (s, vt);
    }

    /// <inheritdoc/>
    public (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a)
    {
        var evd = ToMathNet(a).Evd(Symmetricity.Symmetric);
        int n = a.Rows;
        var values = new double[n];
        var vectors = new Matrix(n, n);
        // Math.NET returns ascending eigenvalues; flip both to descending.
        for (int c = 0; c < n; c++)
        {
            values[c] = evd.EigenValues[n - 1 - c].Real;
            for (int i = 0; i < n; i++) vectors.Data[i * n + c] = evd.EigenVectors[i, n - 1 - c];
        }
        return (values, vectors);
    }

    /// <inheritdoc/>
    public Matrix CentredGram(Matrix a, double[]? mean)
    {
        var ct = (mean is null ? a : a.SubtractFromRows(mean)).Transpose();
        return Gemm.TimesTransposed(ct, ct);
    }

    /// <inheritdoc/>
    /// <remarks>By Gram-Schmidt twice (<see cref="GramSchmidt"/>) on the transpose: for a of full column rank the same
    /// basis as Householder QR up to the columns' signs, several times faster for thin matrices. A column in the span
    /// of the columns before it comes back as 0.</remarks>
    public Matrix OrthonormalBasis(Matrix a)
    {
        var t = a.Transpose();
        GramSchmidt.OrthonormalizeRows(t);
        return t.Transpose();
    }

    /// <inheritdoc/>
    public Matrix SolvePositiveDefinite(Matrix a, Matrix b) => FromMathNet(ToMathNet(a).Cholesky().Solve(ToMathNet(b)));

    /// <inheritdoc/>
    public Matrix Multiply(Matrix a, Matrix b, bool transposeA, bool transposeB) =>
        Gemm.TimesTransposed(transposeA ? a.Transpose() : a, transposeB ? b : b.Transpose());
}
