using System.Globalization;
using System.IO.Compression;

namespace Course.Data;

/// <summary>
/// The real data sets that ship with the kit (sources and licences in datasets/README.md). Every loader verifies the
/// file's checksum first (<see cref="DatasetFiles"/>) and returns the kit's <see cref="Matrix"/> and integer labels.
/// </summary>
public static class Datasets
{
    /// <summary>Fisher's iris: 150 flowers x 4 measurements (cm), 3 species. UCI, CC BY 4.0.</summary>
    public static LabeledData Iris() => ReadLabelledCsv("iris.csv", "iris",
        ["sepal_length", "sepal_width", "petal_length", "petal_width"], "species", ["sepal length", "sepal width", "petal length", "petal width"]);

    /// <summary>Wine recognition: 178 wines x 13 chemical measurements, 3 cultivars. UCI, CC BY 4.0. Scales differ by
    /// three orders of magnitude (proline ~1000, hue ~1): standardise before distance-based methods.</summary>
    public static LabeledData Wine() => ReadLabelledCsv("wine_data.csv", "wine",
        ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids", "nonflavanoid_phenols",
         "proanthocyanins", "color_intensity", "hue", "od280_od315", "proline"], "cultivar",
        ["alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium", "total phenols", "flavanoids",
         "nonflavanoid phenols", "proanthocyanins", "colour intensity", "hue", "OD280/OD315", "proline"]);

    /// <summary>Handwritten digits: 1,797 images of 8x8 pixels (values 0-16) flattened to 64 columns, labels 0-9.
    /// UCI "Optical Recognition of Handwritten Digits", CC BY 4.0.</summary>
    public static LabeledData Digits()
    {
        using var gz = new GZipStream(File.OpenRead(DatasetFiles.Verified("digits.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var rows = new List<double[]>();
        var labels = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var v = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            rows.Add(v[..^1]);
            labels.Add((int)v[^1]);
        }
        return new LabeledData(Matrix.FromRows(rows), labels.ToArray(), "digits", Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray());
    }

    /// <summary>The Fashion-MNIST subset shipped with the kit: the 10,000 test images (28x28, pixels scaled to [0, 1],
    /// 784 columns) with labels 0-9 (<see cref="FashionMnist.ClassNames"/>). Zalando Research, MIT licence.</summary>
    public static LabeledData FashionMnistSubset() => FashionMnist.Load(
        DatasetFiles.Verified("fashion-mnist/t10k-images-idx3-ubyte.gz"),
        DatasetFiles.Verified("fashion-mnist/t10k-labels-idx1-ubyte.gz")) with { Name = "Fashion-MNIST (10k subset)" };

    private static LabeledData ReadLabelledCsv(string file, string name, string[] columns, string labelColumn, string[] features)
    {
        // A header naming every column, then the measurements and the class name per row; classes are numbered in
        // order of first appearance (the files list them in their conventional order).
        var lines = File.ReadAllLines(DatasetFiles.Verified(file)).Where(l => l.Length > 0).ToArray();
        if (!lines[0].Split(',').SequenceEqual([.. columns, labelColumn]))
            throw new InvalidDataException($"{file}: expected the header {string.Join(',', columns)},{labelColumn}.");
        int n = lines.Length - 1, d = columns.Length;
        var x = new Matrix(n, d);
        var labels = new int[n];
        var classes = new List<string>();
        for (int i = 0; i < n; i++)
        {
            var v = lines[i + 1].Split(',');
            if (v.Length != d + 1) throw new InvalidDataException($"{file}, line {i + 2}: {v.Length} fields, expected {d + 1}.");
            for (int j = 0; j < d; j++) x[i, j] = double.Parse(v[j], CultureInfo.InvariantCulture);
            int label = classes.IndexOf(v[d]);
            if (label < 0) { label = classes.Count; classes.Add(v[d]); }
            labels[i] = label;
        }
        return new LabeledData(x, labels, name, classes.ToArray(), features);
    }
}
