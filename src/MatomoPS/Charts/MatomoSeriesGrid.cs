using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// Rows arranged as series by periods: the one place that decides what a series is, in which order
    /// series and periods come, and where a series has no value. Chart data and the wide table are both views of it.
    /// </summary>
    /// <remarks>
    /// A series is the row's <see cref="MatomoSeriesRow.Series"/> (<c>Total</c>, <c>de</c>, a segment).
    /// When the rows come from more than one site, the site id is put in front (<c>1:de</c>, <c>2:Total</c>),
    /// and when they hold more than one metric, the metric is put behind (<c>Total (Actions)</c>), so that
    /// no two rows of different meaning ever share a cell. Series keep the order in which they are first seen;
    /// periods are in date order.
    /// </remarks>
    internal sealed class MatomoSeriesGrid
    {
        private readonly long?[][] _values;
        private readonly bool[] _totals;

        internal MatomoSeriesGrid(MatomoPeriod period, IReadOnlyList<string> metricNames, IReadOnlyList<int> sites,
            IReadOnlyList<MatomoGridPeriod> periods, IReadOnlyList<string> series, bool[] totals, long?[][] values, string? report = null)
        {
            Period = period;
            MetricNames = metricNames;
            Report = report;
            Sites = sites;
            Periods = periods;
            Series = series;
            _totals = totals;
            _values = values;
        }

        /// <summary>The period every row covers.</summary>
        public MatomoPeriod Period { get; }

        /// <summary>The metrics of the rows as axes and titles name them (<c>Visits</c>, <c>Unique visitors</c>, <c>nb_hits</c>), in first-seen order.</summary>
        public IReadOnlyList<string> MetricNames { get; }

        /// <summary>The report the rows come from (<c>Actions.getPageUrls</c>); null for rows of visits.</summary>
        public string? Report { get; }

        /// <summary>The site ids of the rows, in ascending order.</summary>
        public IReadOnlyList<int> Sites { get; }

        /// <summary>The periods, in date order.</summary>
        public IReadOnlyList<MatomoGridPeriod> Periods { get; }

        /// <summary>The series names, in first-seen order.</summary>
        public IReadOnlyList<string> Series { get; }

        /// <summary>True when the series is made of <c>Total</c> rows (named <c>Total</c>, <c>2:Total</c> or <c>Total (Actions)</c>).</summary>
        public bool IsTotal(int seriesIndex) => _totals[seriesIndex];

        /// <summary>The value of one series in one period; null where the rows hold none.</summary>
        public long? Value(int seriesIndex, int periodIndex) => _values[seriesIndex][periodIndex];

        /// <summary>Arranges rows; throws <see cref="MatomoArgumentException"/> for rows that cannot share one chart.</summary>
        /// <exception cref="MatomoArgumentException">The rows mix periods, or two rows claim the same series and period.</exception>
        public static MatomoSeriesGrid FromRows(IEnumerable<MatomoSeriesRow> rows)
        {
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            var list = rows.ToList();
            if (list.Any(row => row == null)) throw new MatomoArgumentException("A row is null; pipe the rows Get-MatomoVisits or Get-MatomoLanguageVisits write.");
            if (list.Count == 0) throw new MatomoArgumentException("There are no rows to arrange.");

            var period = OnePeriod(list.Select(row => row.Period));
            var sites = list.Select(row => row.SiteId).Distinct().OrderBy(site => site).ToList();
            bool manySites = sites.Count > 1;
            var metrics = list.Select(row => row.Metric).Distinct().ToList();
            bool manyMetrics = metrics.Count > 1;

            var (series, periods, values) = Arrange(list.Select(row =>
                (SeriesName(row, manySites, manyMetrics), new MatomoGridPeriod(row.Date, row.EndDate, row.Key, row.Label), (long?)row.Value)), "series");
            var totalSeries = new HashSet<string>(list.Where(row => row.Series == MatomoSeriesQuery.TotalSeries).Select(row => SeriesName(row, manySites, manyMetrics)), StringComparer.Ordinal);
            return new MatomoSeriesGrid(period, metrics.Select(MetricName).ToList(), sites, periods, series, series.Select(totalSeries.Contains).ToArray(), values);
        }

        /// <summary>The one period the rows cover; rows that mix periods cannot share a chart or a table.</summary>
        /// <exception cref="MatomoArgumentException">The rows mix periods.</exception>
        internal static MatomoPeriod OnePeriod(IEnumerable<MatomoPeriod> periods)
        {
            var kinds = periods.Distinct().ToList();
            if (kinds.Count > 1)
                throw new MatomoArgumentException(
                    $"The rows mix periods ({string.Join(", ", kinds)}); one chart or table shows one period. Filter them first, e.g. Where-Object Period -eq '{kinds[0]}'.");
            return kinds[0];
        }

        /// <summary>
        /// Cells arranged as a grid: series in first-seen order, periods in date order, each series' value per period
        /// (null where it has none). Two cells of one series and period are refused: summing or keeping one of them
        /// would invent or drop a number.
        /// </summary>
        /// <param name="cells">The cells.</param>
        /// <param name="seriesWord">What a series is called in the refusal: "series", "the label".</param>
        /// <exception cref="MatomoArgumentException">Two cells give one series in one period.</exception>
        internal static (List<string> Series, List<MatomoGridPeriod> Periods, long?[][] Values) Arrange(
            IEnumerable<(string Series, MatomoGridPeriod Period, long? Value)> cells, string seriesWord)
        {
            var series = new List<string>();
            var byPeriod = new List<Dictionary<string, long?>>();
            var seriesIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var periodsByKey = new Dictionary<string, MatomoGridPeriod>(StringComparer.Ordinal);
            foreach (var (name, period, value) in cells)
            {
                if (!seriesIndex.TryGetValue(name, out int index))
                {
                    seriesIndex[name] = index = series.Count;
                    series.Add(name);
                    byPeriod.Add(new Dictionary<string, long?>(StringComparer.Ordinal));
                }
                if (!periodsByKey.ContainsKey(period.Key)) periodsByKey[period.Key] = period;
                if (byPeriod[index].TryGetValue(period.Key, out long? before))
                    throw new MatomoArgumentException($"Two rows give {seriesWord} '{name}' for period '{period.Key}' ({before} and {value}); pipe each row once.");
                byPeriod[index][period.Key] = value;
            }
            var periods = periodsByKey.Values.OrderBy(p => p.Date).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            var values = byPeriod.Select(cellsOf => periods.Select(p => cellsOf.TryGetValue(p.Key, out long? v) ? v : null).ToArray()).ToArray();
            return (series, periods, values);
        }

        /// <summary>A metric as an axis names it: <c>Visits</c>, <c>Unique visitors</c>.</summary>
        public static string MetricName(MatomoMetric metric) => metric switch
        {
            MatomoMetric.UniqueVisitors => "Unique visitors",
            _ => metric.ToString(),
        };

        private static string SeriesName(MatomoSeriesRow row, bool manySites, bool manyMetrics)
        {
            string name = row.Series ?? string.Empty;
            if (manySites) name = row.SiteId.ToString(CultureInfo.InvariantCulture) + ":" + name;
            if (manyMetrics) name += " (" + row.Metric + ")";
            return name;
        }
    }
}
