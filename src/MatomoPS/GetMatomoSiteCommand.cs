using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>Get-MatomoSite: the sites the connection's token may view, with their names, addresses, time zones and currencies.</summary>
    [Cmdlet(VerbsCommon.Get, "MatomoSite")]
    [OutputType(typeof(MatomoSite))]
    public sealed class GetMatomoSiteCommand : MatomoCmdlet
    {
        /// <summary>Only these sites, in the order given.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "idsite")]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int[]? SiteId { get; set; }

        private readonly System.Collections.Generic.List<int> _wanted = new System.Collections.Generic.List<int>();

        /// <inheritdoc />
        protected override object? ErrorTarget => SiteId;

        /// <summary>Gathers the ids asked for.</summary>
        protected override Task ProcessRecordAsync()
        {
            foreach (int id in SiteId ?? System.Array.Empty<int>())
                if (!_wanted.Contains(id)) _wanted.Add(id);
            return Task.CompletedTask;
        }

        /// <summary>Asks the server once and writes the sites.</summary>
        protected override async Task EndProcessingAsync()
        {
            var connection = await GetConnectionAsync().ConfigureAwait(false);
            var sites = await connection.Client.GetSitesAsync(Cancellation).ConfigureAwait(false);
            if (_wanted.Count == 0)
            {
                QueueObjects(sites);
                return;
            }
            foreach (int id in _wanted)
            {
                var site = sites.FirstOrDefault(candidate => candidate.SiteId == id);
                if (site != null) QueueObject(site);
                else QueueError(new ErrorRecord(
                    new MatomoArgumentException($"The token may not view site {id} on {connection.Url}, or there is no such site; Get-MatomoSite without -SiteId lists the sites it may view."),
                    "MatomoSiteNotFound", ErrorCategory.ObjectNotFound, id));
            }
        }
    }
}
