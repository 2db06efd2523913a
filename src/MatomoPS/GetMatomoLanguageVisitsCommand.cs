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
    /// Get-MatomoLanguageVisits: one series per language (a segment built from a template) plus the total,
    /// fetched in as few round trips as Matomo's bulk API allows, written in the order given.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoLanguageVisits")]
    [OutputType(typeof(MatomoVisitsRow))]
    public sealed class GetMatomoLanguageVisitsCommand : MatomoReportCmdlet
    {
        public const string DefaultTemplate = "pageUrl=@/{0}/";
        private readonly List<string> _languages = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Slug", "Code", "LanguageCode")]
        [ValidateNotNullOrEmpty]
        public string[] Language { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SegmentTemplate { get; set; } = DefaultTemplate;

        [Parameter]
        public SwitchParameter NoTotal { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 50;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        [Parameter]
        public SwitchParameter NoBulk { get; set; }

        protected override Task ProcessRecordAsync()
        {
            foreach (string code in Language)
            {
                if (string.IsNullOrWhiteSpace(code))
                    throw new MatomoArgumentException("A language code is empty or blank.");
                string trimmed = code.Trim();
                if (_languages.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
                    QueueWarning($"The language '{trimmed}' is given more than once; it is fetched once.");
                else
                    _languages.Add(trimmed);
            }
            return Task.CompletedTask;
        }

        protected override async Task EndProcessingAsync()
        {
            if (_languages.Count == 0) return;
            var (start, end) = ResolveRange();
            // Every series is checked before the connection is resolved, so bad input never costs a request.
            var queries = BuildQueries(SitesBeforeConnecting, start, end);
            var connection = await GetConnectionAsync().ConfigureAwait(false);
            var sites = ResolveSites(connection);
            queries = queries.Select(query => query.WithSites(sites)).ToList();

            var options = new MatomoFetchOptions { UseBulk = !NoBulk, BatchSize = BatchSize, ThrottleLimit = ThrottleLimit };
            int requests = NoBulk ? queries.Count : (queries.Count + BatchSize - 1) / BatchSize;
            const string activity = "Fetching Matomo series";
            if (requests > 1)
            {
                options.Progress = new ImmediateProgress<MatomoFetchProgress>(p => QueueProgress(
                    new ProgressRecord(1, activity, $"{p.Completed} of {p.Total} requests done") { PercentComplete = 100 * p.Completed / p.Total }));
                QueueProgress(new ProgressRecord(1, activity, $"0 of {requests} requests done") { PercentComplete = 0 });
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
                        QueueError(MatomoErrors.Record(error, queries[i].Series));
                    }
                }
            }
            finally
            {
                abandon.Cancel();
            }
            if (requests > 1)
                QueueProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private List<MatomoVisitsQuery> BuildQueries(IReadOnlyList<int> sites, DateTime start, DateTime end)
        {
            var queries = _languages
                .Select(code => MatomoVisitsQuery.ForLanguage(sites, Metric, Period, start, end, SegmentTemplate, code))
                .ToList();
            if (!NoTotal) queries.Add(MatomoVisitsQuery.Create(sites, Metric, Period, start, end));
            return queries;
        }
    }
}
