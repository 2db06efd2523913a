using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>The visit log through the client against the double: every visit once, oldest first, by cursor; resuming; settling; a page too large.</summary>
    public sealed class VisitLogTests : IClassFixture<FakeServerFixture>
    {
        private static readonly DateTime First = new DateTime(2025, 6, 1), Last = new DateTime(2025, 6, 3);
        private readonly FakeServerFixture _fixture;

        public VisitLogTests(FakeServerFixture fixture) => _fixture = fixture;

        private static MatomoVisitLogQuery Query(IEnumerable<string>? properties = null, string? segment = null) =>
            MatomoVisitLogQuery.Create(1, First, Last, segment, properties);

        private static async Task<List<MatomoVisit>> Read(MatomoClient client, MatomoVisitLogQuery query, MatomoVisitLogOptions options)
        {
            var visits = new List<MatomoVisit>();
            await client.ReadVisitLogAsync(query, options, page =>
            {
                visits.AddRange(page);
                return Task.CompletedTask;
            });
            return visits;
        }

        /// <summary>The double's visits of site 1 last active within the range, as ids in time order.</summary>
        private List<long> Expected(DateTime from, DateTime to)
        {
            var ids = new List<(long Time, long Id)>();
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                var visits = _fixture.Server.Api.Data.Visits(1, day);
                for (int i = 0; i < visits.Count; i++) ids.Add((FakeMatomoApi.LastActionTimestamp(day, i, visits.Count), FakeMatomoApi.VisitIdOf(1, day, i)));
            }
            return ids.OrderBy(visit => visit.Time).ThenBy(visit => visit.Id).Select(visit => visit.Id).ToList();
        }

        [Fact]
        public async Task Every_visit_of_the_range_comes_once_oldest_first_whatever_the_page_size()
        {
            using var client = _fixture.Client();
            var expected = Expected(First, Last);

            var whole = await Read(client, Query(), new MatomoVisitLogOptions { PageSize = 10000 });
            var paged = await Read(client, Query(), new MatomoVisitLogOptions { PageSize = 7 });

            Assert.True(expected.Count > 100, $"{expected.Count} visits");
            Assert.Equal(expected, whole.Select(visit => visit.VisitId).ToList());
            Assert.Equal(expected, paged.Select(visit => visit.VisitId).ToList());
            Assert.True(paged.Zip(paged.Skip(1), (a, b) => a.LastActionTime <= b.LastActionTime).All(inOrder => inOrder));
            // The double answers the first second of the next day too, as Matomo does: it is not part of the range.
            Assert.All(paged, visit => Assert.True(visit.LastActionTime < Last.AddDays(1)));
        }

        [Fact]
        public async Task Visits_that_share_their_last_second_are_neither_lost_nor_repeated_at_a_page_boundary()
        {
            using var client = _fixture.Client();

            var visits = await Read(client, MatomoVisitLogQuery.Create(1, First, First), new MatomoVisitLogOptions { PageSize = 1 });

            Assert.Equal(Expected(First, First), visits.Select(visit => visit.VisitId).ToList());
            // The double's visits come in pairs of the same second: a cursor then names both ids.
            Assert.Contains(visits, visit => MatomoVisitCursor.Parse(visit.Cursor).VisitIds.Count == 2);
        }

        [Fact]
        public async Task A_read_after_a_cursor_gives_exactly_the_visits_after_it()
        {
            using var client = _fixture.Client();
            var all = await Read(client, Query(), new MatomoVisitLogOptions { PageSize = 50 });

            foreach (int stop in new[] { 0, 1, 37, all.Count - 2 })
            {
                var rest = await Read(client, Query(), new MatomoVisitLogOptions { PageSize = 13, After = MatomoVisitCursor.Parse(all[stop].Cursor) });
                Assert.Equal(all.Skip(stop + 1).Select(visit => visit.VisitId), rest.Select(visit => visit.VisitId));
            }
        }

        [Fact]
        public async Task Visits_newer_than_the_settle_time_are_left_for_the_next_read_which_gets_them_once()
        {
            using var client = _fixture.Client();
            var until = First.AddDays(1).AddHours(12);
            var expected = Expected(First, Last);

            var settled = await Read(client, Query(), new MatomoVisitLogOptions { PageSize = 20, Until = until });
            var next = await Read(client, Query(), new MatomoVisitLogOptions { PageSize = 20, After = MatomoVisitCursor.Parse(settled[settled.Count - 1].Cursor) });

            Assert.All(settled, visit => Assert.True(visit.LastActionTime < until));
            Assert.Equal(expected, settled.Concat(next).Select(visit => visit.VisitId).ToList());
            Assert.NotEmpty(next);
        }

        [Fact]
        public async Task A_page_the_server_runs_out_of_memory_on_is_asked_for_again_smaller_and_the_read_completes()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            server.Api.LiveMemoryLimit = 40;
            using var client = FakeServerFixture.NewClient(server.BaseUrl);
            var log = new List<string>();
            using var logged = client.WithLog(log.Add);

            var visits = await Read(logged, Query(), new MatomoVisitLogOptions { PageSize = 200 });

            Assert.Equal(Expected(First, Last), visits.Select(visit => visit.VisitId).ToList());
            var limits = server.VisitLogRequests.Select(request => request.Parameter("filter_limit")).ToList();
            Assert.Equal(new[] { "200", "100", "50", "25" }, limits.Take(4));
            Assert.Contains(log, line => line.Contains("Allowed memory size") && line.Contains("asking for 100 a page"));
            // After good pages the size grows back towards the size asked for.
            Assert.Contains(log, line => line.Contains("asking for 50 visits a page again"));
        }

        [Fact]
        public async Task A_range_without_visits_gives_no_visits_and_no_error()
        {
            using var client = _fixture.Client();

            var visits = await Read(client, MatomoVisitLogQuery.Create(1, new DateTime(2019, 1, 1), new DateTime(2019, 1, 31)), new MatomoVisitLogOptions());

            Assert.Empty(visits);
        }

        [Fact]
        public async Task Properties_ask_matomo_for_their_columns_only_and_leave_the_others_empty()
        {
            using var client = _fixture.Client();
            _fixture.Server.ClearRequests();

            var visits = await Read(client, Query(new[] { "visitorid", "Actions" }), new MatomoVisitLogOptions { PageSize = 500 });

            var request = Assert.Single(_fixture.Server.VisitLogRequests);
            Assert.Equal("idSite,idVisit,lastActionTimestamp,visitorId,actions", request.Parameter("showColumns"));
            Assert.Equal("1", request.Parameter("doNotFetchActions"));
            Assert.Equal("asc", request.Parameter("filter_sort_order"));
            Assert.All(visits, visit =>
            {
                Assert.NotNull(visit.VisitorId);
                Assert.NotNull(visit.Actions);
                Assert.Null(visit.ActionDetails);
                Assert.Null(visit.DurationSeconds);
                Assert.Null(visit.FirstActionTime);
            });
        }

        [Fact]
        public async Task A_visit_carries_its_actions_and_its_times_in_utc_and_on_the_sites_clock()
        {
            using var client = _fixture.Client();
            var zone = MatomoTimeZone.Parse("UTC+5.5");

            var visit = (await Read(client, MatomoVisitLogQuery.Create(1, First, First, zone: zone), new MatomoVisitLogOptions { PageSize = 5 }))
                .First(candidate => candidate.Actions > 1);

            Assert.Equal(visit.Actions, visit.ActionDetails!.Count);
            Assert.Equal(visit.LastActionTime.AddHours(5.5), visit.LastActionSiteTime);
            Assert.Equal(Enumerable.Range(1, visit.ActionDetails.Count), visit.ActionDetails.Select(action => action.Position));
            Assert.All(visit.ActionDetails, action => Assert.Equal(visit.VisitId, action.VisitId));
            Assert.Equal(string.Join(" | ", visit.ActionDetails.Select(action => action.Url)), visit.ActionDetails.ToString());
        }

        [Fact]
        public async Task A_cursor_of_another_site_is_refused_before_any_request()
        {
            using var client = _fixture.Client();
            _fixture.Server.ClearRequests();

            var error = await Assert.ThrowsAsync<MatomoArgumentException>(() =>
                Read(client, Query(), new MatomoVisitLogOptions { After = MatomoVisitCursor.Parse("2:1748736000:5") }));

            Assert.Contains("site 2, not of site 1", error.Message);
            Assert.Empty(_fixture.Server.VisitLogRequests);
        }

        [Theory]
        [InlineData("")]
        [InlineData("1:abc:2")]
        [InlineData("1:1748736000")]
        [InlineData("0:1748736000:2")]
        [InlineData("1:1748736000:2,x")]
        public void A_text_that_is_not_a_cursor_is_refused_with_what_a_cursor_looks_like(string text)
        {
            var error = Assert.Throws<MatomoArgumentException>(() => MatomoVisitCursor.Parse(text));

            Assert.Contains("such as 1:1672534440:2", error.Message);
        }

        [Fact]
        public void A_cursor_reads_back_as_it_was_written()
        {
            var cursor = MatomoVisitCursor.Create(3, 1748736000, new long[] { 7, 9 });

            Assert.Equal("3:1748736000:7,9", cursor.ToString());
            Assert.Equal(cursor, MatomoVisitCursor.Parse(cursor.ToString()));
            Assert.True(cursor.Covers(1748736000, 9));
            Assert.False(cursor.Covers(1748736000, 8));
        }
    }
}
