using Course.Data;
using Course.Neural;
using Microsoft.Data.Analysis;
using TorchSharp;

namespace Course.Tests;

public class DataTests
{
    [Fact]
    public void Shipped_datasets_load_with_their_documented_shapes()
    {
        var iris = Datasets.Iris();
        Assert.Equal((150, 4, 3), (iris.X.Rows, iris.X.Cols, iris.Labels.Distinct().Count()));
        Assert.Equal(5.1, iris.X[0, 0]);
        var wine = Datasets.Wine();
        Assert.Equal((178, 13), (wine.X.Rows, wine.X.Cols));
        var digits = Datasets.Digits();
        Assert.Equal((1797, 64), (digits.X.Rows, digits.X.Cols));
        Assert.Equal(16.0, digits.X.Data.Max());
        var fashion = Datasets.FashionMnistSubset();
        Assert.Equal((10_000, 784), (fashion.X.Rows, fashion.X.Cols));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, fashion.Labels.Count(l => l == c)));
        Assert.InRange(fashion.X.Data.Max(), 0.99, 1.0);
    }

    [Fact]
    public void The_csv_files_have_standard_headers_so_a_data_frame_reads_them_by_name()
    {
        // What a learner would do without the kit's loader: the columns come out named, the species as text.
        var frame = DataFrame.LoadCsv(Path.Combine(DatasetFiles.Root, "iris.csv"));
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], frame.Columns.Select(c => c.Name));
        Assert.Equal(150, frame.Rows.Count);
        Assert.Equal(["setosa", "versicolor", "virginica"], frame.Columns["species"].Cast<object>().Select(v => v.ToString()).Distinct());
        Assert.Equal(5.843333, frame.Columns["sepal_length"].Cast<object>().Average(Convert.ToDouble), 5);
        var wine = DataFrame.LoadCsv(Path.Combine(DatasetFiles.Root, "wine_data.csv"));
        Assert.Equal(14, wine.Columns.Count);
        Assert.Equal(("alcohol", "proline", "cultivar"), (wine.Columns[0].Name, wine.Columns[12].Name, wine.Columns[13].Name));
        // The kit's loaders agree with the frame, class by class.
        var iris = Datasets.Iris();
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames!);
        Assert.Equal(frame.Columns["species"].Cast<object>().Select(v => Array.IndexOf(iris.ClassNames!, v.ToString())), iris.Labels);
        Assert.Equal(["class_0", "class_1", "class_2"], Datasets.Wine().ClassNames!);
        Assert.Equal([59, 71, 48], Enumerable.Range(0, 3).Select(c => Datasets.Wine().Labels.Count(l => l == c)));
    }

    [Fact]
    public void A_modified_dataset_file_fails_its_checksum()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(root, "iris.csv"), "150,4,a,b,c\n1,2,3,4,0\n");
        var e = Assert.Throws<InvalidDataException>(() => DatasetFiles.Verified("iris.csv", root));
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Throws<ArgumentException>(() => DatasetFiles.Verified("not-shipped.csv"));
    }

    [Fact]
    public void Generators_are_reproducible_and_shaped_as_documented()
    {
        Assert.Equal(SyntheticData.Moons(100, seed: 1).X.Data, SyntheticData.Moons(100, seed: 1).X.Data);
        Assert.NotEqual(SyntheticData.Moons(100, seed: 1).X.Data, SyntheticData.Moons(100, seed: 2).X.Data);
        var blobs = SyntheticData.Blobs(n: 301, centers: 4, dims: 7, seed: 0);
        Assert.Equal((301, 7), (blobs.X.Rows, blobs.X.Cols));
        Assert.Equal(4, blobs.Labels.Distinct().Count());
        var circles = SyntheticData.Circles(400, noise: 0, factor: 0.5, seed: 0);
        for (int i = 0; i < 400; i++)
            Assert.Equal(circles.Labels[i] == 0 ? 1.0 : 0.5, Math.Sqrt(circles.X[i, 0] * circles.X[i, 0] + circles.X[i, 1] * circles.X[i, 1]), 9);
        Assert.Equal(3, SyntheticData.SwissRoll(50).X.Cols);
        Assert.Equal(3, SyntheticData.AnisotropicBlobs(90).Labels.Distinct().Count());
        Assert.Equal(3, SyntheticData.VariedBlobs(90).Labels.Distinct().Count());
    }

    [Fact]
    public void Uneven_blobs_have_the_sizes_asked_for_around_their_centres_and_reject_other_shapes()
    {
        var uneven = SyntheticData.UnevenBlobs([300, 40, 7], seed: 3);
        Assert.Equal([300, 40, 7], Enumerable.Range(0, 3).Select(c => uneven.Labels.Count(l => l == c)).ToArray());
        // Each blob's mean lies near its centre (standard error 1/sqrt(7) < 0.4 for the smallest, per coordinate).
        double[][] centres = [[0, 0], [4, 0.5], [0.8, 4]];
        for (int c = 0; c < 3; c++)
            for (int t = 0; t < 2; t++)
                Assert.InRange(Enumerable.Range(0, uneven.Count).Where(i => uneven.Labels[i] == c).Average(i => uneven.X[i, t]) - centres[c][t], -1.2, 1.2);
        Assert.NotEqual(uneven.Labels.Take(50).Order(), uneven.Labels.Take(50)); // shuffled, not blob after blob
        Assert.Equal(1035, SyntheticData.UnevenBlobs().Count);
        Assert.Equal("sizes", Assert.Throws<ArgumentException>(() => SyntheticData.UnevenBlobs([5, 0, 3])).ParamName);
        Assert.Equal("sizes", Assert.Throws<ArgumentException>(() => SyntheticData.UnevenBlobs([5, 3])).ParamName);
    }

    [Fact]
    public void Linked_rings_pass_through_each_others_discs_and_rings_apart_do_not()
    {
        foreach (var (offset, linked) in new[] { (1.0, true), (0.4, true), (3.5, false) })
        {
            var rings = SyntheticData.LinkedRings(40, noise: 0, offset: offset, seed: 1);
            Assert.Equal(linked ? "linked rings" : "rings apart", rings.Name);
            Assert.Equal(80, rings.Count);
            for (int i = 0; i < 80; i++)
            {
                double[] p = rings.X.Row(i).ToArray();
                if (i < 40) { Assert.Equal(0, rings.Labels[i]); Assert.Equal(1, Math.Sqrt(p[0] * p[0] + p[1] * p[1]), 9); Assert.Equal(0, p[2], 12); }
                else { Assert.Equal(1, rings.Labels[i]); Assert.Equal(1, Math.Sqrt((p[0] - offset) * (p[0] - offset) + p[2] * p[2]), 9); Assert.Equal(0, p[1], 12); }
            }
            // Ring B crosses ring A's plane (z = 0) at its angles 0 and π (rows 40 and 60); linked means exactly one
            // of the two crossings lies inside ring A's disc.
            int inside = new[] { 40, 60 }.Count(r => Math.Abs(rings.X[r, 2]) < 1e-12 && Math.Abs(rings.X[r, 0]) < 1);
            Assert.Equal(linked ? 1 : 0, inside);
        }
        Assert.Equal("nPerRing", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.LinkedRings(2)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.LinkedRings(noise: -1)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.LinkedRings(offset: double.NaN)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.LinkedRings(offset: 0)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.LinkedRings(offset: -2)).ParamName);
        Assert.Equal(SyntheticData.LinkedRings(seed: 3).X.Data, SyntheticData.LinkedRings(seed: 3).X.Data);
    }

    [Fact]
    public void Customer_table_has_its_columns_and_planted_segments()
    {
        var table = CustomerTable.Generate(500, seed: 1);
        Assert.Equal(500, table.Rows.Count);
        Assert.Equal(CustomerTable.Segments.Length, table.Columns["segment"].Cast<string>().Distinct().Count());
        var x = table.ToMatrix("recency_days", "frequency", "monetary");
        Assert.Equal((500, 3), (x.Rows, x.Cols));
        Assert.All(x.Data, v => Assert.True(v >= 0));
    }

    [Fact]
    public void Dataframe_round_trip_and_errors()
    {
        var x = Matrix.FromRows([[1, 2], [3, 4], [5, 6]]);
        var frame = x.ToDataFrame(["a", "b"], [0, 1, 0]);
        Assert.Equal(["a", "b", "label"], frame.Columns.Select(c => c.Name));
        Assert.Equal(x.Data, frame.ToMatrix("a", "b").Data);
        Assert.Contains("no column named 'c'", Assert.Throws<ArgumentException>(() => frame.ToMatrix("c")).Message);
        var withNull = new DataFrame(new DoubleDataFrameColumn("v", new double?[] { 1, null }));
        Assert.Contains("missing value at row 1", Assert.Throws<ArgumentException>(() => withNull.ToMatrix()).Message);
    }

    [Fact]
    public void Tensor_round_trip_loads_torchsharp_natively()
    {
        // This is the check that TorchSharp's native library loads from a plain build (on Debian 12 through the
        // build's libLibTorchSharp.so patch; see Directory.Build.targets).
        var x = Matrix.FromRows([[1.5, -2], [0, 4], [8, 0.25]]);
        using var t = x.ToTensor(torch.ScalarType.Float64);
        Assert.Equal(new long[] { 3, 2 }, t.shape);
        Assert.Equal(11.75, t.sum().item<double>(), 12);
        Assert.Equal(x.Data, t.ToMatrix().Data);
    }

    [Fact]
    public void Standard_scaler_gives_zero_mean_unit_variance()
    {
        var x = Matrix.FromRows([[1, 10], [2, 10], [3, 10]]);
        var z = new StandardScaler().FitTransform(x);
        Assert.Equal(0, z.Column(0).Average(), 12);
        Assert.Equal(1, z.Column(0).Sum(v => v * v) / 3, 12);
        Assert.All(z.Column(1), v => Assert.Equal(0.0, v));
    }
}

public class SlicingAndTimingTests
{
    [Fact]
    public void A_range_of_rows_is_copied_with_its_labels_and_a_range_outside_is_refused_by_name()
    {
        var x = Matrix.FromRows([[1.0, -2], [3.5, 4], [5, 6.25], [7, -8.5]]);
        var middle = x[1..3];
        Assert.Equal([3.5, 4, 5, 6.25], middle.Data);
        middle[0, 0] = 99;
        Assert.Equal(3.5, x[1, 0]); // a copy
        Assert.Equal([7, -8.5], x[^1..].Data);
        Assert.Equal(0, x[2..2].Rows);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => x[2..5]).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => x[3..1]).ParamName);
        var data = new Course.Data.LabeledData(x, [2, 0, 1, 3], "four");
        var (head, tail) = (data[..3], data[3..]);
        Assert.Equal([2, 0, 1], head.Labels);
        Assert.Equal([7, -8.5], tail.X.Data);
        Assert.Equal([3], tail.Labels);
    }

    [Fact]
    public void Timing_returns_the_value_and_the_median_runs_after_a_warm_up()
    {
        int calls = 0;
        var (value, seconds) = Lessons.Timing.Time(() => ++calls * 10);
        Assert.Equal((10, 1), (value, calls));
        Assert.True(seconds >= 0 && double.IsFinite(seconds));
        var (last, median) = Lessons.Timing.Median(() => ++calls, runs: 5);
        Assert.Equal(7, last);   // one warm-up and five timed runs after the first call
        Assert.True(median >= 0);
        Assert.Equal("runs", Assert.Throws<ArgumentOutOfRangeException>(() => Lessons.Timing.Median(() => 1, runs: 2)).ParamName);
        Assert.True(Lessons.Timing.Time(() => { }) >= 0);
    }
}
