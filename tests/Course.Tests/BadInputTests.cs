using System.Buffers.Binary;
using Course.Clustering;
using Course.Data;
using Course.Decomposition;
using Course.Compute;
using Course.Labeling;
using Course.Metrics;

namespace Course.Tests;

public class BadInputTests
{
    private static Matrix Good => Matrix.FromRows([[0, 0], [1, 1], [2, 2]]);

    [Fact]
    public void Nan_is_named_with_its_position()
    {
        var x = Matrix.FromRows([[0, 0], [1, double.NaN]]);
        var e = Assert.Throws<ArgumentException>(() => new KMeans(1).Fit(x));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("NaN at row 1, column 1", e.Message);
    }

    [Fact]
    public void Infinity_is_rejected()
        => Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => new KMeans(1).Fit(Matrix.FromRows([[double.PositiveInfinity]]))).Message);

    [Fact]
    public void Empty_data_is_rejected()
        => Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new KMeans(1).Fit(new Matrix(0, 3))).Message);

    [Fact]
    public void K_larger_than_n_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new KMeans(4).Fit(Good));
        Assert.Contains("NClusters = 4", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Ragged_rows_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Matrix.FromRows([[1.0, 2.0], [3.0]]));
        Assert.Contains("ragged", e.Message);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void Non_positive_k_and_bad_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(new KMeansOptions { NClusters = 2, MaxIterations = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(new KMeansOptions { NClusters = 2, Tolerance = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = 2, BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { NClusters = 2, MaxNoImprovement = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeansPlusPlus.Seed(Good, 2, new Random(0), candidates: 0));
        Assert.Throws<ArgumentNullException>(() => KMeansPlusPlus.Seed(Good, 2, null!));
    }

    [Fact]
    public void Mismatched_dimensions_are_rejected()
    {
        var model = new KMeans(2, seed: 0).Fit(Good);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Matrix.FromRows([[1.0, 2.0, 3.0]])));
        Assert.Contains("3 columns", e.Message);
        Assert.Throws<ArgumentException>(() => new KMeans(new KMeansOptions { NClusters = 2, InitialCentroids = Matrix.FromRows([[0.0], [1.0]]) }).Fit(Good));
    }

    [Fact]
    public void Matrix_indices_are_checked()
    {
        var m = new Matrix(2, 3);
        Assert.Equal("j", Assert.Throws<ArgumentOutOfRangeException>(() => m[0, 3]).ParamName);
        Assert.Equal("i", Assert.Throws<ArgumentOutOfRangeException>(() => m[2, 0] = 1).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Row(-1));
    }

    [Fact]
    public void Metric_inputs_are_checked()
    {
        Assert.Contains("length mismatch", Assert.Throws<ArgumentException>(() => Silhouette.Score(Good, [0, 1])).Message);
        Assert.Contains("distinct labels", Assert.Throws<ArgumentException>(() => Silhouette.Score(Good, [0, 0, 0])).Message);
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Score([0, 1], [0]));
        Assert.Throws<ArgumentException>(() => NormalizedMutualInfo.Score([], []));
    }

    /// <summary>The last cases of the 237-case probe of issue 33: each now refused under the name the caller wrote.</summary>
    [Fact]
    public void The_probes_last_bad_inputs_are_refused_by_their_public_names()
    {
        var nan = Matrix.FromRows([[0, 1], [double.NaN, 2], [3, 1]]);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PairwiseDistances.Condensed(nan)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PairwiseDistances.Square(nan)).ParamName);
        var huge = Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix(100_000, 100_000));
        Assert.Equal("rows", huge.ParamName);
        Assert.Contains("10,000,000,000 entries", huge.Message);
        Assert.Equal("Eps", Assert.Throws<ArgumentOutOfRangeException>(() => new Dbscan(0.0, 3)).ParamName);
        Assert.Throws<FormatException>(() => DbscanModel.FromJson(new Dbscan(0.5, 2).Fit(Good).ToJson().Replace("\"Eps\": 0.5", "\"Eps\": 0")));
        string kmeans = new KMeans(2).Fit(Good).ToJson();
        Assert.Contains("iterations", Assert.Throws<FormatException>(() => KMeansModel.FromJson(System.Text.RegularExpressions.Regex.Replace(kmeans, "\"Iterations\": \\d+", "\"Iterations\": -3"))).Message);
        Assert.Contains("inertia", Assert.Throws<FormatException>(() => KMeansModel.FromJson(System.Text.RegularExpressions.Regex.Replace(kmeans, "\"Inertia\": [0-9.Ee+-]+", "\"Inertia\": -1"))).Message);
        // IncrementalPca.Fit(x) adds its rows batch by batch; a refusal still names x.
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new IncrementalPca(3).Fit(Good)).ParamName);
        // The labelling experiment's classifier calls its data x and y; the experiment's own names come back.
        var arm = new LabelingArm("random", new RandomSelection());
        Assert.Equal("poolLabels", Assert.Throws<ArgumentException>(() => LabelingExperiment.Run(Good, [0, -1, 1], Good, [0, 1, 1], [arm], [2], [0])).ParamName);
        Assert.Equal("testLabels", Assert.Throws<ArgumentException>(() => LabelingExperiment.Run(Good, [0, 1, 1], Good, [0, -2, 1], [arm], [2], [0])).ParamName);
        Assert.Equal("arms", Assert.Throws<ArgumentException>(() => LabelingExperiment.Run(Good, [0, 1, 1], Good, [0, 1, 1], [], [2], [0])).ParamName);
        Assert.Equal("budgets", Assert.Throws<ArgumentException>(() => LabelingExperiment.Run(Good, [0, 1, 1], Good, [0, 1, 1], [arm], [], [0])).ParamName);
        Assert.Equal("seeds", Assert.Throws<ArgumentException>(() => LabelingExperiment.Run(Good, [0, 1, 1], Good, [0, 1, 1], [arm], [2], [])).ParamName);
    }

    [Fact]
    public void A_fashion_file_of_images_that_are_not_28_by_28_is_refused()
    {
        string images = Path.GetTempFileName(), labels = Path.GetTempFileName();
        try
        {
            var header = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(header, 0x803);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 5); // 5 images of 0 x 0 pixels
            File.WriteAllBytes(images, header);
            File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5]);
            Assert.Contains("0 x 0 images", Assert.Throws<InvalidDataException>(() => FashionMnist.Load(images, labels)).Message);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 28);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 28);
            File.WriteAllBytes(images, [.. header, .. new byte[784]]);
            File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 1, 12]);
            Assert.Contains("label 12", Assert.Throws<InvalidDataException>(() => FashionMnist.Load(images, labels)).Message);
        }
        finally { File.Delete(images); File.Delete(labels); }
    }
}
