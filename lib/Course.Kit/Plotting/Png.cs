using System.Buffers.Binary;
using System.IO.Compression;

namespace Course.Plotting;

/// <summary>
/// A minimal PNG encoder (8-bit greyscale or RGB, no filtering) so image grids need no imaging package and embed in
/// any HTML page or notebook as a data URI.
/// </summary>
public static class Png
{
    /// <summary>Encodes <paramref name="pixels"/> (row-major, <paramref name="channels"/> = 1 or 3 bytes per pixel).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 (grey) or 3 (RGB).");
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "width and height must be > 0.");
        if (pixels.Length != width * height * channels)
            throw new ArgumentException($"pixels has {pixels.Length} bytes but {width}x{height}x{channels} needs {width * height * channels}.", nameof(pixels));
        using var ms = new MemoryStream();
        ms.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = (byte)(channels == 1 ? 0 : 2);
        Chunk(ms, "IHDR", ihdr);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            {
                int stride = width * channels;
                for (int y = 0; y < height; y++) { z.WriteByte(0); z.Write(pixels.Slice(y * stride, stride)); }
            }
            Chunk(ms, "IDAT", raw.ToArray());
        }
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    /// <summary>A <c>data:image/png;base64,...</c> URI for the encoded image.</summary>
    public static string DataUri(ReadOnlySpan<byte> pixels, int width, int height, int channels)
        => "data:image/png;base64," + Convert.ToBase64String(Encode(pixels, width, height, channels));

    /// <summary>A data URI for a greyscale image given as <c>height * width</c> values, <paramref name="min"/> mapping to
    /// black and <paramref name="max"/> to white (values outside are clamped).</summary>
    public static string GreyDataUri(ReadOnlySpan<double> values, int width, int height, double min = 0, double max = 1)
    {
        if (!(max > min)) throw new ArgumentException($"max ({max}) must be greater than min ({min}).", nameof(max));
        var pixels = new byte[values.Length];
        for (int p = 0; p < pixels.Length; p++) pixels[p] = (byte)Math.Clamp(Math.Round(255 * (values[p] - min) / (max - min)), 0, 255);
        return DataUri(pixels, width, height, 1);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        uint crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        Span<byte> c = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(c, crc);
        s.Write(c);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc(uint crc, byte[] bytes)
    {
        foreach (var b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
