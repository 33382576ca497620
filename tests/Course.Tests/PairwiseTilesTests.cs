using Course.Compute;
using Course.Metrics;

namespace Course.Tests;

/// <summary>The matrix-product kernels behind the all-pairs metrics, and the metrics built on them, against plain
/// definitions: ragged blocks, columns that fill no whole vector, cancellation far from the origin, duplicates and
/// exact ties.</summary>
public class PairwiseTilesTests
{
    private static Matrix Random(int rows, int cols, int seed, double offset = 0, bool integers = false)
    {
        var rng = new Random(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = offset + (integers ? rng.Next(3) : rng.NextDouble() * 3 - 1.2 + 0.01 * (i % 7));
        return m;
    }

    private static double PlainDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int q = 0; q < a.Length; q++) s += a[q] * b[q];
        return s;
    }

    [Theory]
    [InlineData(250, 130, 37, true)]
    [InlineData(250, 130, 37, false)]
    [InlineData(121, 241, 784, true)]
    [InlineData(7, 3, 1, true)]
    [InlineData(5, 9, 0, true)]
    public void The_product_matches_the_definition_across_tile_edges_and_one_tile_at_a_time(int m, int n, int k, bool packed)
    {
        var a = Random(m, k, m + k);
        var b = Random(n, k, n + 2 * k);
        var gemm = new Gemm(a, b, packed);
        var c = gemm.Product();
        Assert.Equal((m, n), (c.Rows, c.Cols));
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) Assert.Equal(PlainDot(a.Row(i), b.Row(j)), c[i, j], 1e-11 * (1 + k));
        // The last tile on its own: the same numbers, bit for bit.
        if (m > 0 && n > 0)
        {
            int i0 = (m - 1) / Gemm.Tile * Gemm.Tile, j0 = (n - 1) / Gemm.Tile * Gemm.Tile;
            var scratch = Gemm.NewScratch();
            gemm.ProductTile(i0, m - i0, j0, n - j0, scratch);
            for (int i = i0; i < m; i++) for (int j = j0; j < n; j++) Assert.Equal(c[i, j], scratch[(i - i0) * Gemm.Tile + j - j0]);
            Assert.Equal("i0", Assert.Throws<ArgumentException>(() => gemm.ProductTile(8, 1, 0, 1, scratch)).ParamName);
            Assert.Equal("j0", Assert.Throws<ArgumentException>(() => gemm.ProductTile(0, 1, 0, n + 1, scratch)).ParamName);
            Assert.Equal("scratch", Assert.Throws<ArgumentException>(() => gemm.ProductTile(0, 1, 0, 1, new double[10])).ParamName);
        }
    }

    [Theory]
    [InlineData(37, true)]
    [InlineData(37, false)]
    [InlineData(64, true)]
    [InlineData(64, false)]
    [InlineData(3, false)]
    public void The_row_kernel_equals_plain_dot_products_on_ragged_blocks(int cols, bool wideVectors)
    {
        var a = Random(61, cols, 1);
        var b = Random(47, cols, 2);
        const int aStart = 5, aRows = 23, bStart = 9, bRows = 31, ldc = 40;
        var c = new double[aRows * ldc];
        DotTiles.Products(a, aStart, aRows, b, bStart, bRows, c, ldc, wideVectors);
        for (int i = 0; i < aRows; i++)
            for (int j = 0; j < bRows; j++)
            {
                double expected = PlainDot(a.Row(aStart + i), b.Row(bStart + j));
                Assert.True(Math.Abs(c[i * ldc + j] - expected) <= 1e-13 * cols * 9, $"c[{i}, {j}] = {c[i * ldc + j]}, expected {expected}");
            }
    }

    [Theory]
    [InlineData(37, true)]
    [InlineData(64, true)]
    [InlineData(37, false)]
    public void The_packed_kernels_equal_plain_dot_products_and_pad_with_zeros(int cols, bool wideVectors)
    {
        var x = Random(157, cols, 3);
        var packed = new PackedRows(x);
        // a: rows 8..53 (46, rounded up to 48); b: rows 24..156 (133, rounded up to 136 past the last row: five blocks of
        // 24 and two panels of 8).
        const int aStart = 8, aRows = 46, bStart = 24, bRows = 133, ldc = 140;
        var c = new double[48 * ldc];
        Array.Fill(c, double.NaN);
        DotTiles.Products(packed, aStart, aRows, packed, bStart, bRows, c, ldc, wideVectors);
        for (int i = 0; i < 48; i++)
            for (int j = 0; j < 136; j++)
            {
                // Past the block: the panel's next rows; past the matrix: the zero padding.
                double expected = bStart + j < x.Rows ? PlainDot(x.Row(aStart + i), x.Row(bStart + j)) : 0;
                Assert.True(Math.Abs(c[i * ldc + j] - expected) <= 1e-13 * cols * 9, $"c[{i}, {j}] = {c[i * ldc + j]}, expected {expected}");
            }
        Assert.True(double.IsNaN(c[136]), "the kernel wrote past the padded block");
        Assert.Equal("aStart", Assert.Throws<ArgumentException>(() => DotTiles.Products(packed, 4, 8, packed, 0, 8, c, ldc)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => DotTiles.Products(packed, 0, 8, packed, 0, 8, new double[10], ldc)).ParamName);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Tiles_are_exact_for_equal_points_and_within_their_bound_far_from_the_origin(bool packedKernel)
    {
        // Centred at 10,000 with spreads of a few units: the expansion cancels eight digits, so nearly every entry is
        // measured again; duplicates must come out exactly 0 either way.
        var x = Random(130, 40, 4, offset: 1e4);
        x.Row(3).CopyTo(x.Row(125));
        var tiles = new SquaredDistanceTiles(x, packedKernel);
        var d2 = new double[SquaredDistanceTiles.Size * 130];
        var scratch = tiles.NewScratch();
        for (int j0 = 0; j0 < 130; j0 += SquaredDistanceTiles.Size)
            tiles.Fill(0, SquaredDistanceTiles.Size, j0, Math.Min(SquaredDistanceTiles.Size, 130 - j0), d2.AsSpan(j0), 130, scratch);
        for (int i = 0; i < SquaredDistanceTiles.Size; i++)
            for (int j = 0; j < 130; j++)
            {
                double direct = Distance.Squared(x.Row(i), x.Row(j));
                Assert.True(Math.Abs(d2[i * 130 + j] - direct) <= 1e-8 * direct, $"({i}, {j}): {d2[i * 130 + j]} against {direct}");
            }
        Assert.Equal(0.0, d2[3 * 130 + 125]);
        Assert.Equal(0.0, d2[7 * 130 + 7]);
        // Near the origin almost nothing needs measuring again, and the bound still holds.
        var near = Random(130, 40, 5);
        var nearTiles = new SquaredDistanceTiles(near, packedKernel);
        nearTiles.Fill(0, 120, 120, 10, d2, 10, scratch);
        for (int i = 0; i < 120; i++)
            for (int j = 0; j < 10; j++)
                Assert.True(Math.Abs(d2[i * 10 + j] - Distance.Squared(near.Row(i), near.Row(120 + j))) <= nearTiles.ErrorBound * (nearTiles.Norms[i] + nearTiles.Norms[120 + j]));
    }

    // The definition, pair by pair.
    private static double[] PlainSilhouette(Matrix x, int[] labels)
    {
        int n = x.Rows;
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            var sums = new Dictionary<int, (double Sum, int Count)>();
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                sums.TryGetValue(labels[j], out var t);
                sums[labels[j]] = (t.Sum + Distance.Euclidean(x.Row(i), x.Row(j)), t.Count + 1);
            }
            if (!sums.TryGetValue(labels[i], out var own)) { s[i] = 0; continue; }
            double a = own.Sum / own.Count;
            double b = sums.Where(kv => kv.Key != labels[i]).Min(kv => kv.Value.Sum / kv.Value.Count);
            s[i] = (b - a) / Math.Max(a, b);
        }
        return s;
    }

    [Theory]
    [InlineData(40)]
    [InlineData(3)]
    public void Silhouette_equals_the_definition_for_shuffled_uneven_labels_and_repeats_exactly(int cols)
    {
        // 263 points (two tiles and a ragged third), labels 12, 7, -1 and 3 in shuffled order and uneven sizes,
        // one point alone in its cluster, two equal points.
        var x = Random(263, cols, 6);
        x.Row(10).CopyTo(x.Row(200));
        var rng = new Random(7);
        int[] names = [12, 7, -1, 3];
        var labels = Enumerable.Range(0, 263).Select(_ => names[Math.Min(3, (int)Math.Floor(rng.NextDouble() * rng.NextDouble() * 4.5))]).ToArray();
        labels[50] = 99;
        var expected = PlainSilhouette(x, labels);
        var s = Silhouette.Samples(x, labels);
        Assert.Equal(expected, s, new Within(1e-12));
        Assert.Equal(0.0, s[50]);
        Assert.Equal(s, Silhouette.Samples(x, labels)); // the same bits on a second run
    }

    // The definition: rank = 1 + points other than i nearer than j, or as near with a smaller index.
    private static double PlainTrustworthiness(Matrix x, Matrix y, int k)
    {
        int n = x.Rows;
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            var inY = Enumerable.Range(0, n).Where(l => l != i).OrderBy(l => Distance.Squared(y.Row(i), y.Row(l))).ThenBy(l => l).Take(k);
            foreach (int j in inY)
            {
                double dj = Distance.Squared(x.Row(i), x.Row(j));
                int rank = 1 + Enumerable.Range(0, n).Count(l => l != i && l != j && (Distance.Squared(x.Row(i), x.Row(l)) is var dl && (dl < dj || (dl == dj && l < j))));
                if (rank > k) total += rank - k;
            }
        }
        return 1.0 - total * (2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)));
    }

    [Fact]
    public void Trustworthiness_ranks_exact_ties_by_index_as_the_definition_does()
    {
        // Coordinates 0, 1 or 2 in 24 dimensions: many exactly equal distances, which the product path must hand to
        // the direct comparison. The map is random, so the penalties are large.
        var x = Random(250, 24, 8, integers: true);
        var y = Random(250, 2, 9);
        foreach (int k in new[] { 1, 7 })
        {
            Assert.Equal(PlainTrustworthiness(x, y, k), Trustworthiness.Score(x, y, k));
            Assert.Equal(PlainTrustworthiness(y, x, k), Trustworthiness.Continuity(x, y, k));
        }
    }
}

/// <summary>Kernel PCA's fast paths against its plain ones: the tiled kernel matrix and the partial eigensolver.</summary>
public class KernelPcaFastPathTests
{
    private static Matrix Data(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var m = new Matrix(rows, cols);
        // Three offset groups so the spectrum has a few large eigenvalues and a tail, as images do.
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i, j] = (i % 3) * (j % 5) * 0.4 + rng.NextDouble() - 0.3;
        return m;
    }

    [Theory]
    [InlineData(Course.Decomposition.KernelType.Rbf)]
    [InlineData(Course.Decomposition.KernelType.Polynomial)]
    [InlineData(Course.Decomposition.KernelType.Cosine)]
    [InlineData(Course.Decomposition.KernelType.Linear)]
    public void The_tiled_training_kernel_equals_the_entrywise_one(Course.Decomposition.KernelType type)
    {
        var x = Data(250, 20, 1);
        var kernel = new Course.Decomposition.KernelFunction(type, 0.05, 2, 0.5);
        var tiled = kernel.Compute(x, x);          // the same matrix twice: the symmetric tiled path
        var plain = kernel.Compute(x, x.Clone());  // two matrices: one direct sum per entry
        Assert.Equal(plain.Data, tiled.Data, new Within(1e-12));
        for (int i = 0; i < 250; i++) for (int j = 0; j < i; j++) Assert.Equal(tiled[i, j], tiled[j, i]);
    }

    [Fact]
    public void The_thin_product_equals_plain_sums_with_rows_left_over()
    {
        var a = Data(77, 45, 2);
        var v = Data(45, 48, 3);
        var c = new double[70 * 48];
        DotTiles.TimesThin(a, 5, 70, v, c);
        for (int i = 0; i < 70; i++)
            for (int j = 0; j < 48; j++)
            {
                double expected = 0;
                for (int q = 0; q < 45; q++) expected += a[5 + i, q] * v[q, j];
                Assert.True(Math.Abs(c[i * 48 + j] - expected) <= 1e-12 * (1 + Math.Abs(expected)), $"c[{i}, {j}] = {c[i * 48 + j]}, expected {expected}");
            }
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => DotTiles.TimesThin(a, 0, 8, Data(45, 20, 4), c)).ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(80)]
    public void The_partial_eigensolver_gives_the_dense_components(int components)
    {
        var x = Data(320, 24, 5);
        Course.Decomposition.KernelPcaModel Fit(Course.Decomposition.KernelEigenSolver solver) => new Course.Decomposition.KernelPca(new Course.Decomposition.KernelPcaOptions
        { NComponents = components, Kernel = Course.Decomposition.KernelType.Rbf, Gamma = 0.02, EigenSolver = solver }).Fit(x);
        var dense = Fit(Course.Decomposition.KernelEigenSolver.Dense);
        var partial = Fit(Course.Decomposition.KernelEigenSolver.Partial);
        // 320 points: the partial solver for fewer components than a quarter of them (80 is not).
        var auto = Fit(Course.Decomposition.KernelEigenSolver.Auto);
        Assert.Equal(dense.Eigenvalues, partial.Eigenvalues, new Within(1e-10 * dense.Eigenvalues[0]));
        Assert.Equal(dense.Embedding.Data, partial.Embedding.Data, new Within(1e-7));
        Assert.Equal((components < 80 ? partial : dense).Embedding.Data, auto.Embedding.Data);
        var fresh = Data(7, 24, 6);
        Assert.Equal(dense.Transform(fresh).Data, partial.Transform(fresh).Data, new Within(1e-7));
    }

    [Fact]
    public void The_partial_eigensolver_needs_a_number_of_components()
        => Assert.Equal("options", Assert.Throws<ArgumentException>(() => new Course.Decomposition.KernelPca(new Course.Decomposition.KernelPcaOptions
        { EigenSolver = Course.Decomposition.KernelEigenSolver.Partial })).ParamName);
}
