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
    /// Get-MatomoSiteSummary: every site the token may view (or those of -SiteId) with its visits, actions, pageviews,
    /// revenue and conversions for one period, the previous period's and the change, as Matomo's All Websites dashboard
    /// shows them: one request (MultiSites.getAll) per connection, the busiest sites first.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoSiteSummary")]
    [OutputType(typeof(MatomoSiteSummary))]
    public sealed class GetMatomoSiteSummaryCommand : MatomoCmdlet
    {
        private static readonly Dictionary<string, Func<MatomoSiteSummary, IComparable?>> SortKeys =
            new Dictionary<string, Func<MatomoSiteSummary, IComparable?>>(StringComparer.OrdinalIgnoreCase)
            {
                ["SiteId"] = row => row.SiteId,
                ["Name"] = row => row.Name,
                ["Visits"] = row => row.Visits,
                ["Actions"] = row => row.Actions,
                ["Pageviews"] = row => row.Pageviews,
                ["Revenue"] = row => row.Revenue,
                ["Conversions"] = row => row.Conversions,
                ["VisitsChange"] = row => row.VisitsChange,
                ["ActionsChange"] = row => row.ActionsChange,
                ["PageviewsChange"] = row => row.PageviewsChange,
                ["RevenueChange"] = row => row.RevenueChange,
                ["ConversionsChange"] = row => row.ConversionsChange,
            };

        private readonly MatomoSiteSelection _sites;

        /// <summary>A command with its parts.</summary>
        public GetMatomoSiteSummaryCommand() => _sites = new MatomoSiteSelection(this);

        /// <summary>Only these sites; default: every site the token may view. Numbers, or objects with a SiteId, Id or idsite property, also from the pipeline.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "idsite")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

        /// <summary>The period summed up: the Day, Week, Month or Year that holds -Date, or the Range of -Start to -End.</summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoPeriod))]
        public MatomoPeriod Period { get; set; } = MatomoPeriod.Day;

        /// <summary>A day of the period (Day to Year); default: yesterday in the sites' time zones (the earliest yesterday of several).</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? Date { get; set; }

        /// <summary>With -Period Range: the first day; default: 29 days before -End.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? Start { get; set; }

        /// <summary>With -Period Range: the last day; default: yesterday in the sites' time zones.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? End { get; set; }

        /// <summary>The figure to sort by, smallest first unless -Descending; default: Visits, the most first, as Matomo's dashboard.</summary>
        [Parameter]
        [ValidateSet("SiteId", "Name", "Visits", "Actions", "Pageviews", "Revenue", "Conversions",
            "VisitsChange", "ActionsChange", "PageviewsChange", "RevenueChange", "ConversionsChange", IgnoreCase = true)]
        public string? Sort { get; set; }

        /// <summary>Sorts by -Sort from the largest value down.</summary>
        [Parameter]
        public SwitchParameter Descending { get; set; }

        /// <summary>The connections to ask (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <inheritdoc />
        protected override object? ErrorTarget => _sites.Given.Count > 0 ? _sites.Given.ToArray() : null;

        /// <summary>Gathers the connections and sites of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            _sites.Gather(SiteId);
            return Task.CompletedTask;
        }

        /// <summary>Checks the dates before any request, then asks each connection once and writes its sites, sorted.</summary>
        protected override Task EndProcessingAsync()
        {
            var range = Range();
            return Connections.ForEachAsync(async connection =>
            {
                bool all = _sites.Given.Count == 0;
                var sites = all ? connection.AvailableSiteIds : await _sites.ForAsync(connection).ConfigureAwait(false);
                var summaries = await ClientOf(connection).GetSiteSummariesAsync(range.For(connection, sites), Cancellation).ConfigureAwait(false);
                if (!all) summaries = Pick(summaries, sites, connection);
                return (IEnumerable)Sorted(summaries);
            });
        }

        /// <summary>The period asked for, checked (a Range's -Start/-End, else -Date) before any request.</summary>
        private MatomoRangeInput Range()
        {
            MatomoRangeInput range;
            if (Period == MatomoPeriod.Range)
            {
                if (Date.HasValue)
                    throw new MatomoArgumentException("-Date picks one day, week, month or year; with -Period Range give -Start and -End.");
                range = new MatomoRangeInput(this, Start, End, Period);
            }
            else
            {
                if (Start.HasValue || End.HasValue)
                    throw new MatomoArgumentException($"-Start and -End are for -Period Range; for one {Period.ToString().ToLowerInvariant()} give -Date, a day within it.");
                range = new MatomoRangeInput(this, Date, Date, Period, defaultDays: 1);
            }
            range.Check();
            return range;
        }

        /// <summary>The rows of the sites asked for, in that order; a site the answer lacks is an error of its own, not left out silently.</summary>
        private List<MatomoSiteSummary> Pick(IReadOnlyList<MatomoSiteSummary> summaries, IReadOnlyList<int> sites, MatomoConnection connection)
        {
            var picked = new List<MatomoSiteSummary>();
            foreach (int id in sites)
            {
                var row = summaries.FirstOrDefault(summary => summary.SiteId == id);
                if (row != null) picked.Add(row);
                else QueueError(new ErrorRecord(
                    new MatomoArgumentException($"{MatomoClient.SiteSummaryMethod} of {connection.Url} gave no row for site {id}, which the token may view."),
                    "MatomoSiteSummaryMissing", ErrorCategory.ObjectNotFound, id));
            }
            return picked;
        }

        /// <summary>Sorted by -Sort (default: visits, most first); unknown values last, then by name and site id so the order is stable.</summary>
        private IEnumerable<MatomoSiteSummary> Sorted(IEnumerable<MatomoSiteSummary> summaries)
        {
            var key = SortKeys[Sort ?? "Visits"];
            bool descending = Sort == null || Descending;
            var known = summaries.OrderBy(row => key(row) == null);
            var ordered = descending ? known.ThenByDescending(key) : known.ThenBy(key);
            return ordered.ThenBy(row => row.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(row => row.SiteId).ToList();
        }
    }
}
