using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// The Live module, as far as a client checks a segment with it: <c>Live.getLastVisitsDetails</c> lists raw visits
    /// (no archiving needed), newest first, <c>filter_limit</c> of them (Matomo's default 10), each cut to
    /// <c>showColumns</c>. Switched off, it answers Matomo's error for a deactivated plugin.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        private volatile bool _liveDisabled;

        /// <summary>The Live plugin is deactivated (<c>./console plugin:deactivate Live</c>): every Live call is refused.</summary>
        public bool LiveDisabled { get => _liveDisabled; set => _liveDisabled = value; }

        /// <summary>Live calls answered so far, to count what a client's check of its zeros cost.</summary>
        public int LiveCalls => System.Threading.Volatile.Read(ref _liveCalls);

        private int _liveCalls;

        private JsonNode? Live(string action, IReadOnlyDictionary<string, string> parameters, Access access)
        {
            System.Threading.Interlocked.Increment(ref _liveCalls);
            if (LiveDisabled) throw new FakeApiException("The plugin Live is not enabled. You can activate the plugin on Settings > Plugins page in Matomo.");
            if (action == "getMostRecentVisitsDateTime") return MostRecentVisit(parameters, access);
            if (action != "getLastVisitsDetails")
                throw new FakeApiException($"The method '{action}' does not exist or is not available in the module '\\Piwik\\Plugins\\Live\\API'.");
            int[] siteIds = SiteIds(parameters, access, out _);
            var (periods, _) = Periods(Required(parameters, "period"), Required(parameters, "date"));
            DateTime first = periods[0].First, last = periods[periods.Count - 1].Last;
            FakeSegment? segment = ParseSegment(parameters);
            int limit = parameters.TryGetValue("filter_limit", out string? text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int asked) ? asked : 10;
            int offset = parameters.TryGetValue("filter_offset", out string? skip) && int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out int skipped) ? skipped : 0;
            string[]? columns = parameters.TryGetValue("showColumns", out string? list) && list.Length > 0 ? list.Split(',') : null;

            // Matomo pages the visit log in its query (newest first): filter_offset visits are passed over, then filter_limit listed.
            var visits = new List<JsonNode?>();
            int passed = 0;
            for (var day = last; day >= first && (limit < 0 || visits.Count < limit); day = day.AddDays(-1))
                foreach (int siteId in siteIds)
                {
                    var ofDay = Data.Visits(siteId, day);
                    for (int i = ofDay.Count - 1; i >= 0 && (limit < 0 || visits.Count < limit); i--)
                        if ((segment == null || segment.Matches(ofDay[i])) && passed++ >= offset) visits.Add(Visit(siteId, day, i, ofDay[i], columns));
                }
            return new JsonArray(visits.ToArray());
        }

        /// <summary>
        /// <c>Live.getMostRecentVisitsDateTime</c>: the time of the latest visit of one site in the period, in the site's
        /// zone as Matomo writes it (<c>{"value":"2023-03-31 22:50:00"}</c>), or <c>{"value":""}</c> when it has none.
        /// </summary>
        private JsonNode MostRecentVisit(IReadOnlyDictionary<string, string> parameters, Access access)
        {
            int siteId = SiteIds(parameters, access, out _)[0];
            var (periods, _) = Periods(Required(parameters, "period"), Required(parameters, "date"));
            for (var day = periods[periods.Count - 1].Last; day >= periods[0].First; day = day.AddDays(-1))
            {
                var ofDay = Data.Visits(siteId, day);
                if (ofDay.Count > 0)
                    return new JsonObject { ["value"] = VisitTime(day, ofDay.Count - 1, ofDay.Count).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) };
            }
            return new JsonObject { ["value"] = string.Empty };
        }

        /// <summary>When visit <paramref name="index"/> of a day's <paramref name="count"/> had its last action: spread over 00:30 to 23:30, in order.</summary>
        public static DateTime VisitTime(DateTime day, int index, int count) => day.Date.AddMinutes(30 + index * 1380 / Math.Max(count, 1));

        private static JsonObject Visit(int siteId, DateTime day, int index, FakeVisit visit, string[]? columns)
        {
            var all = new JsonObject
            {
                ["idSite"] = siteId,
                ["idVisit"] = (siteId * 100_000 + (day - new DateTime(2000, 1, 1)).Days) * 1000L + index,
                ["visitorId"] = visit.VisitorId.ToString("x16", CultureInfo.InvariantCulture),
                ["serverDate"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["actions"] = visit.Actions,
                ["languageCode"] = visit.LanguageCode,
            };
            if (columns == null) return all;
            var kept = new JsonObject();
            foreach (string name in columns)
                if (all.TryGetPropertyValue(name.Trim(), out JsonNode? value)) kept[name.Trim()] = value?.DeepClone();
            return kept;
        }
    }
}
