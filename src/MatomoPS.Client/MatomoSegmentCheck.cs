using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MatomoPS.Client
{
    /// <summary>
    /// Tells a segment that matched no visit from one the server never processed. On a server with browser-triggered
    /// archiving off, a segment that is not pre-processed answers 0 for every period, exactly like a segment without
    /// visits; Matomo's own guard says so only for a single request of one site with the segment in the URL. For every
    /// other all-zero series of a segment, this asks the raw visit log, which needs no archiving
    /// (<c>Live.getLastVisitsDetails</c>, same segment, sites and range, one visit, one column): one request per
    /// series at most, never retried, and none at all once the visit log has refused one in this fetch.
    /// </summary>
    internal sealed class MatomoSegmentCheck
    {
        internal const string LiveMethod = "Live.getLastVisitsDetails";

        private readonly Func<MatomoRequest, CancellationToken, Task<JsonDocument>> _callOnce;
        private readonly MatomoFailures _failures;
        private readonly Action<MatomoSegmentFinding> _report;
        private readonly Action<string> _log;
        private MatomoException? _refused;

        public MatomoSegmentCheck(Func<MatomoRequest, CancellationToken, Task<JsonDocument>> callOnce, MatomoFailures failures,
            Action<MatomoSegmentFinding> report, Action<string> log)
        {
            _callOnce = callOnce;
            _failures = failures;
            _report = report;
            _log = log;
        }

        /// <summary>
        /// True when the rows need the visit log's word: a segment, every period 0, and a request Matomo's guard could not
        /// watch (<paramref name="guarded"/> is false: a bulk request, several sites, or the segment in the body).
        /// </summary>
        public static bool Needed(MatomoVisitsQuery query, IReadOnlyList<MatomoVisitsRow> rows, bool guarded) =>
            !guarded && query.EncodedSegment.Length > 0 && rows.Count > 0 && rows.All(row => row.Value == 0);

        /// <summary>True when Matomo's guard watched this request: one site, alone in its request, the segment in the URL.</summary>
        public static bool Guarded(MatomoVisitsQuery query, bool alone) =>
            alone && query.SiteIds.Count == 1 && query.ToRequest().SendsInUrl("segment");

        /// <summary>Asks the visit log about one all-zero series and reports what it found; a true zero reports nothing.</summary>
        public async Task RunAsync(MatomoVisitsQuery query, IReadOnlyList<MatomoVisitsRow> rows, CancellationToken cancellation)
        {
            DateTime first = rows.Min(row => row.Date), last = rows.Max(row => row.EndDate);
            var refused = Volatile.Read(ref _refused);
            if (refused != null)
            {
                _report(new MatomoSegmentFinding(MatomoSegmentFindingKind.NotChecked, query, first, last, refused));
                return;
            }

            bool hasVisits;
            try
            {
                using var document = await _callOnce(Request(query, first, last), cancellation).ConfigureAwait(false);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Array) throw _failures.Shape(LiveMethod, "a list of visits", root);
                hasVisits = root.GetArrayLength() > 0;
            }
            catch (MatomoException error)
            {
                Interlocked.CompareExchange(ref _refused, error, null);
                _report(new MatomoSegmentFinding(MatomoSegmentFindingKind.NotChecked, query, first, last, error));
                return;
            }

            string range = $"{MatomoVisitsQuery.Iso(first)} to {MatomoVisitsQuery.Iso(last)}";
            if (!hasVisits)
            {
                _log($"Segment '{query.Segment}': 0 in every period, and the visit log has no visit from {range} either: the zeros are counts.");
                return;
            }
            _log($"Segment '{query.Segment}': 0 in every period, but the visit log has visits from {range}: Matomo did not process this segment.");
            _report(new MatomoSegmentFinding(MatomoSegmentFindingKind.NotProcessed, query, first, last, null));
        }

        private static MatomoRequest Request(MatomoVisitsQuery query, DateTime first, DateTime last) => new MatomoRequest(LiveMethod, new[]
        {
            Pair("idSite", string.Join(",", query.SiteIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
            Pair("period", "range"),
            Pair("date", MatomoVisitsQuery.Iso(first) + "," + MatomoVisitsQuery.Iso(last)),
            Pair("segment", query.EncodedSegment),
            Pair("filter_limit", "1"),
            Pair("doNotFetchActions", "1"),
            Pair("showColumns", "idVisit"),
        });

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
