using System;
using System.Linq;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>A report query checks every value before any request, and asks Matomo for numbers and every row.</summary>
    public sealed class ReportQueryTests
    {
        private static readonly DateTime Start = new DateTime(2025, 1, 1), End = new DateTime(2025, 1, 31);

        private static MatomoReportQuery Create(string report = "Actions.getPageUrls", MatomoPeriod period = MatomoPeriod.Month, string? label = null,
            int? limit = null, int offset = 0, string? sort = null, bool descending = false, string[]? columns = null, int? subtable = null) =>
            MatomoReportQuery.Create(report, new[] { 1, 2 }, period, Start, End, "pageUrl=@/de/", flat: true, label: label, subtableId: subtable,
                filter: "^/de/", sortColumn: sort, descending: descending, columns: columns, limit: limit, offset: offset);

        [Fact]
        public void The_request_asks_for_numbers_every_row_and_the_filters_given()
        {
            var request = Create(label: "de>/a.html", sort: "nb_hits", descending: true, columns: new[] { "nb_hits", "nb_visits" }).ToRequest();
            var parameters = request.Parameters.ToDictionary(p => p.Key, p => p.Value);

            Assert.Equal("Actions.getPageUrls", request.Method);
            // One month asked for: Matomo's single-date form, which every report takes (a date list of one it may refuse).
            Assert.Equal(("1,2", "month", "2025-01-01"), (parameters["idSite"], parameters["period"], parameters["date"]));
            Assert.Equal(("0", "-1", "1"), (parameters["format_metrics"], parameters["filter_limit"], parameters["flat"]));
            Assert.Equal(("de>/a.html", "^/de/", "pageUrl=@%2Fde%2F"), (parameters["label"], parameters["filter_pattern"], parameters["segment"]));
            Assert.Equal(("nb_hits", "desc", "nb_hits,nb_visits"), (parameters["filter_sort_column"], parameters["filter_sort_order"], parameters["showColumns"]));
            Assert.False(parameters.ContainsKey("filter_offset"));
        }

        [Fact]
        public void Paging_becomes_filter_limit_and_filter_offset_and_a_range_one_period()
        {
            var parameters = Create(period: MatomoPeriod.Range, limit: 10, offset: 20, subtable: 3).ToRequest().Parameters.ToDictionary(p => p.Key, p => p.Value);

            Assert.Equal(("10", "20", "3", "range"), (parameters["filter_limit"], parameters["filter_offset"], parameters["idSubtable"], parameters["period"]));
            Assert.Equal(1, Create(period: MatomoPeriod.Range).PeriodCount);
            Assert.Equal(5, Create(period: MatomoPeriod.Week).PeriodCount);
        }

        [Theory]
        [InlineData("getPageUrls", null, null, 0, null, false, "not a report name")]
        [InlineData("Actions.getPageUrls;x", null, null, 0, null, false, "not a report name")]
        [InlineData("Actions.getPageUrls", "de>>/a.html", null, 0, null, false, "has an empty label")]
        [InlineData("Actions.getPageUrls", "de>", null, 0, null, false, "has an empty label")]
        [InlineData("Actions.getPageUrls", null, 0, 0, null, false, "asks for nothing")]
        [InlineData("Actions.getPageUrls", null, null, -1, null, false, "is negative")]
        [InlineData("Actions.getPageUrls", null, null, 0, "nb hits", false, "not a column name")]
        [InlineData("Actions.getPageUrls", null, null, 0, null, true, "needs a column to sort by")]
        public void Bad_input_is_refused_with_a_sentence_before_any_request(string report, string? label, int? limit, int offset, string? sort, bool descending, string message)
        {
            var error = Assert.Throws<MatomoArgumentException>(() => Create(report, label: label, limit: limit, offset: offset, sort: sort, descending: descending));
            Assert.Contains(message, error.Message);
        }

        [Fact]
        public void Sites_and_dates_are_checked_as_for_visits()
        {
            Assert.Contains("after the end", Assert.Throws<MatomoArgumentException>(() =>
                MatomoReportQuery.Create("Actions.getPageUrls", new[] { 1 }, MatomoPeriod.Day, End, Start)).Message);
            Assert.Contains("more than once", Assert.Throws<MatomoArgumentException>(() => MatomoReportQuery.Create(new[] { 1, 1 }, Create().Range, Create().Definition)).Message);
            Assert.Contains("not valid", Assert.Throws<MatomoArgumentException>(() => Create(subtable: 0)).Message);
            Assert.Contains("Range (the whole range as one value) is for reports", Assert.Throws<MatomoArgumentException>(() =>
                MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Range, Start, End)).Message);
        }
    }
}
