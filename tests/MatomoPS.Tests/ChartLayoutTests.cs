using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using MatomoPS.Client;
using MatomoPS.Charts;
using static MatomoPS.Tests.ChartPageTests;

namespace MatomoPS.Tests
{
    /// <summary>What the page tells Chart.js to draw: axes and their titles, where the total goes, markers, which legend.</summary>
    public sealed class ChartLayoutTests
    {
        private static readonly DateTime Day1 = new DateTime(2025, 3, 1);

        private static MatomoSeriesRow DayRow(string series, int day, long value)
        {
            var date = Day1.AddDays(day);
            return new MatomoSeriesRow
            {
                SiteId = 1, Series = series, Period = MatomoPeriod.Day, Date = date, EndDate = date,
                Key = date.ToString("yyyy-MM-dd"), Label = date.ToString("yyyy-MM-dd"), Metric = MatomoMetric.Visits, Value = value,
            };
        }

        private static List<MatomoSeriesRow> Days(int count) => Enumerable.Range(0, count).Select(day => DayRow("Total", day, 100 + day)).ToList();

        private static List<MatomoSeriesRow> ManySeries(int count) =>
            Enumerable.Range(0, count).Select(i => ChartDataTests.WeekRow("s" + i, 0, i)).ToList();

        private static (string Label, string? Axis)[] Datasets(string html) => Block(html, "chart-data").GetProperty("datasets").EnumerateArray()
            .Select(d => (d.GetProperty("label").GetString()!, d.TryGetProperty("yAxisID", out var axis) ? axis.GetString() : null)).ToArray();

        [Fact]
        public void The_x_axis_is_titled_with_the_period_and_the_y_axis_with_the_metric()
        {
            var layout = Block(Render(ChartDataTests.WeeksByLanguage()), "chart-layout");

            Assert.Equal("Week", layout.GetProperty("xTitle").GetString());
            Assert.Equal("Visits", layout.GetProperty("yTitle").GetString());
        }

        [Fact]
        public void Rows_of_several_metrics_title_the_axes_with_every_metric()
        {
            var rows = new[]
            {
                ChartDataTests.WeekRow("de", 0, 9), ChartDataTests.WeekRow("Total", 0, 90),
                ChartDataTests.WeekRow("de", 0, 30, metric: MatomoMetric.Actions), ChartDataTests.WeekRow("Total", 0, 300, metric: MatomoMetric.Actions),
            };

            string html = Render(rows);

            var layout = Block(html, "chart-layout");
            Assert.Equal("Visits, Actions", layout.GetProperty("yTitle").GetString());
            Assert.Equal("Total (Visits, Actions)", layout.GetProperty("y2Title").GetString());
            Assert.Equal(new (string, string?)[] { ("de (Visits)", "y"), ("Total (Visits)", "y2"), ("de (Actions)", "y"), ("Total (Actions)", "y2") }, Datasets(html));
        }

        [Fact]
        public void By_default_the_total_is_drawn_on_a_second_axis_on_the_right()
        {
            string html = Render(ChartDataTests.WeeksByLanguage());

            Assert.Equal(new (string, string?)[] { ("de", "y"), ("en", "y"), ("ar", "y"), ("Total", "y2") }, Datasets(html));
            var layout = Block(html, "chart-layout");
            Assert.True(layout.GetProperty("secondAxis").GetBoolean());
            Assert.Equal("Total (Visits)", layout.GetProperty("y2Title").GetString());
        }

        [Fact]
        public void SameAxis_draws_everything_on_one_axis_as_before()
        {
            string html = Render(ChartDataTests.WeeksByLanguage(), total: MatomoChartTotal.SameAxis);

            Assert.Equal(new[] { ("de", (string?)null), ("en", null), ("ar", null), ("Total", null) }, Datasets(html));
            Assert.DoesNotContain("yAxisID", Block(html, "chart-data").GetRawText());
            Assert.False(Block(html, "chart-layout").GetProperty("secondAxis").GetBoolean());
        }

        [Fact]
        public void Hidden_leaves_the_total_out_of_the_drawing_but_not_out_of_the_table()
        {
            string html = Render(ChartDataTests.WeeksByLanguage(), total: MatomoChartTotal.Hidden);

            Assert.Equal(new[] { "de", "en", "ar" }, Datasets(html).Select(d => d.Label));
            Assert.False(Block(html, "chart-layout").GetProperty("secondAxis").GetBoolean());
            Assert.Contains("<th scope=\"col\">Total</th>", html);
            Assert.Contains("<td>120</td></tr>", html);
        }

        [Theory]
        [InlineData("without a total")]
        [InlineData("of the total alone")]
        public void Total_changes_nothing_for_a_chart(string which)
        {
            var rows = ChartDataTests.WeeksByLanguage().Where(r => (r.Series == "Total") == (which == "of the total alone")).ToList();

            var pages = Enum.GetValues(typeof(MatomoChartTotal)).Cast<MatomoChartTotal>().Select(total => Render(rows, total: total)).ToList();

            Assert.Equal(3, pages.Count);
            Assert.All(pages, page => Assert.Equal(pages[0], page));
            Assert.DoesNotContain("yAxisID", Block(pages[0], "chart-data").GetRawText());
            Assert.Equal(rows.Select(r => r.Series).Distinct().Count(), Datasets(pages[0]).Length);
        }

        [Fact]
        public void The_chart_data_given_is_never_changed_by_the_page()
        {
            var data = MatomoChartData.FromRows(ChartDataTests.WeeksByLanguage());

            MatomoChartPage.Render(data, "t", MatomoChartType.Line, MatomoChartTotal.Hidden, Made, StubScript);
            MatomoChartPage.Render(data, "t", MatomoChartType.Line, MatomoChartTotal.SecondAxis, Made, StubScript);

            Assert.Equal(4, data.Datasets.Count);
            Assert.All(data.Datasets, d => Assert.Null(d.YAxisId));
        }

        [Fact]
        public void A_dense_line_has_no_point_markers_and_a_short_one_keeps_them()
        {
            Assert.Equal(0, Block(Render(Days(41)), "chart-layout").GetProperty("pointRadius").GetInt32());
            Assert.Equal(3, Block(Render(Days(40)), "chart-layout").GetProperty("pointRadius").GetInt32());
            Assert.Equal("Day", Block(Render(Days(41)), "chart-layout").GetProperty("xTitle").GetString());
        }

        [Fact]
        public void Bars_have_no_point_markers_to_set()
        {
            var layout = Block(Render(Days(90), type: MatomoChartType.Bar), "chart-layout");

            Assert.Equal(JsonValueKind.Null, layout.GetProperty("pointRadius").ValueKind);
        }

        [Fact]
        public void Up_to_twelve_series_keep_chartjs_legend()
        {
            string html = Render(ManySeries(12));

            Assert.Equal("chartjs", Block(html, "chart-layout").GetProperty("legend").GetString());
            Assert.Equal("index", Block(html, "chart-layout").GetProperty("tooltip").GetString());
            Assert.DoesNotContain("id=\"legend\"", html);
        }

        [Fact]
        public void More_series_get_the_pages_own_legend_with_show_all_and_hide_all()
        {
            string html = Render(ManySeries(13));

            var layout = Block(html, "chart-layout");
            Assert.Equal("html", layout.GetProperty("legend").GetString());
            Assert.Equal("nearest", layout.GetProperty("tooltip").GetString());
            Assert.Single(Regex.Matches(html, "<section class=\"legend\" id=\"legend\""));
            Assert.Contains("<button type=\"button\" id=\"legend-show-all\">Show all</button>", html);
            Assert.Contains("<button type=\"button\" id=\"legend-hide-all\">Hide all</button>", html);
            Assert.Contains("<ul id=\"legend-items\"></ul>", html);
        }

        [Fact]
        public void The_legend_counts_the_series_drawn_so_a_hidden_total_does_not_tip_it()
        {
            var rows = ManySeries(12).Append(ChartDataTests.WeekRow("Total", 0, 1000)).ToList();

            Assert.Equal("html", Block(Render(rows), "chart-layout").GetProperty("legend").GetString());
            Assert.Equal("chartjs", Block(Render(rows, total: MatomoChartTotal.Hidden), "chart-layout").GetProperty("legend").GetString());
        }

        [Fact]
        public void Hostile_series_names_in_the_pages_legend_reach_it_only_as_json_text()
        {
            const string evil = "</script><img src=x onerror=alert(1)>";
            var rows = ManySeries(20).Append(ChartDataTests.WeekRow(evil, 0, 5)).ToList();

            string html = Render(rows);

            Assert.DoesNotContain(evil, html);
            Assert.Contains(evil, Datasets(html).Select(d => d.Label));
            Assert.Contains("name.textContent = dataset.label", html);
            Assert.DoesNotContain("innerHTML", html.Substring(html.IndexOf("<script id=\"chart-data\"", StringComparison.Ordinal)));
        }
    }
}
