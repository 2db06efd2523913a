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
            var expected = periodic ? MatomoPeriodKey.Expected(query.Period, from, to) : new Dictionary<string, (DateTime Start, DateTime End)>();
            var labels = Labels(periodic ? query.Period : MatomoPeriod.Day, query.Start, query.End, culture);
            string rangeLabel = periodic ? string.Empty : labels.Label(query.Start) + " \u2013 " + labels.Label(query.End);

            var tables = new List<MatomoReportTable>();
            var seen = new HashSet<(int, string)>();
            string? singleKey = expected.Count == 1 ? expected.Keys.First() : null;
            CheckText(body, query.Report, null);
            new MatomoReportParser(body, query.Report, _exceptions).Read(query.SiteIds, periodic, singleKey, (siteId, key) =>
            {
                if (key == null) return Add(new MatomoReportTable(query, siteId, query.Start, query.End, query.RangeKey, rangeLabel));
                if (!expected.TryGetValue(key, out var period))
                    throw _exceptions.Unreadable(query.Report, $"has the period '{MatomoExceptions.Quote(key)}', which was not asked for ({Asked(query.Period, from, to)}).");
                if (!seen.Add((siteId, key)))
                    throw _exceptions.Unreadable(query.Report, $"has the period '{key}' of site {siteId} twice.");
                return Add(new MatomoReportTable(query, siteId, period.Start, period.End, key, labels.Label(period.Start)));
            });

            if (periodic)
            {
                foreach (int siteId in query.SiteIds)
                {
                    var missing = expected.Keys.Where(key => !seen.Contains((siteId, key))).ToList();
                    if (missing.Count == 0) continue;
                    var answered = expected.Where(pair => seen.Contains((siteId, pair.Key))).Select(pair => (DateTime?)pair.Value.End).Max();
                    throw LacksPeriods(query.Report, siteId, missing, answered, expected[missing[0]].Start);
                }
            }
            // Date order first, then the sites in the order asked for: rows of one period stay together.
            var siteOrder = query.SiteIds.Select((id, index) => (id, index)).ToDictionary(pair => pair.id, pair => pair.index);
            return tables.OrderBy(table => table.Date).ThenBy(table => siteOrder[table.SiteId]).ToList();

            MatomoReportTable Add(MatomoReportTable table)
            {
                tables.Add(table);
                return table;
            }
        }

        /// <summary>
        /// An answer without some of the periods asked for: a broken answer, never a silently shorter result. An answer
        /// that stops at a 31 December in a later year (every missing period after it) is what Matomo gives for days past
        /// its horizon, 31 December ten years from its clock's now; this client's latest date keeps below that, so the
        /// server's clock is behind, and the message says so rather than blaming the answer's way here.
        /// </summary>
        private MatomoException LacksPeriods(string method, int siteId, IReadOnlyList<string> missing, DateTime? answeredUntil, DateTime firstMissing)
        {
            string problem = $"for site {siteId} lacks {missing.Count} of its periods ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : string.Empty)})";
            bool cutAtHorizon = answeredUntil is DateTime last && last.Month == 12 && last.Day == 31 && firstMissing > last && last.Year > _today().Year;
            return _exceptions.Unreadable(method, cutAtHorizon
                ? $"{problem}: it stops at {MatomoSeriesQuery.Iso(answeredUntil!.Value)}, and {MatomoQueryChecks.Horizon}, so the server's clock is behind this machine's."
                : problem + ".");
        }

        /// <summary>The labeller for a period and range, shared with the series of the same culture and year choice.</summary>
        private MatomoDateLabels Labels(MatomoPeriod period, DateTime start, DateTime end, CultureInfo culture)
        {
            bool withYear = !MatomoDateLabels.IsCurrentYear(start, end, _today());
            return _labels.GetOrAdd((period, withYear, culture.Name), key => new MatomoDateLabels(key.Item1, key.Item2, culture));
        }
    }
}
