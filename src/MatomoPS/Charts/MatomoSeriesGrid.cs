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
    /// A series is the row's <see cref="MatomoVisitsRow.Series"/> (<c>Total</c>, <c>de</c>, a segment).
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
        public static MatomoSeriesGrid FromRows(IEnumerable<MatomoVisitsRow> rows)
        {
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            var list = rows.ToList();
            if (list.Any(row => row == null)) throw new MatomoArgumentException("A row is null; pipe the rows Get-MatomoVisits or Get-MatomoLanguageVisits write.");
            if (list.Count == 0) throw new MatomoArgumentException("There are no rows to arrange.");

            var periodKinds = list.Select(row => row.Period).Distinct().ToList();
            if (periodKinds.Count > 1)
                throw new MatomoArgumentException(
                    $"The rows mix periods ({string.Join(", ", periodKinds)}); one chart or table shows one period. Filter them first, e.g. Where-Object Period -eq '{periodKinds[0]}'.");

            var sites = list.Select(row => row.SiteId).Distinct().OrderBy(site => site).ToList();
            bool manySites = sites.Count > 1;
            var metrics = list.Select(row => row.Metric).Distinct().ToList();
            bool manyMetrics = metrics.Count > 1;

            var series = new List<string>();
            var totals = new List<bool>();
            var seriesIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var periodsByKey = new Dictionary<string, MatomoGridPeriod>(StringComparer.Ordinal);
            foreach (var row in list)
            {
                string name = SeriesName(row, manySites, manyMetrics);
                if (!seriesIndex.ContainsKey(name))
                {
                    seriesIndex[name] = series.Count;
                    series.Add(name);
                    totals.Add(row.Series == MatomoVisitsQuery.TotalSeries);
                }
                if (!periodsByKey.ContainsKey(row.Key))
                    periodsByKey[row.Key] = new MatomoGridPeriod(row.Date, row.EndDate, row.Key, row.Label);
            }

            var periods = periodsByKey.Values.OrderBy(p => p.Date).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            var periodIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < periods.Count; i++) periodIndex[periods[i].Key] = i;

            var values = series.Select(_ => new long?[periods.Count]).ToArray();
            foreach (var row in list)
            {
                string name = SeriesName(row, manySites, manyMetrics);
                var cells = values[seriesIndex[name]];
                int column = periodIndex[row.Key];
                // Summing or keeping one of two values would invent or drop a number: say so instead.
                if (cells[column].HasValue)
                    throw new MatomoArgumentException(
                        $"Two rows give series '{name}' for period '{row.Key}' ({cells[column]} and {row.Value}); pipe each row once.");
                cells[column] = row.Value;
            }
            return new MatomoSeriesGrid(periodKinds[0], metrics.Select(MetricName).ToList(), sites, periods, series, totals.ToArray(), values);
        }

        /// <summary>A metric as an axis names it: <c>Visits</c>, <c>Unique visitors</c>.</summary>
        public static string MetricName(MatomoMetric metric) => metric switch
        {
            MatomoMetric.UniqueVisitors => "Unique visitors",
            _ => metric.ToString(),
        };

        private static string SeriesName(MatomoVisitsRow row, bool manySites, bool manyMetrics)
        {
            string name = row.Series ?? string.Empty;
            if (manySites) name = row.SiteId.ToString(CultureInfo.InvariantCulture) + ":" + name;
            if (manyMetrics) name += " (" + row.Metric + ")";
            return name;
        }
    }
}
