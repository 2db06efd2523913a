using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// Report rows arranged by label: one series per label (a page, a country, a channel) of one column, the periods in
    /// date order. The labels with the largest totals over all periods come first, in that order; the rest are added
    /// up into one series, <see cref="Others"/>, so a chart of a report with thousands of rows stays readable.
    /// </summary>
    /// <remarks>
    /// Matomo leaves a column out of a row when it is 0 (a page nobody entered on has no <c>entry_nb_visits</c>), so a row
    /// without the column counts 0. A row labelled <c>Others</c> (Matomo's own sum of the rows it cut off) joins the
    /// rest. Rows of several sites get the site in front of the label (<c>1:/de/</c>). Rates and averages cannot be
    /// added up and are refused.
    /// </remarks>
    internal static class MatomoLabelGrid
    {
        /// <summary>The series of every label after the first N.</summary>
        public const string Others = "Others";

        /// <exception cref="MatomoArgumentException">The rows cannot share one chart, or the column is not a count.</exception>
        public static MatomoSeriesGrid FromReportRows(IReadOnlyList<MatomoReportRow> rows, string metric, int top)
        {
            if (rows.Count == 0) throw new MatomoArgumentException("There are no rows to arrange.");
            if (top < 1) throw new MatomoArgumentException($"Showing {top} labels shows none; give at least 1.");
            var period = MatomoSeriesGrid.OnePeriod(rows.Select(row => row.Period));
            var reports = rows.Select(row => row.Report).Distinct(StringComparer.Ordinal).ToList();
            if (reports.Count > 1)
                throw new MatomoArgumentException(
                    $"The rows come from several reports ({string.Join(", ", reports)}); one chart or table shows one report. Filter them first, e.g. Where-Object Report -eq '{reports[0]}'.");
            if (!rows.Any(row => row.TryGetMetric(metric, out _)))
            {
                var columns = rows.SelectMany(row => row.GetColumnNames()).Distinct(StringComparer.Ordinal).Take(12);
                throw new MatomoArgumentException($"No row has the column '{metric}'; the rows of {reports[0]} have {string.Join(", ", columns)}.");
            }

            var sites = rows.Select(row => row.SiteId).Distinct().OrderBy(site => site).ToList();
            var (labels, periods, counts) = MatomoSeriesGrid.Arrange(rows.Select(row =>
                (LabelOf(row, metric, sites.Count > 1), new MatomoGridPeriod(row.Date, row.EndDate, row.Key, row.GetPeriodLabel()), (long?)Count(row, metric))), "the label");

            // The labels with the largest totals first (in first-seen order among equals), then the rest added up.
            var ranked = Enumerable.Range(0, labels.Count).Where(i => !IsOthers(labels[i]))
                .OrderByDescending(i => counts[i].Sum()).ThenBy(i => i).ToList();
            var shown = ranked.Take(top).ToList();
            var rest = ranked.Skip(top).Concat(Enumerable.Range(0, labels.Count).Where(i => IsOthers(labels[i]))).ToList();
            var series = shown.Select(i => labels[i]).ToList();
            var values = shown.Select(i => counts[i]).ToList();
            if (rest.Count > 0)
            {
                series.Add(Others);
                values.Add(Enumerable.Range(0, periods.Count).Select(p => rest.Any(i => counts[i][p].HasValue) ? rest.Sum(i => counts[i][p] ?? 0) : (long?)null).ToArray());
            }
            return new MatomoSeriesGrid(period, new[] { metric }, sites, periods, series, new bool[series.Count], values.ToArray(), reports[0]);
        }

        /// <summary>The row's series: its label (the column for a report without labels), behind its site when there are several.</summary>
        private static string LabelOf(MatomoReportRow row, string metric, bool manySites)
        {
            string name = row.Label.Length == 0 ? metric : row.Label;
            return manySites ? row.SiteId.ToString(CultureInfo.InvariantCulture) + ":" + name : name;
        }

        private static bool IsOthers(string name) => name == Others || name.EndsWith(":" + Others, StringComparison.Ordinal);

        /// <summary>The row's count in the column: a whole number, 0 when the row leaves the column out.</summary>
        private static long Count(MatomoReportRow row, string metric)
        {
            if (!row.TryGetMetric(metric, out object? value) || value == null) return 0;
            switch (value)
            {
                case long whole:
                    return whole;
                case double real when real == Math.Floor(real) && Math.Abs(real) < 9e15:
                    return (long)real;
                case double real:
                    throw new MatomoArgumentException(
                        $"The column '{metric}' holds fractions ({real.ToString(CultureInfo.InvariantCulture)} for '{row.Label}' in {row.Key}): a rate or an average cannot be added up into {Others} or ranked by its total. Chart a count, such as nb_visits.");
                default:
                    throw new MatomoArgumentException($"The column '{metric}' is not a number ('{value}' for '{row.Label}' in {row.Key}); chart a count, such as nb_visits.");
            }
        }
    }
}
