using System.Collections.Generic;
using System.Text.Json.Serialization;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>One series as Chart.js draws it: an entry of <c>data.datasets</c>.</summary>
    public sealed class MatomoChartDataset
    {
        /// <summary>The series name shown in the legend.</summary>
        [JsonPropertyName("label")]
        public string Label { get; set; } = string.Empty;

        /// <summary>One number per label of the chart, in the same order.</summary>
        [JsonPropertyName("data")]
        public List<long> Data { get; set; } = new List<long>();

        /// <summary>The line (or bar outline) colour, a CSS colour.</summary>
        [JsonPropertyName("borderColor")]
        public string BorderColor { get; set; } = string.Empty;

        /// <summary>The point (or bar) fill colour, a CSS colour.</summary>
        [JsonPropertyName("backgroundColor")]
        public string BackgroundColor { get; set; } = string.Empty;

        /// <summary>
        /// The y axis the series is drawn on: <c>y</c> (left), <c>y2</c> (right) or null (left, and left out of the JSON).
        /// ConvertTo-MatomoChartData leaves it null; Export-MatomoChart -Total sets it on the page's own copy.
        /// </summary>
        [JsonPropertyName("yAxisID")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? YAxisId { get; set; }

        // Set for series made of Total rows (also "2:Total", "Total (Actions)"); internal, so neither the JSON nor
        // PowerShell shows it, but it travels with the object from ConvertTo-MatomoChartData to Export-MatomoChart.
        internal bool FromTotalRows { get; set; }

        /// <summary>True for a total: made of Total rows, or (in chart data built by hand) labelled <c>Total</c>.</summary>
        internal bool IsTotal => FromTotalRows || Label == MatomoSeriesQuery.TotalSeries;

        /// <summary>A copy that shares the numbers (which a page never changes) but not the settings.</summary>
        internal MatomoChartDataset Copy(string? yAxisId) => new MatomoChartDataset
        {
            Label = Label,
            Data = Data,
            BorderColor = BorderColor,
            BackgroundColor = BackgroundColor,
            YAxisId = yAxisId,
            FromTotalRows = FromTotalRows,
        };

        public override string ToString() => $"{Label} ({Data.Count} points)";
    }
}
