using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>
    /// One series fetched through the cache: the closed periods the cache holds are taken from it, and one query asks
    /// for the rest (from the first period missing to the last, for every site of the series), so a year with
    /// January to November cached asks for December only, in the same requests as before. What the server sends for
    /// closed periods is kept. The rows come as from the server: site order, then date order, labelled for the whole range.
    /// </summary>
    /// <remarks>
    /// The values are kept in blocks, one entry per site and block: the days or weeks that begin in a month, the months
    /// or years that begin in a year. A year of days is then 12 files to read, not 365.
    /// </remarks>
    internal sealed class MatomoSeriesCachePlan
    {
        private readonly MatomoSeriesQuery _query;
        private readonly MatomoCacheOptions _options;
        private readonly Uri _endpoint;
        private readonly DateTime _closedUntil;
        private readonly IReadOnlyList<DateTime> _starts;
        // Each block read, by site and first day: its values by the first day of their period.
        private readonly Dictionary<(int Site, DateTime Block), Dictionary<DateTime, long>> _blocks = new Dictionary<(int, DateTime), Dictionary<DateTime, long>>();
        private readonly Dictionary<(int Site, DateTime Start), long> _cached = new Dictionary<(int, DateTime), long>();

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
            var (found, missing) = MatomoCacheLookup.Run<long>(query.Period, query.Start, query.End, query.SiteIds, plan.TryRead, plan.Closed, options.Cache);
            foreach (var (site, start, value) in found) plan._cached[(site, start)] = value;
            if (missing is { } span) plan.Asked = MatomoSeriesQuery.Create(query.SiteIds, query.Range.Part(span.From, span.To), query.Definition);
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
            {
                foreach (var row in await fetched.ConfigureAwait(false)) asked[(row.SiteId, row.Date)] = row.Value;
                if (_options.Writes) Keep(asked);
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

        /// <summary>Writes the closed periods the server sent into their blocks, beside the values each block held.</summary>
        private void Keep(Dictionary<(int Site, DateTime Start), long> asked)
        {
            foreach (var block in asked.Where(pair => Closed(pair.Key.Start) && _options.ViewableSites.Contains(pair.Key.Site))
                .GroupBy(pair => (pair.Key.Site, Block: BlockOf(pair.Key.Start))))
            {
                var values = Block(block.Key.Site, block.Key.Block);
                bool changed = false;
                foreach (var pair in block)
                    if (!values.TryGetValue(pair.Key.Start, out long held) || held != pair.Value)
                    {
                        values[pair.Key.Start] = pair.Value;
                        changed = true;
                    }
                if (changed) _options.Cache.Write(Key(block.Key.Site, block.Key.Block), Serialize(values), _options.Warn);
            }
        }

        private bool TryRead(int site, DateTime start, out long value)
        {
            value = 0;
            if (!Closed(start) || !_options.ViewableSites.Contains(site)) return false;
            // -Refresh reads nothing, but keeps what the blocks hold beside what it asks again.
            var values = Block(site, BlockOf(start));
            return _options.Reads && values.TryGetValue(start, out value);
        }

        /// <summary>The values of a block, read once (empty when the cache has none, or with -Refresh nothing is read but kept alike).</summary>
        private Dictionary<DateTime, long> Block(int site, DateTime block)
        {
            if (_blocks.TryGetValue((site, block), out var values)) return values;
            values = new Dictionary<DateTime, long>();
            if (_options.Mode != MatomoCacheMode.Off && _options.Cache.TryRead(Key(site, block), out string text) && !TryParse(text, values)) values.Clear();
            _blocks[(site, block)] = values;
            return values;
        }

        private static bool TryParse(string text, Dictionary<DateTime, long> values)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return false;
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!DateTime.TryParseExact(property.Name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                        || property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out long value) || value < 0)
                        return false;
                    values[start] = value;
                }
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string Serialize(Dictionary<DateTime, long> values)
        {
            var text = new StringBuilder("{");
            foreach (var pair in values.OrderBy(pair => pair.Key))
            {
                if (text.Length > 1) text.Append(',');
                text.Append('"').Append(pair.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\":").Append(pair.Value.ToString(CultureInfo.InvariantCulture));
            }
            return text.Append('}').ToString();
        }

        private bool Closed(DateTime start) => LastDayOf(_query.Period, start) <= _closedUntil;

        /// <summary>The first day of the block of a period: its month for days and weeks (by the week's Monday), its year for months and years.</summary>
        private DateTime BlockOf(DateTime start) =>
            _query.Period == MatomoPeriod.Day || _query.Period == MatomoPeriod.Week ? new DateTime(start.Year, start.Month, 1) : new DateTime(start.Year, 1, 1);

        private MatomoCacheKey Key(int site, DateTime block)
        {
            var next = _query.Period == MatomoPeriod.Day || _query.Period == MatomoPeriod.Week ? block.AddMonths(1) : block.AddYears(1);
            // A block's last period may end after the block (a week that begins on the 30th): the last day any of its periods covers.
            var lastDay = LastDayOf(_query.Period, MatomoPeriodKey.StartOf(_query.Period, next.AddDays(-1)));
            return new MatomoCacheKey(_endpoint, site, _query.ApiMethod, "segment=" + _query.EncodedSegment, _query.Period, block, lastDay);
        }

        private static DateTime LastDayOf(MatomoPeriod period, DateTime start) => MatomoPeriodKey.Next(period, start).AddDays(-1);
    }
}
