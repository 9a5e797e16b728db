using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace ClinicCms.Tests.Media;

/// <summary>Images made in the test: real encoder output, and a PNG whose header claims far more pixels than it holds.</summary>
internal static class TestImages
{
    /// <summary>A marker in the XMP metadata, which a resized image must not carry.</summary>
    public const string MetadataMarker = "patient-gps-51.5074";

    /// <summary>A JPEG of <paramref name="width"/> × <paramref name="height"/> with XMP metadata.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var gray = Image.Black(width, height, bands: 3);
        using var filled = (gray + 140).Cast(Enums.BandFormat.Uchar);
        var xmp = $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description>{MetadataMarker}</rdf:Description></rdf:RDF></x:xmpmeta>";
        using var tagged = filled.Mutate(m => m.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes(xmp)));
        return tagged.JpegsaveBuffer(q: 90);
    }

    public static byte[] Png(int width, int height)
    {
        using var black = Image.Black(width, height, bands: 3);
        return black.PngsaveBuffer();
    }

    /// <summary>A valid PNG header for <paramref name="width"/> × <paramref name="height"/>, with a few bytes of data.</summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[64 * 1024]);
        }
        Chunk(png, "IDAT", data.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static (int Width, int Height) Size(byte[] encoded)
    {
        using var image = Image.NewFromBuffer(encoded);
        return (image.Width, image.Height);
    }

    public static string FormatOf(byte[] bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "jpg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "png",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        _ => "unknown",
    };

    private static void Chunk(Stream png, string type, byte[] body)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(body).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
