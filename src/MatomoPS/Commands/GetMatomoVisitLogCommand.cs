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
    /// Get-MatomoVisitLog: Matomo's raw visit log (Live.getLastVisitsDetails) of one site, one typed row per visit (or per
    /// action with -Expand Actions), oldest first, streamed page by page. Pages follow a cursor of time and visit ids, so
    /// visits tracked during an export neither repeat nor go missing; visits that may still grow (last active within
    /// -SettleTime) are left for the next run; each row carries the cursor to go on from (-After, -StatePath).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoVisitLog", DefaultParameterSetName = CursorSet)]
    [OutputType(typeof(MatomoVisit), typeof(MatomoVisitAction))]
    public sealed class GetMatomoVisitLogCommand : MatomoCmdlet
    {
        private const string Activity = "Reading the Matomo visit log";
        private const string CursorSet = "Cursor";
        private const string StateSet = "State";

        private MatomoVisitLogState? _state;
        private long _left;

        /// <summary>How long after its last action a visit counts as closed unless -SettleTime says otherwise: one hour.</summary>
        public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromHours(1);

        /// <summary>The site; default: the connection's site.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int? SiteId { get; set; }

        /// <summary>The first day (the site's day, as Matomo counts it); default: 29 days before -End.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? Start { get; set; }

        /// <summary>The last day; default: yesterday in the site's time zone.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? End { get; set; }

        /// <summary>A segment as Matomo's UI writes it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Segment { get; set; }

        /// <summary>The properties of each visit to ask Matomo for (its showColumns); the others stay empty. VisitId, SiteId and LastActionTime are always read.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(VisitPropertyCompleter))]
        public string[]? Property { get; set; }

        /// <summary>Actions: one row per action of each visit, with its visit's id, instead of one row per visit.</summary>
        [Parameter]
        [ValidateSet("Actions")]
        public string? Expand { get; set; }

        /// <summary>Visits last active within this time before now may still grow and are left for the next run; default one hour.</summary>
        [Parameter]
        public TimeSpan SettleTime { get; set; } = DefaultSettleTime;

        /// <summary>Reads the visits that may still be open too (they may appear again, grown, in a later run).</summary>
        [Parameter]
        public SwitchParameter IncludeOpen { get; set; }

        /// <summary>The visits asked for per request; halved when the server runs out of memory or time, grown back after.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int PageSize { get; set; } = MatomoVisitLogOptions.DefaultPageSize;

        /// <summary>Goes on after this cursor: the Cursor property of the last row an earlier run wrote.</summary>
        [Parameter(ParameterSetName = CursorSet)]
        [ValidateNotNullOrEmpty]
        public string? After { get; set; }

        /// <summary>A file that keeps where the export stands: read at the start (if it exists), saved after every page written.</summary>
        [Parameter(ParameterSetName = StateSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        /// <summary>Stops after this many visits (with -Expand Actions: after the actions of this many visits).</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long First { get; set; }

        /// <summary>The connection to use (Connect-Matomo -PassThru); default: the current connection.</summary>
        [Parameter]
        [ValidateNotNull]
        public MatomoConnection? Connection { get; set; }

        /// <inheritdoc />
        protected override object? ErrorTarget => SiteId;

        /// <summary>Resolves the state file's path on the pipeline thread, where the provider paths are known.</summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (StatePath != null) _state = new MatomoVisitLogState(GetUnresolvedProviderPathFromPSPath(StatePath));
        }

        /// <summary>Checks the input before any request, then reads the log page by page and writes each page as it comes.</summary>
        protected override async Task EndProcessingAsync()
        {
            if (SettleTime < TimeSpan.Zero)
                throw new MatomoArgumentException($"-SettleTime {SettleTime} is negative; give how long after its last action a visit counts as closed, such as 01:00:00.");
            if (SettleTime > TimeSpan.Zero && SettleTime < TimeSpan.FromSeconds(1))
                throw new MatomoArgumentException($"-SettleTime {SettleTime} is less than a second (a number is read as ticks); give a time span such as 01:00:00 or (New-TimeSpan -Minutes 90).");
            if (IncludeOpen && MyInvocation.BoundParameters.ContainsKey(nameof(SettleTime)))
                throw new MatomoArgumentException("-IncludeOpen reads every visit, however recent, and -SettleTime leaves the recent ones out; give one of them.");
            var after = After == null ? null : MatomoVisitCursor.Parse(After);
            var properties = Properties();
            var range = new MatomoRangeInput(this, Start, End, MatomoPeriod.Range);
            var checkedRange = range.Check();
            // Every check that needs no server, before connecting: the site is known only then (the query is made again below).
            MatomoVisitLogQuery.Create(SiteId ?? after?.SiteId ?? 1, checkedRange.Start, checkedRange.End, Segment, properties);
            _state?.CheckFolder();

            Connections.Gather(Connection == null ? null : new[] { Connection });
            var connection = (await Connections.ResolveAsync().ConfigureAwait(false))[0];
            var client = ClientOf(connection);
            int siteId = SiteId ?? connection.DefaultSiteId;
            await client.CheckSitesAsync(new[] { siteId }, connection.AvailableSiteIds, Cancellation).ConfigureAwait(false);
            var site = connection.Sites.FirstOrDefault(known => known.SiteId == siteId)
                ?? (await client.GetSitesAsync(Cancellation).ConfigureAwait(false)).First(known => known.SiteId == siteId);
            var zone = MatomoTimeZone.Parse(site.Timezone);
            // Without -End the default range warns of an unknown zone itself.
            if (!zone.IsKnown && End.HasValue)
                QueueWarning($"The time zone '{site.Timezone}' of site {siteId} is not known on this machine: its days and clock times count in UTC, which may differ from the site's.");
            var dates = range.For(connection, new[] { siteId });
            var query = MatomoVisitLogQuery.Create(siteId, dates.Start, dates.End, Segment, properties, zone);

            var progress = new MatomoProgressWriter(this, Activity);
            var options = new MatomoVisitLogOptions
            {
                PageSize = PageSize,
                After = after ?? _state?.Load(query),
                Until = IncludeOpen ? (DateTime?)null : Session.Now.UtcDateTime - SettleTime,
                Progress = progress.ForVisitLog(),
            };
            _left = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : long.MaxValue;
            using var enough = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            try
            {
                await client.ReadVisitLogAsync(query, options, page => WritePageAsync(query, page, enough), enough.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (enough.IsCancellationRequested && !Cancellation.IsCancellationRequested)
            {
                // -First visits are written: the read stops here.
            }
            progress.Complete();
        }

        /// <summary>The properties to ask for: -Property, with the actions when -Expand Actions needs them; empty for all.</summary>
        private IReadOnlyList<string> Properties()
        {
            if (Property == null) return Array.Empty<string>();
            var asked = Property.ToList();
            if (Expand != null && !asked.Contains("ActionDetails", StringComparer.OrdinalIgnoreCase)) asked.Add("ActionDetails");
            return asked;
        }

        /// <summary>
        /// Writes a page (up to -First visits in all) on the pipeline thread and, with -StatePath, saves the cursor after
        /// the last visit the pipeline took, also when it stops part way (Select-Object -First, an error downstream).
        /// </summary>
        private async Task WritePageAsync(MatomoVisitLogQuery query, IReadOnlyList<MatomoVisit> page, CancellationTokenSource enough)
        {
            var visits = _left < page.Count ? page.Take((int)_left).ToList() : page;
            var items = Items(visits);
            string pageEnd = visits[visits.Count - 1].Cursor;
            await QueueAsync(() =>
            {
                string? delivered = null;
                bool complete = false;
                try
                {
                    foreach (var (item, cursor) in items)
                    {
                        try
                        {
                            WriteObject(item);
                        }
                        catch (PipelineStoppedException) when (!Cancellation.IsCancellationRequested)
                        {
                            // A command downstream took this row and then stopped the pipeline (Select-Object -First):
                            // the row is written. Ctrl+C instead stops this command first (StopProcessing), and a row
                            // whose write it interrupted counts as not written.
                            delivered = cursor ?? delivered;
                            throw;
                        }
                        delivered = cursor ?? delivered;
                    }
                    complete = true;
                }
                finally
                {
                    string? position = complete ? pageEnd : delivered;
                    if (_state != null && position != null) _state.Save(query, position, DateTime.UtcNow);
                }
            }).ConfigureAwait(false);
            _left -= visits.Count;
            if (_left <= 0) enough.Cancel();
        }

        /// <summary>
        /// The objects of a page, each with the cursor that is reached once it is written: a visit's own; for actions,
        /// the visit's cursor on its last action only (a visit is written when all its actions are).
        /// </summary>
        private List<(object Item, string? Cursor)> Items(IReadOnlyList<MatomoVisit> visits)
        {
            var items = new List<(object, string?)>(visits.Count);
            foreach (var visit in visits)
            {
                if (Expand == null)
                {
                    items.Add((visit, visit.Cursor));
                    continue;
                }
                var actions = visit.ActionDetails ?? new MatomoVisitActions(Array.Empty<MatomoVisitAction>());
                for (int i = 0; i < actions.Count; i++)
                {
                    actions[i].Cursor = visit.Cursor;
                    items.Add((actions[i], i == actions.Count - 1 ? visit.Cursor : null));
                }
            }
            return items;
        }
    }
}
