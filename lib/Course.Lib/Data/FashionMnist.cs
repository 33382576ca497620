using System.Buffers.Binary;
using System.IO.Compression;

namespace Course.Data;

/// <summary>
/// Loader for Fashion-MNIST in its IDX format (Xiao, Rasul and Vollgraf, 2017; Zalando Research, MIT licence).
/// The course kit ships the 10,000-image test split (<c>Datasets.FashionMnistSubset()</c> in Course.Kit); the full 70,000 load from
/// any folder holding the four IDX files, e.g. Debian's <c>dataset-fashion-mnist</c> package.
/// </summary>
public static class FashionMnist
{
    /// <summary>Label names, in label order.</summary>
    public static readonly string[] ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The side of an image in pixels: every image is 28 x 28, a row of 784 values.</summary>
    public const int Side = 28;

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Loads an images/labels IDX pair (gzipped or not): pixels scaled to [0, 1], one 784-column row per image.</summary>
    /// <exception cref="InvalidDataException">a file is not IDX of the expected kind, the counts differ, the images are
    /// not 28 x 28 or a label is not 0-9.</exception>
    public static LabeledData Load(string imagesPath, string labelsPath, int? limit = null)
    {
        if (limit is < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be >= 0.");
        var images = ReadIdx(imagesPath, 0x00000803, out var dims);
        var labels = ReadIdx(labelsPath, 0x00000801, out var labelDims);
        if (dims[0] != labelDims[0]) throw new InvalidDataException($"{imagesPath} has {dims[0]} images but {labelsPath} has {labelDims[0]} labels.");
        // Everything downstream (image grids, the convolutional models, the feature network) reads 28 x 28 images.
        if (dims[1] != Side || dims[2] != Side) throw new InvalidDataException($"{imagesPath} holds {dims[1]} x {dims[2]} images; Fashion-MNIST's are {Side} x {Side}.");
        if (labels.FirstOrDefault(b => b >= ClassNames.Length) is var bad && bad >= ClassNames.Length)
            throw new InvalidDataException($"{labelsPath} has the label {bad}; Fashion-MNIST's are 0 to {ClassNames.Length - 1}.");
        int n = Math.Min(dims[0], limit ?? int.MaxValue), d = dims[1] * dims[2];
        var x = new Matrix(n, d);
        for (int k = 0; k < n * d; k++) x.Data[k] = images[k] / 255.0;
        return new LabeledData(x, labels[..n].Select(b => (int)b).ToArray(), "Fashion-MNIST", ClassNames);
    }

    /// <summary>Loads the full training (60,000) or test (10,000) split from a folder holding the standard file names.</summary>
    public static LabeledData LoadFolder(string folder = DebianFolder, bool train = true, int? limit = null)
    {
        string prefix = train ? "train" : "t10k";
        string Find(string stem) => new[] { stem + ".gz", stem }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{stem}(.gz) not found in {folder}. On Debian: apt-get install dataset-fashion-mnist.");
        return Load(Find($"{prefix}-images-idx3-ubyte"), Find($"{prefix}-labels-idx1-ubyte"), limit);
    }

    private static byte[] ReadIdx(string path, int magic, out int[] dims)
    {
        using Stream file = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        var head = new byte[4];
        s.ReadExactly(head);
        int found = BinaryPrimitives.ReadInt32BigEndian(head);
        if (found != magic) throw new InvalidDataException($"{path}: IDX magic 0x{found:X8}, expected 0x{magic:X8}.");
        int rank = magic & 0xFF;
        dims = new int[rank];
        long total = 1;
        for (int r = 0; r < rank; r++)
        {
            s.ReadExactly(head);
            dims[r] = BinaryPrimitives.ReadInt32BigEndian(head);
            // A damaged or hostile header must not ask for a negative or absurd allocation.
            if (dims[r] < 0 || (total *= dims[r]) > Array.MaxLength)
                throw new InvalidDataException($"{path}: IDX dimension {r} is {dims[r]}, which makes {(dims[r] < 0 ? "a negative size" : "more than " + Array.MaxLength + " values")}; the file is damaged.");
        }
        var data = new byte[total];
        s.ReadExactly(data);
        return data;
    }
}
