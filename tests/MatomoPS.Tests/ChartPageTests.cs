using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MatomoPS.Client;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>The chart page as text: one file, nothing outside it, every user text encoded, a caption that says what it shows.</summary>
    public sealed class ChartPageTests
    {
        internal const string StubScript = "/* chart.js stand-in */ window.Chart = function () {};";
        internal static readonly DateTime Made = new DateTime(2026, 11, 29, 14, 3, 27, DateTimeKind.Utc);

        internal static string Render(IEnumerable<MatomoSeriesRow> rows, string title = "Visits per week", MatomoChartType type = MatomoChartType.Line,
            MatomoChartTotal total = MatomoChartTotal.SecondAxis) =>
            MatomoChartPage.Render(MatomoChartData.FromRows(rows), title, type, total, Made, StubScript);

        /// <summary>A JSON data block of the page: <c>chart-data</c> (what Chart.js draws) or <c>chart-layout</c> (the drawing decisions).</summary>
        internal static JsonElement Block(string html, string id)
        {
            var match = Regex.Match(html, $"<script id=\"{id}\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
            Assert.True(match.Success, $"The page has no {id} block.");
            using var document = JsonDocument.Parse(match.Groups[1].Value);
            return document.RootElement.Clone();
        }

        internal static string Caption(string html) =>
            WebUtility.HtmlDecode(Regex.Match(html, "<p class=\"caption\">([^<]*)</p>").Groups[1].Value);

        [Fact]
        public void The_page_inlines_the_script_and_references_nothing_outside_itself()
        {
            string html = Render(ChartDataTests.WeeksByLanguage());

            Assert.Single(Regex.Matches(html, Regex.Escape(StubScript)));
            Assert.DoesNotMatch(@"(?i)\b(src|href)\s*=", html);
            Assert.DoesNotMatch(@"(?i)@import|url\(", html);
            Assert.Contains("beginAtZero: true", html);
            Assert.Equal("line", Block(html, "chart-layout").GetProperty("type").GetString());
        }

        [Fact]
        public void The_page_holds_the_numbers_as_a_table_with_a_row_per_period_and_a_column_per_series()
        {
            string html = Render(ChartDataTests.WeeksByLanguage());

            string table = html.Substring(html.IndexOf("<table>", StringComparison.Ordinal));
            table = table.Substring(0, table.IndexOf("</table>", StringComparison.Ordinal));
            var headers = Regex.Matches(table, "<th scope=\"col\">([^<]*)</th>").Select(m => m.Groups[1].Value);
            Assert.Equal(new[] { "Period", "Key", "de", "en", "ar", "Total" }, headers);
            var lines = Regex.Matches(table, "<tr><th scope=\"row\">").Count;
            Assert.Equal(3, lines);
            Assert.Contains("<tr><th scope=\"row\">CW 1</th><td class=\"key\">2023-01-02,2023-01-08</td><td>11</td><td>21</td><td>0</td><td>110</td></tr>", table);
        }

        [Fact]
        public void Series_names_and_the_title_are_encoded_so_they_cannot_inject_markup()
        {
            const string evil = "<img src=x onerror=alert(1)>";
            string html = Render(new[] { ChartDataTests.WeekRow(evil, 0, 1) }, title: "A & B <b>");

            Assert.DoesNotContain(evil, html);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
            Assert.Contains("<h1>A &amp; B &lt;b&gt;</h1>", html);
            Assert.Contains("<title>A &amp; B &lt;b&gt;</title>", html);
        }

        [Fact]
        public void The_caption_names_the_site_the_first_and_last_day_and_when_the_page_was_made_in_utc()
        {
            string html = Render(ChartDataTests.WeeksByLanguage());

            Assert.Equal("Site 1 \u00b7 2022-12-26 to 2023-01-15 \u00b7 made 2026-11-29 14:03 UTC", Caption(html));
        }

        [Fact]
        public void The_caption_of_several_sites_names_them_all_and_a_local_time_is_given_in_utc()
        {
            var rows = new[] { ChartDataTests.WeekRow("de", 1, 1, site: 7), ChartDataTests.WeekRow("de", 0, 2, site: 3) };
            var made = new DateTimeOffset(2026, 11, 29, 15, 3, 0, TimeSpan.FromHours(1));

            string html = MatomoChartPage.Render(MatomoChartData.FromRows(rows), "t", MatomoChartType.Line, MatomoChartTotal.SecondAxis,
                made.UtcDateTime.ToLocalTime(), StubScript);

            Assert.Equal("Sites 3, 7 \u00b7 2022-12-26 to 2023-01-08 \u00b7 made 2026-11-29 14:03 UTC", Caption(html));
        }

        [Fact]
        public void Chart_data_built_by_hand_gets_a_caption_of_when_it_was_made_and_a_plain_period_axis()
        {
            var data = new MatomoChartData { Labels = { "a", "b" } };
            data.Datasets.Add(new MatomoChartDataset { Label = "x", Data = { 1, 2 } });

            string html = MatomoChartPage.Render(data, "t", MatomoChartType.Line, MatomoChartTotal.SecondAxis, Made, StubScript);

            Assert.Equal("made 2026-11-29 14:03 UTC", Caption(html));
            var layout = Block(html, "chart-layout");
            Assert.Equal("Period", layout.GetProperty("xTitle").GetString());
            Assert.Equal(JsonValueKind.Null, layout.GetProperty("yTitle").ValueKind);
        }

        [Fact]
        public void A_bar_chart_is_drawn_as_bars()
        {
            string html = Render(ChartDataTests.WeeksByLanguage(), type: MatomoChartType.Bar);

            Assert.Equal("bar", Block(html, "chart-layout").GetProperty("type").GetString());
        }

        [Fact]
        public void Chart_data_whose_datasets_do_not_match_the_labels_is_refused()
        {
            var data = MatomoChartData.FromRows(ChartDataTests.WeeksByLanguage());
            data.Datasets[1].Data.RemoveAt(0);

            var error = Assert.Throws<MatomoArgumentException>(() =>
                MatomoChartPage.Render(data, "t", MatomoChartType.Line, MatomoChartTotal.SecondAxis, Made, StubScript));

            Assert.Contains("'en' has 2 numbers for 3 labels", error.Message);
        }

        [Fact]
        public void A_dataset_on_an_axis_the_page_does_not_have_is_refused()
        {
            var data = MatomoChartData.FromRows(ChartDataTests.WeeksByLanguage());
            data.Datasets[0].YAxisId = "y3";

            var error = Assert.Throws<MatomoArgumentException>(() =>
                MatomoChartPage.Render(data, "t", MatomoChartType.Line, MatomoChartTotal.SecondAxis, Made, StubScript));

            Assert.Contains("'de' has the y axis 'y3'", error.Message);
        }

        [Fact]
        public void A_script_that_would_end_its_element_early_is_refused()
        {
            var data = MatomoChartData.FromRows(ChartDataTests.WeeksByLanguage());

            Assert.Throws<InvalidOperationException>(() =>
                MatomoChartPage.Render(data, "t", MatomoChartType.Line, MatomoChartTotal.SecondAxis, Made, "var a = '</SCRIPT>';"));
        }
    }
}
