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
    public sealed class GetMatomoReportCommand : MatomoReportCmdlet
    {
        private const string Activity = "Fetching a Matomo report";

        /// <summary>The report, <c>Module.action</c>, such as Actions.getPageUrls.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportNameCompleter))]
        public string Report { get; set; } = string.Empty;

        /// <summary>The period of each table: Day to Year, or Range for one table of the whole range.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoPeriod))]
        public override MatomoPeriod Period
        {
            get => base.Period;
            set => base.Period = value;
        }

        /// <summary>The connections to use (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <inheritdoc />
        protected override MatomoConnection[]? ConnectionInput => Connection;

        /// <summary>The sites: numbers, or objects with a SiteId, Id or idsite property, also from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "idsite")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

        /// <inheritdoc />
        protected override int[]? SiteIdInput => SiteId;

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
        public string? Sort { get; set; }

        /// <summary>Sorts from the largest value down.</summary>
        [Parameter]
        public SwitchParameter Descending { get; set; }

        /// <summary>The columns to keep (Matomo's showColumns); the label and the row's metadata always stay.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Column { get; set; }

        /// <summary>The most requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <inheritdoc />
        protected override object? ErrorTarget => Report;

        /// <summary>
        /// Checks everything, then for each connection in turn: checks the report against the server's list, reads and
        /// writes the rows. With several connections, one that fails is its own error and the others still arrive.
        /// </summary>
        protected override async Task EndProcessingAsync()
        {
            var (start, end) = ResolveRange();
            // Every check of the input happens before a connection is resolved, so bad input never costs a request.
            BuildQuery(Report, SitesBeforeConnecting, start, end);
            foreach (var connection in await GetConnectionsAsync().ConfigureAwait(false))
            {
                try
                {
                    await ReadAndWriteAsync(connection).ConfigureAwait(false);
                }
                catch (MatomoException error) when (FansOut)
                {
                    QueueFailure(error, connection, connection);
                }
            }
        }

        private async Task ReadAndWriteAsync(MatomoConnection connection)
        {
            var sites = ResolveSites(connection);
            // The default range counts in the time zones of this connection's sites; checked before the server is asked.
            var (start, end) = ResolveRange(connection);
            BuildQuery(Report, sites, start, end);
            // An unknown report is refused with the server's closest names; the server's list is read once per connection.
            var reports = await ClientOf(connection).GetReportMetadataAsync(sites[0], Cancellation).ConfigureAwait(false);
            // A server that lists no reports cannot say which exist: the report is asked for as given.
            var metadata = reports.Count > 0 ? MatomoReportMetadata.Find(reports, Report) : null;
            var query = BuildQuery(metadata?.Report ?? Report, sites, start, end);
            await ReadAndWriteAsync(connection, query, metadata).ConfigureAwait(false);
        }

        private MatomoReportQuery BuildQuery(string report, IReadOnlyList<int> sites, DateTime start, DateTime end)
        {
            ulong first = PagingParameters.First, skip = PagingParameters.Skip;
            if (first == 0) throw new MatomoArgumentException("-First 0 asks for no rows; give -First 1 or more, or leave it out for every row.");
            if (skip > int.MaxValue) throw new MatomoArgumentException($"-Skip {skip} skips more rows than a Matomo report has; give at most {int.MaxValue}.");
            int? limit = first >= int.MaxValue ? (int?)null : (int)first;
            return MatomoReportQuery.Create(report, sites, Period, start, end, Segment, Flat, Label, SubtableId, Filter, Sort, Descending,
                Column, limit, (int)skip);
        }

        private async Task ReadAndWriteAsync(MatomoConnection connection, MatomoReportQuery query, MatomoReportMetadata? metadata)
        {
            var options = new MatomoReportFetchOptions { ThrottleLimit = ThrottleLimit };
            var total = new MatomoReportTotal(query.Limit, query.Offset);
            int periods = query.PeriodCount, done = 0;
            bool progress = periods > ProgressFrom;
            string? view = null;
            var columns = new List<string>();
            var properties = new MatomoReportObjects.ColumnProperties(columns);
            await ClientOf(connection).ReadReportAsync(query, options, async tables =>
            {
                var rows = tables.SelectMany(table => table.Rows).ToList();
                total.Add(tables);
                if (MatomoReportObjects.AddColumns(columns, rows)) properties = new MatomoReportObjects.ColumnProperties(columns);
                if (view == null && rows.Count > 0)
                {
                    // The table view of this report's main metrics, registered on the pipeline thread (it updates the session's formats).
                    var shown = MatomoReportObjects.ViewColumns(rows, metadata, query.Columns, query.SiteIds.Count > 1);
                    string name = MatomoTableView.TypeNameFor(MatomoReportObjects.BaseTypeName, shown);
                    int textColumns = shown.Count(column => column == "SiteId" || column == "Key" || column == "Label");
                    await QueueAsync(() => view = MatomoTableView.Ensure(this, name, shown, textColumns) ? name : string.Empty).ConfigureAwait(false);
                }
                var objects = rows.Select(row => MatomoReportObjects.ToObject(row, string.IsNullOrEmpty(view) ? null : view, properties)).ToList();
                done += tables.Select(table => table.Key).Distinct().Count();
                await QueueAsync(() =>
                {
                    foreach (var item in objects) WriteObject(item);
                    if (progress) WriteProgress(new ProgressRecord(1, Activity, $"{done} of {periods} periods") { PercentComplete = 100 * done / periods });
                }).ConfigureAwait(false);
            }, Cancellation).ConfigureAwait(false);
            if (progress) QueueProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            if (PagingParameters.IncludeTotalCount) QueueObject(PagingParameters.NewTotalCount(total.Count, total.Accuracy));
        }

        // A report of more periods than a month of days shows how far it got.
        private const int ProgressFrom = 31;
    }
}
