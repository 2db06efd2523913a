using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MatomoPS.Charts
{
    /// <summary>
    /// Every drawing decision of a chart page, made here and written into the page as JSON, so the page's script
    /// only carries them out: which series are drawn on which y axis, the axis titles, which legend, whether lines
    /// get point markers. The chart data given is never changed; the page draws a copy.
    /// </summary>
    internal sealed class MatomoChartLayout
    {
        public const string LeftAxis = "y";
        public const string RightAxis = "y2";

        /// <summary>Lines with more labels than this have no point markers: dots that touch hide the line.</summary>
        public const int DenseLabels = 40;

        /// <summary>Chart.js's own legend serves up to this many series; more get the page's scrolling list.</summary>
        public const int ChartJsLegendMost = 12;

        /// <summary>The marker radius of short lines, Chart.js's own default.</summary>
        public const int MarkerRadius = 3;

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions();

        private MatomoChartLayout(MatomoChartData drawn) => Drawn = drawn;

        /// <summary>The chart data the page draws: the given series, with the total placed as -Total says.</summary>
        [JsonIgnore]
        public MatomoChartData Drawn { get; }

        /// <summary><c>line</c> or <c>bar</c>.</summary>
        [JsonPropertyName("type")]
        public string Type { get; private set; } = "line";

        /// <summary>The period: <c>Week</c>; <c>Period</c> when the chart data does not say.</summary>
        [JsonPropertyName("xTitle")]
        public string XTitle { get; private set; } = string.Empty;

        /// <summary>The metrics: <c>Visits</c>, <c>Visits, Actions</c>; null when the chart data does not say.</summary>
        [JsonPropertyName("yTitle")]
        public string? YTitle { get; private set; }

        /// <summary>True when a series is drawn on the right y axis.</summary>
        [JsonPropertyName("secondAxis")]
        public bool SecondAxis { get; private set; }

        /// <summary>The right axis's title: <c>Total (Visits)</c> when it holds the total.</summary>
        [JsonPropertyName("y2Title")]
        public string? Y2Title { get; private set; }

        /// <summary><c>chartjs</c> (Chart.js's legend) or <c>html</c> (the page's list, for many series).</summary>
        [JsonPropertyName("legend")]
        public string Legend { get; private set; } = "chartjs";

        /// <summary><c>index</c> (every series at the hovered period) or <c>nearest</c> (the one series under the pointer, for many series).</summary>
        [JsonPropertyName("tooltip")]
        public string Tooltip { get; private set; } = "index";

        /// <summary>The marker radius of a line chart (0 on dense lines); null for bars.</summary>
        [JsonPropertyName("pointRadius")]
        public int? PointRadius { get; private set; }

        [JsonIgnore]
        public bool HtmlLegend => Legend == "html";

        /// <summary>Decides how <paramref name="data"/> is drawn.</summary>
        /// <param name="data">Checked chart data (see <see cref="MatomoChartData.Validate"/>).</param>
        /// <param name="type">Line or bar chart.</param>
        /// <param name="total">Where the total goes; it matters only when there are a total and other series.</param>
        public static MatomoChartLayout For(MatomoChartData data, MatomoChartType type, MatomoChartTotal total)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            var description = data.Description;
            var drawn = new MatomoChartData
            {
                Labels = data.Labels,
                ExportLabels = data.ExportLabels,
                Datasets = Place(data.Datasets, total),
                Description = description,
            };
            var layout = new MatomoChartLayout(drawn)
            {
                Type = type == MatomoChartType.Bar ? "bar" : "line",
                XTitle = description?.Period.ToString() ?? "Period",
                YTitle = description?.MetricNames,
            };
            var right = drawn.Datasets.Where(d => d.YAxisId == RightAxis).ToList();
            if (right.Count > 0)
            {
                layout.SecondAxis = true;
                layout.Y2Title = right.All(d => d.IsTotal)
                    ? (description == null ? "Total" : $"Total ({description.MetricNames})")
                    : layout.YTitle;
            }
            if (drawn.Datasets.Count > ChartJsLegendMost)
            {
                layout.Legend = "html";
                // With this many series a tooltip of every series at a period would not fit on the screen.
                layout.Tooltip = "nearest";
            }
            if (type == MatomoChartType.Line)
                layout.PointRadius = data.Labels.Count > DenseLabels ? 0 : MarkerRadius;
            return layout;
        }

        private static List<MatomoChartDataset> Place(IReadOnlyList<MatomoChartDataset> datasets, MatomoChartTotal total)
        {
            bool totalAmongOthers = datasets.Any(d => d.IsTotal) && datasets.Any(d => !d.IsTotal);
            // Nothing to place: axes set by hand in the chart data are kept.
            if (!totalAmongOthers) return datasets.Select(d => d.Copy(d.YAxisId)).ToList();
            return total switch
            {
                MatomoChartTotal.SameAxis => datasets.Select(d => d.Copy(null)).ToList(),
                MatomoChartTotal.Hidden => datasets.Where(d => !d.IsTotal).Select(d => d.Copy(null)).ToList(),
                _ => datasets.Select(d => d.Copy(d.IsTotal ? RightAxis : LeftAxis)).ToList(),
            };
        }

        /// <summary>The decisions as the page's script reads them; like chart data, safe inside a script element.</summary>
        public string ToJson() => JsonSerializer.Serialize(this, Json);
    }
}
