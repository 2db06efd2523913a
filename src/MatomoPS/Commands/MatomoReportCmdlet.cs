using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The parameters every report command shares: the date range, the period and the sites. Each command declares
    /// -SiteId itself, as only some take it from the pipeline; the ids of every input are gathered, in order, and
    /// fetched together at the end.
    /// </summary>
    public abstract class MatomoReportCmdlet : MatomoCmdlet
    {
        /// <summary>The number of days in the default range: yesterday and the 29 days before.</summary>
        public const int DefaultDays = 30;

        private readonly List<int> _sites = new List<int>();

        /// <summary>The first day; default: 29 days before -End.</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? Start { get; set; }

        /// <summary>The last day; default: yesterday in the site's time zone (the earliest yesterday of several sites).</summary>
        [Parameter]
        [CalendarDate]
        public DateTime? End { get; set; }

        /// <summary>
        /// The period of each row: Day to Year (Range, one value for the whole range, is refused when binding and not offered
        /// by Tab). A command that reads a range as one table overrides it without the range check.
        /// </summary>
        [Parameter]
        [SingleEnumValue(typeof(MatomoPeriod))]
        [ValidateRange(MatomoPeriod.Day, MatomoPeriod.Year)]
        public virtual MatomoPeriod Period { get; set; } = MatomoPeriod.Day;

        /// <summary>The sites of this input (the command's -SiteId); none means the connection's site.</summary>
        protected abstract int[]? SiteIdInput { get; }

        /// <summary>Gathers the site ids of this input, then runs <see cref="ProcessInputAsync"/>.</summary>
        protected sealed override Task ProcessRecordAsync()
        {
            foreach (int id in SiteIdInput ?? Array.Empty<int>())
            {
                if (_sites.Contains(id)) QueueWarning($"The site {id} is given more than once; it is fetched once.");
                else _sites.Add(id);
            }
            return ProcessInputAsync();
        }

        /// <summary>The command's own work for each pipeline input (site ids are gathered already).</summary>
        protected virtual Task ProcessInputAsync() => Task.CompletedTask;

        /// <summary>
        /// The range to check the input with before connecting: the given dates, else the last 30 days that are complete
        /// everywhere on earth by now (yesterday at UTC+14, the latest of all zones), so nothing a site's own range
        /// could accept is refused here. The range asked for comes from <see cref="ResolveRange(MatomoConnection)"/>.
        /// </summary>
        protected (DateTime Start, DateTime End) ResolveRange() => Range(() => LatestYesterday);

        /// <summary>
        /// The range to ask <paramref name="connection"/> for: the given dates, else the last 30 complete days of the
        /// sites asked for, in their own time zones. With sites in several zones the range ends on the earliest of their
        /// yesterdays, so no site gets a day that is not over yet.
        /// </summary>
        protected (DateTime Start, DateTime End) ResolveRange(MatomoConnection connection) =>
            Range(() => SitesYesterday(connection));

        private (DateTime Start, DateTime End) Range(Func<DateTime> yesterday)
        {
            DateTime end = End?.Date ?? yesterday();
            DateTime start = Start?.Date ?? end.AddDays(-(DefaultDays - 1));
            return (start, end);
        }

        private static DateTime LatestYesterday => MatomoSession.Now.ToOffset(TimeSpan.FromHours(14)).Date.AddDays(-1);

        /// <summary>The earliest yesterday of the sites asked for; a zone this machine does not know counts in UTC, with a warning.</summary>
        private DateTime SitesYesterday(MatomoConnection connection)
        {
            var now = MatomoSession.Now;
            DateTime? earliest = null;
            foreach (int id in ResolveSites(connection))
            {
                // A site missing from the connection's list is refused when it is fetched; it has no zone to count here.
                var site = connection.Sites.FirstOrDefault(candidate => candidate.SiteId == id);
                if (site == null) continue;
                var zone = MatomoTimeZone.Parse(site.Timezone);
                if (!zone.IsKnown) WarnUnknownZone(site);
                var yesterday = zone.Today(now).AddDays(-1);
                if (earliest == null || yesterday < earliest) earliest = yesterday;
            }
            return earliest ?? MatomoTimeZone.Utc.Today(now).AddDays(-1);
        }

        private void WarnUnknownZone(MatomoSite site)
        {
            string what = site.Timezone.Trim().Length == 0
                ? $"Matomo gave no time zone for site {site.SiteId}"
                : $"The time zone '{site.Timezone}' of site {site.SiteId} is not known on this machine";
            QueueWarning($"{what}: its default range ends yesterday in UTC, which may be a day off the site's own yesterday. Give -End to choose the last day.");
        }

        /// <summary>
        /// The sites to build queries with before the connection is resolved: the given ids, else a stand-in
        /// that <see cref="MatomoSeriesQuery.WithSites"/> replaces with the connection's site.
        /// </summary>
        protected IReadOnlyList<int> SitesBeforeConnecting => _sites.Count > 0 ? _sites : new[] { 1 };

        /// <summary>The sites to ask for: the given ids (from parameters and the pipeline), else the connection's site.</summary>
        protected IReadOnlyList<int> ResolveSites(MatomoConnection connection) =>
            _sites.Count > 0 ? _sites : new[] { connection.DefaultSiteId };
    }
}
