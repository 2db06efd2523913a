using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    public sealed partial class MatomoClient
    {
        internal const string ReportMetadataMethod = "API.getReportMetadata";

        /// <summary>
        /// A report's tables for its whole range in one request: one table per site and period (or one per site for a
        /// range), in date order, then in the order of the sites. For short ranges; <see cref="ReadReportAsync"/> reads long ones in parts.
        /// </summary>
        /// <exception cref="MatomoException">Matomo refused the report, or its answer is incomplete.</exception>
        public async Task<IReadOnlyList<MatomoReportTable>> GetReportAsync(MatomoReportQuery query, CancellationToken cancellation = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            return await ReadPartAsync(query, query.Start, query.End, CultureInfo.CurrentCulture, cancellation).ConfigureAwait(false);
        }

        /// <summary>
        /// Reads a report part by part (whole periods per request, see <see cref="MatomoReportFetchOptions.RowsPerRequest"/>),
        /// up to <see cref="MatomoReportFetchOptions.ThrottleLimit"/> requests at once, and hands each part's tables to
        /// <paramref name="write"/> in date order. The next parts are asked for only as parts are written, so memory holds
        /// a few parts, never the whole answer. A failure ends the read; the parts written stay written.
        /// </summary>
        /// <exception cref="MatomoException">Matomo refused a part, or its answer is incomplete.</exception>
        public async Task ReadReportAsync(MatomoReportQuery query, MatomoReportFetchOptions options,
            Func<IReadOnlyList<MatomoReportTable>, Task> write, CancellationToken cancellation = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (write is null) throw new ArgumentNullException(nameof(write));
            var culture = CultureInfo.CurrentCulture;
            var plan = new MatomoReportPlan(query, options.RowsPerRequest);
            var window = new Queue<Task<IReadOnlyList<MatomoReportTable>>>();
            // When a part fails or the caller stops, the parts still in flight are not waited for.
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            int periods = query.PeriodCount, written = 0;
            options.Progress?.Report(new MatomoFetchProgress(0, periods, MatomoFetchProgress.Periods));
            try
            {
                Fill();
                while (window.Count > 0)
                {
                    var tables = await window.Dequeue().ConfigureAwait(false);
                    plan.Observe(tables);
                    Fill();
                    await write(tables).ConfigureAwait(false);
                    written += tables.Select(table => table.Key).Distinct().Count();
                    options.Progress?.Report(new MatomoFetchProgress(written, periods, MatomoFetchProgress.Periods));
                }
            }
            finally
            {
                abandon.Cancel();
                // Parts abandoned in flight end as cancelled or failed; nobody waits for them, so their outcome is observed here.
                foreach (var part in window) _ = part.ContinueWith(done => done.Exception, TaskScheduler.Default);
            }

            void Fill()
            {
                while (window.Count < options.ThrottleLimit && plan.TryNext(out var from, out var to))
                    window.Enqueue(MatomoThrottle.RunAsync(options.SharedThrottle, () => ReadNamedPartAsync(query, from, to, culture, options.Cache, abandon.Token), abandon.Token));
            }
        }

        /// <summary>One part of a report read in parts: a failure names the dates of the part, as the parts before it are written already.</summary>
        private async Task<IReadOnlyList<MatomoReportTable>> ReadNamedPartAsync(MatomoReportQuery query, DateTime from, DateTime to, CultureInfo culture,
            MatomoCacheOptions? cache, CancellationToken cancellation)
        {
            try
            {
                if (cache == null || cache.Mode == MatomoCacheMode.Off || query.Period == MatomoPeriod.Range)
                    return await ReadPartAsync(query, from, to, culture, cancellation).ConfigureAwait(false);
                return await ReadPartThroughCacheAsync(query, from, to, culture, cache, cancellation).ConfigureAwait(false);
            }
            catch (MatomoException error) when (from != query.Start || to != query.End)
            {
                throw _exceptions.ForPart(error, from, to, query.Start, query.End);
            }
        }

        /// <summary>
        /// One part of a report through the cache (see <see cref="MatomoReportCachePlan"/>): the closed periods it holds
        /// from it, the rest in one read of the part's missing span; in date order, then in the order of the sites.
        /// </summary>
        private async Task<IReadOnlyList<MatomoReportTable>> ReadPartThroughCacheAsync(MatomoReportQuery query, DateTime from, DateTime to, CultureInfo culture,
            MatomoCacheOptions cache, CancellationToken cancellation)
        {
            var plan = MatomoReportCachePlan.Make(query, from, to, cache, Endpoint, Options.Today());
            var tables = new List<MatomoReportTable>();
            var cached = plan.Cached.ToList();
            if (cached.Count > 0)
                _log.Write($"Cache {cache.Cache.Folder}: {cached.Count} tables of {query.Report} from the cache; "
                    + (plan.Asked is { } span ? $"asking for {MatomoDateRange.Iso(span.From)}..{MatomoDateRange.Iso(span.To)}." : "nothing asked for."));
            if (plan.Asked is { } asked)
            {
                var fetched = await ReadPartAsync(query, asked.From, asked.To, culture, cancellation).ConfigureAwait(false);
                plan.Keep(fetched);
                tables.AddRange(fetched);
            }
            foreach (var (site, start, text) in cached)
            {
                // Read as the one period of one site it is, labelled as in the whole range's answer.
                var one = MatomoReportQuery.Create(new[] { site }, query.Range, query.Definition);
                var first = start < query.Start ? query.Start : start;
                var last = plan.LastDayOf(start) > query.End ? query.End : plan.LastDayOf(start);
                byte[] body = text.Array!.Length == text.Count ? text.Array : text.ToArray();
                tables.AddRange(_reader.ReadReport(one, first, last, body, culture));
            }
            var siteOrder = query.SiteIds.Select((id, index) => (id, index)).ToDictionary(pair => pair.id, pair => pair.index);
            return tables.OrderBy(table => table.Date).ThenBy(table => siteOrder[table.SiteId]).ToList();
        }

        /// <summary>
        /// One part of a report for its sites: in one request, or site by site and period by period for a report the
        /// server serves for one site or one date at a time (Referrers.getReferrerType and Referrers.getAll for several
        /// sites, VisitTime.getByDayOfWeek and Referrers.getAll for several dates, Cohorts...), learnt from its refusal once
        /// per client and report. Either way the tables come in date order, then in the order of the sites.
        /// </summary>
        private async Task<IReadOnlyList<MatomoReportTable>> ReadPartAsync(MatomoReportQuery query, DateTime from, DateTime to, CultureInfo culture,
            CancellationToken cancellation)
        {
            bool severalSites = query.SiteIds.Count > 1, severalPeriods = !query.Range.Part(from, to).IsOnePeriod && query.Period != MatomoPeriod.Range;
            bool siteBySite = severalSites && _oneSiteReports.ContainsKey(query.Report);
            bool periodByPeriod = severalPeriods && _onePeriodReports.ContainsKey(query.Report);
            while (true)
            {
                try
                {
                    return await ReadSplitAsync(query, from, to, siteBySite, periodByPeriod, culture, cancellation).ConfigureAwait(false);
                }
                catch (MatomoException error)
                {
                    if (severalSites && !siteBySite && FailsForSeveralSites(error))
                    {
                        siteBySite = _oneSiteReports[query.Report] = true;
                        _log.Write($"{query.Report}: Matomo does not serve it for several sites at once ({MatomoExceptions.Quote(error.ServerMessage ?? error.Message)}); asking site by site");
                    }
                    else if (severalPeriods && !periodByPeriod && RefusesSeveralDates(error))
                    {
                        periodByPeriod = _onePeriodReports[query.Report] = true;
                        _log.Write($"{query.Report}: Matomo serves it for one date at a time; asking period by period");
                    }
                    else throw;
                }
            }
        }

        /// <summary>The part in one request, or split by site and by period as the report needs; in date order, then site order.</summary>
        private async Task<IReadOnlyList<MatomoReportTable>> ReadSplitAsync(MatomoReportQuery query, DateTime from, DateTime to, bool siteBySite, bool periodByPeriod,
            CultureInfo culture, CancellationToken cancellation)
        {
            if (!siteBySite && !periodByPeriod) return await ReadPartOnceAsync(query, from, to, culture, cancellation).ConfigureAwait(false);
            var chunks = periodByPeriod
                ? MatomoPeriodKey.Starts(query.Period, from, to).Select(start => (From: Max(start, from), To: Min(MatomoPeriodKey.Next(query.Period, start).AddDays(-1), to))).ToList()
                : new List<(DateTime From, DateTime To)> { (from, to) };
            var queries = siteBySite ? query.SiteIds.Select(site => MatomoReportQuery.Create(new[] { site }, query.Range, query.Definition)).ToList() : new List<MatomoReportQuery> { query };
            var tables = new List<MatomoReportTable>();
            foreach (var chunk in chunks)
                foreach (var one in queries)
                    tables.AddRange(await ReadPartOnceAsync(one, chunk.From, chunk.To, culture, cancellation).ConfigureAwait(false));
            // Date order first, then the sites in the order asked for, as one request for all of them gives them: the
            // tables came site by site within each chunk, and the sort is stable.
            return tables.OrderBy(table => table.Date).ToList();
        }

        private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

        private static bool Says(string message, string words) => message.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>
        /// A report Matomo does not serve for several sites at once: it says so ("... with multiple sites is not supported
        /// (yet)."), fails (HTTP 500: DevicePlugins.getPlugin calls a method a table of several sites lacks), or answers in
        /// a shape the reader cannot take for several sites (MultiSites: one table of every site, not keyed by site).
        /// Asked site by site, each gives its own rows; a site's own failure then says what is wrong with it.
        /// </summary>
        private static bool FailsForSeveralSites(MatomoException error) =>
            (error.Kind == MatomoErrorKind.InvalidRequest && error.ServerMessage != null && Says(error.ServerMessage, "multiple sites"))
            || error.Kind == MatomoErrorKind.ServerError
            || error.IsUnreadableAnswer;

        /// <summary>Matomo's refusal of a date list: "... does not support multiple dates.", "... with multiple sites or dates is not supported (yet)."</summary>
        private static bool RefusesSeveralDates(MatomoException error) =>
            error.Kind == MatomoErrorKind.InvalidRequest && error.ServerMessage != null
            && (Says(error.ServerMessage, "multiple dates") || Says(error.ServerMessage, "or dates"));

        private async Task<IReadOnlyList<MatomoReportTable>> ReadPartOnceAsync(MatomoReportQuery query, DateTime from, DateTime to, CultureInfo culture,
            CancellationToken cancellation)
        {
            var answer = await _transport.SendAsync(query.ToRequest(query.Range.Part(from, to)), _log, cancellation).ConfigureAwait(false);
            return _reader.ReadReport(query, from, to, answer.Body, culture);
        }

        /// <summary>
        /// Every report the server offers for a site (<c>API.getReportMetadata</c>), in Matomo's order. Kept once read, for
        /// the life of the client: a report list changes only when plugins or goals do.
        /// </summary>
        /// <exception cref="MatomoException">Matomo refused the request.</exception>
        public Task<IReadOnlyList<MatomoReportMetadata>> GetReportMetadataAsync(int siteId, CancellationToken cancellation = default)
        {
            MatomoQueryChecks.SiteId(siteId);
            var task = _metadata.GetOrAdd(siteId, id => FetchReportMetadataAsync(id, cancellation));
            // A failed or cancelled read is not kept: the next caller asks again. One that failed at once is forgotten
            // before this returns, as awaiting a finished task goes on at once.
            return ForgetOnFailure(siteId, task);
        }

        /// <summary>The report list of a site when it was read before, without a request; null otherwise.</summary>
        public IReadOnlyList<MatomoReportMetadata>? CachedReportMetadata(int siteId) =>
            _metadata.TryGetValue(siteId, out var task) && task.Status == TaskStatus.RanToCompletion ? task.Result : null;

        private async Task<IReadOnlyList<MatomoReportMetadata>> ForgetOnFailure(int siteId, Task<IReadOnlyList<MatomoReportMetadata>> task)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            catch
            {
                _metadata.TryRemove(siteId, out _);
                throw;
            }
        }

        private async Task<IReadOnlyList<MatomoReportMetadata>> FetchReportMetadataAsync(int siteId, CancellationToken cancellation)
        {
            var request = new MatomoRequest(ReportMetadataMethod, new[] { MatomoRequest.IdSite(new[] { siteId }) });
            using var document = await CallAsync(request, cancellation).ConfigureAwait(false);
            return _reader.ReadReportMetadata(document.RootElement);
        }
    }
}
