using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The report reader against answers of a real Matomo 5.1.2 (tests/data/realmatomo/reports): every shape (one period,
    /// periods keyed by date with [] when empty, nested by site, a range, a report of one row) gives rows equal to the
    /// server's answer, column by column, with numbers as numbers.
    /// </summary>
    public sealed class ReportReaderTests
    {
        private static readonly MatomoExceptions Failures = new MatomoExceptions(MatomoToken.FromPlainText("0123456789abcdef0123456789abcdef"));
        private static readonly MatomoReader Reader = new MatomoReader(Failures, () => new DateTime(2025, 6, 30));

        internal static string RealAnswer(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RealMatomo", "reports", name));

        private static IReadOnlyList<MatomoReportTable> Read(string file, string report, MatomoPeriod period, string start, string end, params int[] sites)
        {
            var query = MatomoReportQuery.Create(report, sites.Length == 0 ? new[] { 1 } : sites, period, Day(start), Day(end));
            return Reader.ReadReport(query, query.Start, query.End, Encoding.UTF8.GetBytes(RealAnswer(file)), CultureInfo.InvariantCulture);
        }

        private static DateTime Day(string text) => DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        [Theory]
        [InlineData("Actions.getPageUrls__site1_month_2023-01_format_metrics-0.json", 5)]
        [InlineData("Actions.getPageUrls__site1_month_2023-01_flat.json", 30)]
        [InlineData("Actions.getPageTitles__site1_month_2023-01.json", 30)]
        [InlineData("Referrers.getReferrerType__site1_month_2023-01.json", 4)]
        [InlineData("UserCountry.getCountry__site1_month_2023-01.json", 5)]
        [InlineData("DevicesDetection.getBrowsers__site1_month_2023-01.json", 3)]
        public void One_period_as_a_list_gives_its_rows_equal_to_the_answer(string file, int count)
        {
            var table = Assert.Single(Read(file, file.Substring(0, file.IndexOf("__", StringComparison.Ordinal)), MatomoPeriod.Month, "2023-01-01", "2023-01-31"));

            Assert.Equal(count, table.Rows.Count);
            Assert.Equal(("2023-01", new DateTime(2023, 1, 1), new DateTime(2023, 1, 31)), (table.Key, table.Date, table.EndDate));
            AssertRowsEqual(JsonDocument.Parse(RealAnswer(file)).RootElement, table.Rows);
        }

        [Fact]
        public void Periods_keyed_by_date_give_a_table_per_period_and_an_empty_one_for_an_empty_period()
        {
            var tables = Read("Actions.getPageUrls__site2_day_2023-03-09..2023-03-10_empty-day.json", "Actions.getPageUrls", MatomoPeriod.Day, "2023-03-09", "2023-03-10", 2);

            Assert.Equal(new[] { "2023-03-09", "2023-03-10" }, tables.Select(table => table.Key));
            Assert.Empty(tables[0].Rows);
            Assert.Equal(new[] { "de", "en" }, tables[1].Rows.Select(row => row.Label));
            Assert.All(tables, table => Assert.Equal(2, table.SiteId));
            var answer = JsonDocument.Parse(RealAnswer("Actions.getPageUrls__site2_day_2023-03-09..2023-03-10_empty-day.json")).RootElement;
            AssertRowsEqual(answer.GetProperty("2023-03-10"), tables[1].Rows);
        }

        [Fact]
        public void Counts_a_day_sends_as_text_are_numbers_and_rates_are_fractions()
        {
            var tables = Read("Actions.getPageUrls__site1_day_2023-01-01..2023-01-03_flat.json", "Actions.getPageUrls", MatomoPeriod.Day, "2023-01-01", "2023-01-03");
            var home = tables[0].Rows.First(row => row.Label == "/en/");

            Assert.True(home.TryGetMetric("entry_nb_visits", out object? entries));
            Assert.Equal(4L, entries);
            Assert.True(home.TryGetMetric("bounce_rate", out object? rate));
            Assert.Equal(0.5, rate);
            Assert.True(home.TryGetMetric("url", out object? url));
            Assert.Equal("https://example.org/en/", url);
            Assert.Equal(3, tables.Count);
        }

        [Fact]
        public void Several_sites_nest_by_site_and_rows_come_by_period_then_site()
        {
            var tables = Read("Actions.getPageUrls__idSite-1,2_month_2023-01-01..2023-02-28.json", "Actions.getPageUrls", MatomoPeriod.Month, "2023-01-01", "2023-02-28", 1, 2);
            var answer = JsonDocument.Parse(RealAnswer("Actions.getPageUrls__idSite-1,2_month_2023-01-01..2023-02-28.json")).RootElement;

            Assert.Equal(new[] { (1, "2023-01"), (2, "2023-01"), (1, "2023-02"), (2, "2023-02") }, tables.Select(table => (table.SiteId, table.Key)));
            foreach (var table in tables)
                AssertRowsEqual(answer.GetProperty(table.SiteId.ToString(CultureInfo.InvariantCulture)).GetProperty(table.Key), table.Rows);
        }

        [Fact]
        public void A_range_of_several_sites_gives_one_table_per_site_keyed_by_the_range()
        {
            var tables = Read("Actions.getPageUrls__idSite-1,2_range_2023-03-01..2023-03-31.json", "Actions.getPageUrls", MatomoPeriod.Range, "2023-03-01", "2023-03-31", 1, 2);

            Assert.Equal(new[] { 1, 2 }, tables.Select(table => table.SiteId));
            Assert.All(tables, table => Assert.Equal(("2023-03-01,2023-03-31", new DateTime(2023, 3, 1), new DateTime(2023, 3, 31)), (table.Key, table.Date, table.EndDate)));
            Assert.All(tables, table => Assert.Equal("01 Mar 2023 \u2013 31 Mar 2023", table.PeriodLabel));
            var answer = JsonDocument.Parse(RealAnswer("Actions.getPageUrls__idSite-1,2_range_2023-03-01..2023-03-31.json")).RootElement;
            AssertRowsEqual(answer.GetProperty("2"), tables[1].Rows);
            Assert.Equal(new long[] { 418, 234, 106, 77, 48 }, tables[0].Rows.Select(row => Metric(row, "nb_hits")));
        }

        [Fact]
        public void A_report_of_one_row_gives_one_unlabelled_row_per_period()
        {
            var tables = Read("VisitsSummary.get__site1_month_2023-01-01..2023-02-28_format_metrics-0.json", "VisitsSummary.get", MatomoPeriod.Month, "2023-01-01", "2023-02-28");
            var range = Read("VisitsSummary.get__site1_range_2023-01-01..2023-02-28_format_metrics-0.json", "VisitsSummary.get", MatomoPeriod.Range, "2023-01-01", "2023-02-28");

            Assert.Equal(new long[] { 469, 434 }, tables.Select(table => Metric(Assert.Single(table.Rows), "nb_visits")));
            Assert.All(tables, table => Assert.Equal(string.Empty, table.Rows[0].Label));
            Assert.Equal(903, Metric(Assert.Single(Assert.Single(range).Rows), "nb_visits"));
            Assert.True(range[0].Rows[0].TryGetMetric("bounce_rate", out object? rate));
            Assert.Equal(0.43, rate);
        }

        [Fact]
        public void A_label_path_without_a_match_gives_empty_tables_for_every_period()
        {
            var tables = Read("Actions.getPageUrls__site1_month_2023-01..2023-02-28_label-no-match.json", "Actions.getPageUrls", MatomoPeriod.Month, "2023-01-01", "2023-02-28");

            Assert.Equal(new[] { "2023-01", "2023-02" }, tables.Select(table => table.Key));
            Assert.All(tables, table => Assert.Empty(table.Rows));
        }

        [Fact]
        public void A_row_keeps_its_segment_as_a_user_writes_it_and_its_subtable_id()
        {
            var folder = Read("Actions.getPageUrls__site1_month_2023-01_format_metrics-0.json", "Actions.getPageUrls", MatomoPeriod.Month, "2023-01-01", "2023-01-31")[0].Rows[0];
            var title = Read("Actions.getPageTitles__site1_month_2023-01_flat.json", "Actions.getPageTitles", MatomoPeriod.Month, "2023-01-01", "2023-01-31")[0].Rows[0];

            Assert.Equal(("en", 1), (folder.Label, folder.SubtableId));
            Assert.Equal("pageUrl=^https://example.org/en", folder.RowSegment);
            Assert.Equal("pageTitle==en home", title.RowSegment);
            Assert.Null(title.SubtableId);
            // Sent back as a segment, each value is encoded once more: what Matomo decodes is the row's page again.
            Assert.Equal("pageUrl=^https%3A%2F%2Fexample.org%2Fen", MatomoSegment.Encode(folder.RowSegment));
        }

        [Fact]
        public void A_row_read_once_in_full_keeps_its_values_and_lets_go_of_the_answer_it_came_from()
        {
            var (row, answer) = ReadOneRowOfABigAnswer();
            var before = (row.Label, row.RowSegment, string.Join(";", row.GetMetrics().Select(m => m.Key + "=" + m.Value)));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            Assert.False(answer.IsAlive, "a row kept after a filter would hold its whole answer");
            Assert.Equal(before, (row.Label, row.RowSegment, string.Join(";", row.GetMetrics().Select(m => m.Key + "=" + m.Value))));
            Assert.True(row.TryGetMetric("nb_hits", out object? hits) && hits is long);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static (MatomoReportRow Row, WeakReference Answer) ReadOneRowOfABigAnswer()
        {
            byte[] body = Encoding.UTF8.GetBytes(RealAnswer("Actions.getPageUrls__site1_month_2023-01_flat.json"));
            var query = MatomoReportQuery.Create("Actions.getPageUrls", new[] { 1 }, MatomoPeriod.Month, Day("2023-01-01"), Day("2023-01-31"));
            var row = Reader.ReadReport(query, query.Start, query.End, body, CultureInfo.InvariantCulture)[0].Rows[7];
            row.GetMetrics();
            return (row, new WeakReference(body));
        }

        [Theory]
        [InlineData("{\"2023-01\":[]}", "lacks 1 of its periods")]
        [InlineData("{\"2023-01\":[],\"2023-02\":[],\"2023-03\":[]}", "was not asked for")]
        [InlineData("{\"2023-01\":[1,2],\"2023-02\":[]}", "no a report row")]
        [InlineData("[{\"label\":\"a\"}]", "an object keyed by period")]
        [InlineData("{\"2023-01\":[{\"label\":\"a\"", "is not valid JSON")]
        public void An_answer_of_the_wrong_shape_is_a_protocol_failure_that_quotes_it(string answer, string message)
        {
            var query = MatomoReportQuery.Create("Actions.getPageUrls", new[] { 1 }, MatomoPeriod.Month, Day("2023-01-01"), Day("2023-02-28"));
            var error = Assert.Throws<MatomoException>(() => Reader.ReadReport(query, query.Start, query.End, Encoding.UTF8.GetBytes(answer), CultureInfo.InvariantCulture));

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains(message, error.Message);
        }

        internal static long Metric(MatomoReportRow row, string name) =>
            row.TryGetMetric(name, out object? value) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"{row} has no {name}");

        /// <summary>Every row of the answer, in order, has the label, subtable id and columns of the read row; numbers as numbers.</summary>
        internal static void AssertRowsEqual(JsonElement answer, IReadOnlyList<MatomoReportRow> rows)
        {
            Assert.Equal(answer.GetArrayLength(), rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                var expected = answer[i];
                var row = rows[i];
                Assert.Equal(expected.GetProperty("label").GetString(), row.Label);
                Assert.Equal(expected.TryGetProperty("idsubdatatable", out var id) ? id.GetInt32() : (int?)null, row.SubtableId);
                var columns = expected.EnumerateObject().Where(p => p.Name is not ("label" or "segment" or "idsubdatatable")).ToList();
                Assert.Equal(columns.Select(p => p.Name), row.GetMetrics().Select(pair => pair.Key));
                foreach (var column in columns)
                {
                    Assert.True(row.TryGetMetric(column.Name, out object? value));
                    if (column.Value.ValueKind == JsonValueKind.Number || double.TryParse(column.Value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        Assert.True(value is long || value is double, $"{column.Name} of {row.Label} is {value?.GetType().Name}, not a number");
                        Assert.Equal(double.Parse(column.Value.ToString(), CultureInfo.InvariantCulture), Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        Assert.Equal(column.Value.GetString(), value);
                    }
                }
            }
        }
    }
}
