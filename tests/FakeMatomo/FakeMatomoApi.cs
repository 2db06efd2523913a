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
    /// The Reporting API as a real Matomo 5.1.2 answers it (the realmatomo kit's captured answers decide, see
    /// tests/data/realmatomo): authentication, sites, VisitsSummary over dates and periods, segments, bulk requests,
    /// filter_limit, columns, Matomo's errors and its brute-force lockout. No HTTP here.
    /// </summary>
    public sealed class FakeMatomoApi
    {
        /// <summary>Matomo's answer to a token it does not accept, when the token came in the query string.</summary>
        public const string AuthenticationFailed = "Unable to authenticate with the provided token. It is either invalid, expired or is required to be sent as a POST parameter.";

        /// <summary>Matomo's answer to a token it does not accept, when the token came in the POST body.</summary>
        public const string AuthenticationFailedInBody = "Unable to authenticate with the provided token. It is either invalid or expired.";

        /// <summary>Matomo's answer (HTTP 500) to every request from an address that failed to log in too often.</summary>
        public const string TooManyFailedLogins = "Too many failed logins. Please wait and try logging in again later.";

        /// <summary>Matomo's default brute-force limit: this many failed logins within 60 minutes lock the address out.</summary>
        public const int FailedLoginLimit = 20;

        private const int DefaultFilterLimit = 100;
        private static readonly DateTime FirstWebsite = new DateTime(1991, 8, 6);
        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly string[] Inherited = { "token_auth", "idSite", "date", "period", "segment", "filter_limit", "format" };

        private readonly Dictionary<string, int[]> _sitesByToken;
        private readonly HashSet<string> _secureOnly = new HashSet<string> { FakeTokens.SecureOnly };
        private readonly HashSet<string> _superUsers = new HashSet<string> { FakeTokens.SuperUser };
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
                [FakeTokens.SuperUser] = data.Sites.Select(site => site.Id).ToArray(),
                [FakeTokens.SiteTwoViewer] = new[] { 2 },
            };
        }

        public FakeDataSet Data { get; }

        /// <summary>Answer site ids as strings (<c>["1","2"]</c>), as Matomo does on some PHP versions.</summary>
        public bool SiteIdsAsStrings { get; set; }

        /// <summary>Failed logins so far; at <see cref="FailedLoginLimit"/> every request is refused, as Matomo's default does.</summary>
        public int FailedLogins => System.Threading.Volatile.Read(ref _failedLogins);

        /// <summary>
        /// Answers one HTTP request. <paramref name="query"/> and <paramref name="body"/> are the decoded parameters
        /// of the URL and of the POST body; Matomo reads both, and on a conflict the query wins.
        /// </summary>
        public FakeAnswer Handle(IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> body)
        {
            var parameters = new Dictionary<string, string>(body);
            foreach (var pair in query) parameters[pair.Key] = pair.Value;
            if (!parameters.TryGetValue("module", out string? module) || module != "API")
                return new FakeAnswer(200, "text/html; charset=utf-8", LoginPage, 0);
            // Matomo refuses a token before the API runs; then it answers in JSON only when the query string names
            // module=API and the method, and otherwise with its HTML error page, whatever format says.
            bool apiInQuery = query.TryGetValue("module", out string? queryModule) && queryModule == "API" && query.ContainsKey("method");
            Access access;
            try
            {
                access = Authenticate(query, body);
            }
            catch (FakeApiException refused)
            {
                return apiInQuery
                    ? Json(refused.Status, Error(refused.Message), 0)
                    : new FakeAnswer(refused.Status, FakeErrorPage.ContentType, FakeErrorPage.Render(refused.Message), 0);
            }

            if (parameters.TryGetValue("format", out string? format) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
                return new FakeAnswer(400, "text/plain", "The Matomo double answers format=json only.", 0);

            int calls = 0;
            try
            {
                if (!parameters.ContainsKey("method"))
                    throw new FakeApiException("The parameter 'method' isn't set in the Request, and a default value wasn't provided.");
                JsonNode? result = Dispatch(parameters, access, ref calls);
                return Json(200, result, calls);
            }
            catch (FakeApiException error)
            {
                return Json(error.Status, Error(error.Message), Math.Max(calls, 1));
            }
        }

        private Access Authenticate(IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> body)
        {
            if (FailedLogins >= FailedLoginLimit) throw new FakeApiException(TooManyFailedLogins, 500);
            bool inQuery = query.TryGetValue("token_auth", out string? fromQuery);
            string? token = inQuery ? fromQuery : body.TryGetValue("token_auth", out string? fromBody) ? fromBody : null;
            if (string.IsNullOrEmpty(token) || token == "anonymous") return new Access(Array.Empty<int>(), superUser: false);
            // A token in the URL (or in both places) is not secure: Matomo 5 refuses secure-only tokens there.
            if (!_sitesByToken.TryGetValue(token!, out int[]? sites) || (inQuery && _secureOnly.Contains(token!)))
            {
                System.Threading.Interlocked.Increment(ref _failedLogins);
                throw new FakeApiException(inQuery ? AuthenticationFailed : AuthenticationFailedInBody, 401);
            }
            return new Access(sites, _superUsers.Contains(token!));
        }

        private JsonNode? Dispatch(IReadOnlyDictionary<string, string> parameters, Access access, ref int calls)
        {
            string method = parameters["method"];
            int dot = method.IndexOf('.');
            string module = dot > 0 ? method.Substring(0, dot) : method;
            string action = dot > 0 ? method.Substring(dot + 1) : string.Empty;
            if (module == "API" && action == "getBulkRequest") return Bulk(parameters, access, ref calls);
            calls++;
            switch (module)
            {
                case "API":
                    if (action == "getMatomoVersion") return new JsonObject { ["value"] = "5.1.2" };
                    break;
                case "SitesManager":
                    if (action == "getSitesIdWithAtLeastViewAccess")
                        return Limit(parameters, access.Sites.Select(id => SiteIdsAsStrings ? (JsonNode)JsonValue.Create(id.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(id)));
                    if (action == "getSitesWithAtLeastViewAccess")
                        return Limit(parameters, access.Sites.Select(id => (JsonNode)SiteObject(Data.Site(id)!)));
                    if (action == "getSiteFromId")
                    {
                        int[] site = SiteIds(parameters, access, out bool several);
                        if (several) throw new FakeApiException("The parameter 'idSite' is not valid: give one site.");
                        return SiteObject(Data.Site(site[0])!);
                    }
                    break;
                case "VisitsSummary":
                    if (action is "getVisits" or "getActions" or "getUniqueVisitors" or "getUsers" or "get")
                        return VisitsSummary(action, parameters, access);
                    break;
                default:
                    throw new FakeApiException($"The plugin {module} is not enabled. You can activate the plugin on Settings > Plugins page in Matomo.");
            }
            throw new FakeApiException($"The method '{action}' does not exist or is not available in the module '\\Piwik\\Plugins\\{module}\\API'.");
        }

        private JsonNode Bulk(IReadOnlyDictionary<string, string> parameters, Access access, ref int calls)
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
                    answers.Add(Dispatch(sub, access, ref calls));
                }
                catch (FakeApiException error)
                {
                    calls++;
                    answers.Add(Error(error.Message));
                }
            }
            return Limit(parameters, answers);
        }

        private JsonNode? VisitsSummary(string action, IReadOnlyDictionary<string, string> parameters, Access access)
        {
            int[] siteIds = SiteIds(parameters, access, out bool nested);
            string period = Required(parameters, "period");
            if (period is not ("day" or "week" or "month" or "year" or "range"))
                throw new FakeApiException($"The period '{period}' is not supported. Try any of the following instead: day, week, month, year, range");
            var (periods, multiple) = Periods(period, Required(parameters, "date"));
            string? metricNotEnabled = action switch { "getUniqueVisitors" => "nb_uniq_visitors", "getUsers" => "nb_users", _ => null };
            if (metricNotEnabled != null && period is "year" or "range")
                throw new FakeApiException($"The metric {metricNotEnabled} is not enabled for the requested period. Please see this FAQ: https://matomo.org/faq/how-to/faq_113/");
            FakeSegment? segment = parameters.TryGetValue("segment", out string? definition) && definition.Length > 0 ? FakeSegment.Parse(definition) : null;
            var columns = action == "get" ? ReadColumns(parameters) : null;
            bool rawMetrics = parameters.TryGetValue("format_metrics", out string? formatMetrics) && formatMetrics == "0";
            // One site and one period is Matomo's "flat" answer: an empty period is then a row of zeros, elsewhere [].
            bool flat = !multiple && !nested;

            JsonNode? ForSite(int siteId)
            {
                var site = Data.Site(siteId)!;
                if (!multiple) return Value(action, period, site, periods[0], segment, flat, columns, rawMetrics);
                var byDate = new JsonObject();
                foreach (var p in periods) byDate[p.Key] = Value(action, period, site, p, segment, flat, columns, rawMetrics);
                return byDate;
            }

            if (!nested) return ForSite(siteIds[0]);
            var bySite = new JsonObject();
            foreach (int id in siteIds) bySite[id.ToString(CultureInfo.InvariantCulture)] = ForSite(id);
            return bySite;
        }

        private JsonNode? Value(string action, string period, FakeSite site, FakePeriod span, FakeSegment? segment, bool flat, Columns? columns, bool rawMetrics)
        {
            var visits = Data.Visits(site.Id, span.First, span.Last).Where(visit => segment == null || segment.Matches(visit)).ToList();
            if (action == "get")
            {
                if (visits.Count == 0 && !flat) return columns is { Collapse: true, Kind: "columns" } ? JsonValue.Create(0) : new JsonArray();
                var row = Row(period, visits, rawMetrics);
                return columns == null ? row : columns.Apply(row, flat);
            }

            long count = action switch
            {
                "getVisits" => visits.Count,
                "getActions" => visits.Sum(v => v.Actions),
                "getUniqueVisitors" => visits.Select(v => v.VisitorId).Distinct().Count(),
                _ => visits.Where(v => v.UserId != null).Select(v => v.UserId).Distinct().Count(),
            };
            // Single-metric methods answer a number for every period, 0 when it is empty (never []).
            return flat ? new JsonObject { ["value"] = count } : JsonValue.Create(count);
        }

        /// <summary>A VisitsSummary.get row with Matomo's fields in Matomo's order; zeros for a period without visits.</summary>
        private static JsonObject Row(string period, List<FakeVisit> visits, bool rawMetrics)
        {
            var row = new JsonObject();
            if (period is not ("year" or "range"))
            {
                row["nb_uniq_visitors"] = visits.Select(v => v.VisitorId).Distinct().Count();
                row["nb_users"] = visits.Where(v => v.UserId != null).Select(v => v.UserId).Distinct().Count();
            }
            int count = visits.Count;
            int actions = visits.Sum(v => v.Actions);
            int bounces = visits.Count(v => v.Actions == 1);
            int length = visits.Sum(v => v.LengthSeconds);
            double bounceRate = count == 0 ? 0 : (double)bounces / count;
            row["nb_visits"] = count;
            row["nb_actions"] = actions;
            row["nb_visits_converted"] = 0;
            row["bounce_count"] = bounces;
            row["sum_visit_length"] = length;
            row["max_actions"] = count == 0 ? 0 : visits.Max(v => v.Actions);
            // format_metrics=0 gives the raw fraction; Matomo's default formats percentages only ("43%").
            row["bounce_rate"] = rawMetrics ? JsonValue.Create(Math.Round(bounceRate, 2)) : JsonValue.Create(Math.Round(100 * bounceRate).ToString(CultureInfo.InvariantCulture) + "%");
            row["nb_actions_per_visit"] = Number(count == 0 ? 0 : Math.Round((double)actions / count, 1));
            row["avg_time_on_site"] = count == 0 ? 0 : (int)Math.Round((double)length / count);
            return row;
        }

        /// <summary>A whole number as PHP's json_encode writes it (2, not 2.0).</summary>
        private static JsonNode Number(double value) =>
            value == Math.Floor(value) ? JsonValue.Create((long)value) : JsonValue.Create(value);

        private int[] SiteIds(IReadOnlyDictionary<string, string> parameters, Access access, out bool nested)
        {
            const string NoSite = "The parameter 'idSite=' is missing from the request.";
            string text = Required(parameters, "idSite");
            if (text == "all")
            {
                nested = true;
                if (access.Sites.Length == 0) throw new FakeApiException(NoSite, 401);
                return access.Sites;
            }
            var ids = new List<int>();
            foreach (string part in text.Split(','))
            {
                // PHP reads what is not a number as 0.
                int id = int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
                if (access.SuperUser && (id < 1 || Data.Site(id) == null))
                    throw new FakeApiException($"An unexpected website was found in the request: website id was set to '{id}' .");
                if (id < 1) throw new FakeApiException(NoSite, 401);
                if (!access.Sites.Contains(id))
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
                string startText = date.Substring(0, comma), endText = date.Substring(comma + 1);
                if (!TryParseDate(startText, out DateTime start) || !TryParseDate(endText, out DateTime end))
                    throw BadDate($"'{date}'");
                CheckNotBeforeFirstWebsite(startText, start);
                CheckNotBeforeFirstWebsite(endText, end);
                if (period == "range")
                {
                    if (start > end) throw new FakeApiException("Specified date range is invalid.");
                    return (new List<FakePeriod> { FakePeriod.Range(start, end) }, false);
                }
                // A reversed list is no error: Matomo answers the one period that holds the end date.
                return (start > end ? new List<FakePeriod> { FakePeriod.Containing(period, end) } : FakePeriod.Between(period, start, end), true);
            }
            if (period == "range")
                throw new FakeApiException($"The date '{date}' is not a correct date range. It should have the following format:  'lastN', 'previousN', 'YYYY-MM-DD,YYYY-MM-DD'.");
            // PHP's strtotime() says false for what it cannot read, and Matomo's message quotes that.
            if (!TryParseDate(date, out DateTime single)) throw BadDate("false");
            CheckNotBeforeFirstWebsite(date, single);
            return (new List<FakePeriod> { FakePeriod.Containing(period, single) }, false);
        }

        private bool TryParseDate(string text, out DateTime date)
        {
            if (text == "today") date = Data.Today;
            else if (text == "yesterday") date = Data.Today.AddDays(-1);
            else return DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
            return true;
        }

        private static FakeApiException BadDate(string what) =>
            new FakeApiException($"Date format must be: YYYY-MM-DD, or 'today' or 'yesterday' or any keyword supported by the strtotime function (see http://php.net/strtotime for more information): {what}");

        private static void CheckNotBeforeFirstWebsite(string text, DateTime date)
        {
            if (date >= FirstWebsite) return;
            long Seconds(DateTime day) => (long)(DateTime.SpecifyKind(day, DateTimeKind.Utc) - UnixEpoch).TotalSeconds;
            throw new FakeApiException($"The date '{text}' is a date before first website was online. Try date that's after Aug 6, 1991 (timestamp {Seconds(FirstWebsite)}).: {Seconds(date)}");
        }

        private static Columns? ReadColumns(IReadOnlyDictionary<string, string> parameters)
        {
            foreach (string kind in new[] { "columns", "showColumns" })
                if (parameters.TryGetValue(kind, out string? list) && list.Length > 0)
                    return new Columns(kind, list.Split(',').Select(name => name.Trim()).Where(name => name.Length > 0).ToArray());
            return null;
        }

        private static JsonArray Limit(IReadOnlyDictionary<string, string> parameters, IEnumerable<JsonNode?> items)
        {
            int limit = DefaultFilterLimit;
            if (parameters.TryGetValue("filter_limit", out string? text) && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
                limit = DefaultFilterLimit;
            var list = limit < 0 ? items : items.Take(limit);
            return new JsonArray(list.ToArray());
        }

        /// <summary>A site as Matomo 5.1.2 lists it: every field, the id as a number.</summary>
        private static JsonObject SiteObject(FakeSite site) => new JsonObject
        {
            ["idsite"] = site.Id,
            ["name"] = site.Name,
            ["main_url"] = $"https://site{site.Id}.example.org",
            ["ts_created"] = "2019-12-01 00:00:00",
            ["ecommerce"] = 0,
            ["sitesearch"] = 1,
            ["sitesearch_keyword_parameters"] = "",
            ["sitesearch_category_parameters"] = "",
            ["timezone"] = "UTC",
            ["currency"] = "EUR",
            ["exclude_unknown_urls"] = 0,
            ["excluded_ips"] = "",
            ["excluded_parameters"] = "",
            ["excluded_user_agents"] = "",
            ["excluded_referrers"] = "",
            ["group"] = "",
            ["type"] = "website",
            ["keep_url_fragment"] = 0,
            ["creator_login"] = "admin",
            ["timezone_name"] = "UTC",
            ["currency_name"] = "Euro",
        };

        private static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
            parameters.TryGetValue(name, out string? value) && value.Length > 0 ? value : throw new FakeApiException($"Please specify a value for '{name}'.");

        /// <summary>
        /// Parses a query string the way PHP does: split on <c>&amp;</c> and <c>=</c>, then URL-decode; a name
        /// ending in <c>[]</c> appends to a list (<c>urls[]=a&amp;urls[]=b</c> becomes <c>urls[0]</c> and <c>urls[1]</c>).
        /// </summary>
        public static Dictionary<string, string> ParseQueryString(string text)
        {
            var result = new Dictionary<string, string>();
            var appended = new Dictionary<string, int>();
            foreach (string part in text.TrimStart('?').Split('&'))
            {
                if (part.Length == 0) continue;
                int equals = part.IndexOf('=');
                string name = WebUtility.UrlDecode(equals < 0 ? part : part.Substring(0, equals));
                string value = equals < 0 ? string.Empty : WebUtility.UrlDecode(part.Substring(equals + 1));
                if (name.EndsWith("[]", StringComparison.Ordinal) && name.Length > 2)
                {
                    string list = name.Substring(0, name.Length - 2);
                    appended.TryGetValue(list, out int next);
                    while (result.ContainsKey($"{list}[{next}]")) next++;
                    name = $"{list}[{next}]";
                    appended[list] = next + 1;
                }
                result[name] = value;
            }
            return result;
        }

        /// <summary>
        /// Matomo's error answer, the message HTML-escaped as Matomo 5.1.2 escapes it: <c>&amp;</c>, <c>&lt;</c>,
        /// <c>&gt;</c> become entities ("Settings &amp;gt; Plugins"), quotes stay as they are ("The period 'decade'").
        /// </summary>
        private static JsonObject Error(string message) => new JsonObject { ["result"] = "error", ["message"] = Escape(message) };

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private static FakeAnswer Json(int status, JsonNode? node, int calls) =>
            new FakeAnswer(status, "application/json; charset=utf-8", node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null", calls);

        private const string LoginPage = "<!DOCTYPE html><html><head><title>Sign in - Matomo</title><style>body{font-family:sans-serif}</style></head>"
            + "<body><div id=\"login\"><h1>Sign in</h1><form method=\"post\"><input name=\"form_login\"><input type=\"password\" name=\"form_password\"></form></div></body></html>";

        /// <summary>Who is asking: the sites the token may view, and whether it is a super user's.</summary>
        private sealed class Access
        {
            public Access(int[] sites, bool superUser)
            {
                Sites = sites;
                SuperUser = superUser;
            }

            public int[] Sites { get; }
            public bool SuperUser { get; }
        }

        /// <summary>
        /// <c>columns=</c> or <c>showColumns=</c> of VisitsSummary.get: keeps the named fields in the order asked. With one
        /// field left the row collapses to its number; <c>columns</c> then also gives 0 for an empty period, <c>showColumns</c> keeps [].
        /// </summary>
        private sealed class Columns
        {
            public Columns(string kind, string[] names)
            {
                Kind = kind;
                Names = names;
            }

            public string Kind { get; }
            public string[] Names { get; }

            /// <summary>True when one field is asked for: then an empty period inside a list collapses too.</summary>
            public bool Collapse => Names.Length == 1;

            public JsonNode Apply(JsonObject row, bool flat)
            {
                var kept = new JsonObject();
                foreach (string name in Names)
                    if (row.TryGetPropertyValue(name, out JsonNode? value)) kept[name] = value?.DeepClone();
                if (kept.Count != 1) return kept;
                JsonNode only = kept.First().Value!.DeepClone();
                return flat ? new JsonObject { ["value"] = only } : only;
            }
        }
    }
}
