using System.Buffers.Binary;
using Course.Data;
using Course.Decomposition;

namespace Course.Tests;

/// <summary>Degenerate input with a documented, finite answer, and files that lie: the cases the contract table
/// cannot express in one row.</summary>
public class DegenerateInputTests
{
    [Fact]
    public void Constant_data_reports_zero_variance_components_as_such()
    {
        var constant = Matrix.FromRows(Enumerable.Repeat(new[] { 2.0, -1.0, 0.5 }, 6).ToList());
        foreach (var solver in new[] { PcaSolver.Full, PcaSolver.CovarianceEigh, PcaSolver.Randomized })
        {
            var model = new Pca(new PcaOptions { NComponents = 2, Whiten = true, Solver = solver }).Fit(constant);
            Assert.All(model.ExplainedVarianceRatio, r => Assert.Equal(0.0, r));
            Assert.All(model.ExplainedVariance, v => Assert.Equal(0.0, v, 12));
            // Whitening divides by √variance: a zero-variance component maps every point to 0, not to ±∞ or NaN.
            Assert.All(model.Transform(constant).Data, v => Assert.Equal(0.0, v, 9));
        }
        // k above the rank: two points in 3-D have one direction of spread; the second whitened coordinate is 0.
        var two = Matrix.FromRows([[0.0, 1, 2], [2, 1, 0]]);
        var beyond = new Pca(new PcaOptions { NComponents = 2, Whiten = true, Solver = PcaSolver.Full }).Fit(two).Transform(two);
        Assert.All(beyond.Data, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0.0, beyond[0, 1], 6);
        // A one-row first batch: no spread yet, so zero variances rather than 0 / 0.
        var incremental = new IncrementalPca(new IncrementalPcaOptions { NComponents = 1 }).Begin().Add(Matrix.FromRows([[1.0, 2.0, 3.0]]));
        Assert.Equal([0.0], incremental.ExplainedVariance);
        Assert.Equal([0.0], incremental.ExplainedVarianceRatio);
    }

    [Fact]
    public void A_damaged_idx_header_is_reported_not_allocated()
    {
        string path = Path.Combine(Path.GetTempPath(), $"idx-{Guid.NewGuid():N}");
        try
        {
            // Magic 0x00000803 (unsigned bytes, 3 dimensions) with dimensions 60,000 x 100,000 x 100,000.
            var header = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(header, 0x803);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 60_000);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 100_000);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 100_000);
            File.WriteAllBytes(path, header);
            var labels = path + "-labels";
            File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 1, 3]);
            Assert.Contains("damaged", Assert.Throws<InvalidDataException>(() => FashionMnist.Load(path, labels)).Message);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), -28);
            File.WriteAllBytes(path, header);
            Assert.Contains("negative", Assert.Throws<InvalidDataException>(() => FashionMnist.Load(path, labels)).Message);
            File.Delete(labels);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_dataset_file_changed_after_its_first_check_is_checked_again()
    {
        var root = Directory.CreateTempSubdirectory("datasets-").FullName;
        try
        {
            const string file = "iris.csv";
            File.Copy(Path.Combine(DatasetFiles.Root, file), Path.Combine(root, file));
            Assert.Equal(Path.Combine(root, file), DatasetFiles.Verified(file, root));
            File.AppendAllText(Path.Combine(root, file), "6.0,3.0,4.8,1.8,2\n");
            Assert.Contains("checksum mismatch", Assert.Throws<InvalidDataException>(() => DatasetFiles.Verified(file, root)).Message);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
