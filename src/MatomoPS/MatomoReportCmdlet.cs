using System;
using System.Collections.Generic;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>The parameters every report command shares: the date range, the period, the metric and the sites.</summary>
    public abstract class MatomoReportCmdlet : MatomoCmdlet
    {
        /// <summary>The number of days in the default range: yesterday and the 29 days before.</summary>
        public const int DefaultDays = 30;

        [Parameter]
        public DateTime? Start { get; set; }

        [Parameter]
        public DateTime? End { get; set; }

        [Parameter]
        public MatomoPeriod Period { get; set; } = MatomoPeriod.Day;

        [Parameter]
        public MatomoMetric Metric { get; set; } = MatomoMetric.Visits;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

        /// <summary>The range to ask for: the given dates, else the last 30 complete days.</summary>
        protected (DateTime Start, DateTime End) ResolveRange()
        {
            DateTime yesterday = MatomoSession.Today.AddDays(-1);
            DateTime end = End?.Date ?? yesterday;
            DateTime start = Start?.Date ?? end.AddDays(-(DefaultDays - 1));
            return (start, end);
        }

        /// <summary>
        /// The sites to build queries with before the connection is resolved: the given ids, else a stand-in
        /// that <see cref="MatomoVisitsQuery.WithSites"/> replaces with the connection's site.
        /// </summary>
        protected IReadOnlyList<int> SitesBeforeConnecting => SiteId is { Length: > 0 } ? SiteId : new[] { 1 };

        /// <summary>The sites to ask for: the given ids, else the connection's site.</summary>
        protected IReadOnlyList<int> ResolveSites(MatomoConnection connection) =>
            SiteId is { Length: > 0 } ? SiteId : new[] { connection.SiteId };
    }
}
