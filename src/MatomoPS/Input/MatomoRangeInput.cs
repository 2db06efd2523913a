using System;
using System.Collections.Generic;
using System.Linq;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// A command's -Start, -End and -Period, turned into the range to ask for: the dates given, else the last 30 complete
    /// days of the sites asked for, counted in their own time zones. Checked before any connection is resolved, so bad
    /// dates never cost a request; the range of each connection is made once its sites are known.
    /// </summary>
    internal sealed class MatomoRangeInput
    {
        /// <summary>The number of days in the default range: yesterday and the 29 days before.</summary>
        public const int DefaultDays = 30;

        private readonly MatomoCmdlet _command;
        private readonly DateTime? _start;
        private readonly DateTime? _end;
        private readonly MatomoPeriod _period;
        private readonly int _defaultDays;

        /// <param name="command">The command, for its clock and its warnings.</param>
        /// <param name="start">-Start; null for <paramref name="defaultDays"/> days up to the end.</param>
        /// <param name="end">-End; null for yesterday (see <see cref="For"/>).</param>
        /// <param name="period">-Period.</param>
        /// <param name="defaultDays">The days of the range when -Start is not given: 1 for a command about one period (the one of -End).</param>
        public MatomoRangeInput(MatomoCmdlet command, DateTime? start, DateTime? end, MatomoPeriod period, int defaultDays = DefaultDays)
        {
            _command = command;
            _start = start;
            _end = end;
            _period = period;
            _defaultDays = defaultDays;
        }

        /// <summary>
        /// The range checked before connecting: the given dates, else the last 30 days that are complete everywhere on
        /// earth by now (yesterday at UTC+14, the latest of all zones), so nothing a site's own range could accept is
        /// refused here.
        /// </summary>
        /// <exception cref="MatomoArgumentException">The dates are not valid.</exception>
        public MatomoDateRange Check() => Create(() => LatestYesterday);

        /// <summary>
        /// The range to ask <paramref name="connection"/> for <paramref name="sites"/>: the given dates, else the last 30
        /// complete days of those sites. With sites in several zones the range ends on the earliest of their yesterdays,
        /// so no site gets a day that is not over yet.
        /// </summary>
        public MatomoDateRange For(MatomoConnection connection, IReadOnlyList<int> sites) => Create(() => SitesYesterday(connection, sites));

        private MatomoDateRange Create(Func<DateTime> yesterday)
        {
            DateTime end = _end?.Date ?? yesterday();
            DateTime start = _start?.Date ?? end.AddDays(-(_defaultDays - 1));
            return MatomoDateRange.Create(_period, start, end);
        }

        private DateTime LatestYesterday => _command.Session.Now.ToOffset(TimeSpan.FromHours(14)).Date.AddDays(-1);

        /// <summary>The earliest yesterday of the sites asked for; a zone this machine does not know counts in UTC, with a warning.</summary>
        private DateTime SitesYesterday(MatomoConnection connection, IReadOnlyList<int> sites)
        {
            var now = _command.Session.Now;
            DateTime? earliest = null;
            foreach (int id in sites)
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
            _command.QueueWarning($"{what}: its default range ends yesterday in UTC, which may be a day off the site's own yesterday. Give -End to choose the last day.");
        }
    }
}
