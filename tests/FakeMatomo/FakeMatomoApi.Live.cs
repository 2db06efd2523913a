using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// The Live module: <c>Live.getLastVisitsDetails</c> lists raw visits (no archiving needed) as Matomo 5.1.2 does
    /// (plugins/Live/Model.php): the visits last active from the first day's start to the start of the day after the
    /// last day, that second included; newest first unless <c>filter_sort_order=asc</c>; later than <c>minTimestamp</c>
    /// when given; <c>filter_offset</c> skipped, then <c>filter_limit</c> of them (Matomo's default 10), each cut to
    /// <c>showColumns</c> or without <c>hideColumns</c>, with no actions for <c>doNotFetchActions</c>. Within a day the
    /// double's visits come in pairs that share their last second, as real visits of a busy site do. Switched off, it
    /// answers Matomo's error for a deactivated plugin.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        /// <summary>What PHP says when a page of visits needs more memory than its memory_limit.</summary>
        public const string MemoryExhaustedMessage = "Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)";

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private volatile bool _liveDisabled;
        private int _liveMemoryLimit;

        /// <summary>The Live plugin is deactivated (<c>./console plugin:deactivate Live</c>): every Live call is refused.</summary>
        public bool LiveDisabled { get => _liveDisabled; set => _liveDisabled = value; }

        /// <summary>
        /// The most visits a Live page may hold before PHP runs out of memory (0: no limit): a larger <c>filter_limit</c>
        /// (or -1) gets HTTP 500 and Matomo's fatal-error page, as a real server with a low memory_limit answers.
        /// </summary>
        public int LiveMemoryLimit { get => System.Threading.Volatile.Read(ref _liveMemoryLimit); set => System.Threading.Volatile.Write(ref _liveMemoryLimit, value); }

        /// <summary>Live calls answered so far, to count what a client's check of its zeros cost.</summary>
        public int LiveCalls => System.Threading.Volatile.Read(ref _liveCalls);

        private int _liveCalls;

        /// <summary>The last-action time of visit <paramref name="index"/> of <paramref name="count"/> on <paramref name="day"/>, in Unix seconds.</summary>
        public static long LastActionTimestamp(DateTime day, int index, int count)
        {
            int pairs = Math.Max(1, (count + 1) / 2);
            return (long)(day.Date - Epoch).TotalSeconds + (index / 2) * (86_000L / pairs);
        }

        /// <summary>The double's id of visit <paramref name="index"/> of <paramref name="siteId"/> on <paramref name="day"/>.</summary>
        public static long VisitIdOf(int siteId, DateTime day, int index) => (siteId * 100_000L + (day.Date - new DateTime(2000, 1, 1)).Days) * 1000L + index;

        /// <summary>Matomo's fatal-error page for a Live page too large for PHP's memory, or null when the page fits.</summary>
        private FakeAnswer? LiveMemoryFault(IReadOnlyDictionary<string, string> parameters)
        {
            int limit = LiveMemoryLimit;
            if (limit <= 0 || !parameters.TryGetValue("method", out string? method) || method != "Live.getLastVisitsDetails") return null;
            int asked = parameters.TryGetValue("filter_limit", out string? text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int given) ? given : 10;
            if (asked >= 0 && asked <= limit) return null;
            System.Threading.Interlocked.Increment(ref _liveCalls);
            string page = "<!DOCTYPE html>\n<html>\n<head>\n<title>A fatal error occurred</title>\n</head>\n<body>\n<h1>A fatal error occurred</h1>\n<div>\n<pre>"
                + WebUtility.HtmlEncode(MemoryExhaustedMessage) + " on /var/www/matomo/core/DataTable/Row.php(120)\n</pre>\n</div>\n</body>\n</html>\n";
            return new FakeAnswer(500, FakeErrorPage.ContentType, page, 1);
        }

        private JsonNode? Live(string action, IReadOnlyDictionary<string, string> parameters, Access access)
        {
            System.Threading.Interlocked.Increment(ref _liveCalls);
            if (LiveDisabled) throw new FakeApiException("The plugin Live is not enabled. You can activate the plugin on Settings > Plugins page in Matomo.");
            if (action != "getLastVisitsDetails")
                throw new FakeApiException($"The method '{action}' does not exist or is not available in the module '\\Piwik\\Plugins\\Live\\API'.");
            int[] siteIds = SiteIds(parameters, access, out _);
            var (periods, _) = Periods(Required(parameters, "period"), Required(parameters, "date"));
            DateTime first = periods[0].First, last = periods[periods.Count - 1].Last;
            FakeSegment? segment = ParseSegment(parameters);
            int limit = Integer(parameters, "filter_limit", 10);
            int offset = Math.Max(0, Integer(parameters, "filter_offset", 0));
            long minTimestamp = parameters.TryGetValue("minTimestamp", out string? min) && long.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out long at) ? at : 0;
            bool ascending = parameters.TryGetValue("filter_sort_order", out string? order) && order.Equals("asc", StringComparison.OrdinalIgnoreCase);
            bool withActions = !(parameters.TryGetValue("doNotFetchActions", out string? noActions) && (noActions == "1" || noActions == "true"));
            string[]? shown = List(parameters, "showColumns"), hidden = List(parameters, "hideColumns");
            long from = (long)(first - Epoch).TotalSeconds, to = (long)(last.AddDays(1) - Epoch).TotalSeconds;

            var visits = new List<JsonNode?>();
            // The day after the last counts too: its visits of the very first second are in Matomo's range.
            var days = new List<DateTime>();
            for (var day = first; day <= last.AddDays(1); day = day.AddDays(1)) days.Add(day);
            if (!ascending) days.Reverse();
            foreach (var day in days)
            {
                if (limit >= 0 && visits.Count >= limit) break;
                foreach (int siteId in siteIds)
                {
                    var ofDay = Data.Visits(siteId, day);
                    for (int n = 0; n < ofDay.Count && (limit < 0 || visits.Count < limit); n++)
                    {
                        int i = ascending ? n : ofDay.Count - 1 - n;
                        long time = LastActionTimestamp(day, i, ofDay.Count);
                        if (time < from || time > to || time <= minTimestamp) continue;
                        if (segment != null && !segment.Matches(ofDay[i])) continue;
                        if (offset > 0)
                        {
                            offset--;
                            continue;
                        }
                        visits.Add(Visit(siteId, day, i, ofDay[i], time, withActions, shown, hidden));
                    }
                }
            }
            return new JsonArray(visits.ToArray());
        }

        private static int Integer(IReadOnlyDictionary<string, string> parameters, string name, int otherwise) =>
            parameters.TryGetValue(name, out string? text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value : otherwise;

        private static string[]? List(IReadOnlyDictionary<string, string> parameters, string name) =>
            parameters.TryGetValue(name, out string? list) && list.Length > 0 ? list.Split(',').Select(item => item.Trim()).ToArray() : null;

        private static JsonObject Visit(int siteId, DateTime day, int index, FakeVisit visit, long lastAction, bool withActions, string[]? shown, string[]? hidden)
        {
            long firstAction = lastAction - visit.LengthSeconds;
            var actions = new JsonArray();
            if (withActions)
            {
                long time = firstAction;
                for (int a = 0; a < visit.PageUrls.Length; a++)
                {
                    actions.Add(new JsonObject
                    {
                        ["type"] = "action",
                        ["url"] = "https://demo.example.org" + visit.PageUrls[a],
                        ["pageTitle"] = visit.PageUrls[a],
                        ["timeSpent"] = visit.TimeOnPage(a),
                        ["pageviewPosition"] = a + 1,
                        ["timestamp"] = time,
                    });
                    time += visit.TimeOnPage(a);
                }
            }
            var all = new JsonObject
            {
                ["idSite"] = siteId,
                ["idVisit"] = VisitIdOf(siteId, day, index),
                ["visitorId"] = visit.VisitorId.ToString("x16", CultureInfo.InvariantCulture),
                ["actionDetails"] = actions,
                ["goalConversions"] = 0,
                ["serverDate"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["lastActionTimestamp"] = lastAction,
                ["firstActionTimestamp"] = firstAction,
                ["userId"] = visit.UserId,
                ["visitorType"] = "new",
                ["visitDuration"] = visit.LengthSeconds,
                ["actions"] = visit.Actions,
                ["referrerType"] = visit.ReferrerType,
                ["languageCode"] = visit.LanguageCode,
                ["browserCode"] = visit.BrowserCode,
                ["countryCode"] = visit.CountryCode,
            };
            if (shown == null && hidden == null) return all;
            var kept = new JsonObject();
            foreach (var pair in all)
                if ((shown == null || shown.Contains(pair.Key)) && (hidden == null || !hidden.Contains(pair.Key))) kept[pair.Key] = pair.Value?.DeepClone();
            return kept;
        }
    }
}
