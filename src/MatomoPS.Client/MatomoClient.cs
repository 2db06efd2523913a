using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>
    /// An async client for Matomo's Reporting API. It builds requests and runs them in batches; the transport sends
    /// them and the reader turns answers into rows. Thread-safe: one instance per server and token, shared by every caller.
    /// </summary>
    public sealed partial class MatomoClient : IDisposable
    {
        internal const string SiteIdsMethod = "SitesManager.getSitesIdWithAtLeastViewAccess";
        internal const string SitesMethod = "SitesManager.getSitesWithAtLeastViewAccess";

        private readonly MatomoTransport _transport;
        private readonly MatomoExceptions _exceptions;
        private readonly MatomoReader _reader;
        private readonly ConcurrentDictionary<int, Task<IReadOnlyList<MatomoReportMetadata>>> _metadata;
        // The reports the server refused for several sites at once: asked site by site from then on.
        private readonly ConcurrentDictionary<string, bool> _oneSiteReports;
        // The reports the server refused for several dates at once: asked period by period from then on.
        private readonly ConcurrentDictionary<string, bool> _onePeriodReports;
        private readonly MatomoLog _log;
        private readonly bool _ownsTransport;

        /// <summary>A client with its own HTTP handler (gzip, no cookies, and <see cref="MatomoClientOptions.SkipCertificateCheck"/>).</summary>
        public MatomoClient(MatomoClientOptions options)
            : this(options, MatomoTransport.CreateHandler(options ?? throw new ArgumentNullException(nameof(options))), disposeHandler: true) { }

        /// <summary>
        /// A client that sends through <paramref name="handler"/>: a proxy, a custom certificate policy, or a test double.
        /// </summary>
        /// <param name="options">Where and how to reach the server.</param>
        /// <param name="handler">The handler every request goes through.</param>
        /// <param name="disposeHandler">True to dispose <paramref name="handler"/> with the client.</param>
        public MatomoClient(MatomoClientOptions options, HttpMessageHandler handler, bool disposeHandler = true)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            if (handler is null) throw new ArgumentNullException(nameof(handler));
            _exceptions = new MatomoExceptions(Options.Token, Options.Endpoint);
            _reader = new MatomoReader(_exceptions, () => Options.Today());
            _transport = new MatomoTransport(Options, _exceptions, handler, disposeHandler);
            _metadata = new ConcurrentDictionary<int, Task<IReadOnlyList<MatomoReportMetadata>>>();
            _oneSiteReports = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            _onePeriodReports = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            _log = new MatomoLog(Options.Log, Options.Token);
            _ownsTransport = true;
        }

        private MatomoClient(MatomoClient shared, Action<string>? log)
        {
            Options = shared.Options;
            _exceptions = shared._exceptions;
            _reader = shared._reader;
            _transport = shared._transport;
            _metadata = shared._metadata;
            _oneSiteReports = shared._oneSiteReports;
            _onePeriodReports = shared._onePeriodReports;
            _log = new MatomoLog(log, Options.Token);
        }

        /// <summary>
        /// This client for one caller: the same server, token, connections, retries and report lists, but the lines about
        /// its requests go to <paramref name="log"/> (redacted) instead of <see cref="MatomoClientOptions.Log"/>. A client
        /// shared by many callers (commands of several runspaces) thus tells each one only of its own requests.
        /// Disposing the returned client does nothing; this one owns the connections.
        /// </summary>
        public MatomoClient WithLog(Action<string>? log) => new MatomoClient(this, log);

        /// <summary>The options the client was made with.</summary>
        public MatomoClientOptions Options { get; }

        /// <summary>
        /// Where requests go: <see cref="MatomoClientOptions.Endpoint"/>, or the address the server moved it to by a redirect
        /// the client may follow (within the same origin, or to https on the same host with <see cref="MatomoClientOptions.AllowHttpsRedirect"/>).
        /// </summary>
        public Uri Endpoint => _transport.Endpoint;

        /// <summary>
        /// Calls any API method and returns its JSON. The token goes in the POST body; <c>filter_limit=-1</c> is
        /// added unless given. The caller disposes the returned document.
        /// </summary>
        /// <exception cref="MatomoException">Matomo refused the call, or it failed after its retries.</exception>
        public async Task<JsonDocument> CallAsync(MatomoRequest request, CancellationToken cancellation = default)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var answer = await _transport.SendAsync(request, _log, cancellation).ConfigureAwait(false);
            return _reader.Parse(answer, request.Method);
        }

        /// <summary>
        /// Calls any API method (as <see cref="CallAsync(MatomoRequest, CancellationToken)"/>) and returns what
        /// <paramref name="read"/> makes of its JSON, which must not outlive the call. When <paramref name="read"/> finds
        /// the answer cannot be what it reads (it throws a <see cref="FormatException"/> or an <see cref="OverflowException"/>),
        /// the call fails with an invalid answer (<see cref="MatomoErrorKind.Protocol"/>) that names the server and the method.
        /// </summary>
        /// <exception cref="MatomoException">Matomo refused the call, it failed after its retries, or its answer cannot be read.</exception>
        public async Task<T> CallAsync<T>(MatomoRequest request, Func<JsonElement, T> read, CancellationToken cancellation = default)
        {
            if (read is null) throw new ArgumentNullException(nameof(read));
            using var document = await CallAsync(request, cancellation).ConfigureAwait(false);
            return _reader.Read(document.RootElement, request.Method, read);
        }

        /// <summary>Every site id the token may view, in Matomo's order; a token that may view none is refused.</summary>
        /// <exception cref="MatomoException">The token is wrong, or may view no site.</exception>
        public async Task<IReadOnlyList<int>> GetSiteIdsAsync(CancellationToken cancellation = default)
        {
            using var document = await CallAsync(new MatomoRequest(SiteIdsMethod), cancellation).ConfigureAwait(false);
            var ids = _reader.ReadSiteIds(document.RootElement);
            if (ids.Count == 0) throw _exceptions.NoSiteVisible(Endpoint, SiteIdsMethod);
            return ids;
        }

        /// <summary>Every site the token may view, with its name, address, time zone and currency, in Matomo's order.</summary>
        /// <exception cref="MatomoException">The token is wrong, or may view no site.</exception>
        public async Task<IReadOnlyList<MatomoSite>> GetSitesAsync(CancellationToken cancellation = default)
        {
            using var document = await CallAsync(new MatomoRequest(SitesMethod), cancellation).ConfigureAwait(false);
            var sites = _reader.ReadSites(document.RootElement);
            if (sites.Count == 0) throw _exceptions.NoSiteVisible(Endpoint, SitesMethod);
            return sites;
        }

        /// <summary>
        /// Checks that the token may view each of <paramref name="siteIds"/>: against <paramref name="known"/> (a site list
        /// read before, such as a connection's), and, when one is missing there, against the server's list once more (the
        /// site may be new). No request when every site is known.
        /// </summary>
        /// <exception cref="MatomoException">Of kind <see cref="MatomoErrorKind.Access"/>: names the site and the sites the token may view.</exception>
        public async Task CheckSitesAsync(IReadOnlyList<int> siteIds, IReadOnlyList<int> known, CancellationToken cancellation = default)
        {
            if (siteIds is null) throw new ArgumentNullException(nameof(siteIds));
            if (known is null) throw new ArgumentNullException(nameof(known));
            if (siteIds.All(known.Contains)) return;
            var visible = (await GetSitesAsync(cancellation).ConfigureAwait(false)).Select(site => site.SiteId).ToList();
            foreach (int id in siteIds)
                if (!visible.Contains(id)) throw _exceptions.SiteNotVisible(id, Endpoint, visible);
        }

        /// <summary>The first site id the token may view, as the reference client's <c>get_matomo_id</c>.</summary>
        public async Task<int> GetMatomoIdAsync(CancellationToken cancellation = default) =>
            (await GetSiteIdsAsync(cancellation).ConfigureAwait(false))[0];

        /// <summary>
        /// The sites the token may view (with their names) and the one to use by default: <paramref name="siteId"/>,
        /// else the first. One request, as a connection needs it.
        /// </summary>
        /// <exception cref="MatomoException">The token is wrong, or may not view <paramref name="siteId"/>.</exception>
        public async Task<MatomoSiteAccess> GetSiteAccessAsync(int? siteId = null, CancellationToken cancellation = default)
        {
            var sites = await GetSitesAsync(cancellation).ConfigureAwait(false);
            var ids = sites.Select(site => site.SiteId).ToList();
            if (siteId.HasValue && !ids.Contains(siteId.Value)) throw _exceptions.SiteNotVisible(siteId.Value, Endpoint, ids);
            return new MatomoSiteAccess(siteId ?? ids[0], sites);
        }

        /// <summary>The rows of one series, in site order, then date order.</summary>
        /// <exception cref="MatomoException">Matomo refused the series, or its answer is incomplete; the exception names the series.</exception>
        public async Task<IReadOnlyList<MatomoSeriesRow>> GetVisitsAsync(MatomoSeriesQuery query, CancellationToken cancellation = default)
        {
            if (query is null) throw new ArgumentNullException(nameof(query));
            var culture = CultureInfo.CurrentCulture;
            try
            {
                using var document = await CallAsync(query.ToRequest(), cancellation).ConfigureAwait(false);
                return _reader.ReadSeries(query, document.RootElement, culture);
            }
            catch (MatomoException error)
            {
                // As in a fetch of many series: the failure names its series.
                throw _exceptions.ForSeries(error, query.Series);
            }
        }

        /// <summary>
        /// Fetches many series: spread over <see cref="MatomoFetchOptions.ThrottleLimit"/> concurrent
        /// <c>API.getBulkRequest</c> calls of about equal size, none over <see cref="MatomoFetchOptions.BatchSize"/>
        /// (see <see cref="MatomoBatchPlan"/>); a request of one series goes without the bulk wrapper. Returns one task
        /// per query, in the order given; a series that fails faults its own task with a <see cref="MatomoException"/> that names it.
        /// With <see cref="MatomoFetchOptions.SegmentZeroCheck"/>, a series of a segment that is 0 in every period is
        /// checked against the visit log before its task completes (see <see cref="MatomoSegmentFinding"/>).
        /// </summary>
        /// <remarks>
        /// With <see cref="MatomoFetchOptions.Cache"/>, the closed periods the cache holds are not asked for (see
        /// <see cref="MatomoSeriesCachePlan"/>); the rows are the same.
        /// </remarks>
        public IReadOnlyList<Task<IReadOnlyList<MatomoSeriesRow>>> FetchSeries(IReadOnlyList<MatomoSeriesQuery> queries, MatomoFetchOptions options,
            CancellationToken cancellation = default)
        {
            if (queries is null) throw new ArgumentNullException(nameof(queries));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.Cache == null || options.Cache.Mode == MatomoCacheMode.Off) return FetchSeriesFromServer(queries, options, cancellation);

            var culture = CultureInfo.CurrentCulture;
            var plans = queries.Select(query => MatomoSeriesCachePlan.Make(query, options.Cache, Endpoint, Options.Today())).ToList();
            var asked = plans.Where(plan => plan.Asked != null).Select(plan => plan.Asked!).ToList();
            _log.Write($"Cache {options.Cache.Cache.Folder}: {plans.Sum(plan => plan.CachedPeriods)} periods of {queries.Count} series from the cache; "
                + (asked.Count == 0 ? "nothing asked for." : $"asking for {asked.Count} series over {string.Join(", ", asked.Select(query => query.Range.ToString()).Distinct().Take(3))}."));
            var fetched = asked.Count == 0 ? new List<Task<IReadOnlyList<MatomoSeriesRow>>>() : FetchSeriesFromServer(asked, options, cancellation);
            int next = 0;
            return plans.Select((plan, i) => plan.RowsAsync(plan.Asked == null ? null : fetched[next++], start => _reader.PeriodLabel(queries[i], start, culture))).ToList();
        }

        private IReadOnlyList<Task<IReadOnlyList<MatomoSeriesRow>>> FetchSeriesFromServer(IReadOnlyList<MatomoSeriesQuery> queries, MatomoFetchOptions options,
            CancellationToken cancellation)
        {
            var culture = CultureInfo.CurrentCulture;
            // Series are dealt to the requests in turn, as cards: users list the busiest series first (the languages
            // with most traffic), and those cost the server most, so dealing spreads that cost over its workers.
            var sizes = MatomoBatchPlan.Sizes(queries.Count, options);
            var batches = sizes.Select(size => new List<MatomoSeriesQuery>(size)).ToArray();
            var place = new (int Batch, int Slot)[queries.Count];
            for (int i = 0; i < queries.Count; i++)
            {
                int batch = i % batches.Length;
                place[i] = (batch, batches[batch].Count);
                batches[batch].Add(queries[i]);
            }

            var throttle = options.SharedThrottle ?? new SemaphoreSlim(options.ThrottleLimit);
            var check = options.SegmentZeroCheck == null ? null
                : new MatomoSegmentCheck((request, token) => CallOnceAsync(request, token), _exceptions, _reader, options.SegmentZeroCheck, _log.Write);
            int completed = 0;
            options.Progress?.Report(new MatomoFetchProgress(0, batches.Length));
            var batchTasks = batches.Select(batch => MatomoThrottle.RunAsync(throttle, async () =>
            {
                try
                {
                    return await FetchBatchAsync(batch, culture, cancellation).ConfigureAwait(false);
                }
                finally
                {
                    options.Progress?.Report(new MatomoFetchProgress(Interlocked.Increment(ref completed), batches.Length));
                }
            }, cancellation)).ToArray();
            var checkedTasks = check == null ? batchTasks
                : batchTasks.Select((task, b) => CheckZerosAsync(task, batches[b], check, throttle, cancellation)).ToArray();
            return place.Select(at => SlotAsync(checkedTasks[at.Batch], at.Slot)).ToList();
        }

        /// <summary>
        /// The series of one request: a bulk request of them all, or a plain one for a single series (see <see cref="MatomoRequest.Bulk"/>).
        /// Each outcome is the series' rows or an error that names it. A series whose own slot failed in a way that may
        /// heal (the database gone, maintenance) is asked for again, alone with the others that failed so, within the
        /// same retries and time budget as a whole request; the series that succeeded are not asked for again.
        /// </summary>
        private async Task<SeriesOutcome[]> FetchBatchAsync(IReadOnlyList<MatomoSeriesQuery> batch, CultureInfo culture, CancellationToken cancellation)
        {
            var outcomes = new SeriesOutcome[batch.Count];
            var pending = Enumerable.Range(0, batch.Count).ToList();
            int retries = _transport.Retry.Retries(retry: true);
            var clock = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                var healing = await FetchSlotsAsync(batch, pending, outcomes, culture, attempt, clock, cancellation).ConfigureAwait(false);
                if (healing.Count == 0) return outcomes;
                if (!_transport.Retry.TryNext(attempt, retries, clock.Elapsed, null, out var pause, out string reason))
                {
                    foreach (var (slot, failure) in healing)
                        outcomes[slot] = SeriesOutcome.Of(_exceptions.ForSeries(_exceptions.GaveUp(failure, attempt, clock.Elapsed, reason), batch[slot].Series));
                    return outcomes;
                }
                var first = healing[0].Failure;
                _log.Write($"{first.ApiMethod}: {MatomoExceptions.Sentence(first.Message)} {healing.Count} of {pending.Count} series failed so; "
                    + $"attempt {attempt} of {retries + 1}; asking for them again in {pause.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                await Task.Delay(pause, cancellation).ConfigureAwait(false);
                pending = healing.Select(failed => failed.Slot).ToList();
            }
        }

        /// <summary>
        /// Asks for the series at <paramref name="pending"/> (slots of <paramref name="batch"/>) in one request and fills in
        /// their outcomes, except for those whose slot failed in a way that may heal: those come back, with their failure.
        /// </summary>
        private async Task<List<(int Slot, MatomoError Failure)>> FetchSlotsAsync(IReadOnlyList<MatomoSeriesQuery> batch, IReadOnlyList<int> pending,
            SeriesOutcome[] outcomes, CultureInfo culture, int attempt, Stopwatch clock, CancellationToken cancellation)
        {
            var asked = pending.Select(slot => batch[slot]).ToList();
            var healing = new List<(int Slot, MatomoError Failure)>();
            IReadOnlyList<JsonElement> slots;
            JsonDocument? document = null;
            try
            {
                var request = MatomoRequest.Bulk(asked.Select(query => query.ToRequest()).ToList(), DescribeBulk(asked));
                var answer = await _transport.SendAsync(request, _log, cancellation, firstAttempt: attempt, total: clock).ConfigureAwait(false);
                document = _reader.Parse(answer, request.Method);
                slots = _reader.ReadSlots(document.RootElement, asked.Count);
            }
            catch (MatomoException error)
            {
                document?.Dispose();
                // The whole request failed (after the transport's own retries): every series in it gets its own error that names it.
                foreach (int slot in pending) outcomes[slot] = SeriesOutcome.Of(_exceptions.ForSeries(error, batch[slot].Series));
                return healing;
            }
            using (document)
            {
                for (int i = 0; i < asked.Count; i++)
                {
                    var query = asked[i];
                    int slot = pending[i];
                    try
                    {
                        if (_reader.TryReadSlotFailure(slots[i], query.ApiMethod, out var failure))
                        {
                            if (failure!.Retryable) healing.Add((slot, failure));
                            else outcomes[slot] = SeriesOutcome.Of(_exceptions.ForSeries(_exceptions.Single(failure), query.Series));
                            continue;
                        }
                        outcomes[slot] = SeriesOutcome.Of(_reader.ReadSeries(query, slots[i], culture));
                    }
                    catch (MatomoException error)
                    {
                        outcomes[slot] = SeriesOutcome.Of(_exceptions.ForSeries(error, query.Series));
                    }
                }
            }
            return healing;
        }

        /// <summary>What a bulk request asks, in a line a person reads: the series by name, not 400 characters of URLs.</summary>
        private static string DescribeBulk(IReadOnlyList<MatomoSeriesQuery> batch)
        {
            const int shown = 8;
            var first = batch[0];
            var methods = batch.Select(query => query.ApiMethod).Distinct().ToList();
            var names = batch.Take(shown).Select(query => methods.Count > 1 ? $"{query.Series} ({query.Metric})" : query.Series);
            string more = batch.Count > shown ? $", ... ({batch.Count - shown} more)" : string.Empty;
            return $"{MatomoRequest.BulkMethod} of {batch.Count} series ({string.Join(", ", methods)} {first.Range}): {string.Join(", ", names)}{more}";
        }

        /// <summary>
        /// A request's outcomes once the all-zero series of segments among them, if any, were checked against the visit log:
        /// in one request of their own, outside the batch's turn of the throttle (a batch waiting for its own check would
        /// hold it), within a turn of its own.
        /// </summary>
        private static async Task<SeriesOutcome[]> CheckZerosAsync(Task<SeriesOutcome[]> batch, IReadOnlyList<MatomoSeriesQuery> queries,
            MatomoSegmentCheck check, SemaphoreSlim throttle, CancellationToken cancellation)
        {
            var outcomes = await batch.ConfigureAwait(false);
            bool alone = queries.Count == 1;
            var zeros = queries.Select((query, slot) => (Query: query, Rows: outcomes[slot].Rows))
                .Where(series => series.Rows != null && MatomoSegmentCheck.Needed(series.Query, series.Rows, MatomoSegmentCheck.Guarded(series.Query, alone)))
                .Select(series => (series.Query, Rows: series.Rows!))
                .ToList();
            if (zeros.Count > 0)
                await MatomoThrottle.RunAsync(throttle, async () =>
                {
                    await check.RunAsync(zeros, cancellation).ConfigureAwait(false);
                    return true;
                }, cancellation).ConfigureAwait(false);
            return outcomes;
        }

        /// <summary>One series' rows from its request's outcomes, or the error that names it.</summary>
        private static async Task<IReadOnlyList<MatomoSeriesRow>> SlotAsync(Task<SeriesOutcome[]> batch, int slot)
        {
            var outcome = (await batch.ConfigureAwait(false))[slot];
            if (outcome.Error != null) throw outcome.Error;
            return outcome.Rows!;
        }

        /// <summary>One attempt at a call, never retried: for a check that may cost one request at most.</summary>
        private async Task<JsonDocument> CallOnceAsync(MatomoRequest request, CancellationToken cancellation)
        {
            var answer = await _transport.SendAsync(request, _log, cancellation, retry: false).ConfigureAwait(false);
            return _reader.Parse(answer, request.Method);
        }

        /// <summary>Closes the client's connections.</summary>
        public void Dispose()
        {
            if (_ownsTransport) _transport.Dispose();
        }

        private sealed class SeriesOutcome
        {
            private SeriesOutcome(IReadOnlyList<MatomoSeriesRow>? rows, MatomoException? error)
            {
                Rows = rows;
                Error = error;
            }

            public IReadOnlyList<MatomoSeriesRow>? Rows { get; }
            public MatomoException? Error { get; }

            public static SeriesOutcome Of(IReadOnlyList<MatomoSeriesRow> rows) => new SeriesOutcome(rows, null);
            public static SeriesOutcome Of(MatomoException error) => new SeriesOutcome(null, error);
        }
    }
}
