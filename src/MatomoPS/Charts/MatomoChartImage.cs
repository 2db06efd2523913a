using System;
using System.Globalization;
using System.Text;

using MatomoPS.Client;
using MatomoPS.Drawing;

namespace MatomoPS.Charts
{
    /// <summary>
    /// A chart drawn as PNG or SVG: the bytes, with what a mail or a card needs to show them (content type, size, alt text).
    /// ConvertTo-MatomoChartImage writes it; ConvertTo-MatomoHtml -ChartImage shows it.
    /// </summary>
    public sealed class MatomoChartImage
    {
        /// <summary>The largest picture drawn, in image pixels (width times height times the scale squared): about 36 megapixels.</summary>
        public const long MostPixels = 6000L * 6000L;

        private MatomoChartImage(MatomoChartFormat format, int width, int height, double scale, string altText, byte[] bytes)
        {
            Format = format;
            Width = width;
            Height = height;
            Scale = scale;
            AltText = altText;
            Bytes = bytes;
        }

        /// <summary>Png or Svg.</summary>
        public MatomoChartFormat Format { get; }

        /// <summary><c>image/png</c> or <c>image/svg+xml</c>, for a mail attachment.</summary>
        public string ContentType => Format == MatomoChartFormat.Png ? "image/png" : "image/svg+xml";

        /// <summary>The width in CSS pixels (as shown; a PNG drawn at -Scale 2 has twice as many pixels).</summary>
        public int Width { get; }

        /// <summary>The height in CSS pixels.</summary>
        public int Height { get; }

        /// <summary>Image pixels per CSS pixel (PNG).</summary>
        public double Scale { get; }

        /// <summary>What the chart shows, in words: the alt text of an image in mail or HTML.</summary>
        public string AltText { get; }

        /// <summary>The file's bytes.</summary>
        public byte[] Bytes { get; }

        /// <summary>The bytes as a <c>data:</c> URI, for an <c>img</c> element that needs no attachment.</summary>
        public string ToDataUri() => $"data:{ContentType};base64,{Convert.ToBase64String(Bytes)}";

        /// <summary>Draws the chart of <paramref name="data"/> as <paramref name="format"/>.</summary>
        /// <exception cref="MatomoArgumentException">The data cannot be drawn (not aligned, a colour no image takes, too small a size).</exception>
        internal static MatomoChartImage Draw(MatomoChartData data, string title, MatomoChartType type, MatomoChartTotal total, DateTime made,
            MatomoChartFormat format, int width, int height, double scale)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            if (format == MatomoChartFormat.Html) throw new ArgumentOutOfRangeException(nameof(format), format, "An image is Png or Svg.");
            CheckSize(width, height, scale);
            data.Validate();
            var layout = MatomoChartLayout.For(data, type, total);
            var picture = MatomoChartPicture.Compose(layout, title, MatomoChartDescription.Caption(data.Description, made), width, height);
            byte[] bytes = format == MatomoChartFormat.Png
                ? PngPicturePainter.Paint(picture, scale)
                : new UTF8Encoding(false).GetBytes(SvgPictureWriter.Write(picture));
            return new MatomoChartImage(format, width, height, format == MatomoChartFormat.Png ? scale : 1, picture.Description, bytes);
        }

        /// <summary>Refuses a picture too large to hold in memory, before anything is drawn.</summary>
        /// <exception cref="MatomoArgumentException">Width times height times the scale squared is more than <see cref="MostPixels"/>.</exception>
        internal static void CheckSize(int width, int height, double scale)
        {
            long pixels = (long)PngPicturePainter.Pixels(width, scale) * PngPicturePainter.Pixels(height, scale);
            if (pixels > MostPixels)
                throw new MatomoArgumentException(
                    $"A {width} x {height} chart at scale {scale.ToString(CultureInfo.InvariantCulture)} would have {pixels:N0} pixels; the most is {MostPixels:N0}. Choose a smaller -Width, -Height or -Scale.");
        }

        /// <summary>For example <c>Png 960 x 540 at 2x, 48,213 bytes</c>.</summary>
        public override string ToString() =>
            $"{Format} {Width} x {Height}{(Scale != 1 ? " at " + Scale.ToString(CultureInfo.InvariantCulture) + "x" : string.Empty)}, {Bytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes";
    }
}
