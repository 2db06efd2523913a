using System;

namespace MatomoPS.Drawing
{
    /// <summary>An opaque image, 8 bits per channel, white until painted.</summary>
    internal sealed class RgbImage
    {
        public RgbImage(int width, int height)
        {
            Width = width;
            Height = height;
            Pixels = new byte[width * height * 3];
            for (int i = 0; i < Pixels.Length; i++) Pixels[i] = 255;
        }

        public int Width { get; }

        public int Height { get; }

        /// <summary>Red, green and blue of each pixel, row by row from the top.</summary>
        public byte[] Pixels { get; }

        /// <summary>Mixes <paramref name="color"/> into the pixel by <paramref name="amount"/> (0 to 1); pixels outside are ignored.</summary>
        public void Blend(int x, int y, PictureColor color, double amount)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height || amount <= 0) return;
            int at = (y * Width + x) * 3;
            double keep = 1 - Math.Min(1, amount);
            Pixels[at] = Mix(Pixels[at], color.R, keep);
            Pixels[at + 1] = Mix(Pixels[at + 1], color.G, keep);
            Pixels[at + 2] = Mix(Pixels[at + 2], color.B, keep);
        }

        private static byte Mix(byte under, byte over, double keep) => (byte)Math.Round(under * keep + over * (1 - keep));
    }
}
