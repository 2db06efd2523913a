using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// A failure that may heal inside one slot of a bulk answer (the database gone while the bulk request ran, a lock
    /// wait, maintenance) is asked for again, alone with the other slots that failed so, within the same retries.
    /// </summary>
    public sealed class SlotRetryTests : FaultTestBase
    {
        private const string DatabaseGone = "SQLSTATE[HY000] [2002] No such file or directory";

        [Fact]
        public async Task A_database_error_in_one_slot_is_asked_for_again_and_heals()
        {
            Server.Faults.Add(new FakeFault { BulkSlotError = DatabaseGone, BulkSlot = 1, Times = 1 });
            using var client = Client();
            var queries = new[] { Language("en"), Language("de"), Week() };

            var results = await Task.WhenAll(client.FetchSeries(queries, new MatomoFetchOptions { ThrottleLimit = 1 }));

            AssertRightWeek(results[2]);
            Assert.Equal(7, results[1].Count);
            Assert.Equal(2, Server.RequestCount);
            // The second request asks for the failed series only, as a plain request.
            var retry = Server.Requests[1];
            Assert.Equal("VisitsSummary.getVisits", retry.ApiMethod);
            Assert.Contains("de", retry.Parameter("segment"));
            Assert.Contains(Log, line => line.Contains("1 of 3 series failed so"));
        }

        [Fact]
        public async Task Maintenance_in_a_slot_heals_as_maintenance_of_the_whole_server_does()
        {
            Server.Faults.Add(new FakeFault { BulkSlotError = "Matomo is currently undergoing maintenance.", BulkSlot = 0, Times = 1 });
            using var client = Client();
            var queries = new[] { Language("en"), Language("de"), Week() };

            var results = await Task.WhenAll(client.FetchSeries(queries, new MatomoFetchOptions { ThrottleLimit = 1 }));

            AssertRightWeek(results[2]);
            Assert.Equal(7, results[0].Count);
            Assert.Equal(2, Server.RequestCount);
        }

        [Fact]
        public async Task A_slot_that_never_heals_gives_up_after_the_retries_and_names_its_series()
        {
            // Every request for the German series fails in its own slot or as itself; the others never fail.
            Server.Faults.Add(new FakeFault { BulkSlotError = DatabaseGone, BulkSlot = 1, Times = 1 });
            Server.Faults.Add(new FakeFault
            {
                Body = "{\"result\":\"error\",\"message\":\"" + DatabaseGone + "\"}",
                Times = 0,
                When = request => request.ApiMethod == "VisitsSummary.getVisits" && (request.Parameter("segment") ?? "").Contains("de"),
            });
            using var client = Client(options => options.MaxRetries = 2);
            var queries = new[] { Language("en"), Language("de"), Week() };

            var results = client.FetchSeries(queries, new MatomoFetchOptions { ThrottleLimit = 1 });

            AssertRightWeek(await results[2]);
            Assert.Equal(7, (await results[0]).Count);
            var error = await Assert.ThrowsAsync<MatomoException>(() => results[1]);
            Assert.Equal(MatomoErrorKind.DatabaseUnavailable, error.Kind);
            Assert.Contains("Series 'de'", error.Message);
            Assert.Contains("Gave up after 3 attempts", error.Message);
            Assert.Equal(3, error.Attempts);
            Assert.Equal(3, Server.RequestCount);
        }

        [Fact]
        public async Task A_refusal_in_a_slot_is_not_asked_for_again()
        {
            Server.Faults.Add(new FakeFault { BulkSlotError = "The segment 'pageUrl=@/de/' could not be processed.", BulkSlot = 1, Times = 0 });
            using var client = Client();

            var results = client.FetchSeries(new[] { Language("en"), Language("de") }, new MatomoFetchOptions { ThrottleLimit = 1 });

            await results[0];
            Assert.Equal(MatomoErrorKind.InvalidRequest, (await Assert.ThrowsAsync<MatomoException>(() => results[1])).Kind);
            Assert.Equal(1, Server.RequestCount);
        }
    }
}
