using Course.Data;
using Course.Metrics;

namespace Course.Tests;

/// <summary>The procedural shapes data set and the mutual information gap, lesson 07's ground truth and metric.</summary>
public class ShapesAndMigTests
{
    [Fact]
    public void Shapes_are_reproducible_and_follow_their_factors()
    {
        var a = Shapes.Generate(200, seed: 1);
        Assert.Equal(a.X.Data, Shapes.Generate(200, seed: 1).X.Data);
        Assert.All(a.X.Data, v => Assert.InRange(v, 0, 1));
        for (int k = 0; k < 5; k++) Assert.All(a.Factor(k), l => Assert.InRange(l, 0, Shapes.FactorLevels[k] - 1));
        // Area grows with the square of the scale: the largest square (scale 1) covers about 4x the smallest (0.5).
        double small = Shapes.Render(0, 0, 0, 5, 5).Sum(), large = Shapes.Render(0, 5, 0, 5, 5).Sum();
        Assert.InRange(large / small, 3.3, 4.7);
        // The centre of mass moves right with the x position, down with the y position.
        double Cx(double[] img) => Enumerable.Range(0, img.Length).Sum(p => img[p] * (p % 28)) / img.Sum();
        double Cy(double[] img) => Enumerable.Range(0, img.Length).Sum(p => img[p] * (p / 28)) / img.Sum();
        Assert.True(Cx(Shapes.Render(1, 3, 0, 31, 5)) > Cx(Shapes.Render(1, 3, 0, 0, 5)) + 10);
        Assert.True(Cy(Shapes.Render(1, 3, 0, 5, 31)) > Cy(Shapes.Render(1, 3, 0, 5, 0)) + 10);
        // Shapes differ at the same pose, and a quarter turn leaves the square unchanged but not the heart.
        Assert.NotEqual(Shapes.Render(0, 5, 0, 5, 5), Shapes.Render(2, 5, 0, 5, 5));
        Assert.Equal(Shapes.Render(0, 5, 0, 5, 5), Shapes.Render(0, 5, 10, 5, 5));
        Assert.NotEqual(Shapes.Render(2, 5, 0, 5, 5), Shapes.Render(2, 5, 10, 5, 5));
        Assert.Equal("shape", Assert.Throws<ArgumentOutOfRangeException>(() => Shapes.Render(3, 0, 0, 0, 0)).ParamName);
    }

    [Fact]
    public void Mutual_information_and_entropy_are_worked_by_hand()
    {
        int[] coin = [0, 1, 0, 1];
        Assert.Equal(Math.Log(2), MutualInformationGap.Entropy(coin), 12);
        Assert.Equal(Math.Log(2), MutualInformationGap.MutualInformation(coin, coin), 12);
        Assert.Equal(0, MutualInformationGap.MutualInformation(coin, [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Mig_is_one_for_a_disentangled_code_and_zero_for_a_duplicated_one()
    {
        // Every combination of two factors (4 x 5 levels) once: the factors are exactly independent.
        var f1 = new List<int>(); var f2 = new List<int>();
        for (int a = 0; a < 4; a++) for (int b = 0; b < 5; b++) { f1.Add(a); f2.Add(b); }
        int[][] factors = [f1.ToArray(), f2.ToArray()];
        var disentangled = Matrix.FromRows(f1.Select((a, i) => new[] { a * 1.0, f2[i] * 1.0 }).ToArray());
        Assert.Equal(1.0, MutualInformationGap.Score(disentangled, factors), 10);
        // Both latents copy factor 1: the gap for factor 1 is zero, and factor 2 is captured by neither.
        var duplicated = Matrix.FromRows(f1.Select(a => new[] { a * 1.0, a * 2.0 }).ToArray());
        Assert.Equal(0.0, MutualInformationGap.Score(duplicated, factors), 10);
        Assert.Contains("at least 2 latent", Assert.Throws<ArgumentException>(() => MutualInformationGap.Score(Matrix.FromRows([[1.0], [2.0]]), [[0, 1]])).Message);
    }
}
