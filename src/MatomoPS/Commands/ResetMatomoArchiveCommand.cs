using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Reset-MatomoArchive: invalidates the archived reports of sites for the days, weeks, months or years of -Start to
    /// -End (CoreAdminHome.invalidateArchivedReports), so Matomo processes them again from the visit log, and drops the
    /// local cache's entries of those sites and days. Matomo serves the old reports until its next archiving run (with
    /// browser-triggered archiving, the next request for them). Needs a super user's token.
    /// </summary>
    [Cmdlet(VerbsCommon.Reset, "MatomoArchive", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(MatomoArchiveInvalidation))]
    public sealed class ResetMatomoArchiveCommand : MatomoCmdlet
    {
        private readonly MatomoSiteSelection _sites;

        /// <summary>A command with its parts.</summary>
        public ResetMatomoArchiveCommand() => _sites = new MatomoSiteSelection(this);

        /// <summary>The sites: numbers, or objects with a SiteId, Id or idsite property, also from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "idsite")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[] SiteId { get; set; } = Array.Empty<int>();

        /// <summary>The first day whose reports go.</summary>
        [Parameter(Mandatory = true)]
        [CalendarDate]
        public DateTime Start { get; set; }

        /// <summary>The last day whose reports go; default: -Start.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? End { get; set; }

        /// <summary>
        /// The period of the reports: each Day, Week, Month or Year that holds a day of -Start to -End, or the Range of those
        /// days; Matomo invalidates the weeks, months and years that hold them too.
        /// </summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoPeriod))]
        public MatomoPeriod Period { get; set; } = MatomoPeriod.Day;

        /// <summary>Only the reports of this segment, as Matomo's UI writes it; default: the reports of all visits.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Segment { get; set; }

        /// <summary>Also the shorter periods inside each period: the weeks and days of a month.</summary>
        [Parameter]
        public SwitchParameter CascadeDown { get; set; }

        /// <summary>The connections to use (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <inheritdoc />
        protected override object? ErrorTarget => MatomoInvalidationQuery.Method;

        /// <summary>Gathers the connections and sites of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            _sites.Gather(SiteId);
            return Task.CompletedTask;
        }

        /// <summary>
        /// Checks the dates and the segment before any request; then for each connection checks the sites against its list,
        /// asks to go ahead (-WhatIf, -Confirm), invalidates, drops the cache's entries and writes what was done.
        /// </summary>
        protected override Task EndProcessingAsync()
        {
            var range = MatomoDateRange.Create(Period, Start, End ?? Start);
            var query = MatomoInvalidationQuery.Create(_sites.Given, range, Segment, CascadeDown);
            return Connections.ForEachAsync(async connection =>
            {
                await _sites.ForAsync(connection).ConfigureAwait(false);
                bool proceed = false;
                await QueueAsync(() => proceed = ShouldProcess(connection.Url, "Invalidate " + query)).ConfigureAwait(false);
                if (!proceed) return Array.Empty<object>();
                var done = await ClientOf(connection).InvalidateArchivesAsync(query, Cancellation).ConfigureAwait(false);
                foreach (string line in done.Messages.Where(line => line.StartsWith("Warning", StringComparison.OrdinalIgnoreCase)))
                    QueueWarning($"Matomo at {connection.Url}: {line}");
                // The cache holds closed periods; those that overlap these days (the weeks, months, years that hold them) are stale now.
                done.CacheEntriesRemoved = query.SiteIds.Sum(site => connection.Cache.Store.Clear(connection.Url, site, from: done.Start, to: done.End));
                QueueVerbose(MatomoArchiveInvalidation.NextStep);
                return new[] { done };
            });
        }
    }
}
