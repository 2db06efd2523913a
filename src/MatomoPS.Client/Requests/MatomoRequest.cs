using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MatomoPS.Client
{
    /// <summary>One call of a Matomo API method: the method name and its parameters, in order, without the token.</summary>
    public sealed class MatomoRequest
    {
        private static readonly HashSet<string> ReservedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "token_auth", "module", "method", "format",
        };

        /// <summary>
        /// The parameters of Matomo's Reporting API that never hold a secret, and so may travel in the URL. Matomo's
        /// guard against segments it never processed reads the segment from the URL only; every other name (a bulk
        /// request's <c>urls[...]</c>, anything given through <c>Invoke-MatomoApi</c> that is not listed here) stays
        /// in the POST body with the token.
        /// </summary>
        private static readonly HashSet<string> UrlNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "idSite", "idSites", "period", "date", "segment", "filter_limit", "filter_offset", "filter_pattern", "filter_column",
            "filter_sort_column", "filter_sort_order", "filter_truncate", "columns", "showColumns", "hideColumns", "format_metrics",
            "flat", "expanded", "idSubtable", "label", "showMetadata", "hideMetadata", "language", "translateColumnNames",
            "lastMinutes", "doNotFetchActions", "countVisitorsToFetch", "minTimestamp", "apiModule", "apiAction", "idGoal",
            "idDimension", "showGoals", "enhanced", "pivotBy", "pivotByColumn", "pivotByColumnLimit", "totals", "keep_totals_row",
        };

        /// <summary>
        /// The longest query string of parameters the client builds; a request with longer ones (a long segment) sends them
        /// all in the body, which has no practical limit, where web servers refuse URLs of 8 KB and proxies some of less.
        /// </summary>
        internal const int MaxQueryLength = 4000;

        /// <summary>Matomo's method that answers several requests at once, given as <c>urls[0]</c>, <c>urls[1]</c>...</summary>
        internal const string BulkMethod = "API.getBulkRequest";

        /// <summary>A call of <paramref name="method"/> (<c>Module.action</c>) with parameters in the order given.</summary>
        /// <exception cref="MatomoArgumentException">The method is not of the form Module.action, or a parameter is one the client sets itself.</exception>
        public MatomoRequest(string method, IEnumerable<KeyValuePair<string, string>>? parameters = null)
        {
            if (string.IsNullOrWhiteSpace(method) || method.IndexOf('.') <= 0)
                throw new MatomoArgumentException($"'{method}' is not a Matomo API method; use the form Module.action, such as VisitsSummary.getVisits.");
            Method = method.Trim();
            var list = new List<KeyValuePair<string, string>>();
            foreach (var pair in parameters ?? Enumerable.Empty<KeyValuePair<string, string>>())
            {
                if (string.IsNullOrWhiteSpace(pair.Key))
                    throw new MatomoArgumentException("A Matomo API parameter has an empty name.");
                if (ReservedNames.Contains(NameAsPhpReadsIt(pair.Key)))
                    throw new MatomoArgumentException($"The parameter '{pair.Key}' is set by MatomoPS itself and cannot be given.");
                list.Add(new KeyValuePair<string, string>(pair.Key, pair.Value ?? string.Empty));
            }
            Parameters = list;
        }

        /// <summary>
        /// The name under which PHP, and so Matomo, files a parameter: white space at the start dropped, an array suffix
        /// (<c>token_auth[]</c>, <c>token_auth[x]</c>) cut off, and spaces, dots and an unclosed bracket turned into
        /// underscores (<c>token.auth</c> is <c>token_auth</c>). A reserved name must be refused in every spelling that
        /// reaches Matomo as that name, or a caller's parameter would replace the token.
        /// </summary>
        internal static string NameAsPhpReadsIt(string name)
        {
            string trimmed = name.TrimStart(' ');
            int bracket = trimmed.IndexOf('[');
            if (bracket > 0 && trimmed.IndexOf(']', bracket) > bracket) trimmed = trimmed.Substring(0, bracket);
            return trimmed.Replace(' ', '_').Replace('.', '_').Replace('[', '_');
        }

        /// <summary>A request with a short description for logs, where its parameters would be too long to read.</summary>
        internal MatomoRequest(string method, IEnumerable<KeyValuePair<string, string>> parameters, string summary) : this(method, parameters) =>
            _summary = summary;

        private readonly string? _summary;

        /// <summary>A parameter, as the client's own requests build them.</summary>
        internal static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);

        /// <summary>The <c>idSite</c> parameter of one or more sites: their ids joined by commas, in order.</summary>
        internal static KeyValuePair<string, string> IdSite(IEnumerable<int> siteIds) =>
            Pair("idSite", string.Join(",", siteIds.Select(id => id.ToString(CultureInfo.InvariantCulture))));

        /// <summary>
        /// Several requests as one: <see cref="BulkMethod"/> with each part as <c>urls[i]</c>, logged as <paramref name="summary"/>.
        /// A single part goes as itself: the same answer, without the bulk wrapper. <c>MatomoReader.ReadSlots</c> reads either answer.
        /// </summary>
        internal static MatomoRequest Bulk(IReadOnlyList<MatomoRequest> parts, string summary) =>
            parts.Count == 1 ? parts[0] : new MatomoRequest(BulkMethod, parts.Select((part, i) => Pair($"urls[{i}]", part.ToQueryString())), summary);

        /// <summary>The API method, such as <c>VisitsSummary.getVisits</c>.</summary>
        public string Method { get; }

        /// <summary>The caller's parameters in the order given.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

        /// <summary>True when the parameter is given (names compare case-insensitively).</summary>
        public bool Has(string name) => Parameters.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>The request as one query string (for a bulk sub-request): method first, each name and value encoded once.</summary>
        internal string ToQueryString()
        {
            var text = new StringBuilder("method=").Append(Uri.EscapeDataString(Method));
            foreach (var pair in Parameters)
                text.Append('&').Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            return text.ToString();
        }

        /// <summary>
        /// Where each parameter travels: the ones of <see cref="UrlNames"/> in the URL's query string (returned as
        /// <c>&amp;name=value...</c>), the others in the POST body after the token; <c>filter_limit=-1</c> is added unless
        /// given, so that no list is cut at Matomo's default of 100 rows. All go in the body when the query string would
        /// be longer than <see cref="MaxQueryLength"/>.
        /// </summary>
        internal (string Query, IReadOnlyList<KeyValuePair<string, string>> Body) Layout()
        {
            var all = Has("filter_limit") ? Parameters : Parameters.Concat(new[] { new KeyValuePair<string, string>("filter_limit", "-1") }).ToList();
            var query = new StringBuilder();
            var body = new List<KeyValuePair<string, string>>();
            foreach (var pair in all)
            {
                if (UrlNames.Contains(pair.Key)) query.Append('&').Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
                else body.Add(pair);
            }
            return query.Length > MaxQueryLength ? (string.Empty, all) : (query.ToString(), body);
        }

        /// <summary>True when the parameter travels in the URL, where Matomo's own checks of a request look for it.</summary>
        internal bool SendsInUrl(string name) => UrlNames.Contains(name) && Has(name) && Layout().Query.Length > 0;

        /// <summary>A readable line for verbose output; it never holds the token, which is not a parameter.</summary>
        public override string ToString() => _summary ??
            Method + (Parameters.Count == 0 ? string.Empty : " " + string.Join(" ", Parameters.Select(p => p.Key + "=" + p.Value)));
    }
}
