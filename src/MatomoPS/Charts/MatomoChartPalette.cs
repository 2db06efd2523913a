using System.Collections.Generic;
using System.Globalization;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// The colours of series: a fixed palette by position, so the same series in the same place always looks
    /// the same; the <c>Total</c> series is black, as in the reference client, and takes no palette place.
    /// </summary>
    internal static class MatomoChartPalette
    {
        // Tableau 10: ten hues that stay apart on screen and in print; black is kept for the total.
        private static readonly (int R, int G, int B)[] Colors =
        {
            (78, 121, 167), (242, 142, 43), (225, 87, 89), (118, 183, 178), (89, 161, 79),
            (237, 201, 72), (176, 122, 161), (255, 157, 167), (156, 117, 95), (186, 176, 172),
        };

        /// <summary>How many colours there are before they repeat.</summary>
        public static int Count => Colors.Length;

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
                if (name == MatomoVisitsQuery.TotalSeries)
                    colors.Add((TotalBorderColor, TotalBackgroundColor));
                else
                {
                    colors.Add((BorderColor(position), BackgroundColor(position)));
                    position++;
                }
            }
            return colors;
        }

        private static (int R, int G, int B) Pick(int position) => Colors[((position % Colors.Length) + Colors.Length) % Colors.Length];

        private static string Rgba((int R, int G, int B) c, double alpha) =>
            alpha >= 1
                ? $"rgb({c.R}, {c.G}, {c.B})"
                : $"rgba({c.R}, {c.G}, {c.B}, {alpha.ToString(CultureInfo.InvariantCulture)})";
    }
}
