using Course.Compute;
using Course.Data;
using Course.Decomposition;

namespace Course.Tests;

public class NystroemTests
{
    private static readonly Matrix Rings = SyntheticData.Circles(300, noise: 0.05, factor: 0.3, seed: 1).X;

    [Fact]
    public void With_every_row_as_a_landmark_the_features_reproduce_the_kernel()
    {
        var x = Rings.SelectRows(Enumerable.Range(0, 40).ToArray());
        var model = new Nystroem(new NystroemOptions { NComponents = 500, Gamma = 2 }).Fit(x);
        Assert.Equal(40, model.NComponents); // clipped to n
        Assert.Equal(Enumerable.Range(0, 40), model.LandmarkIndices.Order());
        var phi = model.Transform(x);
        var exact = new KernelFunction(KernelType.Rbf, 2).Compute(x, x);
        var approx = LinearAlgebra.Multiply(phi, phi, transposeB: true);
        for (int i = 0; i < exact.Data.Length; i++) Assert.Equal(exact.Data[i], approx.Data[i], 8);
    }

    [Fact]
    public void The_approximation_error_falls_as_landmarks_are_added_and_landmarks_are_exact()
    {
        var exact = new KernelFunction(KernelType.Rbf, 5).Compute(Rings, Rings);
        double Error(int m, out NystroemModel model)
        {
            model = new Nystroem(new NystroemOptions { NComponents = m, Gamma = 5, Seed = 3 }).Fit(Rings);
            var phi = model.Transform(Rings);
            var approx = LinearAlgebra.Multiply(phi, phi, transposeB: true);
            double e = 0, norm = 0;
            for (int i = 0; i < exact.Data.Length; i++) { e += Math.Pow(exact.Data[i] - approx.Data[i], 2); norm += exact.Data[i] * exact.Data[i]; }
            return Math.Sqrt(e / norm);
        }
        double e10 = Error(10, out _), e40 = Error(40, out var m40), e120 = Error(120, out _);
        Assert.True(e10 > 2 * e40 && e40 > 2 * e120 && e120 < 0.01, $"relative Frobenius errors {e10:G3}, {e40:G3}, {e120:G3}");
        // On the landmarks themselves the approximation is exact: k(L, L) K_LL⁻¹ k(L, L) = K_LL.
        var phiL = m40.Transform(m40.Landmarks);
        var kl = LinearAlgebra.Multiply(phiL, phiL, transposeB: true);
        var kll = m40.Kernel.Compute(m40.Landmarks, m40.Landmarks);
        for (int i = 0; i < kl.Data.Length; i++) Assert.Equal(kll.Data[i], kl.Data[i], 8);
    }

    [Fact]
    public void Pca_on_the_features_approximates_kernel_pca()
    {
        var exact = new KernelPca(new KernelPcaOptions { NComponents = 2, Kernel = KernelType.Rbf, Gamma = 5 }).Fit(Rings);
        var phi = new Nystroem(new NystroemOptions { NComponents = 150, Gamma = 5 }).Fit(Rings).Transform(Rings);
        var approx = new Pca(2).Fit(phi);
        // Eigenvalues: Kernel PCA's λ is the centred features' squared singular value, PCA's variance times n - 1.
        for (int c = 0; c < 2; c++)
            Assert.True(Math.Abs(approx.ExplainedVariance[c] * (Rings.Rows - 1) - exact.Eigenvalues[c]) < 0.02 * exact.Eigenvalues[c],
                $"component {c}: {approx.ExplainedVariance[c] * (Rings.Rows - 1):G5} against {exact.Eigenvalues[c]:G5}");
        // Coordinates agree up to sign.
        var z = approx.Transform(phi);
        for (int c = 0; c < 2; c++)
        {
            var a = exact.Embedding.Column(c); var b = z.Column(c);
            double corr = Math.Abs(a.Zip(b, (u, v) => u * v).Sum() / Math.Sqrt(a.Sum(u => u * u) * b.Sum(v => v * v)));
            Assert.True(corr > 0.99, $"component {c}: |correlation| {corr:F4}");
        }
    }

    [Fact]
    public void Bad_input_is_named_and_the_seed_decides_the_landmarks()
    {
        Assert.Equal("NComponents", Assert.Throws<ArgumentOutOfRangeException>(() => new Nystroem(new NystroemOptions { NComponents = 0 })).ParamName);
        Assert.Equal("Gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new Nystroem(new NystroemOptions { Gamma = 0 })).ParamName);
        Assert.Equal("Coef0", Assert.Throws<ArgumentOutOfRangeException>(() => new Nystroem(new NystroemOptions { Coef0 = double.NaN })).ParamName);
        var model = new Nystroem(new NystroemOptions { NComponents = 10, Seed = 1 }).Fit(Rings);
        Assert.Contains("dimension mismatch", Assert.Throws<ArgumentException>(() => model.Transform(new Matrix(2, 3))).Message);
        Assert.Equal(model.LandmarkIndices, new Nystroem(new NystroemOptions { NComponents = 10, Seed = 1 }).Fit(Rings).LandmarkIndices);
        Assert.NotEqual(model.LandmarkIndices, new Nystroem(new NystroemOptions { NComponents = 10, Seed = 2 }).Fit(Rings).LandmarkIndices);
        Assert.Equal(10, model.LandmarkIndices.Distinct().Count());
        // Duplicate rows make K_LL singular; clipped eigenvalues keep the features finite.
        var twins = Matrix.FromRows([[0.0, 1], [0.0, 1], [1, 0], [1, 0]]);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<double>(new Nystroem(new NystroemOptions { NComponents = 4 }).Fit(twins).Transform(twins).Data));
    }
}
