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
        private readonly MatomoSiteSelection _sites;

        /// <summary>A command with its parts.</summary>
        public GetMatomoLanguageVisitsCommand() => _sites = new MatomoSiteSelection(this);

        /// <summary>The language codes, in the order their series are written.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Slug", "Code", "LanguageCode")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string[] Language { get; set; } = Array.Empty<string>();

        /// <summary>The connections to use (Connect-Matomo -PassThru); default: the current connection. Not from the pipeline, which carries languages here.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <summary>
        /// The sites. Not from the pipeline: the pipeline carries languages, and a number or an Id column would
        /// otherwise bind as a language and a site at once.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

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

        /// <summary>Gathers the connections, sites and codes of this input; a repeated code is fetched once.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            _sites.Gather(SiteId);
            foreach (string code in Language)
            {
                string trimmed = MatomoLanguageCode.Check(code);
                if (_languages.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
                    QueueWarning($"The language '{trimmed}' is given more than once; it is fetched once.");
                else
                    _languages.Add(trimmed);
            }
            return Task.CompletedTask;
        }

        /// <summary>
        /// Checks everything before any request; then with -Source PageReport, the folders' pageviews, one report
        /// request per connection; else one series per language (and the total), through the series output.
        /// </summary>
        protected override async Task EndProcessingAsync()
        {
            var metrics = MatomoSeriesOutput.Metrics(this, Metric);
            var range = new MatomoRangeInput(this, Start, End, Period);
            if (Source == MatomoLanguageSource.PageReport)
            {
                await WriteFolderPageviewsAsync(metrics, range).ConfigureAwait(false);
                return;
            }
            var series = Definitions(metrics);
            if (series.Count == 0) return;
            range.Check();
            var output = SeriesOutput();
            await output.FetchAndWriteAsync(series, _sites, range).ConfigureAwait(false);
        }

        /// <summary>One series per language, in the order given, each metric its own; then the total's, unless -NoTotal.</summary>
        private IReadOnlyList<MatomoSeriesDefinition> Definitions(IReadOnlyList<MatomoMetric> metrics)
        {
            var definitions = new List<MatomoSeriesDefinition>();
            if (_languages.Count == 0) return definitions;
            foreach (string code in _languages)
                definitions.AddRange(metrics.Select(metric => MatomoSeriesDefinition.ForLanguage(metric, SegmentTemplate, code)));
            if (!NoTotal) definitions.AddRange(metrics.Select(metric => MatomoSeriesDefinition.Of(metric)));
            return definitions;
        }

        /// <summary>The pageviews of each language's folder, from the page report: one request per connection.</summary>
        private async Task WriteFolderPageviewsAsync(IReadOnlyList<MatomoMetric> metrics, MatomoRangeInput range)
        {
            if (_languages.Count == 0) return;
            // Checked before any request: the page report counts pageviews, of folders at the top of the path.
            if (metrics.Count != 1 || metrics[0] != MatomoMetric.Actions)
                throw new MatomoArgumentException("-Source PageReport counts pageviews from the page report: use it with -Metric Actions.");
            MatomoPageFolders.CheckTemplate(SegmentTemplate);
            range.Check();
            await Connections.ForEachAsync(async connection =>
            {
                var sites = await _sites.ForAsync(connection).ConfigureAwait(false);
                return (IEnumerable)await ClientOf(connection).GetFolderPageviewsAsync(sites, range.For(connection, sites), _languages, !NoTotal,
                    (table, pageviews) => QueueWarning(
                        $"Matomo cut the page report of site {table.SiteId} for {table.Key} when it archived it: its Others row holds {pageviews} pageviews of pages "
                        + $"beyond the server's limit ({MatomoReportTruncation.SettingFor(MatomoPageFolders.Report, false)} in its config.ini.php), which may belong to any folder. "
                        + "The folders' pageviews of that period may be short by up to that many; the Total is whole."),
                    Cancellation).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
    }
}
