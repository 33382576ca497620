using Course.Compute;
using Course.Decomposition;

namespace Course.Tests;

/// <summary>The pieces of Kernel PCA's partial eigensolver against their definitions: the matrix-vector product, the
/// tridiagonal QL eigensolver, and the Lanczos method against the dense eigendecomposition on spectra that are hard
/// for a Krylov method (exactly repeated eigenvalues, a low-rank matrix).</summary>
public class LanczosTests
{
    private static Matrix Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.NextDouble() * (1 + i % 7) - 0.3 * (i % 5);
        return m;
    }

    [Theory]
    [InlineData(7, 5)]        // fewer columns than a vector, rows not a multiple of four
    [InlineData(130, 203)]    // a vector tail in every row
    [InlineData(1100, 300)]   // enough entries for the parallel path, a partial last block of rows
    public void The_matrix_vector_product_is_the_row_dot_products(int rows, int cols)
    {
        var a = Random(rows, cols, rows);
        var x = Random(1, cols, cols).Data;
        var y = new double[rows + 3];
        Gemv.Times(a, rows - 2, x, y);
        for (int i = 0; i < rows - 2; i++)
        {
            double expected = 0, scale = 0;
            for (int q = 0; q < cols; q++) { expected += a[i, q] * x[q]; scale += Math.Abs(a[i, q] * x[q]); }
            Assert.True(Math.Abs(y[i] - expected) <= 1e-13 * scale, $"y[{i}] = {y[i]}, expected {expected}");
        }
        Assert.Equal(0, y[rows - 2]);    // rows past the count are not touched
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Gemv.Times(a, rows, new double[cols + 1], y)).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]      // serial, vector tails
    [InlineData(733)]     // the parallel chunks, rows not a multiple of anything
    public void The_symmetric_product_reads_the_lower_triangle_and_equals_the_full_product(int n)
    {
        var a = Random(n, n, n + 1);
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) a[j, i] = a[i, j];
        var x = Random(1, n, 2 * n).Data;
        var full = new double[n];
        Gemv.Times(a, n, x, full);
        // Garbage above the diagonal must not matter, and y's old values must not leak in.
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) a[i, j] = double.NaN;
        var y = Enumerable.Repeat(5.0, n).ToArray();
        Gemv.TimesSymmetric(a, x, y, Gemv.SymmetricScratch(n));
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(y[i] - full[i]) <= 1e-12 * (1 + Math.Abs(full[i])), $"y[{i}] = {y[i]}, expected {full[i]}");
        var again = new double[n];
        Gemv.TimesSymmetric(a, x, again, Gemv.SymmetricScratch(n));
        Assert.Equal(y, again);    // the same chunks and order every time
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Gemv.TimesSymmetric(Random(3, 4, 1), new double[4], new double[4], Gemv.SymmetricScratch(4))).ParamName);
    }

    public static TheoryData<double[], double[]> Tridiagonals => new()
    {
        // Asymmetric values, no zero off-diagonal.
        { new[] { 4.0, -1.5, 2.25, 7.0, 0.5, -3.0, 1.0 }, new[] { 1.0, 0.7, -2.0, 0.3, 1.9, -0.4 } },
        // A zero off-diagonal (two blocks) and an exactly repeated eigenvalue (the same 2 x 2 block twice).
        { new[] { 2.0, 1.0, 3.0, 2.0, 1.0 }, new[] { 0.5, 0.0, 0.0, 0.5 } },
        // Widely scaled values.
        { new[] { 1e6, 1.0, 1e-6, 3.0 }, new[] { 1e3, 1e-3, 2.0 } },
    };

    [Theory]
    [MemberData(nameof(Tridiagonals))]
    public void The_tridiagonal_eigenpairs_satisfy_the_definition_and_match_the_dense_solver(double[] diagonal, double[] offDiagonal)
    {
        int m = diagonal.Length;
        var t = new Matrix(m, m);
        for (int i = 0; i < m; i++) t[i, i] = diagonal[i];
        for (int i = 0; i < m - 1; i++) t[i, i + 1] = t[i + 1, i] = offDiagonal[i];
        var z = new Matrix(m, m);
        for (int i = 0; i < m; i++) z[i, i] = 1;
        var values = SymmetricTridiagonal.Eigen(diagonal, offDiagonal, z)!;
        double scale = values.Max(Math.Abs);
        var (dense, _) = new ManagedLinearAlgebra().SymmetricEigen(t);
        Assert.Equal(dense, values, new Within(1e-13 * scale));
        for (int c = 0; c < m; c++)
        {
            for (int i = 0; i < m; i++)
            {
                double tz = 0;
                for (int j = 0; j < m; j++) tz += t[i, j] * z[j, c];
                Assert.True(Math.Abs(tz - values[c] * z[i, c]) <= 1e-13 * scale, $"(T z − λ z)[{i}] for λ = {values[c]}");
            }
            for (int d = 0; d <= c; d++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += z[i, c] * z[i, d];
                Assert.Equal(c == d ? 1 : 0, dot, 1e-13);
            }
        }
        // Forming only the last row gives the same values and that row of the eigenvectors.
        var last = new Matrix(1, m);
        last[0, m - 1] = 1;
        Assert.Equal(values, SymmetricTridiagonal.Eigen(diagonal, offDiagonal, last));
        Assert.Equal(z.Row(m - 1).ToArray(), last.Row(0).ToArray());
    }

    private static void SameAsDense(Matrix a, int k, int seed)
    {
        var (values, vectors) = Lanczos.Leading(a, k, new Random(seed))!.Value;
        var (dense, _) = new ManagedLinearAlgebra().SymmetricEigen(a);
        Assert.Equal(dense[..k], values, new Within(1e-10 * Math.Abs(dense[0])));
        int n = a.Rows;
        // Each vector is an eigenvector (the basis of a repeated eigenvalue is not unique, so no entrywise comparison).
        for (int c = 0; c < k; c++)
        {
            double residual = 0;
            for (int i = 0; i < n; i++)
            {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i, j] * vectors[j, c];
                residual += (av - values[c] * vectors[i, c]) * (av - values[c] * vectors[i, c]);
            }
            Assert.True(Math.Sqrt(residual) <= 1e-9 * Math.Abs(dense[0]), $"‖A u − θ u‖ = {Math.Sqrt(residual)} for θ{c} = {values[c]}");
            for (int d = 0; d <= c; d++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += vectors[i, c] * vectors[i, d];
                Assert.Equal(c == d ? 1 : 0, dot, 1e-10);
            }
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public void Lanczos_finds_both_copies_of_the_repeated_eigenvalues_of_a_grids_kernel(int k)
    {
        // A 20 x 20 grid: its symmetries give the RBF kernel pairs of equal eigenvalues, which a single-vector Krylov
        // method finds one copy of in exact arithmetic.
        var x = new Matrix(400, 2);
        for (int i = 0; i < 400; i++) { x[i, 0] = i / 20; x[i, 1] = i % 20; }
        var kernel = new KernelFunction(KernelType.Rbf, 0.5).Compute(x, x);
        var (dense, _) = new ManagedLinearAlgebra().SymmetricEigen(kernel);
        Assert.Contains(Enumerable.Range(1, k - 1), i => Math.Abs(dense[i] - dense[i - 1]) <= 1e-12 * dense[0]);
        SameAsDense(kernel, k, 3);
    }

    [Fact]
    public void Lanczos_goes_on_past_an_invariant_subspace_to_the_zero_eigenvalues_of_a_low_rank_matrix()
    {
        // Rank 3 (a linear kernel of 3-D points): 10 components need 7 eigenvectors of the eigenvalue 0.
        var x = Random(250, 3, 8);
        var a = new KernelFunction(KernelType.Linear, 1).Compute(x, x);
        var (values, vectors) = Lanczos.Leading(a, 10, new Random(2))!.Value;
        var (dense, _) = new ManagedLinearAlgebra().SymmetricEigen(a);
        Assert.Equal(dense[..10], values, new Within(1e-10 * dense[0]));
        for (int c = 0; c < 10; c++)
            for (int d = 0; d <= c; d++)
            {
                double dot = 0;
                for (int i = 0; i < 250; i++) dot += vectors[i, c] * vectors[i, d];
                Assert.Equal(c == d ? 1 : 0, dot, 1e-10);
            }
    }

    [Fact]
    public void Lanczos_on_an_asymmetric_spectrum_matches_the_dense_solver()
    {
        var x = Random(300, 12, 4);
        SameAsDense(new KernelFunction(KernelType.Rbf, 0.05).Compute(x, x), 20, 5);
    }
}
