using Course.Data;
using Course.Clustering;
using Course.Compute;

namespace Course.Tests;

public class NearestCenterTests
{
    [Theory]
    [InlineData(1, 3)]     // fewer centres than one SIMD vector
    [InlineData(7, 5)]     // odd sizes: padding in both directions
    [InlineData(37, 50)]   // more than one 4 x 2 block of centres
    public void Block_kernel_agrees_with_brute_force(int k, int d)
    {
        var x = SyntheticData.Blobs(n: 1003, centers: 5, dims: d, std: 3, seed: k).X; // 1003 rows: a 3-row tail
        var centers = SyntheticData.Blobs(n: k, centers: 2, dims: d, std: 3, seed: 99).X;
        var kernel = new NearestCenter(centers);
        var norms = Distance.RowSquaredNorms(x);
        var labels = new int[x.Rows];
        var d2 = new double[x.Rows];
        kernel.Assign(x, 0, x.Rows, norms, labels, d2, new double[kernel.ScratchLength]);
        for (int i = 0; i < x.Rows; i++)
        {
            var exact = Enumerable.Range(0, k).Select(j => Distance.Squared(x.Row(i), centers.Row(j))).ToArray();
            Assert.Equal(exact.Min(), exact[labels[i]], 6); // a near-tie may pick either centre, never a farther one
            Assert.Equal(exact.Min(), d2[i], 6);
        }
    }

    [Fact]
    public void Squared_distances_agree_with_brute_force()
    {
        var x = SyntheticData.Blobs(n: 103, centers: 3, dims: 6, std: 2, seed: 5).X; // 103 rows: a 3-row tail
        var centers = x.SelectRows([0, 50, 77]);
        var kernel = new NearestCenter(centers);
        var result = new double[x.Rows * 3];
        kernel.SquaredDistances(x, 0, x.Rows, Distance.RowSquaredNorms(x), result, new double[kernel.ScratchLength]);
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(Distance.Squared(x.Row(i), centers.Row(j)), result[i * 3 + j], 9);
        Assert.Throws<ArgumentException>(() => kernel.SquaredDistances(x, 0, x.Rows, Distance.RowSquaredNorms(x), new double[5], new double[kernel.ScratchLength]));
    }

    [Fact]
    public void Seeded_fits_are_identical_to_the_last_bit_across_runs()
    {
        // Chunked sums merged in a fixed order: thread scheduling cannot change the floating-point result.
        var x = SyntheticData.Blobs(n: 50_000, centers: 8, dims: 10, std: 4, seed: 2).X;
        var a = new Clustering.KMeans(new Clustering.KMeansOptions { NClusters = 8, Seed = 1 }).Fit(x);
        for (int r = 0; r < 3; r++)
        {
            var b = new Clustering.KMeans(new Clustering.KMeansOptions { NClusters = 8, Seed = 1 }).Fit(x);
            Assert.Equal(a.Inertia, b.Inertia);
            Assert.Equal(a.Centroids.Data, b.Centroids.Data);
        }
    }
}

public class PairwiseDistanceTests
{
    [Fact]
    public void Square_matrix_is_symmetric_with_a_zero_diagonal_and_equals_the_condensed_form()
    {
        var x = Data.SyntheticData.Blobs(n: 131, centers: 3, dims: 7, std: 2, seed: 1).X; // 131: tiles and 4-blocks with tails
        var square = PairwiseDistances.Square(x);
        var condensed = PairwiseDistances.Condensed(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(0.0, square[i * x.Rows + i]);
            for (int j = i + 1; j < x.Rows; j++)
            {
                Assert.Equal(condensed[PairwiseDistances.Index(x.Rows, i, j)], square[i * x.Rows + j]);
                Assert.Equal(square[i * x.Rows + j], square[j * x.Rows + i]);
                Assert.Equal(Distance.Euclidean(x.Row(i), x.Row(j)), square[i * x.Rows + j], 12);
            }
        }
    }
}
