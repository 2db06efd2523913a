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

        public override string ToString() => $"{Label} ({Data.Count} points)";
    }
}
