using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    public sealed class FetchSeriesTests : IClassFixture<FakeServerFixture>
    {
        private const string BulkMethod = "API.getBulkRequest";
        private static readonly DateTime Start = new DateTime(2025, 3, 1);
        private static readonly DateTime End = new DateTime(2025, 3, 7);
        private readonly FakeServerFixture _fixture;

        public FetchSeriesTests(FakeServerFixture fixture) => _fixture = fixture;

        private static MatomoSeriesQuery Language(string code, string template = "pageUrl=@/{0}/") =>
            MatomoSeriesQuery.ForLanguage(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, Start, End, template, code);

        private static MatomoSeriesQuery Total() =>
            MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, Start, End);

        /// <summary>The visits the double holds for each day of the range, counted from its data set.</summary>
        private long[] Expected(FakeDataSet data, string? wireSegment)
        {
            var segment = wireSegment is null ? null : FakeSegment.Parse(wireSegment);
            return Enumerable.Range(0, (End - Start).Days + 1)
                .Select(offset => (long)data.Visits(1, Start.AddDays(offset)).Count(visit => segment is null || segment.Matches(visit)))
                .ToArray();
        }

        [Fact]
        public async Task Each_bulk_sub_url_is_encoded_once_and_the_token_travels_only_in_the_outer_post_body()
        {
            const string odd = "a&b=c,d;e%/f";
            using var client = _fixture.Client(FakeTokens.SecureOnly);
            int before = _fixture.Server.RequestCount;
            var results = client.FetchSeries(new[] { Language("de"), Language(odd), Total() }, new MatomoFetchOptions { ThrottleLimit = 1 });
            var de = await results[0];
            await results[1];
            await results[2];

            var request = Assert.Single(_fixture.Server.Requests, r => r.Number > before);
            Assert.Equal(BulkMethod, request.ApiMethod);
            Assert.Equal("POST", request.HttpMethod);
            Assert.DoesNotContain(FakeTokens.SecureOnly, request.RawQuery);
            // The raw body holds exactly these parameters: every '&' and '=' of a sub-URL is encoded.
            var names = request.RawBody.Split('&').Select(part => Uri.UnescapeDataString(part.Substring(0, part.IndexOf('=')))).ToList();
            Assert.Equal(new[] { "token_auth", "urls[0]", "urls[1]", "urls[2]" }, names);
            Assert.Equal(1, CountOf(request.RawBody, FakeTokens.SecureOnly));
            Assert.Equal(FakeTokens.SecureOnly, request.Body["token_auth"]);
            Assert.Equal("-1", request.Query["filter_limit"]);

            // Decoded once, each sub-URL is a query string of its own; its segment value is encoded as the API notes require.
            Assert.Equal("method=VisitsSummary.getVisits&idSite=1&period=day&date=2025-03-01%2C2025-03-07&segment=pageUrl%3D%40%252Fde%252F", request.Body["urls[0]"]);
            var subRequests = Enumerable.Range(0, 3).Select(i => FakeMatomoApi.ParseQueryString(request.Body[$"urls[{i}]"])).ToList();
            Assert.All(subRequests, sub => Assert.False(sub.ContainsKey("token_auth")));
            Assert.Equal(new[] { "/" + odd + "/" }, FakeSegment.Parse(subRequests[1]["segment"]).Values);
            Assert.Equal(new[] { "method", "idSite", "period", "date", "segment" }, subRequests[1].Keys);
            Assert.False(subRequests[2].ContainsKey("segment"));

            Assert.Equal(Expected(_fixture.Server.Api.Data, "pageUrl=@%2Fde%2F"), de.Select(row => row.Value));
        }

        [Fact]
        public async Task A_failing_slot_faults_its_own_series_and_no_other()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            server.Faults.Add(new FakeFault { When = r => r.ApiMethod == BulkMethod, BulkSlotError = "Segment archiving failed", BulkSlot = 0 });
            using var client = FakeServerFixture.NewClient(server.BaseUrl);
            var results = client.FetchSeries(new[] { Language("de"), Language("en"), Total() }, new MatomoFetchOptions { ThrottleLimit = 1 });

            var error = await Assert.ThrowsAsync<MatomoException>(() => results[0]);
            Assert.Equal(MatomoErrorKind.InvalidRequest, error.Kind);
            Assert.Contains("Segment archiving failed", error.Message);
            Assert.Contains("'de'", error.Message);
            Assert.Equal(Expected(server.Api.Data, "pageUrl=@%2Fen%2F"), (await results[1]).Select(row => row.Value));
            Assert.Equal(Expected(server.Api.Data, null), (await results[2]).Select(row => row.Value));
        }

        [Fact]
        public async Task A_bulk_answer_with_a_missing_slot_is_an_error_for_every_series_not_a_silent_gap()
        {
            // A proxy (or a server that ignores filter_limit) cuts the list: which slot is missing cannot be told.
            var options = new MatomoClientOptions(MatomoEndpoint.Resolve(_fixture.Server.BaseUrl), MatomoToken.FromPlainText(FakeTokens.View));
            using var client = new MatomoClient(options, new CannedAnswer("[{\"2025-03-01\":5}]"));
            var results = client.FetchSeries(new[] { Language("de"), Total() }, new MatomoFetchOptions { ThrottleLimit = 1 });

            foreach (var result in results)
            {
                var error = await Assert.ThrowsAsync<MatomoException>(() => result);
                Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
                Assert.Contains("a list of 2 answers", error.Message);
            }
        }

        [Fact]
        public async Task Series_are_dealt_to_the_requests_in_turn_so_the_busiest_first_ones_land_on_different_workers()
        {
            var codes = FakeDataSet.Languages.Take(9).ToArray();
            using var client = _fixture.Client();
            int before = _fixture.Server.RequestCount;
            var results = client.FetchSeries(codes.Select(code => Language(code)).ToList(), new MatomoFetchOptions { ThrottleLimit = 4 });
            var rows = await Task.WhenAll(results);

            var requests = _fixture.Server.Requests.Where(r => r.Number > before).ToList();
            // Nine series over four requests: 3, 2, 2, 2; the first request holds series 1, 5 and 9.
            var first = requests.Single(r => r.Body.Keys.Count(k => k.StartsWith("urls[", StringComparison.Ordinal)) == 3);
            Assert.Equal(new[] { codes[0], codes[4], codes[8] }, first.Body.Where(p => p.Key.StartsWith("urls[", StringComparison.Ordinal))
                .OrderBy(p => p.Key).Select(p => Regex.Match(p.Value, "segment=pageUrl%3D%40%252F([^%]+)%252F").Groups[1].Value));
            for (int i = 0; i < codes.Length; i++) Assert.All(rows[i], row => Assert.Equal(codes[i], row.Series));
        }

        [Fact]
        public async Task A_single_series_goes_as_a_plain_request_without_the_bulk_wrapper()
        {
            using var client = _fixture.Client();
            int before = _fixture.Server.RequestCount;

            var rows = await Assert.Single(client.FetchSeries(new[] { Language("de") }, new MatomoFetchOptions()));

            var request = Assert.Single(_fixture.Server.Requests, r => r.Number > before);
            Assert.Equal("VisitsSummary.getVisits", request.ApiMethod);
            Assert.Equal(7, rows.Count);
        }

        [Fact]
        public async Task Large_calls_are_spread_over_requests_of_about_equal_size_none_over_the_batch_size()
        {
            var codes = FakeDataSet.Languages.Take(9).ToArray();
            using var client = _fixture.Client();
            int before = _fixture.Server.RequestCount;
            var queries = codes.Select(code => Language(code)).Append(Total()).ToList();
            var results = client.FetchSeries(queries, new MatomoFetchOptions { BatchSize = 4, ThrottleLimit = 2 });
            await Task.WhenAll(results);

            var requests = _fixture.Server.Requests.Where(r => r.Number > before).ToList();
            Assert.Equal(3, requests.Count);
            // Ten series, throttle 2, batch 4: three requests (the batch size caps them), as equal as can be.
            Assert.Equal(new[] { 4, 3, 3 }, requests.Select(r => r.Body.Keys.Count(k => k.StartsWith("urls[", StringComparison.Ordinal))).OrderByDescending(n => n));
            for (int i = 0; i < queries.Count; i++)
                Assert.All(await results[i], row => Assert.Equal(queries[i].Series, row.Series));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task No_more_than_throttle_limit_requests_are_in_flight(bool useBulk)
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            server.Latency = TimeSpan.FromMilliseconds(200);
            var counter = new InFlightCounter();
            var options = new MatomoClientOptions(MatomoEndpoint.Resolve(server.BaseUrl), MatomoToken.FromPlainText(FakeTokens.View));
            using var client = new MatomoClient(options, counter);
            var queries = FakeDataSet.Languages.Take(9).Select(code => Language(code)).Append(Total()).ToList();
            var results = client.FetchSeries(queries, new MatomoFetchOptions { UseBulk = useBulk, BatchSize = 1, ThrottleLimit = 3 });
            await Task.WhenAll(results);

            Assert.Equal(10, server.RequestCount);
            Assert.InRange(counter.Most, 2, 3);
        }

        [Fact]
        public async Task Cancelling_cancels_every_series()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            server.Faults.Add(new FakeFault { Delay = TimeSpan.FromMinutes(5), Times = 0 });
            using var client = FakeServerFixture.NewClient(server.BaseUrl);
            using var cancel = new CancellationTokenSource();
            var results = client.FetchSeries(new[] { Language("de"), Language("en"), Language("ar"), Total() },
                new MatomoFetchOptions { BatchSize = 1, ThrottleLimit = 2 }, cancel.Token);

            while (server.RequestCount < 2) await Task.Delay(10);
            cancel.Cancel();

            foreach (var result in results)
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => result);
            Assert.Equal(2, server.RequestCount);
        }

        /// <summary>Passes requests to the network and remembers the most that were in flight at once.</summary>
        private sealed class InFlightCounter : System.Net.Http.DelegatingHandler
        {
            private int _now;
            private int _most;

            public InFlightCounter() : base(new System.Net.Http.HttpClientHandler()) { }

            public int Most => Volatile.Read(ref _most);

            protected override async Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
            {
                int now = Interlocked.Increment(ref _now);
                for (int most = Most; now > most; most = Most)
                    if (Interlocked.CompareExchange(ref _most, now, most) == most) break;
                try
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    await response.Content.LoadIntoBufferAsync();
                    return response;
                }
                finally
                {
                    Interlocked.Decrement(ref _now);
                }
            }
        }

        private sealed class CannedAnswer : System.Net.Http.HttpMessageHandler
        {
            private readonly string _json;

            public CannedAnswer(string json) => _json = json;

            protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK)
                {
                    Content = new System.Net.Http.StringContent(_json, System.Text.Encoding.UTF8, "application/json"),
                });
        }

        private static int CountOf(string text, string part)
        {
            int count = 0;
            for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
            return count;
        }
    }
}
