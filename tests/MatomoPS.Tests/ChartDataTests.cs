using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MatomoPS.Client;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>Chart data, the series grid and the palette: rows in, what Chart.js and a spreadsheet get out.</summary>
    public sealed class ChartDataTests
    {
        private static readonly DateTime Week1 = new DateTime(2022, 12, 26);

        internal static MatomoSeriesRow WeekRow(string series, int week, long value, int site = 1, MatomoMetric metric = MatomoMetric.Visits)
        {
            var start = Week1.AddDays(7 * week);
            var end = start.AddDays(6);
            return new MatomoSeriesRow
            {
                SiteId = site,
                Series = series,
                Segment = series == "Total" ? "" : $"pageUrl=@/{series}/",
                Period = MatomoPeriod.Week,
                Date = start,
                EndDate = end,
                Key = $"{start:yyyy-MM-dd},{end:yyyy-MM-dd}",
                Label = $"CW {MatomoPeriodKey.IsoWeek(start).Week}",
                Metric = metric,
                Value = value,
            };
        }

        /// <summary>Three weeks of de, en, ar and the total, given out of date order, with no row for ar in the second week.</summary>
        internal static List<MatomoSeriesRow> WeeksByLanguage() => new List<MatomoSeriesRow>
        {
            WeekRow("de", 2, 12), WeekRow("de", 0, 10), WeekRow("de", 1, 11),
            WeekRow("en", 0, 20), WeekRow("en", 1, 21), WeekRow("en", 2, 22),
            WeekRow("ar", 0, 3), WeekRow("ar", 2, 5),
            WeekRow("Total", 0, 100), WeekRow("Total", 1, 110), WeekRow("Total", 2, 120),
        };

        [Fact]
        public void Weeks_by_language_give_date_ordered_labels_aligned_zero_filled_data_and_raw_keys()
        {
            var data = MatomoChartData.FromRows(WeeksByLanguage());

            Assert.Equal(new[] { "CW 52", "CW 1", "CW 2" }, data.Labels);
            Assert.Equal(new[] { "2022-12-26,2023-01-01", "2023-01-02,2023-01-08", "2023-01-09,2023-01-15" }, data.ExportLabels);
            Assert.Equal(new[] { "de", "en", "ar", "Total" }, data.Datasets.Select(d => d.Label));
            Assert.Equal(new long[] { 10, 11, 12 }, data.Datasets[0].Data);
            Assert.Equal(new long[] { 20, 21, 22 }, data.Datasets[1].Data);
            Assert.Equal(new long[] { 3, 0, 5 }, data.Datasets[2].Data);
            Assert.Equal(new long[] { 100, 110, 120 }, data.Datasets[3].Data);
        }

        [Fact]
        public void Total_is_black_and_the_others_take_distinct_palette_colours_by_position()
        {
            var data = MatomoChartData.FromRows(WeeksByLanguage());

            var total = data.Datasets.Single(d => d.Label == "Total");
            Assert.Equal("rgb(0, 0, 0)", total.BorderColor);
            Assert.Equal("rgba(0, 0, 0, 0.5)", total.BackgroundColor);
            var others = data.Datasets.Where(d => d.Label != "Total").ToList();
            Assert.Equal(others.Count, others.Select(d => d.BorderColor).Distinct().Count());
            Assert.DoesNotContain(others, d => d.BorderColor == total.BorderColor);
            Assert.Equal(MatomoChartPalette.BorderColor(0), others[0].BorderColor);
            Assert.Equal(MatomoChartPalette.BackgroundColor(2), others[2].BackgroundColor);
        }

        [Fact]
        public void The_same_series_gets_the_same_colour_every_time_and_the_total_takes_no_place()
        {
            var first = MatomoChartData.FromRows(WeeksByLanguage());
            var totalFirst = WeeksByLanguage().OrderBy(row => row.Series == "Total" ? 0 : 1).ToList();
            var second = MatomoChartData.FromRows(totalFirst);

            Assert.Equal("Total", second.Datasets[0].Label);
            foreach (var dataset in first.Datasets)
                Assert.Equal(dataset.BorderColor, second.Datasets.Single(d => d.Label == dataset.Label).BorderColor);
        }

        [Fact]
        public void Json_has_chartjs_camelCase_names_and_numbers()
        {
            using var json = JsonDocument.Parse(MatomoChartData.FromRows(WeeksByLanguage()).ToJson());
            var root = json.RootElement;

            Assert.Equal(new[] { "labels", "datasets", "exportLabels" }, root.EnumerateObject().Select(p => p.Name));
            var dataset = root.GetProperty("datasets")[2];
            Assert.Equal(new[] { "label", "data", "borderColor", "backgroundColor" }, dataset.EnumerateObject().Select(p => p.Name));
            Assert.Equal("ar", dataset.GetProperty("label").GetString());
            Assert.Equal(new long[] { 3, 0, 5 }, dataset.GetProperty("data").EnumerateArray().Select(n => n.GetInt64()));
            Assert.Equal(JsonValueKind.Number, dataset.GetProperty("data")[0].ValueKind);
            Assert.Equal("2023-01-02,2023-01-08", root.GetProperty("exportLabels")[1].GetString());
        }

        [Fact]
        public void Json_cannot_end_a_script_element_whatever_the_series_is_called()
        {
            var rows = new List<MatomoSeriesRow> { WeekRow("</script><script>alert(1)</script>", 0, 1) };

            string json = MatomoChartData.FromRows(rows).ToJson(indented: false);

            Assert.DoesNotContain("<", json);
            using var parsed = JsonDocument.Parse(json);
            Assert.Equal("</script><script>alert(1)</script>", parsed.RootElement.GetProperty("datasets")[0].GetProperty("label").GetString());
        }

        [Fact]
        public void The_grid_leaves_a_missing_value_empty_where_the_chart_draws_zero()
        {
            var grid = MatomoSeriesGrid.FromRows(WeeksByLanguage());

            int ar = grid.Series.ToList().IndexOf("ar");
            Assert.Null(grid.Value(ar, 1));
            Assert.Equal(5, grid.Value(ar, 2));
            Assert.Equal(MatomoPeriod.Week, grid.Period);
        }

        [Fact]
        public void Rows_of_several_sites_put_the_site_in_front_of_the_series()
        {
            var rows = new List<MatomoSeriesRow> { WeekRow("de", 0, 1, site: 1), WeekRow("de", 0, 2, site: 2), WeekRow("Total", 0, 9, site: 2) };

            var data = MatomoChartData.FromRows(rows);

            Assert.Equal(new[] { "1:de", "2:de", "2:Total" }, data.Datasets.Select(d => d.Label));
            Assert.Equal(new long[] { 2 }, data.Datasets[1].Data);
        }

        [Fact]
        public void Rows_of_several_metrics_put_the_metric_behind_the_series()
        {
            var rows = new List<MatomoSeriesRow> { WeekRow("Total", 0, 9), WeekRow("Total", 0, 30, metric: MatomoMetric.Actions) };

            var data = MatomoChartData.FromRows(rows);

            Assert.Equal(new[] { "Total (Visits)", "Total (Actions)" }, data.Datasets.Select(d => d.Label));
        }

        [Fact]
        public void Mixed_periods_are_refused_with_a_clear_message()
        {
            var month = WeekRow("de", 0, 1);
            month.Period = MatomoPeriod.Month;
            month.Key = "2023-01";

            var error = Assert.Throws<MatomoArgumentException>(() => MatomoChartData.FromRows(new[] { WeekRow("de", 0, 1), month }));

            Assert.Contains("mix periods (Week, Month)", error.Message);
        }

        [Fact]
        public void Two_rows_for_the_same_series_and_period_are_refused_rather_than_summed_or_dropped()
        {
            var error = Assert.Throws<MatomoArgumentException>(() => MatomoChartData.FromRows(new[] { WeekRow("de", 1, 4), WeekRow("de", 1, 7) }));

            Assert.Contains("'de'", error.Message);
            Assert.Contains("2023-01-02,2023-01-08", error.Message);
            Assert.Contains("4 and 7", error.Message);
        }
    }
}
