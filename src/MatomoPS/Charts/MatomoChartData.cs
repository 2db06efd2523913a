using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// Chart.js's <c>data</c> object, as the reference client returns it: <c>labels</c>, <c>datasets</c> and
    /// <c>exportLabels</c> (Matomo's raw date keys, one per label).
    /// </summary>
    public sealed class MatomoChartData
    {
        private static readonly JsonSerializerOptions Indented = new JsonSerializerOptions { WriteIndented = true };
        private static readonly JsonSerializerOptions Compact = new JsonSerializerOptions();

        /// <summary>The readable period labels, in date order.</summary>
        [JsonPropertyName("labels")]
        public List<string> Labels { get; set; } = new List<string>();

        /// <summary>One dataset per series, in first-seen order.</summary>
        [JsonPropertyName("datasets")]
        public List<MatomoChartDataset> Datasets { get; set; } = new List<MatomoChartDataset>();

        /// <summary>Matomo's raw date keys, aligned to <see cref="Labels"/>.</summary>
        [JsonPropertyName("exportLabels")]
        public List<string> ExportLabels { get; set; } = new List<string>();

        // What the rows were about, for the page's title, caption and axis titles; internal, so the JSON and
        // PowerShell's view of the object stay as Chart.js's data object.
        internal MatomoChartDescription? Description { get; set; }

        /// <summary>Chart data for rows: a dataset per series with 0 where a series has no row for a period (as Chart.js needs a number there).</summary>
        /// <exception cref="MatomoArgumentException">The rows cannot share one chart (see <see cref="MatomoSeriesGrid.FromRows"/>).</exception>
        internal static MatomoChartData FromRows(IEnumerable<MatomoSeriesRow> rows) => FromGrid(MatomoSeriesGrid.FromRows(rows));

        internal static MatomoChartData FromGrid(MatomoSeriesGrid grid)
        {
            if (grid == null) throw new ArgumentNullException(nameof(grid));
            var colors = MatomoChartPalette.ForSeries(grid.Series);
            var data = new MatomoChartData
            {
                Labels = grid.Periods.Select(p => p.Label).ToList(),
                ExportLabels = grid.Periods.Select(p => p.Key).ToList(),
                Description = MatomoChartDescription.FromGrid(grid),
            };
            for (int s = 0; s < grid.Series.Count; s++)
            {
                data.Datasets.Add(new MatomoChartDataset
                {
                    Label = grid.Series[s],
                    Data = Enumerable.Range(0, grid.Periods.Count).Select(p => grid.Value(s, p) ?? 0).ToList(),
                    BorderColor = colors[s].Border,
                    BackgroundColor = colors[s].Background,
                    FromTotalRows = grid.IsTotal(s),
                });
            }
            return data;
        }

        /// <summary>
        /// The JSON Chart.js reads, with its camelCase names. The characters that could end a script element
        /// (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes) are escaped, so the text is safe inside an HTML page.
        /// </summary>
        public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, indented ? Indented : Compact);

        /// <summary>Checks the shape a chart page relies on: every dataset has one number per label.</summary>
        /// <exception cref="MatomoArgumentException">The data is not aligned.</exception>
        internal void Validate()
        {
            if (Labels == null || Datasets == null) throw new MatomoArgumentException("The chart data has no labels or no datasets.");
            if (ExportLabels != null && ExportLabels.Count != 0 && ExportLabels.Count != Labels.Count)
                throw new MatomoArgumentException($"The chart data has {Labels.Count} labels but {ExportLabels.Count} export labels.");
            foreach (var dataset in Datasets)
            {
                if (dataset == null) throw new MatomoArgumentException("The chart data holds a null dataset.");
                int count = dataset.Data?.Count ?? 0;
                if (count != Labels.Count)
                    throw new MatomoArgumentException($"The dataset '{dataset.Label}' has {count} numbers for {Labels.Count} labels.");
                if (dataset.YAxisId != null && dataset.YAxisId != MatomoChartLayout.LeftAxis && dataset.YAxisId != MatomoChartLayout.RightAxis)
                    throw new MatomoArgumentException(
                        $"The dataset '{dataset.Label}' has the y axis '{dataset.YAxisId}'; a chart page has '{MatomoChartLayout.LeftAxis}' (left) and '{MatomoChartLayout.RightAxis}' (right).");
            }
        }

        public override string ToString() => $"{Datasets.Count} datasets x {Labels.Count} labels";
    }
}
