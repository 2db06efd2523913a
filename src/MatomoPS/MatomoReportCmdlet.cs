using System;
using System.Collections.Generic;
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
        public DateTime? Start { get; set; }

        /// <summary>The last day; default: yesterday.</summary>
        [Parameter]
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
        protected IReadOnlyList<int> SitesBeforeConnecting => _sites.Count > 0 ? _sites : new[] { 1 };

        /// <summary>The sites to ask for: the given ids (from parameters and the pipeline), else the connection's site.</summary>
        protected IReadOnlyList<int> ResolveSites(MatomoConnection connection) =>
            _sites.Count > 0 ? _sites : new[] { connection.DefaultSiteId };
    }
}
