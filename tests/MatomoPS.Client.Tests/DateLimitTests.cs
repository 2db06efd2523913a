using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// Dates Matomo cannot answer are refused before any request, and the period arithmetic of every accepted date and
    /// of every key an answer may hold stays inside DateTime.
    /// </summary>
    public sealed class DateLimitTests
    {
        private static readonly int[] Site = { 1 };

        private static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        [Fact]
        public void The_latest_date_is_31_December_nine_years_ahead_below_the_real_server_s_cut()
        {
            // Matomo 5.1.2 cuts at 31 December ten years ahead of its clock (tests/data/realmatomo/ours/horizon__*).
            Assert.Equal(new DateTime(DateTime.UtcNow.Year + 9, 12, 31), MatomoDateRange.LatestDate);
        }

        [Theory]
        [InlineData("9999-12-30", "9999-12-31", "The start 9999-12-30 is after")]
        [InlineData("+10y-12-30", "+11y-01-02", "The start +10y-12-30 is after")]
        [InlineData("latest", "+10y-01-01", "The end +10y-01-01 is after")]
        public void A_date_after_the_latest_is_refused_by_every_query_naming_it(string start, string end, string says)
        {
            DateTime first = Date(start), last = Date(end);
            string expected = Expand(says) + " " + Iso(MatomoDateRange.LatestDate);

            var series = Assert.Throws<MatomoArgumentException>(() => MatomoSeriesQuery.Create(Site, MatomoMetric.Visits, MatomoPeriod.Day, first, last));
            var report = Assert.Throws<MatomoArgumentException>(() => MatomoReportQuery.Create("Actions.getPageUrls", Site, MatomoPeriod.Range, first, last));

            Assert.Contains(expected, series.Message);
            Assert.Contains("31 December ten years from now", series.Message);
            Assert.Contains(expected, report.Message);
        }

        [Theory]
        [InlineData(MatomoPeriod.Day)]
        [InlineData(MatomoPeriod.Week)]
        [InlineData(MatomoPeriod.Month)]
        [InlineData(MatomoPeriod.Year)]
        public void The_latest_date_itself_is_accepted_and_its_period_is_expected(MatomoPeriod period)
        {
            var latest = MatomoDateRange.LatestDate;
            var query = MatomoSeriesQuery.Create(Site, MatomoMetric.Visits, period, latest.AddYears(-2), latest);

            var last = MatomoPeriodKey.Expected(period, query.Start, query.End).Values.Last();

            Assert.Equal(latest, query.End);
            Assert.InRange(latest, last.Start, last.End);
        }

        [Theory]
        [InlineData(MatomoPeriod.Month, "9999-12", "9999-12-31")]
        [InlineData(MatomoPeriod.Year, "9999", "9999-12-31")]
        [InlineData(MatomoPeriod.Week, "9999-12-20,9999-12-26", "9999-12-26")]
        public void Keys_of_the_last_year_a_date_can_have_name_their_last_day(MatomoPeriod period, string key, string last)
        {
            Assert.Equal(last, Iso(MatomoPeriodKey.Parse(period, key).End));
        }

        [Fact]
        public void A_week_key_that_would_end_after_the_year_9999_is_refused_as_a_key()
        {
            // Monday 9999-12-27: its Sunday cannot be written, so no key can name that week.
            Assert.Throws<FormatException>(() => MatomoPeriodKey.Parse(MatomoPeriod.Week, "9999-12-27,9999-12-31"));
        }

        [Fact]
        public async Task A_server_whose_clock_is_behind_cuts_the_range_and_the_error_says_so_not_that_the_answer_is_broken()
        {
            // The double's clock in 2020: it answers no day after 2030-12-31, a date this client accepts.
            using var server = FakeMatomoServer.Start(new DateTime(2020, 1, 1));
            using var client = FakeServerFixture.NewClient(server.BaseUrl);
            var query = MatomoSeriesQuery.Create(Site, MatomoMetric.Visits, MatomoPeriod.Day, new DateTime(2030, 12, 30), new DateTime(2031, 1, 2));

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.FetchSeries(new[] { query }, new MatomoFetchOptions())[0]);

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains("lacks 2 of its periods (2031-01-01, 2031-01-02)", error.Message);
            Assert.Contains("it stops at 2030-12-31, and Matomo answers no day after 31 December ten years from now", error.Message);
            Assert.Contains("the server's clock is behind", error.Message);
        }

        /// <summary><c>+10y-12-30</c> is 30 December ten years after this one; <c>latest</c> is <see cref="MatomoDateRange.LatestDate"/>.</summary>
        private static DateTime Date(string text) =>
            text == "latest" ? MatomoDateRange.LatestDate : DateTime.ParseExact(Expand(text), "yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Expand(string text) => text
            .Replace("+10y", (DateTime.UtcNow.Year + 10).ToString(CultureInfo.InvariantCulture))
            .Replace("+11y", (DateTime.UtcNow.Year + 11).ToString(CultureInfo.InvariantCulture));
    }
}
