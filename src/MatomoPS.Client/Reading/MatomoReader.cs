using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one reader of Matomo's answers: it turns every answer shape into typed data or a
    /// <see cref="MatomoException"/> built by <see cref="MatomoExceptions"/>. This part holds what every answer
    /// shares (JSON, site ids, bulk slots, nesting by site); the series part reads date-keyed values.
    /// </summary>
    internal sealed partial class MatomoReader
    {
        private readonly MatomoExceptions _exceptions;
        private readonly Func<DateTime> _today;
        private readonly ConcurrentDictionary<(MatomoPeriod, bool, string), MatomoDateLabels> _labels =
            new ConcurrentDictionary<(MatomoPeriod, bool, string), MatomoDateLabels>();

        public MatomoReader(MatomoExceptions exceptions, Func<DateTime> today)
        {
            _exceptions = exceptions;
            _today = today;
        }

        /// <summary>
        /// Parses a successful answer; one that is not JSON, or whose text is not Unicode, is a protocol failure. Every
        /// text of the document it returns can be read (see <see cref="MatomoAnswerUnicode"/>).
        /// </summary>
        public JsonDocument Parse(MatomoAnswer answer, string method)
        {
            CheckText(answer.Body, method, answer.Status);
            try
            {
                return JsonDocument.Parse(answer.Body);
            }
            catch (JsonException error)
            {
                throw _exceptions.Unreadable(method, $"(HTTP {answer.Status}) is not JSON: {error.Message}", answer.Status);
            }
        }

        /// <summary>
        /// What <paramref name="read"/> makes of an answer; what it cannot make of it (a <see cref="FormatException"/>, such
        /// as a key twice, or an <see cref="OverflowException"/>, a number beyond its range) is a protocol failure of
        /// <paramref name="method"/>, like every answer the reader cannot read.
        /// </summary>
        public T Read<T>(JsonElement root, string method, Func<JsonElement, T> read)
        {
            try
            {
                return read(root);
            }
            catch (Exception error) when (error is FormatException || error is OverflowException)
            {
                throw _exceptions.Unreadable(method, $"cannot be read: {error.Message}");
            }
        }

        /// <summary>An answer whose text is not Unicode cannot be read at all: said once, before any part of it is.</summary>
        private void CheckText(byte[] body, string method, int? status)
        {
            string? fault = MatomoAnswerUnicode.Fault(body);
            if (fault != null) throw _exceptions.Unreadable(method, fault, status);
        }

        /// <summary>The answer of <c>SitesManager.getSitesIdWithAtLeastViewAccess</c>: ids as numbers or as strings.</summary>
        public IReadOnlyList<int> ReadSiteIds(JsonElement root)
        {
            const string method = MatomoClient.SiteIdsMethod;
            if (root.ValueKind != JsonValueKind.Array) throw _exceptions.Shape(method, "a list of site ids", root);
            var ids = new List<int>(root.GetArrayLength());
            foreach (var item in root.EnumerateArray())
            {
                if (!TryReadId(item, out int id)) throw _exceptions.Shape(method, "a list of site ids", item);
                ids.Add(id);
            }
            return ids;
        }

        /// <summary>
        /// The answers to a request of <see cref="MatomoRequest.Bulk"/>, one per part in order: the answer itself for one
        /// part, else the slots of the <c>API.getBulkRequest</c> answer.
        /// </summary>
        public IReadOnlyList<JsonElement> ReadSlots(JsonElement root, int count)
        {
            if (count == 1) return new[] { root };
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != count)
                throw _exceptions.Shape(MatomoRequest.BulkMethod, $"a list of {count} answers", root);
            var slots = new List<JsonElement>(count);
            foreach (var slot in root.EnumerateArray()) slots.Add(slot);
            return slots;
        }

        /// <summary>Matomo's error inside one slot of a bulk answer, as that sub-request's own failure.</summary>
        public bool TryReadSlotError(JsonElement slot, string method, out MatomoException? error)
        {
            error = TryReadSlotFailure(slot, method, out var failure) ? _exceptions.Single(failure!) : null;
            return error != null;
        }

        /// <summary>
        /// Matomo's error inside one slot of a bulk answer, classified as a whole answer's error would be: a database or
        /// maintenance failure of one sub-request may heal as well as one of the whole request.
        /// </summary>
        public bool TryReadSlotFailure(JsonElement slot, string method, out MatomoError? failure)
        {
            failure = MatomoErrorEnvelope.TryRead(slot, out string message) ? MatomoErrorClassifier.OfServerError(method, 200, message) : null;
            return failure != null;
        }

        /// <summary>
        /// Calls <paramref name="read"/> with each site's part of an answer: the answer itself for one site, else
        /// the value under each site id (<c>{"1":...,"2":...}</c>), in the order asked. A missing site is a failure.
        /// </summary>
        private void ForEachSite(IReadOnlyList<int> siteIds, JsonElement root, string method, Action<int, JsonElement> read)
        {
            if (siteIds.Count == 1)
            {
                read(siteIds[0], root);
                return;
            }
            if (root.ValueKind != JsonValueKind.Object) throw _exceptions.Shape(method, "an object keyed by site id", root);
            var sites = new MatomoSiteTally(siteIds, method, _exceptions);
            foreach (var site in root.EnumerateObject()) sites.Add(site.Name);
            sites.CheckComplete();
            // In the order asked, not the order of the answer.
            foreach (int siteId in siteIds) read(siteId, root.GetProperty(siteId.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
