using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>Reports through the client against the double: reading in parts, order, paging, ranges, sites, drilling down, metadata.</summary>
    public sealed class ReportFetchTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public ReportFetchTests(FakeServerFixture fixture) => _fixture = fixture;

        private static MatomoReportQuery Query(string report, MatomoPeriod period, string start, string end, int[]? sites = null, bool flat = false,
            string? label = null, int? limit = null, int offset = 0) =>
            MatomoReportQuery.Create(report, sites ?? new[] { 1 }, period, DateTime.Parse(start), DateTime.Parse(end), flat: flat, label: label, limit: limit, offset: offset);

        private async Task<(List<MatomoReportTable> Tables, List<int> RequestsAtWrite)> ReadInParts(MatomoReportQuery query, int throttle, int rowsPerRequest)
        {
            using var client = _fixture.Client();
            int before = _fixture.Server.RequestCount;
            var tables = new List<MatomoReportTable>();
            var requests = new List<int>();
            await client.ReadReportAsync(query, new MatomoReportFetchOptions { ThrottleLimit = throttle, RowsPerRequest = rowsPerRequest }, part =>
            {
                requests.Add(_fixture.Server.RequestCount - before);
                tables.AddRange(part);
                return Task.CompletedTask;
            });
            return (tables, requests);
        }

        [Fact]
        public async Task A_long_range_is_read_in_parts_whose_rows_equal_one_request_for_the_whole_range_in_date_order()
        {
            var query = Query("UserCountry.getCountry", MatomoPeriod.Day, "2025-01-01", "2025-03-31");
            using var client = _fixture.Client();
            var whole = await client.GetReportAsync(query);

            var (tables, requests) = await ReadInParts(query, throttle: 2, rowsPerRequest: 100);

            Assert.True(requests.Count >= 5, $"{requests.Count} parts");
            Assert.Equal(whole.Select(t => t.Key), tables.Select(t => t.Key));
            Assert.Equal(90, tables.Count);
            for (int i = 0; i < tables.Count; i++)
                Assert.Equal(whole[i].Rows.Select(r => (r.Label, ReportReaderTests.Metric(r, "nb_visits"))), tables[i].Rows.Select(r => (r.Label, ReportReaderTests.Metric(r, "nb_visits"))));
        }

        [Fact]
        public async Task Memory_holds_a_few_parts_the_next_are_asked_for_only_as_parts_are_written()
        {
            var query = Query("UserCountry.getCountry", MatomoPeriod.Day, "2025-01-01", "2025-06-30");

            var (_, requests) = await ReadInParts(query, throttle: 2, rowsPerRequest: 100);

            // When part k is written, at most k + 2 parts have been asked for: never the whole range ahead of the writer.
            Assert.True(requests.Count > 6);
            for (int k = 0; k < requests.Count; k++) Assert.InRange(requests[k], k + 1, k + 3);
        }

        [Fact]
        public async Task Paging_applies_to_each_periods_table()
        {
            var all = await _fixture.Client().GetReportAsync(Query("Actions.getPageUrls", MatomoPeriod.Week, "2025-06-02", "2025-06-22", flat: true));
            var page = await _fixture.Client().GetReportAsync(Query("Actions.getPageUrls", MatomoPeriod.Week, "2025-06-02", "2025-06-22", flat: true, limit: 3, offset: 2));

            Assert.Equal(3, page.Count);
            for (int i = 0; i < 3; i++) Assert.Equal(all[i].Rows.Skip(2).Take(3).Select(r => r.Label), page[i].Rows.Select(r => r.Label));
            Assert.All(all, table => Assert.True(table.Rows.Count > 100, $"{table.Rows.Count} rows: more than Matomo's default of 100"));
        }

        [Fact]
        public async Task A_range_of_several_sites_is_one_table_per_site_and_dates_come_before_sites()
        {
            using var client = _fixture.Client();
            var range = await client.GetReportAsync(Query("Referrers.getReferrerType", MatomoPeriod.Range, "2025-05-01", "2025-05-31", new[] { 2, 1 }));
            var weeks = await client.GetReportAsync(Query("Referrers.getReferrerType", MatomoPeriod.Week, "2025-05-05", "2025-05-18", new[] { 2, 1 }));

            Assert.Equal(new[] { 2, 1 }, range.Select(t => t.SiteId));
            Assert.All(range, t => Assert.Equal("2025-05-01,2025-05-31", t.Key));
            long visits = _fixture.Server.Api.Data.Visits(1, new DateTime(2025, 5, 1), new DateTime(2025, 5, 31)).Count();
            Assert.Equal(visits, range[1].Rows.Sum(r => ReportReaderTests.Metric(r, "nb_visits")));
            Assert.Equal(new[] { (2, "2025-05-05,2025-05-11"), (1, "2025-05-05,2025-05-11"), (2, "2025-05-12,2025-05-18"), (1, "2025-05-12,2025-05-18") },
                weeks.Select(t => (t.SiteId, t.Key)));
        }

        [Fact]
        public async Task A_rows_segment_selects_its_visits_and_a_label_path_without_a_match_gives_no_rows()
        {
            using var client = _fixture.Client();
            var tables = await client.GetReportAsync(Query("Actions.getPageUrls", MatomoPeriod.Month, "2025-05-01", "2025-05-31", label: "de>page-3>/index"));
            var page = Assert.Single(Assert.Single(tables).Rows);

            var visits = await client.GetVisitsAsync(MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Month,
                new DateTime(2025, 5, 1), new DateTime(2025, 5, 31), page.RowSegment));
            Assert.Equal("pageUrl==https://demo.example.org/de/page-3/", page.RowSegment);
            Assert.Equal(ReportReaderTests.Metric(page, "nb_visits"), Assert.Single(visits).Value);

            var none = await client.GetReportAsync(Query("Actions.getPageUrls", MatomoPeriod.Month, "2025-04-01", "2025-05-31", label: "de>no-such-page"));
            Assert.Equal(2, none.Count);
            Assert.All(none, t => Assert.Empty(t.Rows));
        }

        [Fact]
        public async Task The_report_list_is_read_once_per_client_and_site_and_holds_no_token()
        {
            using var client = _fixture.Client(FakeTokens.SuperUser);
            Assert.Null(client.CachedReportMetadata(1));
            int before = _fixture.Server.RequestCount;

            var first = await client.GetReportMetadataAsync(1);
            var again = await client.GetReportMetadataAsync(1);

            Assert.Equal(1, _fixture.Server.RequestCount - before);
            Assert.Same(first, again);
            Assert.Same(first, client.CachedReportMetadata(1));
            var pages = MatomoReportMetadata.Find(first, "actions.getpageurls");
            Assert.Equal(("Actions.getPageUrls", "Page URLs", "Actions", "Page URL", "Actions.getPageUrls"), (pages.Report, pages.Name, pages.Category, pages.Dimension, pages.SubtableReport));
            Assert.Equal(new[] { "nb_hits", "nb_visits", "avg_time_on_page", "bounce_rate", "exit_rate" }, pages.Metrics.Select(m => m.Name));
            Assert.Equal(new[] { false, false, true, true, true }, pages.Metrics.Select(m => m.Processed));
            string everything = string.Join("|", first.SelectMany(r => new[] { r.ToString(), r.Documentation, r.Name }.Concat(r.Metrics.Select(m => m.Documentation + m.Title))));
            Assert.DoesNotContain(FakeTokens.SuperUser, everything);
            var typo = Assert.Throws<MatomoArgumentException>(() => MatomoReportMetadata.Find(first, "Actions.getPageUrl"));
            Assert.Contains("closest are Actions.getPageUrls", typo.Message);
        }

        [Fact]
        public async Task A_report_list_read_that_ended_at_once_is_not_kept()
        {
            // A cancelled token ends the read before any request: the task is finished when GetReportMetadataAsync returns.
            using var client = _fixture.Client(FakeTokens.SuperUser);
            using var cancelled = new System.Threading.CancellationTokenSource();
            cancelled.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetReportMetadataAsync(1, cancelled.Token));

            Assert.NotEmpty(await client.GetReportMetadataAsync(1));
        }

        [Fact]
        public async Task A_report_the_server_serves_one_site_at_a_time_is_asked_site_by_site_once_it_refused_several()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var client = FakeServerFixture.NewClient(server.BaseUrl, configure: options => options.Log = log.Enqueue);
            var both = Query("Referrers.getReferrerType", MatomoPeriod.Month, "2025-04-01", "2025-05-31", sites: new[] { 2, 1 });

            var tables = await client.GetReportAsync(both);

            // Date order, then the sites in the order asked, as one request for both would give them.
            Assert.Equal(new[] { ("2025-04", 2), ("2025-04", 1), ("2025-05", 2), ("2025-05", 1) }, tables.Select(t => (t.Key, t.SiteId)));
            foreach (int site in new[] { 1, 2 })
            {
                var alone = await client.GetReportAsync(Query("Referrers.getReferrerType", MatomoPeriod.Month, "2025-04-01", "2025-05-31", sites: new[] { site }));
                Assert.Equal(alone.SelectMany(t => t.Rows.Select(r => (t.Key, r.Label, ReportReaderTests.Metric(r, "nb_visits")))),
                    tables.Where(t => t.SiteId == site).SelectMany(t => t.Rows.Select(r => (t.Key, r.Label, ReportReaderTests.Metric(r, "nb_visits")))));
            }
            Assert.Contains(log, line => line.Contains("asking site by site"));

            // Learnt once: the next read of both sites goes site by site at once.
            server.ClearRequests();
            await client.GetReportAsync(both);
            Assert.Equal(new[] { "2", "1" }, server.Requests.Select(r => r.Parameter("idSite")));
        }

        [Fact]
        public async Task A_failing_part_ends_the_read_with_the_failure_and_the_parts_before_it_stay_written()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            // The first part that starts after 2025-01-09 is refused (a proxy's 400 that no retry heals).
            server.Faults.Add(new FakeFault { When = r => r.Parameter("date")?.StartsWith("2025-01-1", StringComparison.Ordinal) == true, Status = 400, Times = 0 });
            using var client = FakeServerFixture.NewClient(server.BaseUrl);
            var written = new List<string>();

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.ReadReportAsync(Query("UserCountry.getCountry", MatomoPeriod.Day, "2025-01-01", "2025-02-28"),
                new MatomoReportFetchOptions { ThrottleLimit = 1, RowsPerRequest = 100 }, part => { written.AddRange(part.Select(t => t.Key)); return Task.CompletedTask; }));

            Assert.Equal("UserCountry.getCountry", error.ApiMethod);
            Assert.Equal(400, error.HttpStatus);
            Assert.True(written.Count >= 7, $"{written.Count} days written");
            Assert.Equal(Enumerable.Range(1, written.Count).Select(day => $"2025-01-{day:00}"), written);
            // Everything before the refused part was written, nothing after it.
            string refused = server.Requests.Select(r => r.Parameter("date")!).Single(date => date.StartsWith("2025-01-1", StringComparison.Ordinal));
            Assert.Equal(DateTime.Parse(written[^1]).AddDays(1), DateTime.Parse(refused.Substring(0, 10)));
            // The message names the part that failed, within the range asked for.
            Assert.StartsWith($"The part {refused.Replace(",", " to ")} (of 2025-01-01 to 2025-02-28): ", error.Message);
        }
    }
}
