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
    /// Get-MatomoVisits: visits, actions, unique visitors or users per day, week, month or year, of all visits, of one
    /// segment, or of named segment series (-Series) with the total last (-IncludeTotal), in as few round trips as
    /// the server allows.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoVisits", DefaultParameterSetName = SegmentSet)]
    [OutputType(typeof(MatomoSeriesRow))]
    public sealed class GetMatomoVisitsCommand : MatomoSeriesCmdlet
    {
        private const string SegmentSet = "Segment";
        private const string SeriesSet = "Series";

        private readonly MatomoSiteSelection _sites;

        /// <summary>A command with its parts.</summary>
        public GetMatomoVisitsCommand() => _sites = new MatomoSiteSelection(this);

        /// <summary>The connections to use (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <summary>The sites: numbers, or objects with a SiteId, Id or idsite property, also from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "idsite")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

        /// <summary>A segment as Matomo's UI writes it; the rows' series is the segment.</summary>
        [Parameter(ParameterSetName = SegmentSet)]
        [ValidateNotNullOrEmpty]
        public string? Segment { get; set; }

        /// <summary>Named segment series: name = segment, in the order of an ordered hashtable.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SeriesSet)]
        [ValidateNotNullOrEmpty]
        public IDictionary? Series { get; set; }

        /// <summary>Adds the series of all visits (Total) after the named ones.</summary>
        [Parameter(ParameterSetName = SeriesSet)]
        public SwitchParameter IncludeTotal { get; set; }

        /// <inheritdoc />
        protected override object? ErrorTarget => Segment ?? MatomoSeriesQuery.TotalSeries;

        /// <summary>Gathers the connections and sites of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            _sites.Gather(SiteId);
            return Task.CompletedTask;
        }

        /// <summary>
        /// Checks every series and the dates before any request, then fetches them for every connection, each series
        /// built once from the connection's sites and range, and writes their rows in the order asked.
        /// </summary>
        protected override async Task EndProcessingAsync()
        {
            var series = Definitions();
            var range = new MatomoRangeInput(this, Start, End, Period);
            range.Check();
            var output = SeriesOutput();
            await output.FetchAndWriteAsync(series, _sites, range).ConfigureAwait(false);
        }

        /// <summary>What each series counts, in order: the segment's (or all visits'), or each named one's, then the total's; each metric its own.</summary>
        private IReadOnlyList<MatomoSeriesDefinition> Definitions()
        {
            var metrics = MatomoSeriesOutput.Metrics(this, Metric);
            if (Series == null) return metrics.Select(metric => MatomoSeriesDefinition.Of(metric, Segment)).ToList();
            var definitions = new List<MatomoSeriesDefinition>();
            foreach (var (name, segment) in NamedSegments())
                foreach (var metric in metrics)
                    definitions.Add(MatomoSeriesDefinition.Named(metric, name, segment));
            if (IncludeTotal) definitions.AddRange(metrics.Select(metric => MatomoSeriesDefinition.Of(metric)));
            return definitions;
        }

        /// <summary>
        /// The entries of -Series in their order: an ordered hashtable keeps the order written; a plain one has none,
        /// so its names are sorted (with a warning). A name used twice, or one named like the total, is refused.
        /// </summary>
        private IEnumerable<(string Name, string Segment)> NamedSegments()
        {
            var entries = Series!.Cast<DictionaryEntry>()
                .Select(entry => (Name: Text(entry.Key), Segment: Text(entry.Value)))
                .ToList();
            if (Series is Hashtable)
            {
                QueueWarning("-Series is a plain hashtable, whose order PowerShell does not keep: the series come sorted by name. Write [ordered]@{ ... } to keep your order.");
                entries = entries.OrderBy(entry => entry.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
            }
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                if (IncludeTotal && string.Equals(entry.Name.Trim(), MatomoSeriesQuery.TotalSeries, StringComparison.OrdinalIgnoreCase))
                    throw new MatomoArgumentException($"A series is named '{entry.Name.Trim()}', like the total that -IncludeTotal adds; rename it.");
                if (!seen.Add(entry.Name.Trim()))
                    throw new MatomoArgumentException($"Two series are named '{entry.Name.Trim()}' (names ignore case); give each its own name.");
                if (entry.Name.Trim().Length > 0 && string.IsNullOrWhiteSpace(entry.Segment))
                    throw new MatomoArgumentException($"The series '{entry.Name.Trim()}' has an empty segment; leave it out, or use -IncludeTotal for all visits.");
            }
            return entries;
        }

        private static string Text(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString() ?? string.Empty;
    }
}
