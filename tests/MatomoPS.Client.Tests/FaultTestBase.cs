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
    /// <summary>
    /// The fault suite's common ground: each test has its own double (so request counts are exact), a client that
    /// logs what it does, and the right answer to compare a healed call with.
    /// </summary>
    public abstract class FaultTestBase : IDisposable
    {
        protected const string MaintenancePage =
            "<!DOCTYPE html><html><head><title>Maintenance</title><style>body{color:red}</style></head>" +
            "<body><h1>Down for maintenance</h1><p>Matomo is being upgraded &amp; will be back soon.</p><script>reload()</script></body></html>";

        protected static readonly DateTime First = new DateTime(2025, 6, 1);
        protected static readonly DateTime Last = new DateTime(2025, 6, 7);

        protected readonly FakeMatomoServer Server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
        protected readonly ConcurrentQueue<string> Log = new ConcurrentQueue<string>();

        public void Dispose() => Server.Dispose();

        protected MatomoClient Client(Action<MatomoClientOptions>? configure = null) => FakeServerFixture.NewClient(Server.BaseUrl, FakeTokens.View, options =>
        {
            options.Log = Log.Enqueue;
            configure?.Invoke(options);
        });

        protected static MatomoSeriesQuery Week(int site = 1, string? segment = null) =>
            MatomoSeriesQuery.Create(new[] { site }, MatomoMetric.Visits, MatomoPeriod.Day, First, Last, segment);

        protected static MatomoSeriesQuery Language(string code) =>
            MatomoSeriesQuery.ForLanguage(new[] { 1 }, MatomoMetric.Visits, MatomoPeriod.Day, First, Last, "pageUrl=@/{0}/", code);

        /// <summary>What the double's data set holds for the week: the right answer to compare a healed call with.</summary>
        protected long[] ExpectedVisits(int site = 1) =>
            Enumerable.Range(0, 7).Select(day => (long)Server.Api.Data.Visits(site, First.AddDays(day)).Count).ToArray();

        protected Task<IReadOnlyList<MatomoSeriesRow>> Visits(MatomoClient client, MatomoSeriesQuery? query = null, CancellationToken cancellation = default) =>
            client.GetVisitsAsync(query ?? Week(), cancellation);

        protected void AssertRightWeek(IReadOnlyList<MatomoSeriesRow> rows, int site = 1)
        {
            Assert.Equal(Enumerable.Range(0, 7).Select(day => First.AddDays(day)), rows.Select(row => row.Date));
            Assert.Equal(ExpectedVisits(site), rows.Select(row => row.Value));
            Assert.Contains(rows, row => row.Value > 0);
        }
    }
}
