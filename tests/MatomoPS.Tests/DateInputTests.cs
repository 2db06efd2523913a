using System;
using System.Linq;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The dates a report command asks for: by default the last 30 complete days of the site, in the site's time zone
    /// (not the machine's); given dates as the calendar dates written, whatever offset or form they are written in.
    /// </summary>
    public sealed class DateInputTests : SessionTest
    {
        // 11:00 UTC on the double's today: 23:00 of the day before at UTC-12, 01:00 of the day after at UTC+14.
        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 6, 30, 11, 0, 0, TimeSpan.Zero);
        public DateInputTests(ServerFixture fixture) : base(fixture, ServerFixture.NewSession(() => Now))
        {
            // This token views sites 4 (UTC-12), 5 (Pacific/Kiritimati, UTC+14) and 7 (a zone no machine knows) of the double.
            ConnectTo(token: FakeTokens.ManySites);
        }

        [Theory]
        [InlineData("4", "2025-06-28")]
        [InlineData("5", "2025-06-30")]
        [InlineData("5, 4, 1", "2025-06-28")]
        public void The_default_range_ends_on_the_sites_own_yesterday_the_earliest_of_several(string sites, string yesterday)
        {
            var rows = Rows(Shell.Run($"Get-MatomoVisits -SiteId {sites}"));

            Assert.Empty(Shell.Errors);
            Assert.Empty(Shell.Warnings);
            var end = DateTime.Parse(yesterday);
            Assert.Equal(30 * sites.Split(',').Length, rows.Length);
            Assert.Equal(end, rows.Max(row => row.Date));
            Assert.Equal(end.AddDays(-29), rows.Min(row => row.Date));
        }

        [Fact]
        public void Language_visits_and_reports_count_the_default_range_in_the_site_s_zone_too()
        {
            var rows = Rows(Shell.Run("Get-MatomoLanguageVisits -Language de -SiteId 5"));
            Assert.Empty(Shell.Errors);
            Assert.Equal(new DateTime(2025, 6, 30), rows.Max(row => row.Date));

            Fixture.Server.ClearRequests();
            Shell.Run("Get-MatomoReport Actions.getPageUrls -SiteId 4 -Period Range");
            Assert.Empty(Shell.Errors);
            var report = Assert.Single(Fixture.Server.Requests, request => request.ApiMethod == "Actions.getPageUrls");
            Assert.Equal("2025-05-30,2025-06-28", report.Parameter("date"));
        }

        [Fact]
        public void A_site_zone_this_machine_does_not_know_counts_in_UTC_with_a_warning_that_names_it()
        {
            var rows = Rows(Shell.Run("Get-MatomoVisits -SiteId 7"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new DateTime(2025, 6, 29), rows.Max(row => row.Date));
            var warning = Assert.Single(Shell.Warnings);
            Assert.Contains("The time zone 'Mars/Olympus_Mons' of site 7 is not known on this machine", warning);
            Assert.Contains("ends yesterday in UTC", warning);

            // Given an end, the zone does not matter.
            Shell.Run("Get-MatomoVisits -SiteId 7 -End 2025-06-10");
            Assert.Empty(Shell.Warnings);
        }

        [Theory]
        // Written with offsets no machine's zone keeps as the same day: +14:00 is the latest zone, -12:00 the earliest.
        [InlineData("-Start 2023-01-01T00:00:00+14:00 -End 2023-01-03T23:59:00-12:00")]
        [InlineData("-Start '2023-01-01 00:00 +14:00' -End '2023-01-03 23:59 -12:00'")]
        [InlineData("-Start ([DateTimeOffset]'2023-01-01T00:00:00+14:00') -End ([DateTimeOffset]'2023-01-03T23:59:00-12:00')")]
        // Eight digits, which PowerShell alone reads as ticks (0001-01-01).
        [InlineData("-Start 20230101 -End 20230103")]
        [InlineData("-Start '20230101' -End '20230103'")]
        public void A_date_is_the_calendar_date_written_never_moved_by_an_offset_or_the_machine_s_zone(string dates)
        {
            var rows = Rows(Shell.Run($"Get-MatomoVisits -SiteId 1 {dates}"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { "2023-01-01", "2023-01-02", "2023-01-03" }, rows.Select(row => row.Key));
        }
    }
}
