using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>
    /// One series fetched through the cache: the closed periods the cache holds are taken from it, and one query asks
    /// for the rest (from the first period missing to the last, for every site of the series), so a year with
    /// January to November cached asks for December only, in the same requests as before. What the server sends for
    /// closed periods is kept. The rows come as from the server: site order, then date order, labelled for the whole range.
    /// </summary>
    internal sealed class MatomoSeriesCachePlan
    {
        private readonly MatomoSeriesQuery _query;
        private readonly MatomoCacheOptions _options;
        private readonly Uri _endpoint;
        private readonly DateTime _closedUntil;
        private readonly Dictionary<(int Site, DateTime Start), long> _cached = new Dictionary<(int, DateTime), long>();
        private readonly IReadOnlyList<DateTime> _starts;

        private MatomoSeriesCachePlan(MatomoSeriesQuery query, MatomoCacheOptions options, Uri endpoint, DateTime today)
        {
            _query = query;
            _options = options;
            _endpoint = endpoint;
            _closedUntil = options.ClosedUntil(today);
            _starts = MatomoPeriodKey.Starts(query.Period, query.Start, query.End).ToList();
        }

        /// <summary>The query that asks for what the cache lacks; null when the cache holds every period.</summary>
        public MatomoSeriesQuery? Asked { get; private set; }

        /// <summary>The periods taken from the cache.</summary>
        public int CachedPeriods => _cached.Count;

        /// <summary>Looks up every closed period of every site of <paramref name="query"/>.</summary>
        public static MatomoSeriesCachePlan Make(MatomoSeriesQuery query, MatomoCacheOptions options, Uri endpoint, DateTime today)
        {
            var plan = new MatomoSeriesCachePlan(query, options, endpoint, today);
            DateTime? firstMissing = null, lastMissing = null;
            foreach (var start in plan._starts)
            {
                bool allCached = true;
                foreach (int site in query.SiteIds)
                {
                    if (plan.TryRead(site, start, out long value)) plan._cached[(site, start)] = value;
                    else allCached = false;
                }
                if (allCached) continue;
                firstMissing ??= start;
                lastMissing = start;
            }
            if (firstMissing.HasValue)
            {
                var from = firstMissing.Value < query.Start ? query.Start : firstMissing.Value;
                var lastDay = LastDayOf(query.Period, lastMissing!.Value);
                var to = lastDay > query.End ? query.End : lastDay;
                plan.Asked = MatomoSeriesQuery.Create(query.SiteIds, query.Range.Part(from, to), query.Definition);
            }
            return plan;
        }

        /// <summary>
        /// The rows of the whole series: the server's rows for the periods asked for (kept in the cache when closed), the
        /// cache's for the others, each labelled by <paramref name="label"/> as one answer for the whole range would be.
        /// </summary>
        public async Task<IReadOnlyList<MatomoSeriesRow>> RowsAsync(Task<IReadOnlyList<MatomoSeriesRow>>? fetched, Func<DateTime, string> label)
        {
            var asked = new Dictionary<(int Site, DateTime Start), long>();
            if (fetched != null)
                foreach (var row in await fetched.ConfigureAwait(false))
                {
                    asked[(row.SiteId, row.Date)] = row.Value;
                    if (_options.Writes && Closed(row.Date) && _options.ViewableSites.Contains(row.SiteId))
                        _options.Cache.Write(Key(row.SiteId, row.Date), row.Value.ToString(CultureInfo.InvariantCulture), _options.Warn);
                }
            var rows = new List<MatomoSeriesRow>(_query.SiteIds.Count * _starts.Count);
            foreach (int site in _query.SiteIds)
                foreach (var start in _starts)
                {
                    // A period asked for again replaces what the cache held.
                    if (!asked.TryGetValue((site, start), out long value) && !_cached.TryGetValue((site, start), out value)) continue;
                    rows.Add(new MatomoSeriesRow
                    {
                        SiteId = site,
                        Series = _query.Series,
                        Segment = _query.Segment,
                        Period = _query.Period,
                        Date = start,
                        EndDate = LastDayOf(_query.Period, start),
                        Key = MatomoPeriodKey.Format(_query.Period, start),
                        Label = label(start),
                        Metric = _query.Metric,
                        Value = value,
                    });
                }
            return rows;
        }

        private bool TryRead(int site, DateTime start, out long value)
        {
            value = 0;
            if (!_options.Reads || !Closed(start) || !_options.ViewableSites.Contains(site)) return false;
            return _options.Cache.TryRead(Key(site, start), out string text)
                && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private bool Closed(DateTime start) => LastDayOf(_query.Period, start) <= _closedUntil;

        private MatomoCacheKey Key(int site, DateTime start) =>
            new MatomoCacheKey(_endpoint, site, _query.ApiMethod, "segment=" + _query.EncodedSegment, _query.Period, start, LastDayOf(_query.Period, start));

        private static DateTime LastDayOf(MatomoPeriod period, DateTime start) => MatomoPeriodKey.Next(period, start).AddDays(-1);
    }
}
