using System;
using System.Collections.Generic;
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
                if (ReservedNames.Contains(pair.Key))
                    throw new MatomoArgumentException($"The parameter '{pair.Key}' is set by MatomoPS itself and cannot be given.");
                list.Add(new KeyValuePair<string, string>(pair.Key, pair.Value ?? string.Empty));
            }
            Parameters = list;
        }

        /// <summary>A request with a short description for logs, where its parameters would be too long to read.</summary>
        internal MatomoRequest(string method, IEnumerable<KeyValuePair<string, string>> parameters, string summary) : this(method, parameters) =>
            _summary = summary;

        private readonly string? _summary;

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

        /// <summary>A readable line for verbose output; it never holds the token, which is not a parameter.</summary>
        public override string ToString() => _summary ??
            Method + (Parameters.Count == 0 ? string.Empty : " " + string.Join(" ", Parameters.Select(p => p.Key + "=" + p.Value)));
    }
}
