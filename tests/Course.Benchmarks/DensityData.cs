using Course.Data;

namespace Course.Benchmarks;

/// <summary>The density benchmarks' data: 2-D Gaussian blobs with uniform background noise, seeded.</summary>
public static class DensityData
{
    /// <summary><paramref name="rows"/> points: 90% in 12 blobs of standard deviation 0.5 with centres in [-10, 10]²
    /// (SyntheticData.Blobs), 10% uniform over [-12, 12]².</summary>
    public static Matrix BlobsWithNoise(int rows, int seed)
    {
        int noise = rows / 10;
        var blobs = SyntheticData.Blobs(rows - noise, 12, 2, 0.5, seed: seed).X;
        var x = new Matrix(rows, 2);
        blobs.Data.CopyTo(x.Data, 0);
        var rng = Course.Seed.Create(seed + 1);
        for (int i = blobs.Data.Length; i < x.Data.Length; i++) x.Data[i] = rng.NextDouble() * 24 - 12;
        return x;
    }
}
