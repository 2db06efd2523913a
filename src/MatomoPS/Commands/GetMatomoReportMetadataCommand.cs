using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Get-MatomoReportMetadata: the reports a Matomo server offers for a site (API.getReportMetadata), with their
    /// category, name, dimension, metrics and parameters. Read once per connection and site, then kept.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MatomoReportMetadata")]
    [OutputType(typeof(MatomoReportMetadata))]
    public sealed class GetMatomoReportMetadataCommand : MatomoCmdlet
    {
        /// <summary>Reports by Module.action; wildcards match several.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportNameCompleter))]
        public string[]? Report { get; set; }

        /// <summary>Only the reports of this category, such as Actions or Referrers; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportCategoryCompleter))]
        public string? Category { get; set; }

        /// <summary>The site whose reports are listed (goals and custom dimensions differ per site); default: the connection's.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(SiteIdCompleter))]
        public int SiteId { get; set; }

        /// <summary>The connections to ask (Connect-Matomo -PassThru), also from the pipeline; default: the current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public MatomoConnection[]? Connection { get; set; }

        /// <summary>Gathers the connections of each pipeline input.</summary>
        protected override Task ProcessRecordAsync()
        {
            Connections.Gather(Connection);
            return Task.CompletedTask;
        }

        /// <summary>For each connection, reads the list (or takes the one read before) and writes the reports asked for, in Matomo's order.</summary>
        protected override Task EndProcessingAsync() => Connections.ForEachAsync(async connection =>
        {
            var reports = await ClientOf(connection).GetReportMetadataAsync(SiteId > 0 ? SiteId : connection.DefaultSiteId, Cancellation).ConfigureAwait(false);
            IEnumerable<MatomoReportMetadata> chosen = reports;
            if (Report != null)
            {
                var picked = new List<MatomoReportMetadata>();
                foreach (string name in Report)
                {
                    if (WildcardPattern.ContainsWildcardCharacters(name))
                    {
                        var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                        picked.AddRange(reports.Where(report => pattern.IsMatch(report.Report)));
                    }
                    else
                    {
                        // A name without wildcards must exist: a typo gets the server's closest names.
                        var found = MatomoReportMetadata.Find(reports, name);
                        picked.AddRange(reports.Where(report => report.Report == found.Report));
                    }
                }
                chosen = picked.Distinct();
            }
            if (Category != null)
            {
                var category = new WildcardPattern(Category, WildcardOptions.IgnoreCase);
                chosen = chosen.Where(report => category.IsMatch(report.Category));
            }
            return chosen.ToList();
        });
    }
}
