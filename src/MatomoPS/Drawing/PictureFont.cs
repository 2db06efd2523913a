using System;
using System.IO;

namespace MatomoPS.Drawing
{
    /// <summary>
    /// The face every picture is measured and painted with: DejaVu Sans, embedded in this assembly (from the npm package
    /// dejavu-fonts-ttf at build time, see THIRD-PARTY-NOTICES.txt), so a bare container needs no installed fonts.
    /// Read on first use, never at import.
    /// </summary>
    internal static class PictureFont
    {
        public const string ResourceName = "MatomoPS.DejaVuSans.ttf";

        /// <summary>The family SVG names: the embedded face first, then faces of similar width.</summary>
        public const string SvgFamily = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

        private static readonly Lazy<TrueTypeFont> Loaded = new Lazy<TrueTypeFont>(Load);

        public static TrueTypeFont Face => Loaded.Value;

        private static TrueTypeFont Load()
        {
            using var stream = typeof(PictureFont).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The module assembly lacks its resource {ResourceName}; rebuild it with build.ps1.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return new TrueTypeFont(copy.ToArray());
        }
    }
}
