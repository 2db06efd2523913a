using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using MatomoPS.Client;

namespace MatomoPS.Charts
{
    /// <summary>
    /// What the rows behind a chart are about (period, metrics, sites, dates), for the words around the chart:
    /// the default title, the axis titles and the caption. Chart data keeps it from ConvertTo-MatomoChartData to
    /// Export-MatomoChart; chart data built by hand has none, and the page then says less.
    /// </summary>
    internal sealed class MatomoChartDescription
    {
        private MatomoChartDescription(MatomoPeriod period, IReadOnlyList<string> metrics, IReadOnlyList<int> sites, DateTime first, DateTime last, string? report)
        {
            Period = period;
            Metrics = metrics;
            Report = report;
            Sites = sites;
            First = first;
            Last = last;
        }

        public MatomoPeriod Period { get; }

        /// <summary>The metrics as axes name them.</summary>
        public IReadOnlyList<string> Metrics { get; }

        /// <summary>The report the rows come from; null for rows of visits.</summary>
        public string? Report { get; }

        public IReadOnlyList<int> Sites { get; }

        /// <summary>The first day of the first period.</summary>
        public DateTime First { get; }

        /// <summary>The last day of the last period.</summary>
        public DateTime Last { get; }

        public static MatomoChartDescription FromGrid(MatomoSeriesGrid grid) => new MatomoChartDescription(
            grid.Period, grid.MetricNames, grid.Sites, grid.Periods.Min(p => p.Date), grid.Periods.Max(p => p.EndDate), grid.Report);

        /// <summary>The metrics as an axis names them: <c>Visits</c>, or <c>Visits, Actions</c>.</summary>
        public string MetricNames => string.Join(", ", Metrics);

        /// <summary>
        /// The title of a page without -Title: <c>Visits per week</c>, <c>Visits and Actions per day</c>, and for report
        /// rows <c>Actions.getPageUrls: nb_hits per month</c> (<c>for the range</c> for a range).
        /// </summary>
        public string DefaultTitle => (Report == null ? string.Empty : Report + ": ") + string.Join(" and ", Metrics)
            + (Period == MatomoPeriod.Range ? " for the range" : $" per {Period.ToString().ToLowerInvariant()}");

        /// <summary>
        /// The line under the title: <c>Site 1 · 2025-04-07 to 2025-06-29 · made 2026-11-29 14:03 UTC</c>; without a
        /// description only when the page was made.
        /// </summary>
        /// <param name="description">The rows' description, or null for chart data built by hand.</param>
        /// <param name="made">When the page is made; a local time is turned into UTC, an unspecified one taken as UTC.</param>
        public static string Caption(MatomoChartDescription? description, DateTime made)
        {
            var parts = new List<string>();
            if (description != null)
            {
                string ids = string.Join(", ", description.Sites.Select(site => site.ToString(CultureInfo.InvariantCulture)));
                parts.Add((description.Sites.Count == 1 ? "Site " : "Sites ") + ids);
                parts.Add($"{Iso(description.First)} to {Iso(description.Last)}");
            }
            DateTime utc = made.Kind == DateTimeKind.Local ? made.ToUniversalTime() : made;
            parts.Add("made " + utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
            return string.Join(" \u00b7 ", parts);
        }

        private static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
