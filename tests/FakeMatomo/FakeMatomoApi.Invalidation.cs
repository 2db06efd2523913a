using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// CoreAdminHome.invalidateArchivedReports as Matomo 5.1.2 answers it: a method for super users only (any other token
    /// is told it "does not exist or is not available", tests/data/realmatomo/ours), answering a list of lines. The double
    /// archives nothing, so its reports stay as they are; it keeps what it was asked to invalidate.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        /// <summary>One invalidation the double was asked for.</summary>
        public sealed record Invalidation(int[] SiteIds, string Period, string[] Dates, string Segment, bool CascadeDown);

        private readonly ConcurrentQueue<Invalidation> _invalidations = new ConcurrentQueue<Invalidation>();

        /// <summary>The invalidations asked for so far, in order.</summary>
        public IReadOnlyList<Invalidation> Invalidations => _invalidations.ToArray();

        private JsonNode? CoreAdminHome(string action, IReadOnlyDictionary<string, string> parameters, Access access)
        {
            if (action != "invalidateArchivedReports" || !access.SuperUser)
                throw new FakeApiException($"The method '{action}' does not exist or is not available in the module '\\Piwik\\Plugins\\CoreAdminHome\\API'.");
            var sites = new List<int>();
            foreach (string part in Required(parameters, "idSites").Split(','))
            {
                int id = int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
                if (Data.Site(id) == null)
                    throw new FakeApiException($"An unexpected website was found in the request: website id was set to '{id}' .");
                sites.Add(id);
            }
            string period = RequirePeriod(parameters);
            string text = Required(parameters, "dates");
            string[] dates = period == "range" ? new[] { text.Trim() } : text.Split(',').Select(date => date.Trim()).Distinct().ToArray();
            var invalid = dates.Where(date => !ValidInvalidationDate(period, date)).ToList();
            var done = dates.Except(invalid).ToArray();
            bool cascadeDown = parameters.TryGetValue("cascadeDown", out string? down) && down is "1" or "true";
            _invalidations.Enqueue(new Invalidation(sites.ToArray(), period, done, parameters.TryGetValue("segment", out string? segment) ? segment : string.Empty, cascadeDown));
            var lines = new JsonArray(JsonValue.Create("Success. The following dates were invalidated successfully: " + string.Join(", ", done)));
            if (invalid.Count > 0)
                lines.Add(JsonValue.Create($"Warning: some of the Dates to invalidate were invalid: '{string.Join("', '", invalid)}'. Matomo simply ignored those and proceeded with the others."));
            return lines;
        }

        private bool ValidInvalidationDate(string period, string date)
        {
            if (period != "range") return TryParseDate(date, out _);
            int comma = date.IndexOf(',');
            return comma > 0 && TryParseDate(date.Substring(0, comma), out var start) && TryParseDate(date.Substring(comma + 1), out var end) && start <= end;
        }
    }
}
