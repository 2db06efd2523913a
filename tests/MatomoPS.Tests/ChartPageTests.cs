using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MatomoPS.Client;
using MatomoPS.Charts;

namespace MatomoPS.Tests
{
    /// <summary>The chart page as text: one file, nothing outside it, every user text encoded.</summary>
    public sealed class ChartPageTests
    {
        private const string StubScript = "/* chart.js stand-in */ window.Chart = function () {};";

        private static string Render(IEnumerable<MatomoVisitsRow> rows, string title = "Visits per week", MatomoChartType type = MatomoChartType.Line) =>
            MatomoChartPage.Render(MatomoChartData.FromRows(rows), title, type, StubScript);

        [Fact]
        public void The_page_inlines_the_script_and_references_nothing_outside_itself()
        {
            string html = Render(ChartDataTests.WeeksByLanguage());

            Assert.Single(Regex.Matches(html, Regex.Escape(StubScript)));
            Assert.DoesNotMatch(@"(?i)\b(src|href)\s*=", html);
            Assert.DoesNotMatch(@"(?i)@import|url\(", html);
            Assert.Contains("beginAtZero: true", html);
            Assert.Contains("type: 'line'", html);
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
        public void A_bar_chart_is_drawn_as_bars()
        {
            Assert.Contains("type: 'bar'", Render(ChartDataTests.WeeksByLanguage(), type: MatomoChartType.Bar));
        }

        [Fact]
        public void Chart_data_whose_datasets_do_not_match_the_labels_is_refused()
        {
            var data = MatomoChartData.FromRows(ChartDataTests.WeeksByLanguage());
            data.Datasets[1].Data.RemoveAt(0);

            var error = Assert.Throws<MatomoArgumentException>(() => MatomoChartPage.Render(data, "t", MatomoChartType.Line, StubScript));

            Assert.Contains("'en' has 2 numbers for 3 labels", error.Message);
        }

        [Fact]
        public void A_script_that_would_end_its_element_early_is_refused()
        {
            var data = MatomoChartData.FromRows(ChartDataTests.WeeksByLanguage());

            Assert.Throws<InvalidOperationException>(() => MatomoChartPage.Render(data, "t", MatomoChartType.Line, "var a = '</SCRIPT>';"));
        }
    }
}
