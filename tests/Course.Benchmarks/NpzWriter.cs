using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Course.Benchmarks;

/// <summary>
/// Writes matrices to a NumPy <c>.npz</c> file (a zip of <c>.npy</c> arrays, format version 1.0), so the Python side
/// loads the exact doubles we use with a plain <c>np.load</c>, with no text round trip and no extra package.
/// </summary>
/// <remarks>Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html</remarks>
public static class NpzWriter
{
    /// <summary>Writes each matrix as <c>name.npy</c> (float64, little-endian, C order, shape rows x cols).</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Matrix> arrays)
    {
        // The payload is the in-memory layout; a big-endian host would need a byte swap that nobody will test.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The .npz writer assumes a little-endian machine.");
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, m) in arrays)
        {
            // Stored, not deflated: random doubles do not compress, and the write would cost seconds for nothing.
            using var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression).Open();
            WriteNpy(entry, m);
        }
    }

    private static void WriteNpy(Stream stream, Matrix m)
    {
        string dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({m.Rows}, {m.Cols}), }}";
        // Magic (6) + version (2) + header length (2) + header must be a multiple of 64, the header ending in '\n'.
        const int Preamble = 10;
        int padded = (Preamble + dict.Length + 1 + 63) / 64 * 64 - Preamble;
        string header = dict.PadRight(padded - 1) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes(checked((ushort)header.Length)));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(MemoryMarshal.AsBytes(m.Data.AsSpan()));
    }
}
