using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The base of the commands that write series of counts (visits, actions, ...): they say which series they
    /// want; this class checks them all before any request, fetches them for every connection in as few round trips
    /// as the servers allow (at most -ThrottleLimit requests in flight in all), and writes their rows in the order
    /// asked: connection by connection, series by series. A series that fails is its own error; the others arrive.
    /// A refused token ends its connection's part with one error (the command, when it is the only connection).
    /// </summary>
    public abstract class MatomoSeriesCmdlet : MatomoReportCmdlet
    {
        private const string Activity = "Fetching Matomo series";
        private readonly MatomoSegmentWarnings _segmentWarnings = new MatomoSegmentWarnings();

        /// <summary>What to count; several metrics give one series each, in the order given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SingleEnumValue(typeof(MatomoMetric), Many = true)]
        public MatomoMetric[] Metric { get; set; } = { MatomoMetric.Visits };

        /// <summary>The most series in one bulk request.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 50;

        /// <summary>The most requests in flight at once, over every connection.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>One request per series instead of bulk requests.</summary>
        [Parameter]
        public SwitchParameter NoBulk { get; set; }

        /// <summary>The metrics asked for, each once, in the order given.</summary>
        protected IReadOnlyList<MatomoMetric> Metrics => Metric.Distinct().ToList();

        /// <summary>The series to fetch for <paramref name="sites"/>; every check of the input happens here.</summary>
        protected abstract IReadOnlyList<MatomoSeriesQuery> BuildQueries(IReadOnlyList<int> sites, DateTime start, DateTime end);

        /// <summary>Checks every series, connects, fetches them all and writes their rows in order.</summary>
        protected override async Task EndProcessingAsync()
        {
            if (Metric.Length != Metrics.Count) QueueWarning("A metric is given more than once; it is fetched once.");
            var (start, end) = ResolveRange();
            // Every series is checked before a connection is resolved, so bad input never costs a request.
            var checkedQueries = BuildQueries(SitesBeforeConnecting, start, end);
            if (checkedQueries.Count == 0) return;
            var connections = await GetConnectionsAsync().ConfigureAwait(false);
            // Per connection: its sites, and the default range in their time zones.
            var parts = connections.Select(connection =>
            {
                var sites = ResolveSites(connection);
                var (from, to) = ResolveRange(connection);
                return new Part(connection, checkedQueries.Select(query => query.WithSites(sites, from, to)).ToList());
            }).ToList();
            await FetchAndWriteAsync(parts).ConfigureAwait(false);
        }

        private async Task FetchAndWriteAsync(IReadOnlyList<Part> parts)
        {
            using var throttle = new SemaphoreSlim(ThrottleLimit);
            // When a failure ends the command, the series still queued must not be sent.
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            var options = new MatomoFetchOptions { UseBulk = !NoBulk, BatchSize = BatchSize, ThrottleLimit = ThrottleLimit, SharedThrottle = throttle };
            // The requests of every connection's fetch, by the client's own plan.
            int requests = parts.Sum(part => MatomoBatchPlan.Sizes(part.Queries.Count, options).Count);
            int completed = 0;
            options.SegmentZeroCheck = finding => { if (_segmentWarnings.For(finding) is string warning) QueueWarning(warning); };
            if (requests > 1)
            {
                options.Progress = new ImmediateProgress<MatomoFetchProgress>(_ => ReportProgress(Interlocked.Increment(ref completed), requests));
                ReportProgress(0, requests);
            }
            foreach (var part in parts) part.Results = ClientOf(part.Connection).FetchSeries(part.Queries, options, abandon.Token);
            try
            {
                foreach (var part in parts) await WriteAsync(part).ConfigureAwait(false);
            }
            finally
            {
                abandon.Cancel();
            }
            if (requests > 1)
                QueueProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>Writes one connection's series in order; a refused token ends that connection with one error.</summary>
        private async Task WriteAsync(Part part)
        {
            for (int i = 0; i < part.Queries.Count; i++)
            {
                try
                {
                    QueueObjects(await part.Results![i].ConfigureAwait(false));
                }
                catch (MatomoException error) when (error.Kind == MatomoErrorKind.Authentication || error.Kind == MatomoErrorKind.LockedOut)
                {
                    if (!FansOut) throw;
                    QueueFailure(error, part.Connection, part.Connection);
                    return;
                }
                catch (MatomoException error)
                {
                    QueueFailure(error, part.Queries[i].Series, part.Connection);
                }
            }
        }

        private void ReportProgress(int completed, int total) => QueueProgress(
            new ProgressRecord(1, Activity, $"{completed} of {total} requests done") { PercentComplete = 100 * completed / total });

        /// <summary>One connection's share of the command: its series and, once started, their tasks.</summary>
        private sealed class Part
        {
            public Part(MatomoConnection connection, IReadOnlyList<MatomoSeriesQuery> queries)
            {
                Connection = connection;
                Queries = queries;
            }

            public MatomoConnection Connection { get; }
            public IReadOnlyList<MatomoSeriesQuery> Queries { get; }
            public IReadOnlyList<Task<IReadOnlyList<MatomoSeriesRow>>>? Results { get; set; }
        }
    }
}
