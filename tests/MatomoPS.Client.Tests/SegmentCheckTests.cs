using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// Zeros that may mean "never processed": on a server with browser-triggered archiving off (the double's
    /// <see cref="FakeMatomoApi.BrowserArchiving"/>), a segment it never processed answers 0 for every period. Matomo's
    /// guard says so for a single request of one site with the segment in the URL; everywhere else the client asks the
    /// visit log, once per all-zero series of a segment, and tells a true zero from a segment the server never processed.
    /// </summary>
    public sealed class SegmentCheckTests : FaultTestBase
    {
        private const string Nowhere = "pageUrl=@/no-such-page/";
        private readonly ConcurrentQueue<MatomoSegmentFinding> _findings = new ConcurrentQueue<MatomoSegmentFinding>();

        public SegmentCheckTests() => Server.Api.BrowserArchiving = false;

        private MatomoFetchOptions Checked(int throttleLimit = 4, bool bulk = true) =>
            new MatomoFetchOptions { ThrottleLimit = throttleLimit, UseBulk = bulk, SegmentZeroCheck = _findings.Enqueue };

        private static MatomoSeriesQuery Segment(string segment, params int[] sites) =>
            MatomoSeriesQuery.Create(sites.Length == 0 ? new[] { 1 } : sites, MatomoMetric.Visits, MatomoPeriod.Day, First, Last, segment);

        private IEnumerable<FakeRequestRecord> LiveRequests => Server.Requests.Where(request => request.ApiMethod == "Live.getLastVisitsDetails");

        [Fact]
        public async Task A_single_request_with_the_segment_in_the_url_gets_matomos_guard_as_its_own_error()
        {
            using var client = Client();

            var results = client.FetchSeries(new[] { Language("de") }, Checked());
            var error = await Assert.ThrowsAsync<MatomoException>(() => results[0]);

            Assert.Equal(MatomoErrorKind.SegmentNotProcessed, error.Kind);
            Assert.False(error.IsTransient);
            Assert.Equal(1, error.Attempts);
            Assert.Contains("Series 'de'", error.Message);
            Assert.Contains("has not processed the segment", error.Message);
            Assert.Contains("has not yet been created in the Segment Editor", error.Message);
            Assert.DoesNotContain("Live.getLastVisitsDetails API", error.Message);
            Assert.Empty(LiveRequests);
            Assert.Empty(_findings);
        }

        [Theory]
        [InlineData("The Segment 'German pages' is set to 'Real time' but Matomo is not currently configured to process segmented reports in API requests. To see data for this report in the future, you will need to edit your segment.")]
        [InlineData("These reports have no data, because the Segment you requested (German pages) has not yet been processed by the system. Data for this Segment should become available in a few hours when processing completes.")]
        public async Task Every_wording_of_matomos_guard_is_a_segment_not_processed(string message)
        {
            // Matomo words its guard differently for a segment stored in its segment editor (real time, or pre-processed but not yet processed).
            Server.Faults.Add(new FakeFault { Body = "{\"result\":\"error\",\"message\":\"" + message + "\"}", Times = 0 });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client, Segment("pageUrl=@/de/")));

            Assert.Equal(MatomoErrorKind.SegmentNotProcessed, error.Kind);
            Assert.Contains(message.Substring(0, message.IndexOf(". ", StringComparison.Ordinal) + 1), error.Message);
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task An_unprocessed_segment_in_a_bulk_request_keeps_its_zeros_and_is_found_by_one_look_at_the_visit_log()
        {
            using var client = Client();

            var rows = await Task.WhenAll(client.FetchSeries(new[] { Language("de"), Week() }, Checked(throttleLimit: 1)));

            Assert.Equal(7, rows[0].Count);
            Assert.All(rows[0], row => Assert.Equal(0, row.Value));
            AssertRightWeek(rows[1]);
            var finding = Assert.Single(_findings);
            Assert.Equal(MatomoSegmentFindingKind.NotProcessed, finding.Kind);
            Assert.Equal("de", finding.Series);
            Assert.Equal("pageUrl=@/de/", finding.Segment);
            Assert.Equal((First, Last), (finding.First, finding.Last));
            var live = Assert.Single(LiveRequests);
            Assert.Equal(("1", "range", "2025-06-01,2025-06-07", "1"), (live.Query["idSite"], live.Query["period"], live.Query["date"], live.Query["filter_limit"]));
            Assert.Equal("pageUrl=@%2Fde%2F", live.Query["segment"]);
            Assert.Equal(new[] { "token_auth" }, live.Body.Keys);
        }

        [Fact]
        public async Task A_segment_that_matched_no_visit_is_no_finding()
        {
            using var client = Client();

            var rows = await Task.WhenAll(client.FetchSeries(new[] { Segment(Nowhere), Week() }, Checked(throttleLimit: 1)));

            Assert.All(rows[0], row => Assert.Equal(0, row.Value));
            Assert.Empty(_findings);
            Assert.Single(LiveRequests);
        }

        [Fact]
        public async Task Series_without_a_segment_or_with_any_visit_are_never_checked()
        {
            Server.Api.PreProcessedSegments.Add("pageUrl=@/de/");
            using var client = Client();
            var queries = new[] { Language("de"), Week(), Week(site: 3), Language("en") };
            Server.Api.PreProcessedSegments.Add("pageUrl=@/en/");

            var rows = await Task.WhenAll(client.FetchSeries(queries, Checked(throttleLimit: 1)));

            Assert.Contains(rows[0], row => row.Value > 0);
            Assert.All(rows[2], row => Assert.Equal(0, row.Value));
            Assert.Empty(LiveRequests);
            Assert.Empty(_findings);
        }

        [Fact]
        public async Task A_single_request_of_two_sites_escapes_the_guard_and_is_checked_over_both_sites()
        {
            using var client = Client();

            var rows = await Task.WhenAll(client.FetchSeries(new[] { Segment("pageUrl=@/de/", 1, 2) }, Checked()));

            Assert.Equal(14, rows[0].Count);
            Assert.Equal(MatomoSegmentFindingKind.NotProcessed, Assert.Single(_findings).Kind);
            Assert.Equal("1,2", Assert.Single(LiveRequests).Query["idSite"]);
        }

        [Fact]
        public async Task A_segment_too_long_for_the_url_escapes_the_guard_and_is_checked()
        {
            string segment = "pageUrl=@/de/," + string.Join(",", Enumerable.Range(0, 400).Select(i => $"pageUrl=@/none-{i}/"));
            using var client = Client();

            var rows = await Task.WhenAll(client.FetchSeries(new[] { Segment(segment) }, Checked()));

            Assert.All(rows[0], row => Assert.Equal(0, row.Value));
            Assert.Equal(MatomoSegmentFindingKind.NotProcessed, Assert.Single(_findings).Kind);
            Assert.Contains("segment", Assert.Single(LiveRequests).Body.Keys);
        }

        [Fact]
        public async Task A_refused_visit_log_is_one_request_and_leaves_every_all_zero_series_unchecked()
        {
            Server.Api.LiveDisabled = true;
            using var client = Client();
            var queries = new[] { Language("de"), Language("en"), Segment(Nowhere), Week() };

            var rows = await Task.WhenAll(client.FetchSeries(queries, Checked(throttleLimit: 1)));

            AssertRightWeek(rows[3]);
            Assert.Equal(3, _findings.Count);
            Assert.All(_findings, finding => Assert.Equal(MatomoSegmentFindingKind.NotChecked, finding.Kind));
            Assert.All(_findings, finding => Assert.Contains("The plugin Live is not enabled", finding.CheckError!.Message));
            Assert.Single(Server.VisitLogRequests);
        }

        [Fact]
        public async Task A_visit_log_that_fails_is_asked_once_and_not_retried()
        {
            Server.Faults.Add(new FakeFault { Status = 503, Times = 0, When = request => request.ApiMethod == "Live.getLastVisitsDetails" });
            using var client = Client();

            await Task.WhenAll(client.FetchSeries(new[] { Language("de"), Week() }, Checked(throttleLimit: 1)));

            Assert.Equal(MatomoSegmentFindingKind.NotChecked, Assert.Single(_findings).Kind);
            Assert.Single(LiveRequests);
        }

        [Fact]
        public async Task Without_a_check_asked_for_the_zeros_cost_no_request()
        {
            using var client = Client();

            var rows = await Task.WhenAll(client.FetchSeries(new[] { Language("de"), Week() }, new MatomoFetchOptions { ThrottleLimit = 1 }));

            Assert.All(rows[0], row => Assert.Equal(0, row.Value));
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task The_all_zero_series_of_one_request_are_checked_together_in_one_request_that_shares_the_throttle()
        {
            using var client = Client();
            var codes = new[] { "de", "en", "fr", "es", "ar" };

            // Throttle 1: one data request of five series, then one request of five looks at the visit log (no deadlock).
            var rows = await Task.WhenAll(client.FetchSeries(codes.Select(Language).ToArray(), Checked(throttleLimit: 1)));

            Assert.Equal(5, rows.Length);
            Assert.Equal(codes, _findings.Select(finding => finding.Series));
            Assert.Equal(5, Server.Api.LiveCalls);
            Assert.Single(Server.VisitLogRequests);
            Assert.Equal(2, Server.RequestCount);
        }

        [Fact]
        public async Task Each_request_of_a_spread_fetch_has_at_most_one_check_request_of_its_own()
        {
            using var client = Client();
            var queries = new[] { "de", "en", "fr", "es", "ar" }.Select(Language).Append(Segment(Nowhere)).Append(Week()).ToArray();

            // Seven series over throttle 3: requests of 3, 2 and 2; the week (no segment) and the true zero need no finding.
            var rows = await Task.WhenAll(client.FetchSeries(queries, Checked(throttleLimit: 3)));

            AssertRightWeek(rows[6]);
            Assert.Equal(new[] { "ar", "de", "en", "es", "fr" }, _findings.Select(finding => finding.Series).OrderBy(code => code, StringComparer.Ordinal));
            Assert.All(_findings, finding => Assert.Equal(MatomoSegmentFindingKind.NotProcessed, finding.Kind));
            Assert.Equal(6, Server.Api.LiveCalls);
            Assert.Equal(3, Server.VisitLogRequests.Count);
            Assert.Equal(6, Server.RequestCount);
        }
    }
}
