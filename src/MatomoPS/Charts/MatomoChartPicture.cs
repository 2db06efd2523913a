using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using MatomoPS.Client;
using MatomoPS.Drawing;

namespace MatomoPS.Charts
{
    /// <summary>
    /// The chart page's chart as a <see cref="Picture"/> for PNG and SVG: the same layout decisions
    /// (<see cref="MatomoChartLayout"/>: which axis each series is on, axis titles, markers), the same colours and words
    /// (title, caption, legend), laid out as Chart.js lays out its defaults: title and legend on top, y axes from zero
    /// with round steps, the total's axis on the right, labels along the x axis that skip when they would collide.
    /// </summary>
    internal static class MatomoChartPicture
    {
        public const int DefaultWidth = 960;
        public const int DefaultHeight = 540;

        private const double Margin = 16;
        private const double TitleSize = 18;
        private const double CaptionSize = 12;
        private const double LegendSize = 12;
        private const double TickSize = 11;
        private const double AxisTitleSize = 12;
        private const double LineWidth = 3;
        private const double Gap = 6;

        private static readonly PictureColor Ink = PictureColor.Gray(51);
        private static readonly PictureColor Muted = PictureColor.Gray(102);
        private static readonly PictureColor GridLine = PictureColor.Gray(229);
        private static readonly PictureColor AxisLine = PictureColor.Gray(191);

        /// <summary>Lays the chart out on a <paramref name="width"/> by <paramref name="height"/> CSS pixel picture.</summary>
        /// <param name="layout">The drawing decisions for checked chart data (see <see cref="MatomoChartData.Validate"/>): its series as drawn.</param>
        /// <param name="title">The chart title.</param>
        /// <param name="caption">The line under the title (see <see cref="MatomoChartDescription.Caption"/>).</param>
        /// <param name="width">CSS pixels.</param>
        /// <param name="height">CSS pixels.</param>
        /// <exception cref="MatomoArgumentException">A colour cannot be drawn, or there is nothing to draw.</exception>
        public static Picture Compose(MatomoChartLayout layout, string title, string caption, int width, int height)
        {
            var drawn = layout.Drawn;
            if (drawn.Labels.Count == 0) throw new MatomoArgumentException("The chart data has no labels: there is no period to draw.");
            var negative = drawn.Datasets.FirstOrDefault(d => d.Data.Any(value => value < 0));
            if (negative != null)
                throw new MatomoArgumentException($"The dataset '{negative.Label}' has numbers below zero; an image's y axes start at zero, as counts do.");
            var colors = drawn.Datasets.Select(d => (Border: Color(d, d.BorderColor), Background: Color(d, d.BackgroundColor))).ToList();
            var picture = new Picture(width, height, Describe(layout, title, caption));
            var font = PictureFont.Face;

            double top = Margin;
            picture.Add(new PictureText(width / 2.0, top + Ascent(TitleSize), title, TitleSize, Ink, PictureTextAnchor.Middle) { Role = "title" });
            top += TitleSize * 1.3;
            picture.Add(new PictureText(width / 2.0, top + Ascent(CaptionSize), caption, CaptionSize, Muted, PictureTextAnchor.Middle) { Role = "caption" });
            top += CaptionSize * 1.3 + Gap;
            top = AddLegend(picture, drawn.Datasets, colors, top, width, height);

            var left = drawn.Datasets.Select((d, i) => (Dataset: d, Index: i)).Where(x => x.Dataset.YAxisId != MatomoChartLayout.RightAxis).ToList();
            var right = drawn.Datasets.Select((d, i) => (Dataset: d, Index: i)).Where(x => x.Dataset.YAxisId == MatomoChartLayout.RightAxis).ToList();
            double plotBottom = height - Margin - AxisTitleSize * 1.2 - Gap - TickSize * 1.2 - Gap;
            double plotTop = top + TickSize / 2;
            int tickCount = Math.Max(2, (int)((plotBottom - plotTop) / 50));
            var leftScale = AxisScale.For(left.SelectMany(x => x.Dataset.Data), tickCount);
            var rightScale = AxisScale.For(right.SelectMany(x => x.Dataset.Data), tickCount);
            double leftTicksWidth = leftScale.Ticks.Max(t => font.Measure(Tick(t), TickSize));
            double rightTicksWidth = rightScale.Ticks.Max(t => font.Measure(Tick(t), TickSize));
            // A line's first and last period labels are centred on the plot's edges: room for their halves.
            bool bars = layout.Type == "bar";
            double firstLabelHalf = bars ? 0 : font.Measure(drawn.Labels[0], TickSize) / 2;
            double lastLabelHalf = bars ? 0 : font.Measure(drawn.Labels[drawn.Labels.Count - 1], TickSize) / 2;
            double plotLeft = Math.Max(Margin + firstLabelHalf, Margin + (layout.YTitle != null ? AxisTitleSize * 1.2 + Gap : 0) + leftTicksWidth + Gap);
            double plotRight = width - Margin - (layout.SecondAxis
                ? (layout.Y2Title != null ? AxisTitleSize * 1.2 + Gap : 0) + rightTicksWidth + Gap
                : Math.Max(Gap, lastLabelHalf));
            if (plotRight - plotLeft < 40 || plotBottom - plotTop < 40)
                throw new MatomoArgumentException($"A {width} x {height} picture leaves no room for the chart under its title and legend; make it larger (-Width, -Height).");
            var plot = new Plot(plotLeft, plotTop, plotRight, plotBottom, drawn.Labels.Count, bars);

            AddYAxis(picture, plot, leftScale, plot.Left, PictureTextAnchor.End, grid: true);
            if (layout.SecondAxis) AddYAxis(picture, plot, rightScale, plot.Right, PictureTextAnchor.Start, grid: false);
            AddXAxis(picture, plot, drawn.Labels);
            AddAxisTitles(picture, layout, plot, width, height);

            if (plot.Bars) AddBars(picture, plot, drawn.Datasets, colors, leftScale, rightScale);
            else AddLines(picture, plot, drawn.Datasets, colors, leftScale, rightScale, layout.PointRadius ?? 0);
            return picture;
        }

        private static PictureColor Color(MatomoChartDataset dataset, string css) =>
            PictureColor.Parse(css) ?? throw new MatomoArgumentException(
                $"The dataset '{dataset.Label}' has the colour '{css}'; an image takes rgb(r, g, b), rgba(r, g, b, a) or #rrggbb.");

        private static string Describe(MatomoChartLayout layout, string title, string caption)
        {
            var series = layout.Drawn.Datasets.Select(d => d.YAxisId == MatomoChartLayout.RightAxis ? d.Label + " (right axis)" : d.Label);
            string kind = layout.Type == "bar" ? "Bar chart" : "Line chart";
            return $"{kind}: {title}. {caption}. {layout.Drawn.Labels.Count} periods ({layout.Drawn.Labels[0]} to {layout.Drawn.Labels[layout.Drawn.Labels.Count - 1]}); series: {string.Join(", ", series)}.";
        }

        // A wrapping, centred row of swatches and names, as Chart.js's legend; when the names would take more than a
        // quarter of the picture, the last line says how many series it leaves out.
        private static double AddLegend(Picture picture, IReadOnlyList<MatomoChartDataset> datasets, IReadOnlyList<(PictureColor Border, PictureColor Background)> colors, double top, int width, int height)
        {
            var font = PictureFont.Face;
            const double Swatch = 12, LineHeight = 18, ItemGap = 14;
            double available = width - 2 * Margin;
            int mostLines = Math.Max(1, (int)(height * 0.25 / LineHeight));
            var lines = new List<List<int>> { new List<int>() };
            double used = 0;
            for (int i = 0; i < datasets.Count; i++)
            {
                double itemWidth = Swatch + 4 + font.Measure(datasets[i].Label, LegendSize);
                if (lines[lines.Count - 1].Count > 0 && used + ItemGap + itemWidth > available)
                {
                    lines.Add(new List<int>());
                    used = 0;
                }
                used += (lines[lines.Count - 1].Count > 0 ? ItemGap : 0) + itemWidth;
                lines[lines.Count - 1].Add(i);
            }
            string? more = null;
            if (lines.Count > mostLines)
            {
                int shown = lines.Take(mostLines).Sum(l => l.Count);
                // Room on the last line for the note: it replaces as many names as it needs.
                lines = lines.Take(mostLines).ToList();
                var last = lines[lines.Count - 1];
                while (last.Count > 1 && LineWidthOf(last) + ItemGap + font.Measure(MoreText(datasets.Count - shown), LegendSize) > available)
                {
                    last.RemoveAt(last.Count - 1);
                    shown--;
                }
                more = MoreText(datasets.Count - shown);
            }
            for (int l = 0; l < lines.Count; l++)
            {
                double lineWidth = LineWidthOf(lines[l]) + (more != null && l == lines.Count - 1 ? ItemGap + font.Measure(more, LegendSize) : 0);
                double x = (width - lineWidth) / 2, baseline = top + l * LineHeight + Ascent(LegendSize);
                foreach (int i in lines[l])
                {
                    picture.Add(new PicturePath(RectanglePoints(x, baseline - Swatch + 1, Swatch, Swatch), closed: true)
                        { Fill = colors[i].Background, Stroke = colors[i].Border, StrokeWidth = 1 });
                    picture.Add(new PictureText(x + Swatch + 4, baseline, datasets[i].Label, LegendSize, Ink) { Role = "legend", Series = datasets[i].Label });
                    x += Swatch + 4 + font.Measure(datasets[i].Label, LegendSize) + ItemGap;
                }
                if (more != null && l == lines.Count - 1) picture.Add(new PictureText(x, baseline, more, LegendSize, Muted) { Role = "legend" });
            }
            return top + lines.Count * LineHeight + Gap;

            double LineWidthOf(List<int> line) =>
                line.Sum(i => Swatch + 4 + font.Measure(datasets[i].Label, LegendSize)) + Math.Max(0, line.Count - 1) * ItemGap;
        }

        private static string MoreText(int count) => $"and {count} more series (see the HTML page or the data)";

        private static void AddYAxis(Picture picture, Plot plot, AxisScale scale, double x, PictureTextAnchor anchor, bool grid)
        {
            foreach (long tick in scale.Ticks)
            {
                double y = Crisp(plot.Y(tick, scale));
                if (grid) picture.Add(PicturePath.Line(plot.Left, y, plot.Right, y, tick == 0 ? AxisLine : GridLine));
                double labelX = anchor == PictureTextAnchor.End ? x - Gap : x + Gap;
                picture.Add(new PictureText(labelX, y + TickSize * 0.35, Tick(tick), TickSize, Muted, anchor) { Role = "tick" });
            }
            picture.Add(PicturePath.Line(Crisp(x), plot.Top, Crisp(x), plot.Bottom, AxisLine));
        }

        private static void AddXAxis(Picture picture, Plot plot, IReadOnlyList<string> labels)
        {
            var font = PictureFont.Face;
            double widest = labels.Max(l => font.Measure(l, TickSize)) + 8;
            int every = Math.Max(1, (int)Math.Ceiling(widest / Math.Max(1, plot.Step)));
            for (int i = 0; i < labels.Count; i++)
            {
                if (i % every != 0) continue;
                double x = Crisp(plot.X(i));
                picture.Add(PicturePath.Line(x, plot.Top, x, plot.Bottom, GridLine));
                picture.Add(new PictureText(x, plot.Bottom + Gap + Ascent(TickSize), labels[i], TickSize, Muted, PictureTextAnchor.Middle) { Role = "tick" });
            }
        }

        private static void AddAxisTitles(Picture picture, MatomoChartLayout layout, Plot plot, int width, int height)
        {
            double middle = (plot.Top + plot.Bottom) / 2;
            picture.Add(new PictureText((plot.Left + plot.Right) / 2, height - Margin, layout.XTitle, AxisTitleSize, Ink, PictureTextAnchor.Middle) { Role = "axis-title" });
            if (layout.YTitle != null)
                picture.Add(new PictureText(Margin + Ascent(AxisTitleSize), middle, layout.YTitle, AxisTitleSize, Ink, PictureTextAnchor.Middle) { Vertical = true, Role = "axis-title" });
            if (layout.SecondAxis && layout.Y2Title != null)
                picture.Add(new PictureText(width - Margin, middle, layout.Y2Title, AxisTitleSize, Ink, PictureTextAnchor.Middle) { Vertical = true, Role = "axis-title" });
        }

        private static void AddLines(Picture picture, Plot plot, IReadOnlyList<MatomoChartDataset> datasets, IReadOnlyList<(PictureColor Border, PictureColor Background)> colors,
            AxisScale left, AxisScale right, int markerRadius)
        {
            for (int s = 0; s < datasets.Count; s++)
            {
                var scale = datasets[s].YAxisId == MatomoChartLayout.RightAxis ? right : left;
                var points = datasets[s].Data.Select((value, i) => (plot.X(i), plot.Y(value, scale))).ToList();
                if (points.Count == 1) points.Add(points[0]);
                picture.Add(new PicturePath(points, closed: false) { Stroke = colors[s].Border, StrokeWidth = LineWidth, Series = datasets[s].Label });
                if (markerRadius <= 0) continue;
                foreach (var (x, y) in points.Take(datasets[s].Data.Count))
                    picture.Add(new PictureCircle(x, y, markerRadius) { Fill = colors[s].Background, Stroke = colors[s].Border, Series = datasets[s].Label });
            }
        }

        // Grouped bars as Chart.js draws them: 80 % of each period's width for the group, 90 % of a bar's share for the bar.
        private static void AddBars(Picture picture, Plot plot, IReadOnlyList<MatomoChartDataset> datasets, IReadOnlyList<(PictureColor Border, PictureColor Background)> colors,
            AxisScale left, AxisScale right)
        {
            double group = plot.Step * 0.8, share = group / datasets.Count, bar = share * 0.9;
            for (int s = 0; s < datasets.Count; s++)
            {
                var scale = datasets[s].YAxisId == MatomoChartLayout.RightAxis ? right : left;
                for (int i = 0; i < datasets[s].Data.Count; i++)
                {
                    double x = plot.X(i) - group / 2 + s * share + (share - bar) / 2, y = plot.Y(datasets[s].Data[i], scale);
                    picture.Add(new PicturePath(RectanglePoints(x, y, bar, plot.Bottom - y), closed: true)
                        { Fill = colors[s].Background, Stroke = colors[s].Border, StrokeWidth = 1, Series = datasets[s].Label });
                }
            }
        }

        private static (double X, double Y)[] RectanglePoints(double x, double y, double width, double height) =>
            new[] { (x, y), (x + width, y), (x + width, y + height), (x, y + height) };

        // The font's ascender leaves room for accents above capitals; capitals and digits reach about 80 % of it, and
        // that is the height text is placed by.
        private static double Ascent(double size) => size * PictureFont.Face.Ascender / PictureFont.Face.UnitsPerEm * 0.8;

        // One-pixel lines on pixel centres stay one pixel wide instead of smearing over two.
        private static double Crisp(double value) => Math.Floor(value) + 0.5;

        private static string Tick(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>Where periods and values land in the plot area.</summary>
        private sealed class Plot
        {
            private readonly int _count;

            public Plot(double left, double top, double right, double bottom, int count, bool bars)
            {
                Left = left;
                Top = top;
                Right = right;
                Bottom = bottom;
                _count = count;
                Bars = bars;
                // Bars sit in the middle of their period's slot; line points run from edge to edge (Chart.js's offset).
                Step = bars ? (right - left) / count : count > 1 ? (right - left) / (count - 1) : right - left;
            }

            public double Left { get; }

            public double Top { get; }

            public double Right { get; }

            public double Bottom { get; }

            public bool Bars { get; }

            /// <summary>The distance between two periods.</summary>
            public double Step { get; }

            public double X(int index) => Bars ? Left + (index + 0.5) * Step : _count > 1 ? Left + index * Step : (Left + Right) / 2;

            public double Y(long value, AxisScale scale) => Bottom - (Bottom - Top) * value / scale.Top;
        }

        /// <summary>A y axis from zero to a round top in round steps (1, 2 or 5 times a power of ten), as Chart.js picks them.</summary>
        private sealed class AxisScale
        {
            private AxisScale(long step, long top)
            {
                Top = top;
                for (long tick = 0; tick <= top; tick += step) Ticks.Add(tick);
            }

            public long Top { get; }

            public List<long> Ticks { get; } = new List<long>();

            public static AxisScale For(IEnumerable<long> values, int tickCount)
            {
                long max = values.DefaultIfEmpty(0).Max();
                if (max <= 0) return new AxisScale(1, 1);
                double raw = (double)max / tickCount;
                double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
                double normal = raw / magnitude;
                double nice = normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10;
                long step = Math.Max(1, (long)Math.Round(nice * magnitude));
                long top = (max + step - 1) / step * step;
                return new AxisScale(step, top);
            }
        }
    }
}
