using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The report list Tab offers values from (reports, their columns, their categories): the server's
    /// <c>API.getReportMetadata</c> for the command's connection and first site, read once per connection and site and
    /// then kept, so only the first Tab waits for the server (at most a few seconds). Empty without a connection, or when
    /// the server does not answer in time: completion never fails loudly.
    /// </summary>
    internal static class CompletionReports
    {
        public static IReadOnlyList<MatomoReportMetadata> Of(IDictionary? fakeBoundParameters)
        {
            var connection = CompletionConnection.From(fakeBoundParameters);
            if (connection == null) return Array.Empty<MatomoReportMetadata>();
            int siteId = SiteOf(fakeBoundParameters) ?? connection.DefaultSiteId;
            var cached = connection.Client.CachedReportMetadata(siteId);
            if (cached != null) return cached;
            using var patience = new CancellationTokenSource(CompletionConnection.Patience);
            try
            {
                return Task.Run(() => connection.Client.GetReportMetadataAsync(siteId, patience.Token)).GetAwaiter().GetResult();
            }
            catch (Exception error) when (error is MatomoException || error is OperationCanceledException || error is MatomoArgumentException)
            {
                return Array.Empty<MatomoReportMetadata>();
            }
        }

        /// <summary>The report typed for the command (-Report), as the server lists it; null when none is typed or the server has none such.</summary>
        public static MatomoReportMetadata? Typed(IDictionary? fakeBoundParameters)
        {
            string? typed = BoundValues.Items(fakeBoundParameters?["Report"]).OfType<string>().FirstOrDefault();
            if (string.IsNullOrWhiteSpace(typed)) return null;
            var reports = Of(fakeBoundParameters);
            return reports.FirstOrDefault(report => string.Equals(report.Report, typed!.Trim(), StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The first site already typed for the command, whose reports are the ones to offer.</summary>
        public static int? SiteOf(IDictionary? bound) =>
            BoundValues.SiteIds(bound?["SiteId"]).Where(id => id > 0).Cast<int?>().FirstOrDefault();
    }
}
