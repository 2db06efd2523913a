using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>Series colours: every series its own, the same by position every time, the total black.</summary>
    public sealed class ChartPaletteTests
    {
        private static List<string> Colours(int series, int totalAt = -1)
        {
            var names = Enumerable.Range(0, series).Select(i => "s" + i).ToList();
            if (totalAt >= 0) names.Insert(totalAt, "Total");
            return MatomoChartPalette.ForSeries(names).Select(c => c.Border).ToList();
        }

        private static (int R, int G, int B) Parse(string colour)
        {
            var match = Regex.Match(colour, @"^rgb\((\d+), (\d+), (\d+)\)$");
            Assert.True(match.Success, colour);
            return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
        }

        [Fact]
        public void Twelve_series_get_twelve_distinct_colours_from_the_fixed_palette()
        {
            var colours = Colours(12);

            Assert.Equal(12, colours.Distinct().Count());
            Assert.Equal(12, MatomoChartPalette.FixedCount);
            Assert.DoesNotContain(MatomoChartPalette.TotalBorderColor, colours);
        }

        [Fact]
        public void A_hundred_series_get_a_hundred_distinct_colours_and_the_total_stays_black()
        {
            var colours = Colours(100, totalAt: 37);

            Assert.Equal(101, colours.Count);
            Assert.Equal("rgb(0, 0, 0)", colours[37]);
            var others = colours.Where((_, i) => i != 37).ToList();
            Assert.Equal(100, others.Distinct().Count());
            Assert.DoesNotContain("rgb(0, 0, 0)", others);
        }

        [Fact]
        public void Generated_colours_stay_apart_from_each_other_from_black_and_from_the_white_page()
        {
            var colours = Enumerable.Range(0, 100).Select(MatomoChartPalette.BorderColor).Select(Parse).ToList();

            double nearest = double.MaxValue;
            for (int a = 0; a < colours.Count; a++)
                for (int b = a + 1; b < colours.Count; b++)
                    nearest = Math.Min(nearest, Distance(colours[a], colours[b]));
            Assert.True(nearest >= 20, $"Two of the 100 colours are only {nearest:F1} apart.");
            Assert.All(colours, c => Assert.True(Distance(c, (0, 0, 0)) >= 100, $"{c} is close to the total's black."));
            Assert.All(colours, c => Assert.True(Distance(c, (255, 255, 255)) >= 80, $"{c} is close to the page's white."));
        }

        [Fact]
        public void Colours_follow_the_position_and_come_out_the_same_every_time()
        {
            var first = Colours(60, totalAt: 5);
            var second = Colours(60, totalAt: 5);

            Assert.Equal(first, second);
            Assert.Equal(MatomoChartPalette.BorderColor(40), first[41]);
            Assert.Equal(MatomoChartPalette.BorderColor(4), first[4]);
            Assert.Equal("rgba(0, 114, 178, 0.5)", MatomoChartPalette.BackgroundColor(0));
        }

        private static double Distance((int R, int G, int B) a, (int R, int G, int B) b) =>
            Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));
    }
}
