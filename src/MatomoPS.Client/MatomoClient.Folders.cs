using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    public sealed partial class MatomoClient
    {
        /// <summary>
        /// The pageviews of each folder (such as <c>de</c>) per period, read from the top level of the page report in one
        /// request, plus the pageviews of every page when <paramref name="withTotal"/> (the series named
        /// <see cref="MatomoSeriesQuery.TotalSeries"/>). One series per folder in the order given, then the total; each in
        /// site order, then date order, with <see cref="MatomoMetric.Actions"/> as the metric. A folder without a row in a
        /// period had no pageviews there: the page report lists every page. <paramref name="cut"/> hears of each table Matomo
        /// cut when it archived it (its top level has an Others row, see <see cref="MatomoReportRow.IsOthers"/>), with the
        /// pageviews of that row: pages of any folder may be in it, so a folder may be short by up to that many.
        /// </summary>
        /// <exception cref="MatomoException">Matomo refused the report, or its answer is incomplete.</exception>
        internal async Task<IReadOnlyList<MatomoSeriesRow>> GetFolderPageviewsAsync(IReadOnlyList<int> siteIds, MatomoDateRange range,
            IReadOnlyList<string> folders, bool withTotal, Action<MatomoReportTable, long> cut, CancellationToken cancellation = default)
        {
            if (cut is null) throw new ArgumentNullException(nameof(cut));
            if (folders is null) throw new ArgumentNullException(nameof(folders));
            var tables = await GetReportAsync(FolderQuery(siteIds, range), cancellation).ConfigureAwait(false);
            foreach (var table in tables)
            {
                long others = Hits(table.Rows.Where(row => row.IsOthers));
                if (table.Rows.Any(row => row.IsOthers)) cut(table, others);
            }
            // One pass over each table's rows, then a look-up per folder.
            var wanted = new HashSet<string>(folders.Where(folder => folder != null), StringComparer.Ordinal);
            var byLabel = tables.Select(table => FolderHits(table, wanted)).ToList();
            var rows = new List<MatomoSeriesRow>();
            foreach (string folder in folders)
                rows.AddRange(tables.Select((table, i) => FolderRow(table, folder,
                    folder != null && byLabel[i].TryGetValue(folder, out long hits) ? hits : 0L)));
            if (withTotal)
                rows.AddRange(tables.Select(table => FolderRow(table, MatomoSeriesQuery.TotalSeries, Hits(table.Rows))));
            return rows;
        }

        /// <summary>
        /// The pageviews of every entry at the top of a site's page report over <paramref name="range"/> (a folder such as
        /// <c>de</c>, or a page), by label: what the folders of a site are, for Tab completion of languages.
        /// </summary>
        internal async Task<IReadOnlyDictionary<string, long>> GetTopFoldersAsync(int siteId, MatomoDateRange range, CancellationToken cancellation = default)
        {
            var tables = await GetReportAsync(FolderQuery(new[] { siteId }, range), cancellation).ConfigureAwait(false);
            var byLabel = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in tables.SelectMany(table => table.Rows))
                byLabel[row.Label] = (byLabel.TryGetValue(row.Label, out long sum) ? sum : 0L) + Hits(row);
            return byLabel;
        }

        /// <summary>The top level of the page report, its pageviews only.</summary>
        private static MatomoReportQuery FolderQuery(IReadOnlyList<int> siteIds, MatomoDateRange range) =>
            MatomoReportQuery.Create(siteIds, range, MatomoReportDefinition.Create(MatomoPageFolders.Report, columns: new[] { "nb_hits" }));

        private static long Hits(IEnumerable<MatomoReportRow> rows) => rows.Sum(Hits);

        private static long Hits(MatomoReportRow row) =>
            row.TryGetMetric("nb_hits", out object? hits) && hits != null ? Convert.ToInt64(hits, CultureInfo.InvariantCulture) : 0L;

        /// <summary>The pageviews of each folder with a row in a table (the sum, should a label come twice).</summary>
        private static Dictionary<string, long> FolderHits(MatomoReportTable table, HashSet<string> folders)
        {
            var byLabel = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in table.Rows)
                if (folders.Contains(row.Label))
                    byLabel[row.Label] = checked((byLabel.TryGetValue(row.Label, out long sum) ? sum : 0L) + Hits(row));
            return byLabel;
        }

        private static MatomoSeriesRow FolderRow(MatomoReportTable table, string series, long value) => new MatomoSeriesRow
        {
            SiteId = table.SiteId,
            Series = series,
            Segment = string.Empty,
            Period = table.Period,
            Date = table.Date,
            EndDate = table.EndDate,
            Key = table.Key,
            Label = table.PeriodLabel,
            Metric = MatomoMetric.Actions,
            Value = value,
        };
    }
}
