using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>Get-MatomoVisits: visits, actions, unique visitors or users per day, week, month or year.</summary>
    [Cmdlet(VerbsCommon.Get, "MatomoVisits")]
    [OutputType(typeof(MatomoVisitsRow))]
    public sealed class GetMatomoVisitsCommand : MatomoSeriesCmdlet
    {
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

        /// <summary>A segment as Matomo's UI writes it; the rows' series is the segment.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Segment { get; set; }

        /// <inheritdoc />
        protected override object? ErrorTarget => Segment ?? MatomoVisitsQuery.TotalSeries;

        /// <inheritdoc />
        protected override IReadOnlyList<MatomoVisitsQuery> BuildQueries(IReadOnlyList<int> sites, DateTime start, DateTime end) =>
            Metrics.Select(metric => MatomoVisitsQuery.Create(sites, metric, Period, start, end, Segment)).ToList();
    }
}
