using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>
    /// An async client for Matomo's Reporting API. Thread-safe: one instance per server and token,
    /// shared by every caller.
    /// </summary>
    public sealed class MatomoClient : IDisposable
    {
        private const string SiteIdsMethod = "SitesManager.getSitesIdWithAtLeastViewAccess";
        private const string BulkMethod = "API.getBulkRequest";
        private readonly MatomoTransport _transport;

        public MatomoClient(MatomoClientOptions options) : this(options, null) { }

        internal MatomoClient(MatomoClientOptions options, HttpMessageHandler? handler)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _transport = new MatomoTransport(options, handler);
        }

        public MatomoClientOptions Options { get; }

        /// <summary>
        /// Calls any API method. The token goes in the POST body; <c>filter_limit=-1</c> is added unless given.
        /// The caller disposes the returned document.
        /// </summary>
        public Task<JsonDocument> CallAsync(MatomoRequest request, CancellationToken cancellation = default, Action<string>? log = null) =>
            _transport.SendAsync(request ?? throw new ArgumentNullException(nameof(request)), null, log, cancellation);

        /// <summary>Every site id the token may view, in Matomo's order.</summary>
        public async Task<IReadOnlyList<int>> GetSiteIdsAsync(CancellationToken cancellation = default, Action<string>? log = null)
        {
            using var document = await CallAsync(new MatomoRequest(SiteIdsMethod), cancellation, log).ConfigureAwait(false);
            var ids = Read(() => MatomoResponseParser.ReadSiteIds(document.RootElement));
            if (ids.Count == 0)
                throw new MatomoException(MatomoErrorKind.Authentication,
                    $"The access token is not correct: {MatomoEndpoint.Display(Options.Endpoint)} gives it view access to no site. Check the token (Matomo: Administration > Personal > Security > Auth tokens).",
                    SiteIdsMethod);
            return ids;
        }

        /// <summary>The first site id the token may view, as the reference client's <c>get_matomo_id</c>.</summary>
        public async Task<int> GetMatomoIdAsync(CancellationToken cancellation = default, Action<string>? log = null) =>
            (await GetSiteIdsAsync(cancellation, log).ConfigureAwait(false))[0];

        /// <summary>The rows of one series, in site order, then date order.</summary>
        public async Task<IReadOnlyList<MatomoVisitsRow>> GetVisitsAsync(MatomoVisitsQuery query, CancellationToken cancellation = default, Action<string>? log = null)
        {
            var culture = CultureInfo.CurrentCulture;
            using var document = await CallAsync(query.ToRequest(), cancellation, log).ConfigureAwait(false);
            return Read(() => ReadRows(query, document.RootElement, culture));
        }

        /// <summary>
        /// Fetches many series: by default in <c>API.getBulkRequest</c> calls of <see cref="MatomoFetchOptions.BatchSize"/>
        /// series, at most <see cref="MatomoFetchOptions.ThrottleLimit"/> at once. Returns one task per query, in the
        /// order given; a series that fails faults its own task with a <see cref="MatomoException"/> and no other.
        /// </summary>
        public IReadOnlyList<Task<IReadOnlyList<MatomoVisitsRow>>> FetchSeries(IReadOnlyList<MatomoVisitsQuery> queries, MatomoFetchOptions options,
            CancellationToken cancellation = default, Action<string>? log = null)
        {
            if (queries is null) throw new ArgumentNullException(nameof(queries));
            if (options is null) throw new ArgumentNullException(nameof(options));
            var culture = CultureInfo.CurrentCulture;
            int size = options.UseBulk ? options.BatchSize : 1;
            var chunks = new List<MatomoVisitsQuery[]>();
            for (int i = 0; i < queries.Count; i += size)
                chunks.Add(queries.Skip(i).Take(size).ToArray());

            var throttle = new SemaphoreSlim(options.ThrottleLimit);
            int completed = 0;
            var results = new List<Task<IReadOnlyList<MatomoVisitsRow>>>(queries.Count);
            foreach (var chunk in chunks)
            {
                var chunkTask = RunThrottledAsync(async () =>
                {
                    try
                    {
                        return options.UseBulk
                            ? await FetchBulkAsync(chunk, culture, cancellation, log).ConfigureAwait(false)
                            : new[] { await FetchOneAsync(chunk[0], culture, cancellation, log).ConfigureAwait(false) };
                    }
                    finally
                    {
                        options.Progress?.Report(new MatomoFetchProgress(Interlocked.Increment(ref completed), chunks.Count));
                    }
                }, throttle, cancellation);
                for (int slot = 0; slot < chunk.Length; slot++)
                    results.Add(SlotAsync(chunkTask, slot));
            }
            return results;
        }

        private async Task<SeriesOutcome> FetchOneAsync(MatomoVisitsQuery query, CultureInfo culture, CancellationToken cancellation, Action<string>? log)
        {
            try
            {
                using var document = await CallAsync(query.ToRequest(), cancellation, log).ConfigureAwait(false);
                return new SeriesOutcome(Read(() => ReadRows(query, document.RootElement, culture)), null);
            }
            catch (MatomoException error)
            {
                return new SeriesOutcome(null, error);
            }
        }

        private async Task<SeriesOutcome[]> FetchBulkAsync(MatomoVisitsQuery[] chunk, CultureInfo culture, CancellationToken cancellation, Action<string>? log)
        {
            var urls = chunk.Select((query, i) => new KeyValuePair<string, string>($"urls[{i}]", query.ToRequest().ToQueryString()));
            try
            {
                using var document = await CallAsync(new MatomoRequest(BulkMethod, urls), cancellation, log).ConfigureAwait(false);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != chunk.Length)
                    throw MatomoResponseParser.Shape(BulkMethod, $"a list of {chunk.Length} answers", root);
                var outcomes = new SeriesOutcome[chunk.Length];
                int slot = 0;
                foreach (var answer in root.EnumerateArray())
                {
                    var query = chunk[slot];
                    try
                    {
                        if (MatomoResponseParser.TryReadError(answer, out string? message))
                            throw new MatomoException(MatomoResponseParser.Classify(200, message!), $"Matomo refused {query.ApiMethod} for '{query.Series}': {message}", query.ApiMethod, 200);
                        outcomes[slot] = new SeriesOutcome(ReadRows(query, answer, culture), null);
                    }
                    catch (MatomoException error)
                    {
                        outcomes[slot] = new SeriesOutcome(null, Redacted(error));
                    }
                    slot++;
                }
                return outcomes;
            }
            catch (MatomoException error)
            {
                // The whole bulk request failed: every series in it carries the same error.
                var safe = Redacted(error);
                return chunk.Select(_ => new SeriesOutcome(null, safe)).ToArray();
            }
        }

        private static async Task<IReadOnlyList<MatomoVisitsRow>> SlotAsync(Task<SeriesOutcome[]> chunk, int slot)
        {
            var outcome = (await chunk.ConfigureAwait(false))[slot];
            if (outcome.Error != null) throw outcome.Error;
            return outcome.Rows!;
        }

        private static async Task<T> RunThrottledAsync<T>(Func<Task<T>> work, SemaphoreSlim throttle, CancellationToken cancellation)
        {
            await throttle.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                throttle.Release();
            }
        }

        /// <summary>Turns one series answer into rows: nested by site when several sites were asked for.</summary>
        internal IReadOnlyList<MatomoVisitsRow> ReadRows(MatomoVisitsQuery query, JsonElement root, CultureInfo culture)
        {
            bool withYear = !MatomoDateLabels.IsCurrentYear(query.Start, query.End, Options.Today());
            string singleKey = MatomoPeriodKey.Format(query.Period, query.Start);
            var rows = new List<MatomoVisitsRow>();
            if (query.SiteIds.Count == 1)
            {
                AddRows(rows, query, query.SiteIds[0], root, singleKey, withYear, culture);
                return rows;
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw MatomoResponseParser.Shape(query.ApiMethod, "an object keyed by site id", root);
            foreach (int siteId in query.SiteIds)
            {
                if (!root.TryGetProperty(siteId.ToString(CultureInfo.InvariantCulture), out var perSite))
                    throw new MatomoException(MatomoErrorKind.Protocol, $"Matomo's answer to {query.ApiMethod} has no data for site {siteId}.", query.ApiMethod);
                AddRows(rows, query, siteId, perSite, singleKey, withYear, culture);
            }
            return rows;
        }

        private static void AddRows(List<MatomoVisitsRow> rows, MatomoVisitsQuery query, int siteId, JsonElement element, string singleKey, bool withYear, CultureInfo culture)
        {
            int first = rows.Count;
            foreach (var pair in MatomoResponseParser.ReadDateKeyedValues(element, query.ApiMethod, singleKey))
            {
                DateTime start, end;
                try
                {
                    (start, end) = MatomoPeriodKey.Parse(query.Period, pair.Key);
                }
                catch (FormatException error)
                {
                    throw new MatomoException(MatomoErrorKind.Protocol, $"Matomo's answer to {query.ApiMethod} has a date key that does not fit period {query.Period}: {error.Message}", query.ApiMethod);
                }
                rows.Add(new MatomoVisitsRow
                {
                    SiteId = siteId,
                    Series = query.Series,
                    Segment = query.Segment,
                    Period = query.Period,
                    Date = start,
                    EndDate = end,
                    Key = pair.Key,
                    Label = MatomoDateLabels.Label(query.Period, start, withYear, culture),
                    Metric = query.Metric,
                    Value = pair.Value,
                });
            }
            // Matomo answers every period of the range, even empty ones: a missing period means a broken answer,
            // and reporting it beats handing back a series that is silently shorter.
            var missing = MissingPeriods(query, rows.Skip(first).Select(row => row.Date));
            if (missing.Count > 0)
                throw new MatomoException(MatomoErrorKind.Protocol,
                    $"Matomo's answer to {query.ApiMethod} for site {siteId} lacks {missing.Count} of its periods ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : string.Empty)}).", query.ApiMethod);
            // Matomo answers in date order; sorting (stable) keeps that promise even if a proxy reorders keys.
            if (IsInDateOrder(rows, first)) return;
            var ordered = rows.Skip(first).OrderBy(row => row.Date).ToList();
            rows.RemoveRange(first, ordered.Count);
            rows.AddRange(ordered);
        }

        /// <summary>Reads an answer; a shape error quotes the answer, so it is redacted in case the server echoed the token.</summary>
        private T Read<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (MatomoException error)
            {
                throw Redacted(error);
            }
        }

        private MatomoException Redacted(MatomoException error)
        {
            string safe = Options.Token.Redact(error.Message);
            return safe == error.Message ? error : new MatomoException(error.Kind, safe, error.ApiMethod, error.HttpStatus) { Attempts = error.Attempts };
        }

        private static List<string> MissingPeriods(MatomoVisitsQuery query, IEnumerable<DateTime> starts)
        {
            var present = new HashSet<DateTime>(starts);
            var missing = new List<string>();
            for (var date = MatomoPeriodKey.StartOf(query.Period, query.Start); date <= query.End; date = Next(query.Period, date))
                if (!present.Contains(date)) missing.Add(MatomoPeriodKey.Format(query.Period, date));
            return missing;
        }

        private static DateTime Next(MatomoPeriod period, DateTime start) => period switch
        {
            MatomoPeriod.Day => start.AddDays(1),
            MatomoPeriod.Week => start.AddDays(7),
            MatomoPeriod.Month => start.AddMonths(1),
            _ => start.AddYears(1),
        };

        private static bool IsInDateOrder(List<MatomoVisitsRow> rows, int first)
        {
            for (int i = first + 1; i < rows.Count; i++)
                if (rows[i].Date < rows[i - 1].Date) return false;
            return true;
        }

        public void Dispose() => _transport.Dispose();

        private sealed class SeriesOutcome
        {
            public SeriesOutcome(IReadOnlyList<MatomoVisitsRow>? rows, MatomoException? error)
            {
                Rows = rows;
                Error = error;
            }

            public IReadOnlyList<MatomoVisitsRow>? Rows { get; }
            public MatomoException? Error { get; }
        }
    }
}
