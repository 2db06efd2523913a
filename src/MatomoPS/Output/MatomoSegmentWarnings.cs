using System.Globalization;
using System.Linq;
using System.Threading;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The warnings of one command about segments whose series are 0 in every period (see
    /// <see cref="MatomoFetchOptions.SegmentZeroCheck"/>): one per segment the server never processed, naming it and the
    /// way out in PowerShell's terms, and one per command, at most, when the visit log could not be asked.
    /// </summary>
    internal sealed class MatomoSegmentWarnings
    {
        private int _notCheckedSaid;

        /// <summary>The warning for a finding, or null when it was said already in this command. Called from any thread.</summary>
        public string? For(MatomoSegmentFinding finding)
        {
            if (finding.Kind == MatomoSegmentFindingKind.NotProcessed) return NotProcessed(finding);
            if (Interlocked.Exchange(ref _notCheckedSaid, 1) == 1) return null;
            return "Some series of a segment are 0 in every period, and MatomoPS could not check them against Matomo's visit log: "
                + MatomoErrorRecords.Sentence(finding.CheckError?.Message ?? "it did not answer") + " On a server with browser-triggered archiving off, "
                + "a segment the server never processed shows 0 just like a segment without visits: look the segment up in Matomo's "
                + "visits log, or ask Invoke-MatomoApi Live.getLastVisitsDetails with it.";
        }

        private static string NotProcessed(MatomoSegmentFinding finding)
        {
            string series = finding.Series == finding.Segment ? string.Empty : $" (series '{finding.Series}')";
            string sites = finding.SiteIds.Count == 1 ? $"site {finding.SiteIds[0]}" : "sites " + string.Join(", ", finding.SiteIds);
            return $"The segment '{finding.Segment}'{series} is 0 in every period, but Matomo's visit log has visits for it on {sites} "
                + $"from {Iso(finding)}: the server did not process this segment (browser-triggered archiving is off there), so these "
                + "zeros are not counts. Add it as a pre-processed segment in Matomo's segment editor (Invoke-MatomoApi "
                + "SegmentEditor.getAll lists the stored segments) and wait for the next archiving run, or count pageviews per "
                + "language with Get-MatomoLanguageVisits -Source PageReport.";
        }

        private static string Iso(MatomoSegmentFinding finding) =>
            finding.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " to " + finding.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
