using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    public sealed class VisitsTests : IClassFixture<FakeServerFixture>
    {
        private static readonly DateTime Q1Start = new DateTime(2023, 1, 1);
        private static readonly DateTime Q1End = new DateTime(2023, 3, 31);
        private readonly FakeServerFixture _fixture;

        public VisitsTests(FakeServerFixture fixture) => _fixture = fixture;

        private Task<System.Collections.Generic.IReadOnlyList<MatomoSeriesRow>> Get(MatomoPeriod period, MatomoMetric metric = MatomoMetric.Visits,
            int site = 1, string? segment = null, DateTime? start = null, DateTime? end = null)
        {
            var client = _fixture.Client();
            return client.GetVisitsAsync(MatomoSeriesQuery.Create(new[] { site }, metric, period, start ?? Q1Start, end ?? Q1End, segment));
        }

        /// <summary>What the double holds for a period, counted from its data set directly (not through HTTP).</summary>
        private long Expected(int site, DateTime first, DateTime last, MatomoMetric metric = MatomoMetric.Visits, string? encodedSegment = null)
        {
            var segment = encodedSegment == null ? null : FakeSegment.Parse(encodedSegment);
            var visits = _fixture.Server.Api.Data.Visits(site, first, last).Where(v => segment == null || segment.Matches(v)).ToList();
            return metric switch
            {
                MatomoMetric.Visits => visits.Count,
                MatomoMetric.Actions => visits.Sum(v => v.Actions),
                MatomoMetric.UniqueVisitors => visits.Select(v => v.VisitorId).Distinct().Count(),
                _ => visits.Where(v => v.UserId != null).Select(v => v.UserId).Distinct().Count(),
            };
        }

        [Fact]
        public async Task A_quarter_by_day_is_90_rows_with_the_doubles_values()
        {
            var rows = await Get(MatomoPeriod.Day);

            Assert.Equal(90, rows.Count);
            Assert.Equal(Q1Start, rows[0].Date);
            Assert.Equal(Q1End, rows[^1].Date);
            Assert.All(rows, row => Assert.Equal(Expected(1, row.Date, row.EndDate), row.Value));
            Assert.All(rows, row => Assert.Equal(row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Key));
            Assert.Contains(rows, row => row.Value > 0);
        }

        [Fact]
        public async Task A_quarter_by_week_is_14_rows_from_Monday_2022_12_26()
        {
            var rows = await Get(MatomoPeriod.Week, MatomoMetric.Actions);

            Assert.Equal(14, rows.Count);
            Assert.Equal(new DateTime(2022, 12, 26), rows[0].Date);
            Assert.Equal(new DateTime(2023, 1, 1), rows[0].EndDate);
            Assert.Equal("2022-12-26,2023-01-01", rows[0].Key);
            Assert.Equal("2023-03-27,2023-04-02", rows[^1].Key);
            Assert.All(rows, row => Assert.Equal(DayOfWeek.Monday, row.Date.DayOfWeek));
            Assert.All(rows, row => Assert.Equal(Expected(1, row.Date, row.EndDate, MatomoMetric.Actions), row.Value));
        }

        [Fact]
        public async Task A_quarter_by_month_is_3_rows_and_by_year_1_row()
        {
            var months = await Get(MatomoPeriod.Month, MatomoMetric.UniqueVisitors);
            var years = await Get(MatomoPeriod.Year);

            Assert.Equal(new[] { "2023-01", "2023-02", "2023-03" }, months.Select(row => row.Key));
            Assert.Equal(new DateTime(2023, 2, 28), months[1].EndDate);
            Assert.All(months, row => Assert.Equal(Expected(1, row.Date, row.EndDate, MatomoMetric.UniqueVisitors), row.Value));
            var year = Assert.Single(years);
            Assert.Equal("2023", year.Key);
            Assert.Equal(new DateTime(2023, 12, 31), year.EndDate);
            Assert.Equal(Expected(1, new DateTime(2023, 1, 1), new DateTime(2023, 12, 31)), year.Value);
        }

        [Fact]
        public async Task Users_per_week_are_counted_as_the_double_counts_them()
        {
            var rows = await Get(MatomoPeriod.Week, MatomoMetric.Users);
            Assert.All(rows, row => Assert.Equal(Expected(1, row.Date, row.EndDate, MatomoMetric.Users), row.Value));
            Assert.Contains(rows, row => row.Value > 0);
        }

        [Fact]
        public async Task Empty_periods_are_rows_with_zero_whether_Matomo_sends_0_or_an_empty_table()
        {
            var neverVisited = await Get(MatomoPeriod.Day, site: 3);
            var weekdaysOnly = await Get(MatomoPeriod.Day, site: 2);

            Assert.Equal(90, neverVisited.Count);
            Assert.All(neverVisited, row => Assert.Equal(0, row.Value));
            Assert.Equal(90, weekdaysOnly.Count);
            Assert.All(weekdaysOnly.Where(row => row.Date.DayOfWeek == DayOfWeek.Sunday), row => Assert.Equal(0, row.Value));
            Assert.Contains(weekdaysOnly, row => row.Value > 0);
        }

        [Fact]
        public async Task Several_sites_give_rows_for_each_site_from_one_nested_answer()
        {
            using var client = _fixture.Client();
            var rows = await client.GetVisitsAsync(MatomoSeriesQuery.Create(new[] { 1, 2 }, MatomoMetric.Visits, MatomoPeriod.Month, Q1Start, Q1End));

            Assert.Equal(new[] { 1, 1, 1, 2, 2, 2 }, rows.Select(row => row.SiteId));
            Assert.All(rows, row => Assert.Equal(Expected(row.SiteId, row.Date, row.EndDate), row.Value));
            Assert.Equal("1,2", _fixture.Server.Requests.Last(r => r.ApiMethod == "VisitsSummary.getVisits").Parameter("idSite"));
        }

        [Fact]
        public async Task A_segment_is_encoded_for_the_wire_and_counted_by_the_double()
        {
            const string segment = "pageUrl=@/de/;browserCode==FF";
            var rows = await Get(MatomoPeriod.Month, segment: segment);

            var sent = _fixture.Server.Requests.Last(r => r.ApiMethod == "VisitsSummary.getVisits").Parameter("segment");
            Assert.Equal("pageUrl=@%2Fde%2F;browserCode==FF", sent);
            Assert.All(rows, row => Assert.Equal(segment, row.Series));
            Assert.All(rows, row => Assert.Equal(segment, row.Segment));
            Assert.All(rows, row => Assert.Equal(Expected(1, row.Date, row.EndDate, encodedSegment: sent), row.Value));
            Assert.Contains(rows, row => row.Value > 0);
            Assert.Contains(rows, row => row.Value < Expected(1, row.Date, row.EndDate));
        }

        [Fact]
        public async Task Unique_visitors_for_a_year_come_back_as_Matomos_refusal()
        {
            var error = await Assert.ThrowsAsync<MatomoException>(() => Get(MatomoPeriod.Year, MatomoMetric.UniqueVisitors));

            Assert.Equal(MatomoErrorKind.InvalidRequest, error.Kind);
            Assert.Contains("The metric nb_uniq_visitors is not enabled for the requested period", error.Message);
        }

        [Fact]
        public void Start_after_end_is_refused_before_any_request()
        {
            int before = _fixture.Server.RequestCount;
            var error = Assert.Throws<MatomoArgumentException>(() =>
                MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, new DateTime(2023, 2, 1), new DateTime(2023, 1, 1)));

            Assert.Contains("2023-02-01 is after the end 2023-01-01", error.Message);
            Assert.Equal(before, _fixture.Server.RequestCount);
        }

        [Fact]
        public void A_range_before_Matomos_first_date_is_refused_before_any_request()
        {
            var error = Assert.Throws<MatomoArgumentException>(() =>
                MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, new DateTime(1990, 1, 1), new DateTime(2023, 1, 1)));
            Assert.Contains("1991-08-06", error.Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-3)]
        public void Site_ids_below_1_are_refused(int site) =>
            Assert.Throws<MatomoArgumentException>(() => MatomoSeriesQuery.Create(new[] { site }, MatomoMetric.Visits, MatomoPeriod.Day, Q1Start, Q1End));
    }
}
