using System;
using System.Collections.Generic;
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
    /// (<c>Live.getLastVisitsDetails</c>, same segment, sites and range, one visit, one column): one look per series at
    /// most, the looks for the series of one request together in one request (a bulk request when there are several,
    /// as a server's start-up per request costs more than the look itself), never retried, and none at all once the
    /// visit log has refused one in this fetch.
    /// </summary>
    internal sealed class MatomoSegmentCheck
    {
        internal const string LiveMethod = "Live.getLastVisitsDetails";

        private readonly Func<MatomoRequest, CancellationToken, Task<JsonDocument>> _callOnce;
        private readonly MatomoExceptions _exceptions;
        private readonly MatomoReader _reader;
        private readonly Action<MatomoSegmentFinding> _report;
        private readonly Action<string> _log;
        private MatomoException? _refused;

        public MatomoSegmentCheck(Func<MatomoRequest, CancellationToken, Task<JsonDocument>> callOnce, MatomoExceptions exceptions, MatomoReader reader,
            Action<MatomoSegmentFinding> report, Action<string> log)
        {
            _callOnce = callOnce;
            _exceptions = exceptions;
            _reader = reader;
            _report = report;
            _log = log;
        }

        /// <summary>
        /// True when the rows need the visit log's word: a segment, every period 0, and a request Matomo's guard could not
        /// watch (<paramref name="guarded"/> is false: a bulk request, several sites, or the segment in the body).
        /// </summary>
        public static bool Needed(MatomoSeriesQuery query, IReadOnlyList<MatomoSeriesRow> rows, bool guarded) =>
            !guarded && query.EncodedSegment.Length > 0 && rows.Count > 0 && rows.All(row => row.Value == 0);

        /// <summary>True when Matomo's guard watched this request: one site, alone in its request, the segment in the URL.</summary>
        public static bool Guarded(MatomoSeriesQuery query, bool alone) =>
            alone && query.SiteIds.Count == 1 && query.ToRequest().SendsInUrl("segment");

        /// <summary>
        /// Asks the visit log about all-zero series (those of one request) in one request, and reports what it found for
        /// each; a true zero reports nothing.
        /// </summary>
        public async Task RunAsync(IReadOnlyList<(MatomoSeriesQuery Query, IReadOnlyList<MatomoSeriesRow> Rows)> series, CancellationToken cancellation)
        {
            var looks = series.Select(one => new Look(one.Query, one.Rows.Min(row => row.Date), one.Rows.Max(row => row.EndDate))).ToList();
            var refused = Volatile.Read(ref _refused);
            if (refused != null)
            {
                foreach (var look in looks) NotChecked(look, refused);
                return;
            }

            JsonDocument document;
            try
            {
                document = await _callOnce(Request(looks), cancellation).ConfigureAwait(false);
            }
            catch (MatomoException error)
            {
                foreach (var look in looks) NotChecked(look, error);
                return;
            }

            using (document)
            {
                IReadOnlyList<JsonElement> answers;
                try
                {
                    answers = _reader.ReadSlots(document.RootElement, looks.Count);
                }
                catch (MatomoException error)
                {
                    foreach (var look in looks) NotChecked(look, error);
                    return;
                }
                for (int i = 0; i < looks.Count; i++)
                {
                    try
                    {
                        Judge(looks[i], answers[i]);
                    }
                    catch (MatomoException error)
                    {
                        NotChecked(looks[i], error);
                    }
                }
            }
        }

        /// <summary>The looks as one request: a plain one for one series, else a bulk request of one look per series.</summary>
        private static MatomoRequest Request(IReadOnlyList<Look> looks) =>
            MatomoRequest.Bulk(looks.Select(look => Request(look.Query, look.First, look.Last)).ToList(),
                $"{MatomoRequest.BulkMethod} of {looks.Count} visit-log checks ({LiveMethod}): " + string.Join(", ", looks.Select(look => look.Query.Series)));

        private void Judge(Look look, JsonElement answer)
        {
            if (_reader.TryReadSlotError(answer, LiveMethod, out var refused)) throw refused!;
            if (answer.ValueKind != JsonValueKind.Array) throw _exceptions.Shape(LiveMethod, "a list of visits", answer);
            string range = $"{MatomoDateRange.Iso(look.First)} to {MatomoDateRange.Iso(look.Last)}";
            if (answer.GetArrayLength() == 0)
            {
                _log($"Segment '{look.Query.Segment}': 0 in every period, and the visit log has no visit from {range} either: the zeros are counts.");
                return;
            }
            _log($"Segment '{look.Query.Segment}': 0 in every period, but the visit log has visits from {range}: Matomo did not process this segment.");
            _report(new MatomoSegmentFinding(MatomoSegmentFindingKind.NotProcessed, look.Query, look.First, look.Last, null));
        }

        /// <summary>The visit log could not be asked: this series stays unchecked, and so does every later one of the fetch.</summary>
        private void NotChecked(Look look, MatomoException error)
        {
            Interlocked.CompareExchange(ref _refused, error, null);
            _report(new MatomoSegmentFinding(MatomoSegmentFindingKind.NotChecked, look.Query, look.First, look.Last, error));
        }

        /// <summary>One all-zero series and the range its rows cover.</summary>
        private sealed class Look
        {
            public Look(MatomoSeriesQuery query, DateTime first, DateTime last)
            {
                Query = query;
                First = first;
                Last = last;
            }

            public MatomoSeriesQuery Query { get; }
            public DateTime First { get; }
            public DateTime Last { get; }
        }

        private static MatomoRequest Request(MatomoSeriesQuery query, DateTime first, DateTime last)
        {
            var parameters = new List<KeyValuePair<string, string>> { MatomoRequest.IdSite(query.SiteIds) };
            parameters.AddRange(MatomoDateRange.Create(MatomoPeriod.Range, first, last).Parameters());
            parameters.Add(MatomoRequest.Pair("segment", query.EncodedSegment));
            parameters.Add(MatomoRequest.Pair("filter_limit", "1"));
            parameters.Add(MatomoRequest.Pair("doNotFetchActions", "1"));
            parameters.Add(MatomoRequest.Pair("showColumns", "idVisit"));
            return new MatomoRequest(LiveMethod, parameters);
        }
    }
}
