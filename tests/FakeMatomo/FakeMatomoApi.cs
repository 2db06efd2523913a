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
    /// filter_limit, columns, Matomo's errors and its brute-force lockout; the server faults, browser archiving and the
    /// visit log live in partial files of their own. No HTTP here.
    /// </summary>
    public sealed partial class FakeMatomoApi
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
            if (ServerFault(query) is FakeAnswer down) return down;
            var parameters = new Dictionary<string, string>(body);
            foreach (var pair in query) parameters[pair.Key] = pair.Value;
            MarkSegmentInUrl(query, parameters);
            if (!parameters.TryGetValue("module", out string? module) || module != "API")
                return new FakeAnswer(200, "text/html; charset=utf-8", LoginPage, 0);
            // Matomo refuses a token before the API runs.
            Access access;
            try
            {
                access = Authenticate(query, body);
            }
            catch (FakeApiException refused)
            {
                return Refusal(query, refused.Status, refused.Message);
            }

            if (parameters.TryGetValue("format", out string? format) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
                return new FakeAnswer(400, "text/plain", "The Matomo double answers format=json only.", 0);

            if (LiveMemoryFault(parameters) is FakeAnswer outOfMemory) return outOfMemory;
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
            bool superUser = _superUsers.Contains(token!);
            return new Access(sites, superUser, superUser ? sites : AdministeredSites(token!));
        }

        private JsonNode? Dispatch(IReadOnlyDictionary<string, string> parameters, Access access, ref int calls)
        {
            string method = parameters["method"];
            int dot = method.IndexOf('.');
            string module = dot > 0 ? method.Substring(0, dot) : method;
            string action = dot > 0 ? method.Substring(dot + 1) : string.Empty;
            if (module == "API" && action == "getBulkRequest") return Bulk(parameters, access, ref calls);
            calls++;
            if (TryReport(module, action, parameters, access, out JsonNode? report)) return report;
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
                    if (action == "getSitesIdWithAdminAccess")
                        return Limit(parameters, access.AdminSites.Select(id => (JsonNode)JsonValue.Create(id)));
                    if (action == "getSiteFromId")
                    {
                        int[] site = SiteIds(parameters, access, out bool several);
                        if (several) throw new FakeApiException("The parameter 'idSite' is not valid: give one site.");
                        return SiteObject(Data.Site(site[0])!);
                    }
                    break;
                case "Live":
                    return Live(action, parameters, access);
                case "MultiSites":
                    if (action == "getAll") return MultiSites(parameters, access);
                    break;
                case "CoreAdminHome":
                    if (action == "getTrackingFailures") return GetTrackingFailures(access);
                    return CoreAdminHome(action, parameters, access);
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

        private static JsonArray Limit(IReadOnlyDictionary<string, string> parameters, IEnumerable<JsonNode?> items)
        {
            int limit = DefaultFilterLimit;
            if (parameters.TryGetValue("filter_limit", out string? text) && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
                limit = DefaultFilterLimit;
            var list = limit < 0 ? items : items.Take(limit);
            return new JsonArray(list.ToArray());
        }

        private static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
            parameters.TryGetValue(name, out string? value) && value.Length > 0 ? value : throw new FakeApiException($"Please specify a value for '{name}'.");

        /// <summary>The period asked for, one of Matomo's; any other is refused with Matomo's message.</summary>
        private static string RequirePeriod(IReadOnlyDictionary<string, string> parameters)
        {
            string period = Required(parameters, "period");
            if (period is not ("day" or "week" or "month" or "year" or "range"))
                throw new FakeApiException($"The period '{period}' is not supported. Try any of the following instead: day, week, month, year, range");
            return period;
        }

        /// <summary>The segment asked for, or null when there is none (no <c>segment</c>, or an empty one).</summary>
        private static FakeSegment? ParseSegment(IReadOnlyDictionary<string, string> parameters) =>
            parameters.TryGetValue("segment", out string? definition) && definition.Length > 0 ? FakeSegment.Parse(definition) : null;

        /// <summary>
        /// One answer per site and period, nested as Matomo nests them: the answer itself for one site and one period,
        /// an object keyed by period for a date list, and an outer object keyed by site id for several sites.
        /// </summary>
        private static JsonNode? BySiteAndPeriod(int[] siteIds, bool nested, List<FakePeriod> periods, bool multiple, Func<int, FakePeriod, JsonNode?> answer)
        {
            JsonNode? ForSite(int siteId)
            {
                if (!multiple) return answer(siteId, periods[0]);
                var byPeriod = new JsonObject();
                foreach (var span in periods) byPeriod[span.Key] = answer(siteId, span);
                return byPeriod;
            }

            if (!nested) return ForSite(siteIds[0]);
            var bySite = new JsonObject();
            foreach (int id in siteIds) bySite[id.ToString(CultureInfo.InvariantCulture)] = ForSite(id);
            return bySite;
        }

        /// <summary>
        /// Matomo's answer to a request it refuses before the API runs (a token it does not accept, its database down):
        /// JSON only when the query string names <c>module=API</c> and the method, otherwise its HTML error page, whatever
        /// <c>format</c> says.
        /// </summary>
        private static FakeAnswer Refusal(IReadOnlyDictionary<string, string> query, int status, string message) =>
            query.TryGetValue("module", out string? module) && module == "API" && query.ContainsKey("method")
                ? Json(status, Error(message), 0)
                : new FakeAnswer(status, FakeErrorPage.ContentType, FakeErrorPage.Render(message), 0);

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
            public Access(int[] sites, bool superUser, int[]? adminSites = null)
            {
                Sites = sites;
                SuperUser = superUser;
                AdminSites = adminSites ?? Array.Empty<int>();
            }

            public int[] Sites { get; }
            public bool SuperUser { get; }

            /// <summary>The sites the token administers (a super user: all): tracking failures, invalidations.</summary>
            public int[] AdminSites { get; }
        }
    }
}
