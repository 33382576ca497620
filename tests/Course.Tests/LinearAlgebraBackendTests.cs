using Course.Compute;
using Course.Data;
using Course.Decomposition;
using Course.Neural;

namespace Course.Tests;

/// <summary>The managed backend (the default outside the notebooks) agrees with libtorch's LAPACK on every operation,
/// on tall, wide and square matrices with asymmetric values; and PCA, Kernel PCA and the Fréchet distance give the same
/// answers on either backend.</summary>
public class LinearAlgebraBackendTests
{
    private static readonly ManagedLinearAlgebra Managed = new();
    private static readonly TorchLinearAlgebra Torch = new();

    private static Matrix Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.NextGaussian() * (1 + i % 7) + 0.3 * (i % 5);
        return m;
    }

    private static void Close(Matrix expected, Matrix actual, double tolerance)
    {
        Assert.Equal((expected.Rows, expected.Cols), (actual.Rows, actual.Cols));
        for (int i = 0; i < expected.Data.Length; i++) Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= tolerance * (1 + Math.Abs(expected.Data[i])), $"entry {i}: {expected.Data[i]} vs {actual.Data[i]}");
    }

    private static void Close(double[] expected, double[] actual, double tolerance) =>
        Close(new Matrix(1, expected.Length, expected), new Matrix(1, actual.Length, actual), tolerance);

    [Theory]
    [InlineData(40, 7)]
    [InlineData(7, 40)]
    [InlineData(12, 12)]
    public void Svd_products_and_gram_agree(int n, int d)
    {
        var a = Random(n, d, n * 100 + d);
        var (mu, ms, mvt) = Managed.ThinSvd(a);
        var (_, ts, tvt) = Torch.ThinSvd(a);
        Close(ts, ms, 1e-10);
        // Vectors agree up to sign: fix both the kit's way, then compare; U S Vt must rebuild a.
        var mvt2 = mvt.Clone(); var tvt2 = tvt.Clone();
        LinearAlgebra.FlipSigns(null, mvt2); LinearAlgebra.FlipSigns(null, tvt2);
        Close(tvt2, mvt2, 1e-8);
        var us = mu.Clone();
        for (int i = 0; i < us.Rows; i++) for (int c = 0; c < us.Cols; c++) us[i, c] *= ms[c];
        Close(a, Managed.Multiply(us, mvt, false, false), 1e-10);
        var mean = a.ColumnMeans();
        var (rs, rvt) = Managed.SingularValuesAndRightVectors(a, mean);
        Close(Torch.SingularValuesAndRightVectors(a, mean).S, rs, 1e-10);
        Assert.Equal(Math.Min(n, d), rvt.Rows);
        Close(Torch.CentredGram(a, mean), Managed.CentredGram(a, mean), 1e-10);
        var b = Random(d, 5, 3);
        Close(Torch.Multiply(a, b, false, false), Managed.Multiply(a, b, false, false), 1e-12);
        Close(Torch.Multiply(a, a, true, false), Managed.Multiply(a, a, true, false), 1e-12);
        Close(Torch.Multiply(a, a, false, true), Managed.Multiply(a, a, false, true), 1e-12);
    }

    [Fact]
    public void Eigen_solve_and_qr_agree()
    {
        var a = Random(30, 9, 5);
        var spd = Managed.CentredGram(a, a.ColumnMeans());
        for (int i = 0; i < 9; i++) spd[i, i] += 0.5;
        var (mv, mvec) = Managed.SymmetricEigen(spd);
        var (tv, _) = Torch.SymmetricEigen(spd);
        Close(tv, mv, 1e-10);
        Assert.True(mv.Zip(mv.Skip(1)).All(p => p.First >= p.Second), "eigenvalues descend");
        // A v = λ v for every managed pair.
        var av = Managed.Multiply(spd, mvec, false, false);
        for (int c = 0; c < 9; c++) for (int i = 0; i < 9; i++) Assert.Equal(mv[c] * mvec[i, c], av[i, c], 1e-9);
        var rhs = Random(9, 3, 8);
        Close(Torch.SolvePositiveDefinite(spd, rhs), Managed.SolvePositiveDefinite(spd, rhs), 1e-10);
        var tall = Random(50, 6, 12);
        var (mq, tq) = (Managed.OrthonormalBasis(tall), Torch.OrthonormalBasis(tall));
        Assert.Equal((50, 6), (mq.Rows, mq.Cols));
        // Householder QR is unique up to the sign of each column: compare |QᵀQ'| with the identity, and QᵀQ = I.
        var cross = Managed.Multiply(mq, tq, true, false);
        var self = Managed.Multiply(mq, mq, true, false);
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++)
        {
            Assert.Equal(i == j ? 1 : 0, Math.Abs(cross[i, j]), 1e-10);
            Assert.Equal(i == j ? 1 : 0, self[i, j], 1e-12);
        }
        // A column in the span of the ones before it comes back as 0 on the managed side (two points in 3-D once gave
        // the same direction twice), and the others stay orthonormal: [a, 3a, b] gives QᵀQ = diag(1, 0, 1).
        var dependent = new Matrix(4, 3);
        double[] ca = [0.3, -1.7, 2.2, 0.9], cb = [1.1, 0.4, -0.6, 2.5];
        for (int i = 0; i < 4; i++) (dependent[i, 0], dependent[i, 1], dependent[i, 2]) = (ca[i], 3 * ca[i], cb[i]);
        var qd = Managed.OrthonormalBasis(dependent);
        var gram = Managed.Multiply(qd, qd, true, false);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) Assert.Equal(i == j && i != 1 ? 1 : 0, gram[i, j], 1e-12);
    }

    [Theory]
    [InlineData(300, 40, 5, true)]
    [InlineData(35, 260, 7, false)]
    public void Randomized_svd_gives_the_same_triplets_on_either_backend(int n, int d, int k, bool centred)
    {
        var a = Random(n, d, n + d);
        var mean = centred ? a.ColumnMeans() : null;
        (Matrix? U, double[] S, Matrix Vt) On(ILinearAlgebraBackend backend)
        {
            using var scope = LinearAlgebra.Scope(backend);
            return RandomizedSvd.Compute(a, mean, k, 10, 5, seed: 3, computeU: true);
        }
        var managed = On(Managed);
        var torch = On(Torch);
        Close(torch.S, managed.S, 1e-9);
        Close(torch.Vt, managed.Vt, 1e-7);
        Close(torch.U!, managed.U!, 1e-7);
        // And against the exact SVD: values from a subspace are lower bounds (Courant-Fischer), and on this flat
        // spectrum of noise 5 power iterations bring each within 1% of the exact one.
        var (_, exact, _) = Managed.ThinSvd(centred ? a.SubtractFromRows(mean!) : a);
        for (int i = 0; i < k; i++) Assert.InRange(managed.S[i], 0.99 * exact[i], exact[i] * (1 + 1e-12));
    }

    [Fact]
    public void Estimators_give_the_same_answers_on_either_backend()
    {
        var digits = Datasets.Digits().X[..300];
        (double[] Ratios, Matrix Kpca, double Fid, double[] Randomized) Run(ILinearAlgebraBackend backend)
        {
            using var scope = LinearAlgebra.Scope(backend); // this test only: other tests keep the process's backend
            {
                var pca = new Pca(new PcaOptions { NComponents = 5, Solver = PcaSolver.Full }).Fit(digits);
                var kpca = new KernelPca(new KernelPcaOptions { NComponents = 2, Kernel = KernelType.Rbf, Gamma = 1e-3 }).Fit(digits);
                double fid = Metrics.FrechetDistance.OfFeatures(digits.SelectRows(Enumerable.Range(0, 150).ToArray()), digits.SelectRows(Enumerable.Range(150, 150).ToArray()));
                // Randomized SVD's products are the kit's on either backend; its last, small SVD is the backend's.
                var randomized = new Pca(new PcaOptions { NComponents = 5, Solver = PcaSolver.Randomized }).Fit(digits);
                return (pca.ExplainedVarianceRatio, kpca.Embedding, fid, randomized.ExplainedVarianceRatio);
            }
        }
        var managed = Run(Managed);
        var torch = Run(Torch);
        Close(torch.Ratios, managed.Ratios, 1e-10);
        Close(torch.Kpca, managed.Kpca, 1e-7);
        Assert.Equal(torch.Fid, managed.Fid, 1e-6 * torch.Fid);
        Close(torch.Randomized, managed.Randomized, 1e-10);
    }

    [Fact]
    public void Scopes_nest_and_use_sets_the_process_backend_even_inside_a_scope()
    {
        var process = LinearAlgebra.Backend;
        using (LinearAlgebra.Scope(Managed))
        {
            Assert.Same(Managed, LinearAlgebra.Backend);
            var inner = LinearAlgebra.Scope(Torch);
            Assert.Same(Torch, LinearAlgebra.Backend);
            inner.Dispose();
            inner.Dispose(); // twice: must not restore anything again
            Assert.Same(Managed, LinearAlgebra.Backend);
            TorchLinearAlgebra.Use(); // the process-wide backend, not the scope's
            Assert.IsType<TorchLinearAlgebra>(LinearAlgebra.ProcessWide);
        }
        Assert.Same(process, LinearAlgebra.Backend);
    }
}
