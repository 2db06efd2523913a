using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReader
    {
        /// <summary>
        /// The tables of a report answer asked for the periods from <paramref name="from"/> to <paramref name="to"/> (the
        /// whole range for <see cref="MatomoPeriod.Range"/>): one per site and period, in date order, then in the order of
        /// the sites asked for. Every period asked for must be there, once, and no other, as Matomo answers every one ([] when
        /// empty). Each part of a report read in parts comes here, so each part's text is checked before it is read.
        /// </summary>
        public IReadOnlyList<MatomoReportTable> ReadReport(MatomoReportQuery query, DateTime from, DateTime to, byte[] body, CultureInfo culture)
        {
            bool periodic = query.Period != MatomoPeriod.Range;
            var tally = new MatomoPeriodTally(query.Range.Part(from, to), query.Report, _exceptions, _today());
            var labels = Labels(periodic ? query.Period : MatomoPeriod.Day, query.Start, query.End, culture);
            string rangeLabel = periodic ? string.Empty : labels.Label(query.Start) + " \u2013 " + labels.Label(query.End);

            var tables = new List<MatomoReportTable>();
            string? singleKey = periodic && tally.Expected.Count == 1 ? tally.Expected.Keys.First() : null;
            CheckText(body, query.Report, null);
            new MatomoReportParser(body, query.Report, _exceptions).Read(query.SiteIds, periodic, singleKey, (siteId, key) =>
            {
                if (key == null) return Add(new MatomoReportTable(query, siteId, query.Start, query.End, query.Range.DateText, rangeLabel));
                var period = tally.Add(siteId, key);
                return Add(new MatomoReportTable(query, siteId, period.Start, period.End, key, labels.Label(period.Start)));
            });
            if (periodic) tally.CheckComplete(query.SiteIds);
            // Date order first, then the sites in the order asked for: rows of one period stay together.
            var siteOrder = query.SiteIds.Select((id, index) => (id, index)).ToDictionary(pair => pair.id, pair => pair.index);
            return tables.OrderBy(table => table.Date).ThenBy(table => siteOrder[table.SiteId]).ToList();

            MatomoReportTable Add(MatomoReportTable table)
            {
                tables.Add(table);
                return table;
            }
        }

        /// <summary>The labeller for a period and range, shared with the series of the same culture and year choice.</summary>
        private MatomoDateLabels Labels(MatomoPeriod period, DateTime start, DateTime end, CultureInfo culture)
        {
            bool withYear = !MatomoDateLabels.IsCurrentYear(start, end, _today());
            return _labels.GetOrAdd((period, withYear, culture.Name), key => new MatomoDateLabels(key.Item1, key.Item2, culture));
        }
    }
}
