using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Get-MatomoLanguageVisits: one series per language (a segment built from a template) plus the total,
    /// fetched in as few round trips as Matomo's bulk API allows, written in the order given.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoLanguageVisits")]
    [OutputType(typeof(MatomoSeriesRow))]
    public sealed class GetMatomoLanguageVisitsCommand : MatomoSeriesCmdlet
    {
        /// <summary>The segment template of the reference client: pages under <c>/de/</c> are German.</summary>
        public const string DefaultTemplate = "pageUrl=@/{0}/";
        private readonly List<string> _languages = new List<string>();

        /// <summary>The language codes, in the order their series are written.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Slug", "Code", "LanguageCode")]
        [ValidateNotNullOrEmpty]
        public string[] Language { get; set; } = Array.Empty<string>();

        /// <summary>The connections to use (Connect-Matomo -PassThru); default: the current connection. Not from the pipeline, which carries languages here.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <inheritdoc />
        protected override MatomoConnection[]? ConnectionInput => Connection;

        /// <summary>
        /// The sites. Not from the pipeline: the pipeline carries languages, and a number or an Id column would
        /// otherwise bind as a language and a site at once.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

        /// <inheritdoc />
        protected override int[]? SiteIdInput => SiteId;

        /// <summary>The segment of a language, with <c>{0}</c> where the code goes.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SegmentTemplate { get; set; } = DefaultTemplate;

        /// <summary>Segments (default), or the page report's folders for pageviews (with -Metric Actions).</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoLanguageSource))]
        public MatomoLanguageSource Source { get; set; } = MatomoLanguageSource.Segment;

        /// <summary>Leaves out the total of all visits.</summary>
        [Parameter]
        public SwitchParameter NoTotal { get; set; }

        /// <summary>Gathers the codes of this input; a repeated code is fetched once.</summary>
        protected override Task ProcessInputAsync()
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

        /// <summary>With -Source PageReport, the folders' pageviews; else the segments, through the shared series path.</summary>
        protected override async Task EndProcessingAsync()
        {
            if (Source != MatomoLanguageSource.PageReport)
            {
                await base.EndProcessingAsync().ConfigureAwait(false);
                return;
            }
            if (_languages.Count == 0) return;
            // Checked before any request: the page report counts pageviews, of folders at the top of the path.
            if (Metrics.Count != 1 || Metrics[0] != MatomoMetric.Actions)
                throw new MatomoArgumentException("-Source PageReport counts pageviews from the page report: use it with -Metric Actions.");
            MatomoPageFolders.CheckTemplate(SegmentTemplate);
            var (start, end) = ResolveRange();
            // The sites and dates are checked as every series' are.
            MatomoSeriesQuery.Create(SitesBeforeConnecting, MatomoMetric.Actions, Period, start, end);
            await ForEachConnectionAsync(async connection =>
            {
                var (from, to) = ResolveRange(connection);
                return (IEnumerable)await ClientOf(connection).GetFolderPageviewsAsync(ResolveSites(connection), Period, from, to, _languages, !NoTotal, Cancellation)
                    .ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        /// <inheritdoc />
        protected override IReadOnlyList<MatomoSeriesQuery> BuildQueries(IReadOnlyList<int> sites, DateTime start, DateTime end)
        {
            var queries = new List<MatomoSeriesQuery>();
            if (_languages.Count == 0) return queries;
            foreach (string code in _languages)
                foreach (var metric in Metrics)
                    queries.Add(MatomoSeriesQuery.ForLanguage(sites, metric, Period, start, end, SegmentTemplate, code));
            if (!NoTotal)
                foreach (var metric in Metrics)
                    queries.Add(MatomoSeriesQuery.Create(sites, metric, Period, start, end));
            return queries;
        }
    }
}
