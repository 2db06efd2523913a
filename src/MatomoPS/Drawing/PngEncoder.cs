using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace MatomoPS.Drawing
{
    /// <summary>
    /// Writes an <see cref="RgbImage"/> as a PNG file (8-bit RGB, no interlace), with the image's pixel density when
    /// it is drawn larger than CSS pixels, so viewers that honour pHYs show a high-DPI image at its intended size.
    /// </summary>
    internal static class PngEncoder
    {
        private static readonly byte[] Signature = { 137, 80, 78, 71, 13, 10, 26, 10 };
        private static readonly uint[] CrcTable = MakeCrcTable();

        /// <param name="image">The pixels.</param>
        /// <param name="scale">Image pixels per CSS pixel; 1 writes no density.</param>
        public static byte[] Encode(RgbImage image, double scale)
        {
            using var png = new MemoryStream();
            png.Write(Signature, 0, Signature.Length);
            var header = new byte[13];
            WriteUInt32(header, 0, (uint)image.Width);
            WriteUInt32(header, 4, (uint)image.Height);
            header[8] = 8; // bits per channel
            header[9] = 2; // colour type: RGB
            WriteChunk(png, "IHDR", header);
            if (Math.Abs(scale - 1) > 1e-9)
            {
                // CSS pixels are 96 per inch: pixels per metre at the drawn density.
                uint perMetre = (uint)Math.Round(96 * scale / 0.0254);
                var density = new byte[9];
                WriteUInt32(density, 0, perMetre);
                WriteUInt32(density, 4, perMetre);
                density[8] = 1;
                WriteChunk(png, "pHYs", density);
            }
            WriteChunk(png, "IDAT", Compress(image));
            WriteChunk(png, "IEND", Array.Empty<byte>());
            return png.ToArray();
        }

        // zlib: a two-byte header, raw deflate, and the Adler-32 of the uncompressed rows (each led by filter 0, none).
        private static byte[] Compress(RgbImage image)
        {
            int rowLength = image.Width * 3;
            using var output = new MemoryStream();
            output.WriteByte(0x78);
            output.WriteByte(0x9C);
            uint a = 1, b = 0;
            using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[rowLength + 1];
                for (int y = 0; y < image.Height; y++)
                {
                    Buffer.BlockCopy(image.Pixels, y * rowLength, row, 1, rowLength);
                    deflate.Write(row, 0, row.Length);
                    foreach (byte value in row)
                    {
                        a = (a + value) % 65521;
                        b = (b + a) % 65521;
                    }
                }
            }
            var adler = new byte[4];
            WriteUInt32(adler, 0, (b << 16) | a);
            output.Write(adler, 0, 4);
            return output.ToArray();
        }

        private static void WriteChunk(Stream png, string type, byte[] data)
        {
            var length = new byte[4];
            WriteUInt32(length, 0, (uint)data.Length);
            png.Write(length, 0, 4);
            byte[] typeBytes = Encoding.ASCII.GetBytes(type);
            png.Write(typeBytes, 0, 4);
            png.Write(data, 0, data.Length);
            uint crc = Crc(Crc(0xFFFFFFFF, typeBytes), data) ^ 0xFFFFFFFF;
            var crcBytes = new byte[4];
            WriteUInt32(crcBytes, 0, crc);
            png.Write(crcBytes, 0, 4);
        }

        private static uint Crc(uint crc, byte[] data)
        {
            foreach (byte value in data) crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] MakeCrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }

        private static void WriteUInt32(byte[] buffer, int at, uint value)
        {
            buffer[at] = (byte)(value >> 24);
            buffer[at + 1] = (byte)(value >> 16);
            buffer[at + 2] = (byte)(value >> 8);
            buffer[at + 3] = (byte)value;
        }
    }
}
