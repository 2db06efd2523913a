using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Reset-MatomoArchive as an operator meets it: -WhatIf sends nothing, the request names each period once, what was
    /// invalidated comes back with what happens next, a token that is not a super user's gets a clear permission error,
    /// bad input is refused before any request, and the local cache forgets those days. The double's today is 2025-06-30.
    /// </summary>
    public sealed class ArchiveResetCommandTests : SessionTest
    {
        private const string Method = "CoreAdminHome.invalidateArchivedReports";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "matomops-reset-test-" + Guid.NewGuid().ToString("N"));

        public ArchiveResetCommandTests(ServerFixture fixture) : base(fixture) { }

        public override void Dispose()
        {
            base.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private List<FakeRequestRecord> Sent(int since) => Fixture.Server.Requests.Where(r => r.Number > since).ToList();

        private MatomoArchiveInvalidation Reset(string arguments)
        {
            var output = Shell.Run($"Reset-MatomoArchive {arguments} -Confirm:$false");
            Assert.Empty(Shell.Errors);
            return (MatomoArchiveInvalidation)Assert.Single(output).BaseObject;
        }

        [Fact]
        public void WhatIf_sends_nothing_and_writes_nothing()
        {
            ConnectTo(token: FakeTokens.SuperUser);
            int before = Fixture.Server.RequestCount;

            var output = Shell.Run("Reset-MatomoArchive -SiteId 2 -Start 2025-06-10 -WhatIf");

            Assert.Empty(output);
            Assert.Empty(Shell.Errors);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void One_day_of_one_site_is_one_request_and_says_what_was_invalidated_and_what_happens_next()
        {
            ConnectTo(token: FakeTokens.SuperUser);
            int before = Fixture.Server.RequestCount;

            var done = Reset("-SiteId 2 -Start 2025-06-10 -Verbose");

            var request = Assert.Single(Sent(before));
            Assert.Equal(Method, request.ApiMethod);
            Assert.Equal(("2", "day", "2025-06-10"), (request.Parameter("idSites"), request.Parameter("period"), request.Parameter("dates")));
            Assert.Null(request.Parameter("segment"));
            Assert.Null(request.Parameter("cascadeDown"));
            Assert.Equal(new[] { 2 }, done.SiteId);
            Assert.Equal((MatomoPeriod.Day, new DateTime(2025, 6, 10), new DateTime(2025, 6, 10)), (done.Period, done.Start, done.End));
            Assert.Equal(new[] { "Success. The following dates were invalidated successfully: 2025-06-10" }, done.Messages);
            Assert.Contains("serves these reports as before until its next archiving run", done.Note);
            Assert.Contains(Shell.Verbose, line => line.Contains("browser-triggered archiving", StringComparison.Ordinal));
            Shell.Run("Reset-MatomoArchive -SiteId 2 -Start 2025-06-10 -Confirm:$false | Out-String -Width 200");
            string shown = Shell.EverythingShown();
            Assert.Contains("Success. The following dates were invalidated successfully: 2025-06-10", shown);
            Assert.DoesNotContain(FakeTokens.SuperUser, shown);
        }

        [Theory]
        [InlineData("-Period Day -Start 2025-06-09 -End 2025-06-11", "day", "2025-06-09,2025-06-10,2025-06-11", "2025-06-09", "2025-06-11")]
        [InlineData("-Period Week -Start 2025-06-11 -End 2025-06-17", "week", "2025-06-09,2025-06-16", "2025-06-09", "2025-06-22")]
        [InlineData("-Period Month -Start 2025-05-20 -End 2025-06-02", "month", "2025-05-01,2025-06-01", "2025-05-01", "2025-06-30")]
        [InlineData("-Period Range -Start 2025-05-20 -End 2025-06-02", "range", "2025-05-20,2025-06-02", "2025-05-20", "2025-06-02")]
        public void Each_period_of_the_days_is_named_once_and_the_output_spans_the_whole_periods(string arguments, string period, string dates, string start, string end)
        {
            ConnectTo(token: FakeTokens.SuperUser);
            int before = Fixture.Server.RequestCount;

            var done = Reset($"-SiteId 1, 2 {arguments}");

            var request = Assert.Single(Sent(before));
            Assert.Equal(("1,2", period, dates), (request.Parameter("idSites"), request.Parameter("period"), request.Parameter("dates")));
            Assert.Equal((start, end), (done.Start.ToString("yyyy-MM-dd"), done.End.ToString("yyyy-MM-dd")));
            Assert.Equal(new[] { 1, 2 }, done.SiteId);
        }

        [Fact]
        public void A_segment_goes_encoded_as_reports_ask_for_it_and_cascade_down_is_sent()
        {
            ConnectTo(token: FakeTokens.SuperUser);
            int before = Fixture.Server.RequestCount;

            var done = Reset("-SiteId 1 -Start 2025-06-01 -Period Month -Segment 'pageUrl=@/de/' -CascadeDown");

            var request = Assert.Single(Sent(before));
            Assert.Equal(("pageUrl=@%2Fde%2F", "1"), (request.Parameter("segment"), request.Parameter("cascadeDown")));
            Assert.Equal(("pageUrl=@/de/", true), (done.Segment, done.CascadeDown));
            var asked = Fixture.Server.Api.Invalidations.Last();
            Assert.Equal(new[] { "2025-06-01" }, asked.Dates);
        }

        [Fact]
        public void A_token_that_is_not_a_super_users_gets_a_clear_permission_error()
        {
            ConnectTo(token: FakeTokens.View);

            var output = Shell.Run("Reset-MatomoArchive -SiteId 2 -Start 2025-06-10 -Confirm:$false");

            Assert.Empty(output);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoAccessDenied", error.FullyQualifiedErrorId);
            string message = error.ErrorDetails?.Message ?? error.Exception.Message;
            Assert.Contains($"{Method} needs a super user's token on {Fixture.Server.BaseUrl}", message);
            Assert.Contains("does not exist or is not available", message);
            Assert.DoesNotContain(FakeTokens.View, Shell.EverythingShown());
        }

        [Theory]
        [InlineData("-SiteId 2 -Start 2025-06-10 -End 2025-06-01", "after")]
        [InlineData("-SiteId 2 -Start 2025-06-10 -Segment ' '", "blank")]
        [InlineData("-SiteId 2 -Start 2025-06-10 -Segment 'nonsense'", "nonsense")]
        [InlineData("-SiteId 2 -Start 2025-06-10 -Period Day,Week", "Give one value")]
        [InlineData("-SiteId 0 -Start 2025-06-10", "SiteId")]
        [InlineData("-SiteId 999 -Start 2025-06-10", "The token may not view site 999")]
        public void Bad_input_is_refused_before_anything_is_invalidated(string arguments, string message)
        {
            ConnectTo(token: FakeTokens.View);
            int before = Fixture.Server.RequestCount;

            Shell.Run($"Reset-MatomoArchive {arguments} -Confirm:$false");

            var error = Assert.Single(Shell.Errors);
            Assert.Contains(message, error.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Sent(before), request => request.ApiMethod == Method);
        }

        [Fact]
        public void Sites_come_from_the_pipeline_by_site_id_and_go_in_one_request()
        {
            ConnectTo(token: FakeTokens.SuperUser);
            int before = Fixture.Server.RequestCount;

            var output = Shell.Run("Get-MatomoSite -SiteId 1, 2 | Reset-MatomoArchive -Start 2025-06-10 -Confirm:$false");

            Assert.Empty(Shell.Errors);
            var done = (MatomoArchiveInvalidation)Assert.Single(output).BaseObject;
            Assert.Equal(new[] { 1, 2 }, done.SiteId);
            var request = Assert.Single(Sent(before), r => r.ApiMethod == Method);
            Assert.Equal("1,2", request.Parameter("idSites"));
        }

        [Fact]
        public void The_cache_entries_of_those_sites_and_days_are_dropped_and_the_others_kept()
        {
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -Cache ReadWrite -CachePath $folder",
                new Dictionary<string, object?> { ["url"] = Fixture.Server.BaseUrl, ["token"] = FakeTokens.SuperUser, ["folder"] = _folder });
            Assert.Empty(Shell.Errors);
            foreach (int site in new[] { 1, 2 }) Visits(site);
            Assert.Empty(Shell.Errors);
            // The cache keeps a block per site and month of days: May of site 1 and May of site 2.
            Assert.Equal(2, Entries());

            var done = Reset("-SiteId 2 -Start 2025-05-10 -End 2025-05-11");

            Assert.Equal(1, done.CacheEntriesRemoved);
            Assert.Equal(1, Entries());
            // Site 1's May still comes from the cache; site 2's is asked for again.
            Assert.Equal((31, 0), Visits(1));
            Assert.Equal((31, 1), Visits(2));
        }

        /// <summary>Get-MatomoVisits of one site for May: its rows, and the requests for visits it sent.</summary>
        private (int Rows, int Requests) Visits(int site)
        {
            int before = Fixture.Server.RequestCount;
            var rows = Rows(Shell.Run($"Get-MatomoVisits -SiteId {site} -Start 2025-05-01 -End 2025-05-31"));
            return (rows.Length, Sent(before).Count(request => request.ApiMethod == "VisitsSummary.getVisits"));
        }

        private int Entries() =>
            ((MatomoCacheInfo)Shell.Run("Get-MatomoCacheInfo -Path $folder", new Dictionary<string, object?> { ["folder"] = _folder }).Single().BaseObject).Entries;
    }
}
