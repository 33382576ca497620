using Course.Data;
using Course.Compute;
using Course.Neighbors;

namespace Course.Tests;

/// <summary>The k-d tree answers exactly as brute force does; haversine queries answer as the great-circle formula.</summary>
public class NeighborIndexTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e8)]
    public void Neighbours_ranked_by_the_product_are_the_exact_ones_even_far_from_the_origin(double offset)
    {
        // 1,100 x 64 with asymmetric columns: above a million pairs and 32 columns, so KNeighbors ranks candidates by
        // the product. At 1e8 from the origin ‖x‖² is about 6e17 and a product about the origin would round by
        // hundreds, against squared distances of about 20: ranked about the points' mean, the result is still exact.
        var x = Random(1100, 64, 17);
        for (int i = 0; i < x.Rows; i++) for (int c = 0; c < x.Cols; c++) x[i, c] = x[i, c] * (1 + c % 5) + offset;
        var found = NeighborIndex.Build(x).KNeighbors(7);
        for (int i = 0; i < x.Rows; i += 37)
        {
            var exact = Enumerable.Range(0, x.Rows).Where(j => j != i).OrderBy(j => Distance.Squared(x.Row(i), x.Row(j))).ThenBy(j => j).Take(7).ToArray();
            Assert.Equal(exact, found.Indices.AsSpan(i * 7, 7).ToArray());
        }
    }

    private static Matrix Random(int n, int d, int seed)
    {
        var rng = Seed.Create(seed);
        var x = new Matrix(n, d);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = Math.Round(rng.NextGaussian(), 1); // coarse values: many ties
        return x;
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 5)]
    [InlineData(8, 30)]
    public void Kd_tree_neighbours_equal_brute_force_including_tie_order(int d, int leafSize)
    {
        var x = Random(700, d, seed: d);
        var tree = NeighborIndex.Build(x, algorithm: IndexAlgorithm.KdTree, leafSize: leafSize);
        var brute = NeighborIndex.Build(x, algorithm: IndexAlgorithm.BruteForce);
        var a = tree.KNeighbors(7); var b = brute.KNeighbors(7);
        Assert.Equal(b.Indices, a.Indices);
        Assert.Equal(b.Distances, a.Distances);
        var q = Random(50, d, seed: 99);
        Assert.Equal(brute.KNeighbors(q, 3).Indices, tree.KNeighbors(q, 3).Indices);
        foreach (double r in new[] { 0.0, 0.5, 1.3 })
        {
            var ra = tree.RadiusNeighbors(r, includeSelf: true); var rb = brute.RadiusNeighbors(r, includeSelf: true);
            Assert.Equal(rb.Offsets, ra.Offsets);
            for (int i = 0; i < x.Rows; i++) Assert.Equal(rb.Of(i).ToArray().Order(), ra.Of(i).ToArray().Order());
        }
    }

    [Fact]
    public void Neighbours_on_a_line_are_worked_out_by_hand()
    {
        var x = Matrix.FromRows([[0], [1], [3], [7], [7]]);
        var index = NeighborIndex.Build(x);
        var knn = index.KNeighbors(2);
        Assert.Equal([1, 2], knn.IndicesOf(0).ToArray());
        Assert.Equal([0, 2], knn.IndicesOf(1).ToArray());
        Assert.Equal([4, 2], knn.IndicesOf(3).ToArray()); // the duplicate first, at distance 0
        Assert.Equal([0.0, 4.0], knn.DistancesOf(3).ToArray());
        Assert.Equal([0, 2], index.RadiusNeighbors(2.0).Of(1).ToArray().Order()); // boundary included: |3 - 1| = 2
        Assert.Equal([0, 1, 2], index.RadiusNeighbors(2.0, includeSelf: true).Of(1).ToArray().Order());
        Assert.Equal([1], index.RadiusNeighbors(2.0).Of(0).ToArray());
        Assert.Equal(Enumerable.Range(0, 5), index.KNeighbors(Matrix.FromRows([[3.0]]), 5).Indices.Order());
    }

    [Fact]
    public void Auto_chooses_the_tree_in_low_dimensions_and_brute_force_in_high()
    {
        Assert.Equal(IndexAlgorithm.KdTree, NeighborIndex.Build(Random(50, 15, 1)).Algorithm);
        Assert.Equal(IndexAlgorithm.BruteForce, NeighborIndex.Build(Random(50, 16, 1)).Algorithm);
        Assert.Equal(IndexAlgorithm.KdTree, NeighborIndex.Build(Matrix.FromRows([[0.1, 0.2]]), NeighborMetric.Haversine).Algorithm);
    }

    [Fact]
    public void Haversine_distances_equal_the_great_circle_formula()
    {
        // Paris, London, New York, Sydney, and a point near Paris.
        var deg = Matrix.FromRows([[48.8566, 2.3522], [51.5074, -0.1278], [40.7128, -74.006], [-33.8688, 151.2093], [48.86, 2.36]]);
        var x = Haversine.ToRadians(deg);
        var index = NeighborIndex.Build(x, NeighborMetric.Haversine);
        var knn = index.KNeighbors(4);
        for (int i = 0; i < x.Rows; i++)
            for (int t = 0; t < 4; t++)
            {
                int j = knn.IndicesOf(i)[t];
                Assert.Equal(Haversine.Distance(x[i, 0], x[i, 1], x[j, 0], x[j, 1]), knn.DistancesOf(i)[t], 12);
            }
        // Paris-London is about 344 km; within 400 km of Paris are London and the nearby point, not New York.
        Assert.InRange(Haversine.Distance(x[0, 0], x[0, 1], x[1, 0], x[1, 1]) * Haversine.EarthRadiusKm, 340, 348);
        Assert.Equal([1, 4], index.RadiusNeighbors(400 / Haversine.EarthRadiusKm).Of(0).ToArray().Order());
    }

    [Fact]
    public void Knn_graph_kernel_uses_the_index_and_agrees_with_sorting_all_distances()
    {
        var x = SyntheticData.Blobs(300, 3, 2, 1.0, seed: 4).X;
        var graph = KNearestNeighbors.Graph(x, 5);
        for (int i = 0; i < x.Rows; i++)
        {
            var expected = Enumerable.Range(0, x.Rows).Where(j => j != i)
                .OrderBy(j => Distance.Squared(x.Row(i), x.Row(j))).ThenBy(j => j).Take(5);
            Assert.Equal(expected, graph[i]);
        }
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var x = Random(10, 2, 1);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => NeighborIndex.Build(Matrix.FromRows([[0, double.NaN]]))).Message);
        var index = NeighborIndex.Build(x);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => index.KNeighbors(10)).ParamName);
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => index.RadiusNeighbors(-1)).ParamName);
        Assert.Contains("dimension mismatch", Assert.Throws<ArgumentException>(() => index.KNeighbors(Random(3, 3, 1), 1)).Message);
        var degrees = Matrix.FromRows([[48.85, 2.35]]);
        Assert.Contains("ToRadians", Assert.Throws<ArgumentException>(() => NeighborIndex.Build(degrees, NeighborMetric.Haversine)).Message);
        Assert.Contains("dimension mismatch", Assert.Throws<ArgumentException>(() => NeighborIndex.Build(Random(3, 3, 1), NeighborMetric.Haversine)).Message);
    }
}
