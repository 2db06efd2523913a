using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MatomoPS.Drawing
{
    /// <summary>A colour with straight (not premultiplied) alpha, read from the CSS forms chart data carries.</summary>
    internal readonly struct PictureColor
    {
        private static readonly Regex Functional = new Regex(
            @"^\s*rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([0-9]*\.?[0-9]+)\s*)?\)\s*$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex Hex = new Regex(@"^\s*#([0-9a-f]{6})\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public PictureColor(byte r, byte g, byte b, double alpha = 1)
        {
            R = r;
            G = g;
            B = b;
            Alpha = Math.Max(0, Math.Min(1, alpha));
        }

        public byte R { get; }

        public byte G { get; }

        public byte B { get; }

        /// <summary>0 (transparent) to 1 (opaque).</summary>
        public double Alpha { get; }

        public static PictureColor Black => new PictureColor(0, 0, 0);

        public static PictureColor White => new PictureColor(255, 255, 255);

        public static PictureColor Gray(byte level) => new PictureColor(level, level, level);

        /// <summary>Reads <c>rgb(r, g, b)</c>, <c>rgba(r, g, b, a)</c> or <c>#rrggbb</c>; null for anything else.</summary>
        public static PictureColor? Parse(string? css)
        {
            if (css == null) return null;
            var match = Functional.Match(css);
            if (match.Success)
            {
                int r = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                int g = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                int b = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
                if (r > 255 || g > 255 || b > 255) return null;
                double alpha = match.Groups[4].Success ? double.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
                return alpha > 1 ? (PictureColor?)null : new PictureColor((byte)r, (byte)g, (byte)b, alpha);
            }
            match = Hex.Match(css);
            if (!match.Success) return null;
            int value = int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return new PictureColor((byte)(value >> 16), (byte)(value >> 8), (byte)value);
        }

        /// <summary>The colour as SVG writes it: <c>#rrggbb</c> (the alpha goes into an opacity attribute).</summary>
        public string Hex6 => $"#{R:x2}{G:x2}{B:x2}";

        public override string ToString() => Alpha >= 1 ? Hex6 : $"{Hex6} at {Alpha.ToString("0.##", CultureInfo.InvariantCulture)}";
    }
}
