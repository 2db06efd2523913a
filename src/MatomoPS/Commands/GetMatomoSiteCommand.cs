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

        /// <summary>The connections to ask (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <inheritdoc />
        protected override object? ErrorTarget => SiteId;

        /// <summary>Gathers the connections and the ids asked for.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            foreach (int id in SiteId ?? System.Array.Empty<int>())
                if (!_wanted.Contains(id)) _wanted.Add(id);
            return Task.CompletedTask;
        }

        /// <summary>Asks each connection's server once and writes its sites.</summary>
        protected override Task EndProcessingAsync() => Connections.ForEachAsync(async connection =>
        {
            var sites = await ClientOf(connection).GetSitesAsync(Cancellation).ConfigureAwait(false);
            if (_wanted.Count == 0) return sites;
            foreach (int id in _wanted.Where(id => sites.All(site => site.SiteId != id)))
                QueueError(new ErrorRecord(
                    new MatomoArgumentException($"The token may not view site {id} on {connection.Url}, or there is no such site; Get-MatomoSite without -SiteId lists the sites it may view."),
                    "MatomoSiteNotFound", ErrorCategory.ObjectNotFound, id));
            return _wanted.Select(id => sites.FirstOrDefault(site => site.SiteId == id)).Where(site => site != null).ToList();
        });
    }
}
