using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Get-MatomoReport: any Matomo report (page URLs, referrers, countries...) as one object per row, period and site,
    /// its columns under Matomo's names as numbers. Long ranges are read in parts of whole periods, a few at once, and
    /// written in date order as they arrive, so memory holds a few parts, never the whole report.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoReport", SupportsPaging = true)]
    [OutputType(typeof(MatomoReportRow))]
    public sealed class GetMatomoReportCommand : MatomoPeriodsCmdlet
    {
        private const string Activity = "Fetching a Matomo report";

        private readonly MatomoSiteSelection _sites;

        /// <summary>A command with its parts.</summary>
        public GetMatomoReportCommand() => _sites = new MatomoSiteSelection(this);

        /// <summary>The report, <c>Module.action</c>, such as Actions.getPageUrls.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportNameCompleter))]
        public string Report { get; set; } = string.Empty;

        /// <summary>The period of each table: Day to Year, or Range for one table of the whole range.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoPeriod))]
        public MatomoPeriod Period { get; set; } = MatomoPeriod.Day;

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

        /// <summary>A segment as Matomo's UI writes it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Segment { get; set; }

        /// <summary>The flattened report: the rows of every subtable in one list, each named by its whole path.</summary>
        [Parameter]
        public SwitchParameter Flat { get; set; }

        /// <summary>One row by its label; a path of labels joined by '>' reaches into subtables.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Label { get; set; }

        /// <summary>The subtable to read (a row's SubtableId, which differs per period).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? SubtableId { get; set; }

        /// <summary>A pattern (regular expression, case-insensitive) the label must match.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        /// <summary>The column to sort each period's rows by, smallest first unless -Descending.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportColumnCompleter))]
        public string? Sort { get; set; }

        /// <summary>Sorts from the largest value down.</summary>
        [Parameter]
        public SwitchParameter Descending { get; set; }

        /// <summary>The columns to keep (Matomo's showColumns); the label and the row's metadata always stay.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportColumnCompleter))]
        public string[]? Column { get; set; }

        /// <inheritdoc />
        protected override object? ErrorTarget => Report;

        /// <summary>Gathers the connections and sites of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            _sites.Gather(SiteId);
            return Task.CompletedTask;
        }

        /// <summary>
        /// Checks everything before any request, then for each connection in turn: checks the report against the
        /// server's list, builds the query once from its sites and range, reads and writes the rows (every request of
        /// the command holding one throttle). With several connections, one that fails is its own error and the others
        /// still arrive.
        /// </summary>
        protected override async Task EndProcessingAsync()
        {
            var (definition, paging) = Definition();
            var range = new MatomoRangeInput(this, Start, End, Period);
            range.Check();
            var progress = new MatomoProgressWriter(this, Activity);
            await Connections.ForEachAsync(ThrottleLimit, (connection, throttle, cancellation) => throttle,
                (connection, throttle) => ReadAndWriteAsync(connection, definition, paging, range, throttle, progress)).ConfigureAwait(false);
            progress.Complete();
        }

        /// <summary>Which report and how to read it: every check of the input that needs no server.</summary>
        private (MatomoReportDefinition Definition, MatomoReportPaging Paging) Definition()
        {
            ulong first = PagingParameters.First, skip = PagingParameters.Skip;
            if (first == 0) throw new MatomoArgumentException("-First 0 asks for no rows; give -First 1 or more, or leave it out for every row.");
            if (skip > int.MaxValue) throw new MatomoArgumentException($"-Skip {skip} skips more rows than a Matomo report has; give at most {int.MaxValue}.");
            var paging = new MatomoReportPaging(first >= int.MaxValue ? (int?)null : (int)first, (int)skip, PagingParameters.IncludeTotalCount);
            var definition = MatomoReportDefinition.Create(Report, Segment, Flat, Label, SubtableId, Filter, Sort, Descending, Column, paging.ServerLimit, paging.ServerOffset);
            return (definition, paging);
        }

        private async Task ReadAndWriteAsync(MatomoConnection connection, MatomoReportDefinition definition, MatomoReportPaging paging, MatomoRangeInput range,
            System.Threading.SemaphoreSlim throttle, MatomoProgressWriter progress)
        {
            var sites = await _sites.ForAsync(connection).ConfigureAwait(false);
            // The default range counts in the time zones of this connection's sites.
            var dates = range.For(connection, sites);
            // An unknown report is refused with the server's closest names; the server's list is read once per connection.
            var reports = await ClientOf(connection).GetReportMetadataAsync(sites[0], Cancellation).ConfigureAwait(false);
            // A server that lists no reports cannot say which exist: the report is asked for as given.
            var metadata = reports.Count > 0 ? MatomoReportMetadata.Find(reports, Report) : null;
            var query = MatomoReportQuery.Create(sites, dates, metadata == null ? definition : definition.WithReport(metadata.Report));
            var options = new MatomoReportFetchOptions
            {
                ThrottleLimit = ThrottleLimit,
                SharedThrottle = throttle,
                Progress = progress.For(connection),
                Cache = CacheFor(connection, metadata),
            };
            await WriteAsync(connection, query, new MatomoReportColumnCheck(query.Definition, metadata), paging, metadata, options).ConfigureAwait(false);
        }

        /// <summary>
        /// How this read uses the cache of closed periods. Matomo writes report labels (countries, channels, Others) in the
        /// language of the token's user, which the API does not name; the report's own name, dimension and metric titles
        /// in the server's list come in that language too, so they mark the language in the key. Without the report in the
        /// list there is no mark, and the report is asked for every time.
        /// </summary>
        private MatomoCacheOptions? CacheFor(MatomoConnection connection, MatomoReportMetadata? metadata)
        {
            if (metadata == null) return null;
            var options = connection.Cache.For(connection, NoCache, Refresh, QueueWarning);
            if (options == null) return null;
            string words = string.Join("\n", new[] { metadata.Name, metadata.Category, metadata.Dimension }.Concat(metadata.Metrics.Select(metric => metric.Title)));
            using var sha = System.Security.Cryptography.SHA256.Create();
            options.Variant = "labels=" + BitConverter.ToString(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(words)), 0, 8).Replace("-", string.Empty);
            return options;
        }

        private async Task WriteAsync(MatomoConnection connection, MatomoReportQuery query, MatomoReportColumnCheck columnCheck, MatomoReportPaging paging,
            MatomoReportMetadata? metadata, MatomoReportFetchOptions options)
        {
            var truncation = new MatomoTruncationWarnings();
            IReadOnlyList<string>? compared = null;
            string? view = null;
            var columns = new List<string>();
            var properties = new MatomoReportObjects.ColumnProperties(columns);
            await ClientOf(connection).ReadReportAsync(query, options, async tables =>
            {
                columnCheck.Check(tables.SelectMany(table => table.Rows).ToList());
                var rows = tables.SelectMany(paging.Page).ToList();
                foreach (string warning in truncation.For(rows, query.Definition.SubtableId.HasValue)) QueueWarning(warning);
                if (MatomoReportObjects.AddColumns(columns, rows)) properties = new MatomoReportObjects.ColumnProperties(columns);
                if (view == null && rows.Count > 0)
                {
                    // The table view of this report's main metrics, registered on the pipeline thread (it updates the session's formats).
                    var shown = MatomoReportObjects.ViewColumns(rows, metadata, query.Columns, query.SiteIds.Count > 1);
                    string name = MatomoTableView.TypeNameFor(MatomoReportObjects.BaseTypeName, shown);
                    int textColumns = shown.Count(column => column == "SiteId" || column == "Key" || column == "Label");
                    await QueueAsync(() => view = MatomoTableView.Ensure(this, name, shown, textColumns) ? name : string.Empty).ConfigureAwait(false);
                }
                var previous = Compare == MatomoComparison.None ? null : await ComparedRowsAsync(connection, query, tables).ConfigureAwait(false);
                if (previous != null && compared == null && rows.Count > 0) compared = MatomoReportObjects.NumberColumns(columns, rows);
                var objects = rows.Select(row =>
                {
                    var item = MatomoReportObjects.ToObject(row, string.IsNullOrEmpty(view) ? null : view, properties);
                    if (previous != null)
                        MatomoReportObjects.AddComparison(item, row, previous.TryGetValue((row.SiteId, row.Date, row.Label), out var before) ? before : null, compared!);
                    return item;
                }).ToList();
                // Waits until the pipeline took them: the next parts are asked for only as these are written.
                await QueueAsync(() => { foreach (var item in objects) WriteObject(item); }).ConfigureAwait(false);
            }, Cancellation).ConfigureAwait(false);
            if (PagingParameters.IncludeTotalCount) QueueObject(PagingParameters.NewTotalCount(paging.Count, 1.0));
        }

        /// <summary>
        /// The rows of the periods <paramref name="tables"/> are compared with, every row of each (not paged), in one
        /// more request for the part, by the site, the first day of the compared period's current counterpart and the label.
        /// </summary>
        private async Task<Dictionary<(int Site, DateTime Date, string Label), MatomoReportRow>> ComparedRowsAsync(MatomoConnection connection, MatomoReportQuery query,
            IReadOnlyList<MatomoReportTable> tables)
        {
            var byRow = new Dictionary<(int, DateTime, string), MatomoReportRow>();
            if (tables.Count == 0) return byRow;
            var starts = MatomoComparedPeriods.Starts(query.Range, Compare);
            var current = tables.Select(table => table.Date).Distinct().ToList();
            MatomoDateRange range;
            if (query.Period == MatomoPeriod.Range) range = MatomoComparedPeriods.Range(query.Range, Compare);
            else
            {
                var first = current.Select(date => starts[date]).Min();
                var last = current.Select(date => starts[date]).Max();
                range = MatomoDateRange.Create(query.Period, first, MatomoPeriodKey.Next(query.Period, last).AddDays(-1));
            }
            var comparedQuery = MatomoReportQuery.Create(query.SiteIds, range, query.Definition.WithoutPaging());
            var back = current.GroupBy(date => starts[date]).ToDictionary(group => group.Key, group => group.ToList());
            foreach (var table in await ClientOf(connection).GetReportAsync(comparedQuery, Cancellation).ConfigureAwait(false))
            {
                if (!back.TryGetValue(query.Period == MatomoPeriod.Range ? range.Start : table.Date, out var dates)) continue;
                foreach (var date in dates)
                    foreach (var row in table.Rows)
                        if (!byRow.ContainsKey((table.SiteId, date, row.Label))) byRow[(table.SiteId, date, row.Label)] = row;
            }
            return byRow;
        }
    }
}
