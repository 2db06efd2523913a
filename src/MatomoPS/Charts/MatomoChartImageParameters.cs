using System;
using System.Collections.Generic;
using System.IO;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// The image parameters that Export-MatomoChart and ConvertTo-MatomoChartImage share: which format a path asks for,
    /// and which of -Width, -Height and -Scale a format takes, checked before any input is read.
    /// </summary>
    internal static class MatomoChartImageParameters
    {
        public const int Smallest = 200;
        public const int Largest = 6000;
        public const double SmallestScale = 0.5;
        public const double LargestScale = 4;

        /// <summary>The format: <paramref name="given"/>, else the one the extension of <paramref name="file"/> names.</summary>
        /// <exception cref="MatomoArgumentException">The extension names no format, or names another than the one given.</exception>
        public static MatomoChartFormat FormatOf(string file, MatomoChartFormat? given)
        {
            string extension = Path.GetExtension(file).ToLowerInvariant();
            MatomoChartFormat? named = extension switch
            {
                ".html" or ".htm" => MatomoChartFormat.Html,
                ".png" => MatomoChartFormat.Png,
                ".svg" => MatomoChartFormat.Svg,
                _ => null,
            };
            if (given is { } format)
            {
                if (named is { } other && other != format)
                    throw new MatomoArgumentException($"-Format {format} does not match the file '{Path.GetFileName(file)}', whose extension says {other}; change one of them.");
                return format;
            }
            return named ?? throw new MatomoArgumentException(
                $"The file '{Path.GetFileName(file)}' has no chart extension (.html, .png or .svg); name one, or give -Format Html, Png or Svg.");
        }

        /// <summary>Refuses image parameters the format does not take, and sizes too large to draw.</summary>
        /// <exception cref="MatomoArgumentException">A parameter would be ignored, or the picture would be too large.</exception>
        public static void Check(MatomoChartFormat format, IDictionary<string, object> bound, int width, int height, double scale)
        {
            if (format == MatomoChartFormat.Html)
            {
                foreach (string name in new[] { "Width", "Height", "Scale" })
                    if (bound.ContainsKey(name))
                        throw new MatomoArgumentException($"-{name} is for images (-Format Png or Svg); the HTML page fits the browser window.");
                return;
            }
            if (format == MatomoChartFormat.Svg && bound.ContainsKey("Scale"))
                throw new MatomoArgumentException("-Scale is for PNG images; an SVG image is sharp at any size (give -Width and -Height for its size).");
            MatomoChartImage.CheckSize(width, height, format == MatomoChartFormat.Png ? scale : 1);
        }
    }
}
