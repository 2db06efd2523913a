using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// One part of a report read through the cache: the tables of closed periods the cache holds are taken from it, as
    /// the server wrote them, and one request asks for the rest of the part (from the first period missing to the
    /// last). The tables the server sends for closed periods are kept, one entry per site and period. The key holds the
    /// report, every parameter of its reading and <see cref="MatomoCacheOptions.Variant"/> (the language of its labels).
    /// </summary>
    internal sealed class MatomoReportCachePlan
    {
        private readonly MatomoReportQuery _query;
        private readonly MatomoCacheOptions _options;
        private readonly Uri _endpoint;
        private readonly DateTime _closedUntil;
        private readonly string _parameters;
        private readonly List<(int Site, DateTime Start, ArraySegment<byte> Text)> _cached = new List<(int, DateTime, ArraySegment<byte>)>();

        private MatomoReportCachePlan(MatomoReportQuery query, MatomoCacheOptions options, Uri endpoint, DateTime today)
        {
            _query = query;
            _options = options;
            _endpoint = endpoint;
            _closedUntil = options.ClosedUntil(today);
            _parameters = string.Join("&", new[] { options.Variant }.Concat(query.Definition.Parameters().Select(pair => pair.Key + "=" + pair.Value)));
        }

        /// <summary>The first and last day still to ask for; null when the cache holds every period of the part.</summary>
        public (DateTime From, DateTime To)? Asked { get; private set; }

        /// <summary>The tables the cache holds for the periods outside <see cref="Asked"/>: site, first day and the table's text.</summary>
        public IEnumerable<(int Site, DateTime Start, ArraySegment<byte> Text)> Cached =>
            _cached.Where(entry => Asked == null || entry.Start < Asked.Value.From || entry.Start > Asked.Value.To);

        /// <summary>Looks up every closed period of the part <paramref name="from"/>..<paramref name="to"/> for every site.</summary>
        public static MatomoReportCachePlan Make(MatomoReportQuery query, DateTime from, DateTime to, MatomoCacheOptions options, Uri endpoint, DateTime today)
        {
            var plan = new MatomoReportCachePlan(query, options, endpoint, today);
            var (found, missing) = MatomoCacheLookup.Run<ArraySegment<byte>>(query.Period, from, to, query.SiteIds, plan.TryRead, plan.Closed, options.Cache);
            plan._cached.AddRange(found);
            plan.Asked = missing;
            return plan;
        }

        /// <summary>Keeps the tables of closed periods the server sent, for sites of the connection's own list.</summary>
        public void Keep(IEnumerable<MatomoReportTable> fetched)
        {
            if (!_options.Writes) return;
            foreach (var table in fetched)
                if (Closed(table.Date) && _options.ViewableSites.Contains(table.SiteId) && table.Answer.Array != null)
                    _options.Cache.Write(Key(table.SiteId, table.Date), System.Text.Encoding.UTF8.GetString(table.Answer.Array, table.Answer.Offset, table.Answer.Count), _options.Warn);
        }

        /// <summary>The last day of the period that begins on <paramref name="start"/>.</summary>
        public DateTime LastDayOf(DateTime start) => LastDayOf(_query.Period, start);

        private bool TryRead(int site, DateTime start, out ArraySegment<byte> text)
        {
            text = default;
            if (!_options.Reads || !Closed(start) || !_options.ViewableSites.Contains(site)) return false;
            if (!_options.Cache.TryRead(Key(site, start), out string value)) return false;
            text = new ArraySegment<byte>(System.Text.Encoding.UTF8.GetBytes(value));
            return true;
        }

        private bool Closed(DateTime start) => LastDayOf(_query.Period, start) <= _closedUntil;

        private MatomoCacheKey Key(int site, DateTime start) =>
            new MatomoCacheKey(_endpoint, site, _query.Report, _parameters, _query.Period, start, LastDayOf(_query.Period, start));

        private static DateTime LastDayOf(MatomoPeriod period, DateTime start) => MatomoPeriodKey.Next(period, start).AddDays(-1);
    }
}
