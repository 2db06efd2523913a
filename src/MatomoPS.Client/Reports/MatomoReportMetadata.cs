using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// What Matomo says about one of its reports (<c>API.getReportMetadata</c>): where it is in the UI, what its rows
    /// are (the dimension), its metrics with their documentation, and the parameters it needs.
    /// </summary>
    public sealed class MatomoReportMetadata
    {
        /// <summary>The report method, <c>Module.action</c>, as a report query names it.</summary>
        public string Report => Module + "." + Action;

        /// <summary>The category in Matomo's menu, such as <c>Actions</c> or <c>Visitors</c>.</summary>
        public string Category { get; internal set; } = string.Empty;

        /// <summary>The subcategory in Matomo's menu, such as <c>Pages</c>; empty when there is none.</summary>
        public string Subcategory { get; internal set; } = string.Empty;

        /// <summary>The report's name in Matomo's UI, such as <c>Page URLs</c>.</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>The API module, such as <c>Actions</c>.</summary>
        public string Module { get; internal set; } = string.Empty;

        /// <summary>The API action, such as <c>getPageUrls</c>.</summary>
        public string Action { get; internal set; } = string.Empty;

        /// <summary>What a row is, such as <c>Page URL</c>; empty for a report of one row (such as <c>VisitsSummary.get</c>).</summary>
        public string Dimension { get; internal set; } = string.Empty;

        /// <summary>What the report shows, in Matomo's words.</summary>
        public string Documentation { get; internal set; } = string.Empty;

        /// <summary>The report's metrics, stored ones first, then the ones Matomo computes from them.</summary>
        public IReadOnlyList<MatomoReportMetricInfo> Metrics { get; internal set; } = Array.Empty<MatomoReportMetricInfo>();

        /// <summary>The parameters the report needs and their values, such as <c>idGoal</c>; empty for most reports.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; internal set; } = new Dictionary<string, string>();

        /// <summary>The action that reads a row's subtable (<c>Module.action</c>), or empty when Matomo names none.</summary>
        public string SubtableReport { get; internal set; } = string.Empty;

        /// <summary>
        /// The report named <paramref name="report"/> (<c>Module.action</c>, in any case) among <paramref name="reports"/>.
        /// </summary>
        /// <exception cref="MatomoArgumentException">No report has that name; the message names the closest ones.</exception>
        public static MatomoReportMetadata Find(IReadOnlyList<MatomoReportMetadata> reports, string report)
        {
            if (reports == null) throw new ArgumentNullException(nameof(reports));
            string name = report?.Trim() ?? string.Empty;
            var found = reports.FirstOrDefault(candidate => string.Equals(candidate.Report, name, StringComparison.OrdinalIgnoreCase));
            if (found != null) return found;
            var names = reports.Select(candidate => candidate.Report).Distinct(StringComparer.Ordinal).ToList();
            var close = names.OrderBy(candidate => Distance(candidate.ToLowerInvariant(), name.ToLowerInvariant())).ThenBy(candidate => candidate, StringComparer.Ordinal).Take(3);
            throw new MatomoArgumentException($"The server has no report '{name}' (it lists {names.Count}); the closest are {string.Join(", ", close)}.");
        }

        /// <summary>The report, its name and its category, such as <c>Actions.getPageUrls (Page URLs, Actions)</c>.</summary>
        public override string ToString() => $"{Report} ({Name}, {Category})";

        /// <summary>The edit distance of two names, to suggest the report a typo meant.</summary>
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                    current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
