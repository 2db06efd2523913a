using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>The fault suite, many series: a fault stays with its site, request or series; cancelling stops at once.</summary>
    public sealed class SeriesFaultTests : FaultTestBase
    {
        [Fact]
        public async Task A_fault_on_one_site_fails_only_that_site()
        {
            Server.Faults.Add(new FakeFault { Status = 502, Times = 0, When = request => request.Parameter("idSite") == "2" });
            using var client = Client(options => options.MaxRetries = 1);
            var queries = new[] { Week(site: 1), Week(site: 2) };

            var results = client.FetchSeries(queries, new MatomoFetchOptions { UseBulk = false });

            AssertRightWeek(await results[0], site: 1);
            var error = await Assert.ThrowsAsync<MatomoException>(() => results[1]);
            Assert.Equal(502, error.HttpStatus);
            Assert.Equal(2, error.Attempts);
            Assert.Equal(3, Server.RequestCount);
        }

        [Fact]
        public async Task A_fault_on_one_request_number_is_healed_for_that_series_only()
        {
            // The second request the double receives fails once; one request at a time keeps the numbering stable.
            Server.Faults.Add(new FakeFault { Status = 503, When = request => request.Number == 2 });
            using var client = Client();
            var queries = new[] { Week(site: 1), Week(site: 2), Week(site: 1) };

            var results = await Task.WhenAll(client.FetchSeries(queries, new MatomoFetchOptions { UseBulk = false, ThrottleLimit = 1 }));

            AssertRightWeek(results[0], site: 1);
            AssertRightWeek(results[1], site: 2);
            AssertRightWeek(results[2], site: 1);
            Assert.Equal(4, Server.RequestCount);
            Assert.Equal(new[] { "1", "2", "2", "1" }, Server.Requests.Select(request => request.Parameter("idSite")));
        }

        [Fact]
        public async Task An_error_in_one_bulk_slot_fails_that_series_only()
        {
            Server.Faults.Add(new FakeFault { BulkSlotError = "The segment 'pageUrl=@/de/' could not be processed.", BulkSlot = 1 });
            using var client = Client();
            var queries = new[] { Language("en"), Language("de"), Week() };

            var results = client.FetchSeries(queries, new MatomoFetchOptions { ThrottleLimit = 1 });

            Assert.Equal(7, (await results[0]).Count);
            AssertRightWeek(await results[2]);
            var error = await Assert.ThrowsAsync<MatomoException>(() => results[1]);
            Assert.Equal(MatomoErrorKind.InvalidRequest, error.Kind);
            Assert.Contains("Series 'de'", error.Message);
            Assert.Contains("could not be processed", error.Message);
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task A_failed_bulk_request_heals_for_every_series_in_it()
        {
            Server.Faults.Add(new FakeFault { Status = 504, Html = "<html><body>Gateway Timeout</body></html>", Times = 1 });
            using var client = Client();
            var queries = new[] { Language("en"), Week() };

            var results = client.FetchSeries(queries, new MatomoFetchOptions { ThrottleLimit = 1 });

            Assert.Equal(7, (await results[0]).Count);
            AssertRightWeek(await results[1]);
            Assert.Equal(2, Server.RequestCount);
        }

        [Fact]
        public async Task Cancelling_during_a_retry_pause_stops_at_once()
        {
            Server.Faults.Add(new FakeFault { Status = 503, RetryAfter = "600", Times = 0 });
            using var client = Client(options =>
            {
                options.MaxRetryDelay = TimeSpan.FromMinutes(10);
                options.TotalBudget = TimeSpan.FromMinutes(30);
            });
            using var cancel = new CancellationTokenSource();

            var call = Visits(client, cancellation: cancel.Token);
            while (!Log.Any(line => line.Contains("trying again")) && !call.IsCompleted) await Task.Delay(10);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task One_client_serves_many_concurrent_callers()
        {
            Server.Faults.Add(new FakeFault { Status = 503, Times = 3 });
            using var client = Client();

            var calls = Enumerable.Range(0, 12).Select(i => Task.Run(() => Visits(client, Week(site: 1 + i % 2)))).ToArray();
            var answers = await Task.WhenAll(calls);

            for (int i = 0; i < answers.Length; i++) AssertRightWeek(answers[i], site: 1 + i % 2);
            Assert.Equal(15, Server.RequestCount);
        }
    }
}
