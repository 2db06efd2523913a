using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeMatomo
{
    /// <summary>
    /// The Reporting API as ../shared/matomo/API-NOTES.md describes it: authentication, sites, VisitsSummary over
    /// dates and periods, segments, bulk requests, filter_limit and Matomo's errors. No HTTP here.
    /// </summary>
    public sealed class FakeMatomoApi
    {
        public const string AuthenticationFailed = "Unable to authenticate with the provided token. It is either invalid, expired or is required to be sent as a POST parameter.";
        private const int DefaultFilterLimit = 100;
        private const int FailedLoginLimit = 20;
        private static readonly DateTime FirstWebsite = new DateTime(1991, 8, 6);
        private static readonly string[] Inherited = { "token_auth", "idSite", "date", "period", "segment", "filter_limit", "format" };

        private readonly Dictionary<string, int[]> _sitesByToken;
        private readonly HashSet<string> _secureOnly = new HashSet<string> { FakeTokens.SecureOnly };
        private int _failedLogins;

        public FakeMatomoApi(FakeDataSet data)
        {
            Data = data;
            int[] three = { 1, 2, 3 };
            _sitesByToken = new Dictionary<string, int[]>
            {
                [FakeTokens.View] = three,
                [FakeTokens.SecureOnly] = three,
                [FakeTokens.ManySites] = Enumerable.Range(1, 150).ToArray(),
                [FakeTokens.NoSites] = Array.Empty<int>(),
            };
        }

        public FakeDataSet Data { get; }

        /// <summary>Answer site ids as strings (<c>["1","2"]</c>), as Matomo does on some PHP versions.</summary>
        public bool SiteIdsAsStrings { get; set; }

        /// <summary>
        /// Answers one HTTP request. <paramref name="query"/> and <paramref name="body"/> are the decoded
        /// parameters of the URL and of the POST body; on a conflict the query wins, as in Matomo.
        /// </summary>
        public FakeAnswer Handle(IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> body)
        {
            if (!query.TryGetValue("module", out string? module) || module != "API" || !query.ContainsKey("method"))
                return new FakeAnswer(200, "text/html; charset=utf-8", LoginPage, 0);

            var parameters = new Dictionary<string, string>(body);
            foreach (var pair in query) parameters[pair.Key] = pair.Value;
            if (parameters.TryGetValue("format", out string? format) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
                return new FakeAnswer(400, "text/plain", "The Matomo double answers format=json only.", 0);

            int calls = 0;
            try
            {
                int[] sites = Authenticate(query, body);
                JsonNode? result = Dispatch(parameters, sites, ref calls);
                return Json(200, result, calls);
            }
            catch (FakeApiException error)
            {
                return Json(error.Status, Error(error.Message), Math.Max(calls, 1));
            }
        }

        private int[] Authenticate(IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> body)
        {
            if (_failedLogins >= FailedLoginLimit)
                throw new FakeApiException("Too many failed logins from your IP address: it is blocked for a while. Try again later.", 401);
            bool inQuery = query.TryGetValue("token_auth", out string? fromQuery);
            bool inBody = body.TryGetValue("token_auth", out string? fromBody);
            string? token = inQuery ? fromQuery : fromBody;
            if (string.IsNullOrEmpty(token) || token == "anonymous") return Array.Empty<int>();
            // A token in the URL (or in both places) is not secure: Matomo 5 refuses secure-only tokens there.
            if (!_sitesByToken.TryGetValue(token!, out int[]? sites) || (inQuery && _secureOnly.Contains(token!)))
            {
                System.Threading.Interlocked.Increment(ref _failedLogins);
                throw new FakeApiException(AuthenticationFailed, 401);
            }
            return sites;
        }

        private JsonNode? Dispatch(IReadOnlyDictionary<string, string> parameters, int[] sites, ref int calls)
        {
            string method = parameters["method"];
            int dot = method.IndexOf('.');
            string module = dot > 0 ? method.Substring(0, dot) : method;
            string action = dot > 0 ? method.Substring(dot + 1) : string.Empty;
            if (module == "API" && action == "getBulkRequest") return Bulk(parameters, sites, ref calls);
            calls++;
            switch (module)
            {
                case "API":
                    if (action == "getMatomoVersion") return new JsonObject { ["value"] = "5.2.0" };
                    break;
                case "SitesManager":
                    if (action == "getSitesIdWithAtLeastViewAccess")
                        return Limit(parameters, sites.Select(id => SiteIdsAsStrings ? (JsonNode)JsonValue.Create(id.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(id)));
                    if (action == "getSitesWithAtLeastViewAccess")
                        return Limit(parameters, sites.Select(id => (JsonNode)SiteObject(Data.Site(id)!)));
                    break;
                case "VisitsSummary":
                    if (action is "getVisits" or "getActions" or "getUniqueVisitors" or "getUsers" or "get")
                        return VisitsSummary(action, parameters, sites);
                    break;
                default:
                    throw new FakeApiException($"The plugin {module} is not enabled. You can activate the plugin on Settings > Plugins page in Matomo.");
            }
            throw new FakeApiException($"The method '{action}' does not exist or is not available in the module '\\Piwik\\Plugins\\{module}\\API'.");
        }

        private JsonNode Bulk(IReadOnlyDictionary<string, string> parameters, int[] sites, ref int calls)
        {
            var urls = parameters
                .Select(pair => (Match: Regex.Match(pair.Key, @"^urls\[(\d+)\]$"), pair.Value))
                .Where(item => item.Match.Success)
                .OrderBy(item => int.Parse(item.Match.Groups[1].Value, CultureInfo.InvariantCulture))
                .Select(item => item.Value)
                .ToList();
            if (urls.Count == 0) throw new FakeApiException("Please specify a value for 'urls'.");
            var answers = new List<JsonNode?>();
            foreach (string url in urls)
            {
                var sub = ParseQueryString(url);
                foreach (string name in Inherited)
                    if (!sub.ContainsKey(name) && parameters.TryGetValue(name, out string? value)) sub[name] = value;
                try
                {
                    if (!sub.ContainsKey("method")) throw new FakeApiException("Please specify a value for 'method'.");
                    answers.Add(Dispatch(sub, sites, ref calls));
                }
                catch (FakeApiException error)
                {
                    calls++;
                    answers.Add(Error(error.Message));
                }
            }
            return Limit(parameters, answers);
        }

        private JsonNode? VisitsSummary(string action, IReadOnlyDictionary<string, string> parameters, int[] viewable)
        {
            int[] siteIds = SiteIds(parameters, viewable, out bool nested);
            string period = Required(parameters, "period");
            if (period is not ("day" or "week" or "month" or "year" or "range"))
                throw new FakeApiException($"The period '{period}' is not supported. Try any of the following instead: day, week, month, year, range");
            var (periods, multiple) = Periods(period, Required(parameters, "date"));
            string? metricNotEnabled = action switch { "getUniqueVisitors" => "nb_uniq_visitors", "getUsers" => "nb_users", _ => null };
            if (metricNotEnabled != null && period is "year" or "range")
                throw new FakeApiException($"The metric {metricNotEnabled} is not enabled for the requested period. Please see this FAQ: https://matomo.org/faq/how-to/faq_113/");
            FakeSegment? segment = parameters.TryGetValue("segment", out string? definition) && definition.Length > 0 ? FakeSegment.Parse(definition) : null;

            JsonNode? ForSite(int siteId)
            {
                var site = Data.Site(siteId)!;
                if (!multiple) return Value(action, period, site, periods[0], segment, single: true);
                var byDate = new JsonObject();
                foreach (var p in periods) byDate[p.Key] = Value(action, period, site, p, segment, single: false);
                return byDate;
            }

            if (!nested) return ForSite(siteIds[0]);
            var bySite = new JsonObject();
            foreach (int id in siteIds) bySite[id.ToString(CultureInfo.InvariantCulture)] = ForSite(id);
            return bySite;
        }

        private JsonNode? Value(string action, string period, FakeSite site, FakePeriod span, FakeSegment? segment, bool single)
        {
            var visits = Data.Visits(site.Id, span.First, span.Last).Where(visit => segment == null || segment.Matches(visit)).ToList();
            bool archived = site.HasTraffic && span.First <= Data.Today;
            if (action == "get")
            {
                if (visits.Count == 0) return new JsonArray();
                var row = new JsonObject();
                if (period is not ("year" or "range"))
                {
                    row["nb_uniq_visitors"] = visits.Select(v => v.VisitorId).Distinct().Count();
                    row["nb_users"] = visits.Where(v => v.UserId != null).Select(v => v.UserId).Distinct().Count();
                }
                int actions = visits.Sum(v => v.Actions);
                int bounces = visits.Count(v => v.Actions == 1);
                int length = visits.Sum(v => v.LengthSeconds);
                row["nb_visits"] = visits.Count;
                row["nb_actions"] = actions;
                row["nb_visits_converted"] = 0;
                row["bounce_count"] = bounces;
                row["sum_visit_length"] = length;
                row["max_actions"] = visits.Max(v => v.Actions);
                row["bounce_rate"] = Math.Round(100.0 * bounces / visits.Count).ToString(CultureInfo.InvariantCulture) + "%";
                row["nb_actions_per_visit"] = Math.Round((double)actions / visits.Count, 1);
                row["avg_time_on_site"] = (int)Math.Round((double)length / visits.Count);
                return row;
            }

            long count = action switch
            {
                "getVisits" => visits.Count,
                "getActions" => visits.Sum(v => v.Actions),
                "getUniqueVisitors" => visits.Select(v => v.VisitorId).Distinct().Count(),
                _ => visits.Where(v => v.UserId != null).Select(v => v.UserId).Distinct().Count(),
            };
            if (single) return new JsonObject { ["value"] = count };
            // A period that was never archived (a site without traffic, the future) is an empty table.
            return count == 0 && !archived ? new JsonArray() : JsonValue.Create(count);
        }

        private int[] SiteIds(IReadOnlyDictionary<string, string> parameters, int[] viewable, out bool nested)
        {
            string text = Required(parameters, "idSite");
            if (text == "all")
            {
                nested = true;
                if (viewable.Length == 0) throw new FakeApiException("You can't access this resource as it requires 'view' access for at least one website.", 401);
                return viewable;
            }
            var ids = new List<int>();
            foreach (string part in text.Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id < 1)
                    throw new FakeApiException($"The parameter 'idSite' is not valid: '{text}'.");
                if (!viewable.Contains(id))
                    throw new FakeApiException($"You can't access this resource as it requires 'view' access for the website id = {id}.", 401);
                ids.Add(id);
            }
            nested = ids.Count > 1;
            return ids.ToArray();
        }

        private (List<FakePeriod> Periods, bool Multiple) Periods(string period, string date)
        {
            DateTime today = Data.Today;
            var lastN = Regex.Match(date, @"^(last|previous)(\d+)$");
            if (lastN.Success)
            {
                int n = int.Parse(lastN.Groups[2].Value, CultureInfo.InvariantCulture);
                string unit = period == "range" ? "day" : period;
                n = Math.Min(n, unit switch { "day" => 1825, "week" => 520, "month" => 120, _ => 10 });
                var lastStart = FakePeriod.Containing(unit, today);
                if (lastN.Groups[1].Value == "previous") lastStart = FakePeriod.Containing(unit, lastStart.First.AddDays(-1));
                var first = lastStart;
                for (int i = 1; i < n; i++) first = FakePeriod.Containing(unit, first.First.AddDays(-1));
                return period == "range"
                    ? (new List<FakePeriod> { FakePeriod.Range(first.First, lastStart.Last) }, false)
                    : (FakePeriod.Between(unit, first.First, lastStart.Last), true);
            }
            int comma = date.IndexOf(',');
            if (comma >= 0)
            {
                DateTime start = ParseDate(date.Substring(0, comma), date), end = ParseDate(date.Substring(comma + 1), date);
                if (start > end) throw new FakeApiException($"The date '{date}' is not a correct date range: the start date is after the end date.");
                return period == "range"
                    ? (new List<FakePeriod> { FakePeriod.Range(start, end) }, false)
                    : (FakePeriod.Between(period, start, end), true);
            }
            if (period == "range") throw new FakeApiException($"The date '{date}' is not a correct date range");
            return (new List<FakePeriod> { FakePeriod.Containing(period, ParseDate(date, date)) }, false);
        }

        private DateTime ParseDate(string text, string whole)
        {
            DateTime date;
            if (text == "today") date = Data.Today;
            else if (text == "yesterday") date = Data.Today.AddDays(-1);
            else if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                throw new FakeApiException($"Date format must be: YYYY-MM-DD, or 'today' or 'yesterday' or any keyword supported by the strtotime function (see http://php.net/strtotime for more information): {whole}");
            if (date < FirstWebsite)
                throw new FakeApiException($"Date '{text}' is before the first website was online. Try a date that's after 1991-08-06.");
            return date;
        }

        private static JsonArray Limit(IReadOnlyDictionary<string, string> parameters, IEnumerable<JsonNode?> items)
        {
            int limit = DefaultFilterLimit;
            if (parameters.TryGetValue("filter_limit", out string? text) && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
                limit = DefaultFilterLimit;
            var list = limit < 0 ? items : items.Take(limit);
            return new JsonArray(list.ToArray());
        }

        private static JsonObject SiteObject(FakeSite site) => new JsonObject
        {
            ["idsite"] = site.Id.ToString(CultureInfo.InvariantCulture),
            ["name"] = site.Name,
            ["main_url"] = $"https://site{site.Id}.example.org",
            ["timezone"] = "UTC",
            ["currency"] = "EUR",
            ["ts_created"] = "2019-12-01 00:00:00",
        };

        private static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
            parameters.TryGetValue(name, out string? value) && value.Length > 0 ? value : throw new FakeApiException($"Please specify a value for '{name}'.");

        /// <summary>Parses a query string the way PHP does: split on <c>&amp;</c> and <c>=</c>, then URL-decode.</summary>
        public static Dictionary<string, string> ParseQueryString(string text)
        {
            var result = new Dictionary<string, string>();
            foreach (string part in text.TrimStart('?').Split('&'))
            {
                if (part.Length == 0) continue;
                int equals = part.IndexOf('=');
                string name = WebUtility.UrlDecode(equals < 0 ? part : part.Substring(0, equals));
                string value = equals < 0 ? string.Empty : WebUtility.UrlDecode(part.Substring(equals + 1));
                result[name] = value;
            }
            return result;
        }

        /// <summary>Matomo's error answer; the message HTML-escaped as Matomo escapes it.</summary>
        private static JsonObject Error(string message) => new JsonObject { ["result"] = "error", ["message"] = Escape(message) };

        private static string Escape(string text) =>
            text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#039;");

        private static FakeAnswer Json(int status, JsonNode? node, int calls) =>
            new FakeAnswer(status, "application/json; charset=utf-8", node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null", calls);

        private const string LoginPage = "<!DOCTYPE html><html><head><title>Sign in - Matomo</title><style>body{font-family:sans-serif}</style></head>"
            + "<body><div id=\"login\"><h1>Sign in</h1><form method=\"post\"><input name=\"form_login\"><input type=\"password\" name=\"form_password\"></form></div></body></html>";
    }
}
