using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// What a health check of a site asks beyond reports: the tracking failures Matomo recorded
    /// (<c>CoreAdminHome.getTrackingFailures</c>, admin access), and days whose archive was removed, which browser
    /// archiving fills in again on request and which stay empty without it.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        /// <summary>Matomo's refusal (HTTP 401) of an admin method to a token that administers no site.</summary>
        public const string AdminAccessRequired = "You can't access this resource as it requires admin access for at least one website.";

        /// <summary>The days (site, day) whose archive is gone: their day reports count nothing while <see cref="BrowserArchiving"/> is off.</summary>
        public ISet<(int SiteId, DateTime Day)> RemovedDayArchives { get; } = new HashSet<(int, DateTime)>();

        /// <summary>The tracking failures Matomo recorded: site, kind (1 the site does not exist, 2 authentication), first seen, tracked page.</summary>
        public IList<(int SiteId, int Kind, DateTime FirstOccurred, string Url)> TrackingFailures { get; } = new List<(int, int, DateTime, string)>();

        private bool DayNotArchived(int siteId, DateTime day) => !BrowserArchiving && RemovedDayArchives.Contains((siteId, day.Date));

        /// <summary>The test token administers its three sites, as a site administrator's token does; the others only view theirs.</summary>
        private static int[] AdministeredSites(string token) => token == FakeTokens.View ? new[] { 1, 2, 3 } : Array.Empty<int>();

        private JsonNode GetTrackingFailures(Access access)
        {
            if (access.AdminSites.Length == 0) throw new FakeApiException(AdminAccessRequired, 401);
            var list = new JsonArray();
            foreach (var failure in TrackingFailures.Where(failure => access.SuperUser || access.AdminSites.Contains(failure.SiteId)))
            {
                bool noSite = failure.Kind == 1;
                list.Add(new JsonObject
                {
                    ["idsite"] = failure.SiteId,
                    ["idfailure"] = failure.Kind,
                    ["date_first_occurred"] = failure.FirstOccurred.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    ["request_url"] = $"?idsite={failure.SiteId}&rec=1&url={Uri.EscapeDataString(failure.Url)}",
                    ["site_name"] = Data.Site(failure.SiteId)?.Name ?? "Unknown",
                    ["pretty_date_first_occurred"] = failure.FirstOccurred.ToString("MMM d, yyyy HH:mm:ss", CultureInfo.InvariantCulture),
                    ["url"] = failure.Url,
                    ["problem"] = noSite ? "The site does not exist." : "Request was not authenticated but authentication was required.",
                    ["solution"] = noSite ? "Update the configured idSite in the tracker." : "Set or correct a \"token_auth\" in the tracker.",
                    ["solution_url"] = noSite ? "https://matomo.org/faq/how-to/faq_30838/" : "https://matomo.org/faq/how-to/faq_30835/",
                });
            }
            return list;
        }
    }
}
