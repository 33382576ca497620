using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Course;

/// <summary>
/// The default <see cref="ILinearAlgebraBackend"/>: Math.NET Numerics' managed decompositions (Householder QR, Golub-
/// Kahan SVD, tridiagonal QL for symmetric matrices, Cholesky) and a row-blocked SIMD product for Gram matrices. No
/// native code, so a program that only clusters or projects small data ships without libtorch.
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
            return (wantU ? Transpose(t.Vt) : null, t.S, Transpose(t.U!));
        }
        var qr = a.QR(QRMethod.Thin);
        var svd = qr.R.Svd(computeVectors: true);
        var u = wantU ? FromMathNet(qr.Q * svd.U) : null;
        return (u, svd.S.ToArray(), FromMathNet(svd.VT));
    }

    private static Matrix Transpose(Matrix m)
    {
        var t = new Matrix(m.Cols, m.Rows);
        for (int i = 0; i < m.Rows; i++) for (int j = 0; j < m.Cols; j++) t.Data[j * m.Rows + i] = m.Data[i * m.Cols + j];
        return t;
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
    public Matrix CentredGram(Matrix a, double[] mean)
    {
        var ct = Transpose(a.SubtractFromRows(mean));
        return RowProducts(ct, ct);
    }

    /// <inheritdoc/>
    public Matrix SolvePositiveDefinite(Matrix a, Matrix b) => FromMathNet(ToMathNet(a).Cholesky().Solve(ToMathNet(b)));

    /// <inheritdoc/>
    public Matrix Multiply(Matrix a, Matrix b, bool transposeA, bool transposeB) =>
        RowProducts(transposeA ? Transpose(a) : a, transposeB ? b : Transpose(b));

    /// <summary>c[i, j] = aᵢ · bⱼ (a m x k, b n x k): every entry one contiguous SIMD dot product. Rows of b are taken
    /// in tiles of about 256 KB so a tile stays in cache while all rows of a pass over it; rows of a in parallel.</summary>
    internal static Matrix RowProducts(Matrix a, Matrix b)
    {
        int m = a.Rows, n = b.Rows, k = a.Cols;
        var c = new Matrix(m, n);
        int tile = Math.Max(8, 32_768 / Math.Max(1, k));
        for (int j0 = 0; j0 < n; j0 += tile)
        {
            int j1 = Math.Min(n, j0 + tile);
            Parallel.For(0, m, i =>
            {
                var ai = a.Data.AsSpan(i * k, k);
                var ci = c.Data.AsSpan(i * n, n);
                for (int j = j0; j < j1; j++) ci[j] = TensorPrimitives.Dot<double>(ai, b.Data.AsSpan(j * k, k));
            });
        }
        return c;
    }

    /// <inheritdoc/>
    public (Matrix? U, double[] S, Matrix Vt) RandomizedSvd(Matrix a, double[]? mean, Matrix omega, int k, int powerIterations, bool computeU)
    {
        var centred = mean is null ? a : a.SubtractFromRows(mean);
        var at = Transpose(centred);
        Matrix Orthonormal(Matrix y) => FromMathNet(ToMathNet(y).QR(QRMethod.Thin).Q);
        var y = RowProducts(centred, Transpose(omega));                 // A Ω, n x l
        for (int it = 0; it < powerIterations; it++)
        {
            var qz = Orthonormal(RowProducts(at, Transpose(Orthonormal(y)))); // orth(Aᵀ Q), d x l
            y = RowProducts(centred, Transpose(qz));
        }
        var basis = Orthonormal(y);                                    // n x l
        var b = RowProducts(Transpose(basis), at);                      // Qᵀ A, l x d: small
        var (ub, s, vt) = Svd(ToMathNet(b), wantU: true);
        Matrix? u = null;
        if (computeU)
        {
            var full = Multiply(basis, ub!, false, false);
            u = new Matrix(full.Rows, k);
            for (int i = 0; i < full.Rows; i++) full.Row(i)[..k].CopyTo(u.Row(i));
        }
        return (u, s[..k], vt.SelectRows(Enumerable.Range(0, k).ToArray()));
    }

    /// <inheritdoc/>
    /// <remarks>Null: a managed product over all pairs streams as much memory as the scan it would replace.</remarks>
    public int[]? NearestCandidates(Matrix points, Matrix queries, int candidates) => null;
}
