using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Get-MatomoSiteSummary as a user meets it: every site at a glance in one request, the numbers those of the sites'
    /// own visit series, the previous period and its change as a fraction, busiest first, refused input before any
    /// request, and rows that pipe into the other commands by SiteId. The double's today is 2025-06-30.
    /// </summary>
    public sealed class SiteSummaryCommandTests : SessionTest
    {
        public SiteSummaryCommandTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        private static MatomoSiteSummary[] Summaries(IEnumerable<PSObject> output) => output.Select(o => (MatomoSiteSummary)o.BaseObject).ToArray();

        private List<FakeRequestRecord> Sent(int since) => Fixture.Server.Requests.Where(r => r.Number > since).ToList();

        /// <summary>The visits or actions of one site over some days, from Get-MatomoVisits (VisitsSummary): the numbers to agree with.</summary>
        private long Series(int site, string metric, DateTime start, DateTime end)
        {
            var rows = Rows(Shell.Run($"Get-MatomoVisits -SiteId {site} -Metric {metric} -Period Day -Start {start:yyyy-MM-dd} -End {end:yyyy-MM-dd} -NoCache"));
            Assert.Empty(Shell.Errors);
            return rows.Sum(row => row.Value);
        }

        [Fact]
        public void By_default_every_site_of_yesterday_comes_from_one_request_busiest_first_and_agrees_with_each_sites_visits()
        {
            int before = Fixture.Server.RequestCount;

            var rows = Summaries(Shell.Run("Get-MatomoSiteSummary"));

            Assert.Empty(Shell.Errors);
            var request = Assert.Single(Sent(before));
            Assert.Equal("MultiSites.getAll", request.ApiMethod);
            Assert.Equal("day", request.Parameter("period"));
            Assert.Equal("2025-06-29", request.Parameter("date"));
            Assert.Equal("1", request.Parameter("enhanced"));
            Assert.Equal(new[] { 1, 2, 3 }, rows.Select(row => row.SiteId).OrderBy(id => id));
            Assert.Equal(rows.Select(row => row.Visits).OrderByDescending(v => v), rows.Select(row => row.Visits));
            var yesterday = new DateTime(2025, 6, 29);
            foreach (var row in rows)
            {
                Assert.Equal((MatomoPeriod.Day, yesterday, yesterday, yesterday.AddDays(-1), yesterday.AddDays(-1)),
                    (row.Period, row.Start, row.End, row.PreviousStart, row.PreviousEnd));
                Assert.Equal(Series(row.SiteId, "Visits", yesterday, yesterday), row.Visits);
                Assert.Equal(Series(row.SiteId, "Actions", yesterday, yesterday), row.Actions);
                Assert.Equal(Series(row.SiteId, "Visits", yesterday.AddDays(-1), yesterday.AddDays(-1)), row.PreviousVisits);
            }
        }

        [Fact]
        public void A_month_holds_its_whole_days_and_the_change_is_the_exact_fraction_against_the_month_before()
        {
            var rows = Summaries(Shell.Run("Get-MatomoSiteSummary -SiteId 1 -Period Month -Date 2025-05-17"));

            Assert.Empty(Shell.Errors);
            var row = Assert.Single(rows);
            Assert.Equal((new DateTime(2025, 5, 1), new DateTime(2025, 5, 31)), (row.Start, row.End));
            Assert.Equal((new DateTime(2025, 4, 1), new DateTime(2025, 4, 30)), (row.PreviousStart, row.PreviousEnd));
            long may = Series(1, "Visits", row.Start, row.End), april = Series(1, "Visits", row.PreviousStart, row.PreviousEnd);
            Assert.True(may > 0 && april > 0);
            Assert.Equal((may, april), (row.Visits, row.PreviousVisits!.Value));
            Assert.Equal((double)(may - april) / april, row.VisitsChange!.Value, 12);
            Assert.Equal(row.Actions, row.Pageviews);
            Assert.Equal((0m, 0L), (row.Revenue!.Value, row.Conversions!.Value));
            Assert.Null(row.RevenueChange);
        }

        [Fact]
        public void A_range_is_compared_with_as_many_days_just_before_it()
        {
            int before = Fixture.Server.RequestCount;

            var row = Summaries(Shell.Run("Get-MatomoSiteSummary -SiteId 2 -Period Range -Start 2025-05-10 -End 2025-05-19")).Single();

            Assert.Empty(Shell.Errors);
            Assert.Equal("2025-05-10,2025-05-19", Sent(before).Single().Parameter("date"));
            Assert.Equal((new DateTime(2025, 4, 30), new DateTime(2025, 5, 9)), (row.PreviousStart, row.PreviousEnd));
            Assert.Equal(Series(2, "Visits", row.PreviousStart, row.PreviousEnd), row.PreviousVisits);
        }

        [Fact]
        public void A_change_from_nothing_is_left_empty_rather_than_invented_and_the_table_says_from_0()
        {
            // Site 1 of the double has visits from 2020-01-01 on: the day before had none. Site 3 never had any.
            var rows = Summaries(Shell.Run("Get-MatomoSiteSummary -SiteId 1, 3 -Date 2020-01-01"));

            Assert.Empty(Shell.Errors);
            var first = rows.Single(row => row.SiteId == 1);
            Assert.True(first.Visits > 0);
            Assert.Equal(0L, first.PreviousVisits);
            Assert.Null(first.VisitsChange);
            var quiet = rows.Single(row => row.SiteId == 3);
            Assert.Equal((0L, 0L), (quiet.Visits, quiet.PreviousVisits!.Value));
            Assert.Null(quiet.VisitsChange);
            Shell.Run("Get-MatomoSiteSummary -SiteId 1 -Date 2020-01-01 | Out-String -Width 200");
            Assert.Contains("from 0", Shell.EverythingShown());
        }

        [Theory]
        [InlineData("-Sort Name", "Name")]
        [InlineData("-Sort Visits", "Visits")]
        [InlineData("-Sort Visits -Descending", "VisitsDescending")]
        public void Sort_orders_by_the_figure_named_smallest_first_unless_descending(string sort, string expected)
        {
            var rows = Summaries(Shell.Run($"Get-MatomoSiteSummary -Period Month -Date 2025-05-01 {sort}"));

            Assert.Empty(Shell.Errors);
            var ordered = expected switch
            {
                "Name" => rows.OrderBy(row => row.Name, StringComparer.CurrentCultureIgnoreCase),
                "Visits" => rows.OrderBy(row => row.Visits),
                _ => rows.OrderByDescending(row => row.Visits),
            };
            Assert.Equal(ordered.Select(row => row.SiteId), rows.Select(row => row.SiteId));
        }

        [Fact]
        public void Rows_pipe_into_the_other_commands_by_site_id()
        {
            var rows = Rows(Shell.Run("Get-MatomoSiteSummary -Period Month -Date 2025-05-01 | Where-Object Visits -gt 0 | Get-MatomoVisits -Period Month -Start 2025-05-01 -End 2025-05-31 -NoCache"));

            Assert.Empty(Shell.Errors);
            var summaries = Summaries(Shell.Run("Get-MatomoSiteSummary -Period Month -Date 2025-05-01")).Where(row => row.Visits > 0).ToList();
            Assert.Equal(summaries.Select(row => (row.SiteId, row.Visits)).OrderBy(x => x.SiteId), rows.Select(row => (row.SiteId, row.Value)).OrderBy(x => x.SiteId));
        }

        [Fact]
        public void The_table_shows_the_change_as_a_percentage_and_never_the_token()
        {
            Shell.Run("Get-MatomoSiteSummary -Period Month -Date 2025-05-01 | Out-String -Width 200");

            string shown = Shell.EverythingShown();
            Assert.Matches(@"SiteId\s+Name\s+Visits\s+Actions\s+Pageviews\s+Revenue\s+VisitsChange\s+Period", shown);
            Assert.Matches(@"[+-]\d+[.,]\d%", shown);
            Assert.Contains("Month 2025-05-01..2025-05-31", shown);
            Assert.DoesNotContain(FakeTokens.View, shown);
        }

        [Theory]
        [InlineData("Get-MatomoSiteSummary -Period Range -Date 2025-05-01", "-Date picks one day, week, month or year; with -Period Range give -Start and -End.")]
        [InlineData("Get-MatomoSiteSummary -Period Month -Start 2025-05-01", "-Start and -End are for -Period Range; for one month give -Date, a day within it.")]
        [InlineData("Get-MatomoSiteSummary -Start 2025-05-01 -End 2025-05-31", "-Start and -End are for -Period Range; for one day give -Date, a day within it.")]
        [InlineData("Get-MatomoSiteSummary -Period Range -Start 2025-05-31 -End 2025-05-01", "after")]
        [InlineData("Get-MatomoSiteSummary -Sort Bounces", "Bounces")]
        [InlineData("Get-MatomoSiteSummary -Period Week,Month", "Give one value")]
        public void Bad_input_is_refused_before_any_request(string script, string message)
        {
            int before = Fixture.Server.RequestCount;

            var output = Shell.Run(script);

            Assert.Empty(output);
            var error = Assert.Single(Shell.Errors);
            Assert.Contains(message, error.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void A_site_the_token_may_not_view_is_refused_with_the_sites_it_may_view_and_no_summary_is_asked_for()
        {
            int before = Fixture.Server.RequestCount;

            Shell.Run("Get-MatomoSiteSummary -SiteId 2, 999");

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("The token may not view site 999", error.ToString());
            Assert.DoesNotContain(Sent(before), request => request.ApiMethod == "MultiSites.getAll");
        }
    }
}
