using System;
using System.Collections.Generic;
using System.Globalization;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// The colours of series, by position, so the same series in the same place always looks the same: a fixed
    /// palette of twelve first, then generated colours (<see cref="MatomoColorSequence"/>), so no two series share a
    /// colour. The <c>Total</c> series is black, as in the reference client, and takes no palette place.
    /// </summary>
    internal static class MatomoChartPalette
    {
        // Okabe and Ito's colours for colour-blind readers (their black kept for the total, their yellow left out
        // as too faint on white), then Paul Tol's muted colours that differ from them, and a neutral grey.
        private static readonly (int R, int G, int B)[] Fixed =
        {
            (0, 114, 178), (230, 159, 0), (0, 158, 115), (213, 94, 0), (86, 180, 233), (204, 121, 167),
            (51, 34, 136), (153, 153, 51), (136, 34, 85), (68, 170, 153), (221, 204, 119), (119, 119, 119),
        };

        private static readonly object Gate = new object();
        private static MatomoColorSequence? _generated;

        /// <summary>How many fixed colours there are before colours are generated.</summary>
        public static int FixedCount => Fixed.Length;

        /// <summary>The line colour of the series at <paramref name="position"/> among the series that are not the total.</summary>
        public static string BorderColor(int position) => Rgba(Pick(position), 1);

        /// <summary>The fill colour: the line colour, half transparent, so bars and points do not hide the grid.</summary>
        public static string BackgroundColor(int position) => Rgba(Pick(position), 0.5);

        public static string TotalBorderColor => Rgba((0, 0, 0), 1);

        public static string TotalBackgroundColor => Rgba((0, 0, 0), 0.5);

        /// <summary>Colours every series in order: <c>Total</c> black, the others by their place among the others.</summary>
        public static IReadOnlyList<(string Border, string Background)> ForSeries(IEnumerable<string> series)
        {
            var colors = new List<(string, string)>();
            int position = 0;
            foreach (string name in series)
            {
                if (name == MatomoSeriesQuery.TotalSeries)
                    colors.Add((TotalBorderColor, TotalBackgroundColor));
                else
                {
                    colors.Add((BorderColor(position), BackgroundColor(position)));
                    position++;
                }
            }
            return colors;
        }

        private static (int R, int G, int B) Pick(int position)
        {
            if (position < 0) throw new ArgumentOutOfRangeException(nameof(position), position, "A palette position is 0 or more.");
            if (position < Fixed.Length) return Fixed[position];
            lock (Gate)
            {
                _generated ??= new MatomoColorSequence(Fixed);
                return _generated.At(position - Fixed.Length);
            }
        }

        private static string Rgba((int R, int G, int B) c, double alpha) =>
            alpha >= 1
                ? $"rgb({c.R}, {c.G}, {c.B})"
                : $"rgba({c.R}, {c.G}, {c.B}, {alpha.ToString(CultureInfo.InvariantCulture)})";
    }
}
