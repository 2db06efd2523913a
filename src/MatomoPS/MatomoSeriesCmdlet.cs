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
    /// want; this class checks them all before any request, fetches them in as few round trips as the server
    /// allows, and writes their rows in the order asked. A series that fails is its own error; the others arrive.
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

        /// <summary>The most requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>One request per series instead of bulk requests.</summary>
        [Parameter]
        public SwitchParameter NoBulk { get; set; }

        /// <summary>The metrics asked for, each once, in the order given.</summary>
        protected IReadOnlyList<MatomoMetric> Metrics => Metric.Distinct().ToList();

        /// <summary>The series to fetch for <paramref name="sites"/>; every check of the input happens here.</summary>
        protected abstract IReadOnlyList<MatomoVisitsQuery> BuildQueries(IReadOnlyList<int> sites, DateTime start, DateTime end);

        /// <summary>Checks every series, connects, fetches them all and writes their rows in order.</summary>
        protected override async Task EndProcessingAsync()
        {
            if (Metric.Length != Metrics.Count) QueueWarning("A metric is given more than once; it is fetched once.");
            var (start, end) = ResolveRange();
            // Every series is checked before the connection is resolved, so bad input never costs a request.
            var queries = BuildQueries(SitesBeforeConnecting, start, end);
            if (queries.Count == 0) return;
            var connection = await GetConnectionAsync().ConfigureAwait(false);
            var sites = ResolveSites(connection);
            queries = queries.Select(query => query.WithSites(sites)).ToList();
            await FetchAndWriteAsync(connection, queries).ConfigureAwait(false);
        }

        private async Task FetchAndWriteAsync(MatomoConnection connection, IReadOnlyList<MatomoVisitsQuery> queries)
        {
            var options = new MatomoFetchOptions { UseBulk = !NoBulk, BatchSize = BatchSize, ThrottleLimit = ThrottleLimit };
            options.SegmentZeroCheck = finding => { if (_segmentWarnings.For(finding) is string warning) QueueWarning(warning); };
            int requests = MatomoBatchPlan.Sizes(queries.Count, ThrottleLimit, NoBulk ? 1 : BatchSize).Count;
            if (requests > 1)
            {
                options.Progress = new ImmediateProgress<MatomoFetchProgress>(p => QueueProgress(
                    new ProgressRecord(1, Activity, $"{p.Completed} of {p.Total} requests done") { PercentComplete = 100 * p.Completed / p.Total }));
                QueueProgress(new ProgressRecord(1, Activity, $"0 of {requests} requests done") { PercentComplete = 0 });
            }

            // When a failure ends the command (the token stops working), the series still queued must not be sent.
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            var results = connection.Client.FetchSeries(queries, options, abandon.Token);
            try
            {
                for (int i = 0; i < queries.Count; i++)
                {
                    try
                    {
                        QueueObjects(await results[i].ConfigureAwait(false));
                    }
                    catch (MatomoException error) when (error.Kind != MatomoErrorKind.Authentication)
                    {
                        QueueFailure(error, queries[i].Series);
                    }
                }
            }
            finally
            {
                abandon.Cancel();
            }
            if (requests > 1)
                QueueProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
