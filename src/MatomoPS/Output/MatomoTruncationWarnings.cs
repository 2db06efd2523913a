using System;
using System.Collections.Generic;
using System.Linq;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The warning for a report table Matomo cut when it archived it: one per report and period with an Others row (see
    /// <see cref="MatomoReportRow.IsOthers"/>), naming the sites and the server setting that limits the rows.
    /// </summary>
    internal sealed class MatomoTruncationWarnings
    {
        private readonly HashSet<string> _warned = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The warnings for the periods of <paramref name="rows"/> not warned of before, in the order of the rows.</summary>
        public IEnumerable<string> For(IEnumerable<MatomoReportRow> rows, bool subtable)
        {
            var cut = rows.Where(row => row.IsOthers).GroupBy(row => (row.Report, row.Key)).ToList();
            foreach (var period in cut)
            {
                if (!_warned.Add(period.Key.Report + "|" + period.Key.Key)) continue;
                var sites = period.Select(row => row.SiteId).Distinct().OrderBy(site => site).ToList();
                bool inSubtable = subtable || period.Any(row => row.Label != MatomoReportTruncation.OthersLabel && row.Label != MatomoReportTruncation.UntranslatedOthersLabel);
                yield return $"Matomo cut {period.Key.Report} for {period.Key.Key} ({(sites.Count == 1 ? "site " : "sites ")}{string.Join(", ", sites)}) when it archived it: "
                    + "the row marked IsOthers adds up the rows beyond the server's limit, "
                    + $"{MatomoReportTruncation.SettingFor(period.Key.Report, inSubtable)} in its config.ini.php. Sums over the rows are whole; "
                    + "the rows folded into Others are not listed one by one. A higher limit applies to periods archived after the change.";
            }
        }
    }
}
