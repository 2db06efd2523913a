using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>Get-MatomoVisits: visits, actions, unique visitors or users per day, week, month or year.</summary>
    [Cmdlet(VerbsCommon.Get, "MatomoVisits")]
    [OutputType(typeof(MatomoVisitsRow))]
    public sealed class GetMatomoVisitsCommand : MatomoReportCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Segment { get; set; }

        protected override object? ErrorTarget => Segment ?? MatomoVisitsQuery.TotalSeries;

        protected override async Task ProcessRecordAsync()
        {
            var (start, end) = ResolveRange();
            // Checked before the connection is resolved, so bad input never costs a request.
            var query = MatomoVisitsQuery.Create(SitesBeforeConnecting, Metric, Period, start, end, Segment);
            var connection = await GetConnectionAsync().ConfigureAwait(false);
            query = query.WithSites(ResolveSites(connection));
            QueueObjects(await connection.Client.GetVisitsAsync(query, Cancellation).ConfigureAwait(false));
        }
    }
}
