using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    public sealed partial class MatomoClient
    {
        private const string VersionMethod = "API.getMatomoVersion";
        private const string TrackingFailuresMethod = "CoreAdminHome.getTrackingFailures";
        private const string AdminSitesMethod = "SitesManager.getSitesIdWithAdminAccess";
        private const string LatestVisitMethod = "Live.getMostRecentVisitsDateTime";
        private const string VisitLogMethod = "Live.getLastVisitsDetails";
        private const string ArchivedVisitsMethod = "VisitsSummary.getVisits";

        /// <summary>
        /// Checks the health of sites: their latest visit against <see cref="MatomoHealthOptions.MaxSilence"/>, the tracking
        /// failures Matomo recorded, each day's archived visits against the visits of the visit log, and the server. Two
        /// rounds of bulk requests for all sites, spread as series are (<see cref="MatomoBatchPlan"/>): the first asks for
        /// everything but the visit log, the second looks at the visit log only where the archive says to (one visit past
        /// the archived count, so no day's visits are downloaded). A check whose slot failed in a way that may heal is asked
        /// for again within the connection's retries. A check the server refuses is
        /// <see cref="MatomoCheckStatus.NotChecked"/>, with its reason, and its failure is in <see cref="MatomoHealthReport.Failures"/>.
        /// </summary>
        /// <exception cref="MatomoException">A whole request failed after its retries, or the token was refused.</exception>
        public async Task<MatomoHealthReport> TestHealthAsync(MatomoHealthOptions options, CancellationToken cancellation = default)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.MaxSilence <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), options.MaxSilence, "MaxSilence must be longer than zero.");
            var wanted = new HashSet<MatomoHealthCheckName>(options.Checks);
            var sites = options.Sites.Select(site => new SiteHealthWork(site, options)).ToList();
            var failures = new List<MatomoException>();
            var calls = new List<HealthCall>();

            string? version = null;
            MatomoException? versionFailure = null;
            if (wanted.Contains(MatomoHealthCheckName.Server))
                calls.Add(new HealthCall(new MatomoRequest(VersionMethod), root => version = ValueText(root), error => versionFailure = error));

            List<(int SiteId, string Problem, string FirstOccurred, string Url)>? trackingFailures = null;
            HashSet<int>? adminSites = null;
            MatomoException? trackingFailure = null;
            if (wanted.Contains(MatomoHealthCheckName.TrackingFailures))
            {
                calls.Add(new HealthCall(new MatomoRequest(AdminSitesMethod), root => adminSites = new HashSet<int>(_reader.ReadSiteIds(root)), error => trackingFailure ??= error));
                calls.Add(new HealthCall(new MatomoRequest(TrackingFailuresMethod), root => trackingFailures = ReadTrackingFailures(root), error => trackingFailure = error));
            }

            foreach (var site in sites)
            {
                if (wanted.Contains(MatomoHealthCheckName.LatestVisit))
                    calls.Add(new HealthCall(new MatomoRequest(LatestVisitMethod, new[]
                        {
                            MatomoRequest.IdSite(new[] { site.Site.SiteId }), MatomoRequest.Pair("period", "range"),
                            MatomoRequest.Pair("date", $"{Day(site.SearchFrom)},{Day(site.SearchUntil)}"),
                        }),
                        root => site.ReadLatestVisit(ValueText(root)),
                        error => site.LatestVisitFailure = error));
                if (wanted.Contains(MatomoHealthCheckName.Archiving) && site.Days.Count > 0)
                    calls.Add(new HealthCall(new MatomoRequest(ArchivedVisitsMethod, new[]
                        {
                            MatomoRequest.IdSite(new[] { site.Site.SiteId }), MatomoRequest.Pair("period", "day"),
                            MatomoRequest.Pair("date", $"{Day(site.Days[0])},{Day(site.Days[site.Days.Count - 1])}"),
                        }),
                        root => site.Archived = ReadDailyCounts(root, site.Days),
                        error => site.ArchivingFailure = error));
            }
            await CallEachAsync(calls, "health checks", options, cancellation).ConfigureAwait(false);

            // The visit log, only where the archive was read: the visits at positions archived-1 and archived (oldest first)
            // tell whether it holds fewer, as many or more visits than the archive, without listing them. Oldest first,
            // as Matomo's day also answers the first second of the next day: such visits come last, and are told by their time.
            var looks = new List<HealthCall>();
            foreach (var site in sites.Where(site => site.Archived != null))
                foreach (var day in site.Days)
                {
                    long archived = site.Archived![day];
                    var work = site;
                    looks.Add(new HealthCall(new MatomoRequest(VisitLogMethod, new[]
                        {
                            MatomoRequest.IdSite(new[] { site.Site.SiteId }), MatomoRequest.Pair("period", "day"), MatomoRequest.Pair("date", Day(day)),
                            MatomoRequest.Pair("showColumns", "idVisit,lastActionTimestamp"), MatomoRequest.Pair("doNotFetchActions", "1"),
                            MatomoRequest.Pair("filter_sort_order", "asc"),
                            MatomoRequest.Pair("filter_offset", Math.Max(archived - 1, 0).ToString(CultureInfo.InvariantCulture)),
                            MatomoRequest.Pair("filter_limit", archived == 0 ? "1" : "2"),
                        }),
                        root => work.Checks[day] = ReadVisitLogLook(work.Site.SiteId, day, archived, work.Zone.StartOfDayUtc(day.AddDays(1)), root),
                        error => work.Checks[day] = MatomoHealthRules.NotChecked(work.Site.SiteId, MatomoHealthCheckName.Archiving, day,
                            $"The visit log could not be read to compare: {error.Message}")));
                }
            await CallEachAsync(looks, "visit-log checks", options, cancellation).ConfigureAwait(false);

            AddFailure(failures, versionFailure);
            AddFailure(failures, trackingFailure);
            var report = new List<MatomoSiteHealth>();
            foreach (var site in sites)
            {
                AddFailure(failures, site.LatestVisitFailure);
                AddFailure(failures, site.ArchivingFailure);
                var checks = new List<MatomoHealthCheck>();
                int id = site.Site.SiteId;
                if (wanted.Contains(MatomoHealthCheckName.LatestVisit))
                    checks.Add(site.LatestVisitFailure != null
                        ? MatomoHealthRules.NotChecked(id, MatomoHealthCheckName.LatestVisit, null, site.LatestVisitFailure.Message)
                        : MatomoHealthRules.LatestVisit(id, site.LatestVisitText, site.LatestVisit, site.Until, options.MaxSilence, site.SearchFrom, site.Zone));
                if (wanted.Contains(MatomoHealthCheckName.TrackingFailures))
                    checks.Add(TrackingFailuresCheck(id, trackingFailures, adminSites, trackingFailure));
                if (wanted.Contains(MatomoHealthCheckName.Archiving))
                    checks.AddRange(site.ArchivingChecks());
                if (wanted.Contains(MatomoHealthCheckName.Server))
                    checks.Add(versionFailure != null
                        ? MatomoHealthRules.NotChecked(id, MatomoHealthCheckName.Server, null, versionFailure.Message)
                        : new MatomoHealthCheck(id, MatomoHealthCheckName.Server, null, MatomoCheckStatus.Ok,
                            $"Matomo {version}. Browser-triggered archiving: not visible (Matomo's API does not show that setting)."));
                report.Add(new MatomoSiteHealth(site.Site, checks, site.LatestVisit, version));
            }
            return new MatomoHealthReport(report, failures);
        }

        private static void AddFailure(List<MatomoException> failures, MatomoException? failure)
        {
            // One failure per method and message: a refusal that hits every site is told once.
            if (failure != null && !failures.Any(known => known.ApiMethod == failure.ApiMethod && known.Message == failure.Message)) failures.Add(failure);
        }

        private static MatomoHealthCheck TrackingFailuresCheck(int siteId, List<(int SiteId, string Problem, string FirstOccurred, string Url)>? all,
            HashSet<int>? adminSites, MatomoException? failure)
        {
            if (failure != null || all == null)
                return MatomoHealthRules.NotChecked(siteId, MatomoHealthCheckName.TrackingFailures, null,
                    failure?.Kind == MatomoErrorKind.Access || failure?.Kind == MatomoErrorKind.Authentication
                        ? $"Reading tracking failures needs admin access to the site: {failure!.Message}"
                        : $"Tracking failures could not be read: {failure?.Message}");
            // Matomo lists the failures of the sites the token administers only: for others the list says nothing.
            if (adminSites != null && !adminSites.Contains(siteId))
                return MatomoHealthRules.NotChecked(siteId, MatomoHealthCheckName.TrackingFailures, null,
                    $"Reading tracking failures needs admin access to the site; the token has view access to site {siteId} only.");
            return MatomoHealthRules.TrackingFailures(siteId, all.Where(entry => entry.SiteId == siteId).Select(entry => (entry.Problem, entry.FirstOccurred, entry.Url)).ToList());
        }

        /// <summary>
        /// Calls each request and hands its answer to its reader, or its failure to its handler: several to one
        /// <c>API.getBulkRequest</c>, spread over the throttle limit as series are. A whole request that fails throws.
        /// </summary>
        private async Task CallEachAsync(IReadOnlyList<HealthCall> calls, string what, MatomoHealthOptions options, CancellationToken cancellation)
        {
            if (calls.Count == 0) return;
            var sizes = MatomoBatchPlan.Sizes(calls.Count, options.ThrottleLimit, options.BatchSize);
            using var throttle = new SemaphoreSlim(options.ThrottleLimit);
            // The requests run at once; their answers are read one at a time, so the readers share their findings safely.
            var reading = new object();
            var tasks = new List<Task<bool>>();
            int next = 0;
            foreach (int size in sizes)
            {
                var batch = calls.Skip(next).Take(size).ToList();
                next += size;
                tasks.Add(MatomoThrottle.RunAsync(throttle, () => CallBatchAsync(batch, what, reading, cancellation), cancellation));
            }
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        /// <summary>
        /// One request of checks. A check whose own slot failed in a way that may heal (the database gone, maintenance) is
        /// asked for again, alone with the others that failed so, within the same retries and time budget as a whole
        /// request, as the slots of series are; the checks that were answered are not asked for again.
        /// </summary>
        private async Task<bool> CallBatchAsync(IReadOnlyList<HealthCall> batch, string what, object reading, CancellationToken cancellation)
        {
            var pending = batch;
            int retries = _transport.Retry.Retries(retry: true);
            var clock = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                var request = MatomoRequest.Bulk(pending.Select(call => call.Request).ToList(),
                    $"{MatomoRequest.BulkMethod} of {pending.Count} {what}: {string.Join(", ", pending.Select(call => call.Request.Method).Distinct())}");
                JsonDocument document;
                try
                {
                    var answer = await _transport.SendAsync(request, _log, cancellation, firstAttempt: attempt, total: clock).ConfigureAwait(false);
                    document = _reader.Parse(answer, request.Method);
                }
                catch (MatomoException error) when (attempt > 1 || pending.Count == 1 && (error.Kind == MatomoErrorKind.Access || error.Kind == MatomoErrorKind.InvalidRequest))
                {
                    // A request of one check goes without the bulk wrapper: Matomo's refusal of it is that check's, as in a
                    // slot. A request that asks again for checks whose slots failed fails those checks, not the others.
                    lock (reading)
                    {
                        foreach (var call in pending) call.Fail(error);
                    }
                    return true;
                }
                List<(HealthCall Call, MatomoError Failure)> healing;
                using (document)
                {
                    var slots = _reader.ReadSlots(document.RootElement, pending.Count);
                    lock (reading) healing = ReadSlots(pending, slots);
                }
                if (healing.Count == 0) return true;
                if (!_transport.Retry.TryNext(attempt, retries, clock.Elapsed, null, out var pause, out string reason))
                {
                    lock (reading)
                    {
                        foreach (var (call, failure) in healing) call.Fail(_exceptions.GaveUp(failure, attempt, clock.Elapsed, reason));
                    }
                    return true;
                }
                var first = healing[0].Failure;
                _log.Write($"{first.ApiMethod}: {MatomoExceptions.Sentence(first.Message)} {healing.Count} of {pending.Count} {what} failed so; "
                    + $"attempt {attempt} of {retries + 1}; asking for them again in {pause.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                await Task.Delay(pause, cancellation).ConfigureAwait(false);
                pending = healing.Select(failed => failed.Call).ToList();
            }
        }

        /// <summary>Hands each slot of a bulk answer to its call (its answer, read, or its failure); returns the slots whose failure may heal.</summary>
        private List<(HealthCall Call, MatomoError Failure)> ReadSlots(IReadOnlyList<HealthCall> batch, IReadOnlyList<JsonElement> slots)
        {
            var healing = new List<(HealthCall, MatomoError)>();
            for (int i = 0; i < batch.Count; i++)
            {
                var call = batch[i];
                if (_reader.TryReadSlotFailure(slots[i], call.Request.Method, out var failure))
                {
                    if (failure!.Retryable) healing.Add((call, failure));
                    else call.Fail(_exceptions.Single(failure));
                    continue;
                }
                try
                {
                    _reader.Read(slots[i], call.Request.Method, root =>
                    {
                        call.Read(root);
                        return true;
                    });
                }
                catch (MatomoException error)
                {
                    call.Fail(error);
                }
            }
            return healing;
        }

        /// <summary>Matomo's tracking failures: <c>[{"idsite":1,"idfailure":1,"date_first_occurred":"...","problem":"...","url":"..."}]</c>.</summary>
        private static List<(int SiteId, string Problem, string FirstOccurred, string Url)> ReadTrackingFailures(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Array) throw new FormatException("a list of tracking failures");
            var list = new List<(int, string, string, string)>();
            foreach (var entry in root.EnumerateArray())
                list.Add(entry.ValueKind != JsonValueKind.Object ? throw new FormatException("a tracking failure that is not an object") : (int.Parse(Text(entry, "idsite"), CultureInfo.InvariantCulture), Text(entry, "problem"), Text(entry, "date_first_occurred"), Text(entry, "url")));
            return list;
        }

        /// <summary>The text of a single-value answer, <c>{"value":"5.1.2"}</c>.</summary>
        private static string ValueText(JsonElement root) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new FormatException("not a single text value");

        private static string Text(JsonElement entry, string name) =>
            entry.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText() : string.Empty;

        /// <summary>A day list's counts (<c>{"2023-01-01":7,...}</c>, an empty day <c>0</c> or <c>[]</c>), each day asked for present.</summary>
        private static Dictionary<DateTime, long> ReadDailyCounts(JsonElement root, IReadOnlyList<DateTime> days)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("an object keyed by day");
            var counts = new Dictionary<DateTime, long>();
            foreach (var day in days)
            {
                if (!root.TryGetProperty(Day(day), out var value)) throw new FormatException($"no value for {Day(day)}");
                long count = value.ValueKind switch
                {
                    JsonValueKind.Array when value.GetArrayLength() == 0 => 0,
                    JsonValueKind.Number => value.GetInt64(),
                    JsonValueKind.String => long.Parse(value.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture),
                    _ => throw new FormatException($"{value.GetRawText()} for {Day(day)} is not a count"),
                };
                if (count < 0) throw new FormatException("a negative count");
                counts[day] = count;
            }
            return counts;
        }

        private static MatomoHealthCheck ReadVisitLogLook(int siteId, DateTime day, long archived, DateTime dayEndUtc, JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Array) throw new FormatException("a list of visits");
            long end = (long)(dayEndUtc - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
            // A visit of the next day's first second is not the day's.
            int found = root.EnumerateArray().Count(visit => !(visit.ValueKind == JsonValueKind.Object && visit.TryGetProperty("lastActionTimestamp", out var time)
                && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out long seconds) && seconds >= end));
            // Asked from position archived-1 (0 when nothing was archived): the first visit found is the archived count's last, a second one is beyond it.
            bool beyond = archived == 0 ? found > 0 : found > 1;
            bool reached = archived == 0 || found > 0;
            return MatomoHealthRules.ArchivedDay(siteId, day, archived, reached, beyond);
        }

        private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>One request of a health check, the reader of its answer and the handler of its failure.</summary>
        private sealed class HealthCall
        {
            public HealthCall(MatomoRequest request, Action<JsonElement> read, Action<MatomoException> fail)
            {
                Request = request;
                Read = read;
                Fail = fail;
            }

            public MatomoRequest Request { get; }
            public Action<JsonElement> Read { get; }
            public Action<MatomoException> Fail { get; }
        }

        /// <summary>One site's days, times and findings while its checks run.</summary>
        private sealed class SiteHealthWork
        {
            public SiteHealthWork(MatomoSite site, MatomoHealthOptions options)
            {
                Site = site;
                Zone = MatomoTimeZone.Parse(site.Timezone);
                var today = Zone.Today(options.Now);
                DateTime end = options.End?.Date ?? today.AddDays(-1);
                DateTime start = options.Start?.Date ?? end.AddDays(-1);
                _start = start;
                _end = end;
                for (var day = start; day <= end && day < today; day = day.AddDays(1)) Days.Add(day);
                NotOver = Enumerable.Range(0, Math.Max(0, (end - start).Days + 1)).Select(i => start.AddDays(i)).Where(day => day >= today).ToList();
                // The tracking check looks up to the end of -End's day (now, when that is later or -End is not given).
                Until = options.End.HasValue ? Min(options.Now, Zone.ToInstant(options.End.Value.Date.AddDays(1))) : options.Now;
                SearchUntil = options.End.HasValue && options.End.Value.Date < today ? options.End.Value.Date : today;
                var created = site.Created?.Date ?? SearchUntil.AddYears(-1);
                SearchFrom = created < SearchUntil ? created : SearchUntil;
            }

            private readonly DateTime _start;
            private readonly DateTime _end;

            public MatomoSite Site { get; }
            public MatomoTimeZone Zone { get; }
            public List<DateTime> Days { get; } = new List<DateTime>();
            public List<DateTime> NotOver { get; }
            public DateTimeOffset Until { get; }
            public DateTime SearchFrom { get; }
            public DateTime SearchUntil { get; }
            public string? LatestVisitText { get; private set; }
            public DateTimeOffset? LatestVisit { get; private set; }
            public MatomoException? LatestVisitFailure { get; set; }
            public Dictionary<DateTime, long>? Archived { get; set; }
            public MatomoException? ArchivingFailure { get; set; }
            public Dictionary<DateTime, MatomoHealthCheck> Checks { get; } = new Dictionary<DateTime, MatomoHealthCheck>();

            /// <summary>Matomo's latest visit time in the site's zone, such as <c>2023-03-31 22:50:00</c>; empty when there is none.</summary>
            public void ReadLatestVisit(string? text)
            {
                if (string.IsNullOrEmpty(text)) return;
                var time = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);
                LatestVisitText = text;
                LatestVisit = Zone.ToInstant(time);
            }

            public IEnumerable<MatomoHealthCheck> ArchivingChecks()
            {
                foreach (var day in Days)
                {
                    if (ArchivingFailure != null)
                        yield return MatomoHealthRules.NotChecked(Site.SiteId, MatomoHealthCheckName.Archiving, day, $"The archived visits could not be read: {ArchivingFailure.Message}");
                    else yield return Checks[day];
                }
                foreach (var day in NotOver)
                    yield return MatomoHealthRules.NotChecked(Site.SiteId, MatomoHealthCheckName.Archiving, day,
                        $"The day is not over in the site's time zone ({Zone}): its archive lags behind the visit log until it is.");
                if (Days.Count == 0 && NotOver.Count == 0)
                    yield return MatomoHealthRules.NotChecked(Site.SiteId, MatomoHealthCheckName.Archiving, _start,
                        $"No day to check: the first day, {Day(_start)}, is after {Day(_end)}, yesterday in the site's time zone ({Zone}).");
            }

            private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
        }
    }
}
