using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// API.getReportMetadata for the reports the double answers, with the real server's fields in its order. Like the
    /// real server, each entry's graph URLs hold the caller's token in plain text (a client must never show them).
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        private static readonly (string Module, string Action, string Category, string Subcategory, string Name, string? Dimension, string[] Metrics, string[] Processed, bool Subtables)[] Reports =
        {
            ("VisitsSummary", "get", "Visitors", "Overview", "Visits Summary", null,
                new[] { "nb_uniq_visitors", "nb_visits", "nb_users", "nb_actions", "max_actions" }, new[] { "bounce_rate", "nb_actions_per_visit", "avg_time_on_site" }, false),
            ("UserCountry", "getCountry", "Visitors", "Locations", "Country", "Country",
                new[] { "nb_visits", "nb_uniq_visitors", "nb_actions" }, new[] { "nb_actions_per_visit", "avg_time_on_site", "bounce_rate" }, false),
            ("DevicesDetection", "getBrowsers", "Visitors", "Software", "Browsers", "Browser",
                new[] { "nb_visits", "nb_uniq_visitors", "nb_actions", "nb_users" }, new[] { "nb_actions_per_visit", "avg_time_on_site", "bounce_rate" }, false),
            ("Actions", "getPageUrls", "Actions", "Pages", "Page URLs", "Page URL",
                new[] { "nb_hits", "nb_visits" }, new[] { "avg_time_on_page", "bounce_rate", "exit_rate" }, true),
            ("Actions", "getPageTitles", "Actions", "Page titles", "Page titles", "Page Title",
                new[] { "nb_hits", "nb_visits" }, new[] { "avg_time_on_page", "bounce_rate", "exit_rate" }, true),
            ("Referrers", "getReferrerType", "Referrers", "All Channels", "Channel Type", "Channel Type",
                new[] { "nb_visits", "nb_uniq_visitors", "nb_actions", "nb_users" }, new[] { "nb_actions_per_visit", "avg_time_on_site", "bounce_rate" }, false),
        };

        private static readonly Dictionary<string, (string Title, string Type, string Documentation)> MetricTexts = new Dictionary<string, (string, string, string)>
        {
            ["nb_uniq_visitors"] = ("Unique visitors", "number", "Visitors counted once each, however often they came."),
            ["nb_visits"] = ("Visits", "number", "Visits: a visit ends after 30 minutes without a pageview."),
            ["nb_users"] = ("Users", "number", "Logged-in users (visits with a User ID)."),
            ["nb_actions"] = ("Actions", "number", "Pageviews, downloads, outlinks and site searches."),
            ["max_actions"] = ("Maximum actions in one visit", "number", "The most actions of one visit."),
            ["nb_hits"] = ("Pageviews", "number", "How often the page was viewed."),
            ["bounce_rate"] = ("Bounce Rate", "percent", "The share of visits with one pageview."),
            ["nb_actions_per_visit"] = ("Actions per Visit", "number", "Actions per visit on average."),
            ["avg_time_on_site"] = ("Avg. Visit Duration (in seconds)", "duration_s", "The average length of a visit."),
            ["avg_time_on_page"] = ("Avg. time on page", "duration_s", "The average time on the page."),
            ["exit_rate"] = ("Exit rate", "percent", "The share of visits that left after this page."),
        };

        private JsonArray ReportMetadata(IReadOnlyDictionary<string, string> parameters, Access access)
        {
            int siteId = SiteIds(parameters, access, out bool several)[0];
            if (several) throw new FakeApiException("The parameter 'idSite' is not valid: give one site.");
            string token = parameters.TryGetValue("token_auth", out string? given) ? given : "anonymous";
            string today = Data.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string monthAgo = Data.Today.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var list = new JsonArray();
            foreach (var report in Reports)
            {
                JsonObject Texts(IEnumerable<string> names, Func<(string Title, string Type, string Documentation), string> pick)
                {
                    var texts = new JsonObject();
                    foreach (string name in names) texts[name] = pick(MetricTexts[name]);
                    return texts;
                }
                string graph = $"index.php?module=API&method=ImageGraph.get&idSite={siteId}&apiModule={report.Module}&apiAction={report.Action}&token_auth={token}&period=day";
                var entry = new JsonObject
                {
                    ["category"] = report.Category,
                    ["subcategory"] = report.Subcategory,
                    ["name"] = report.Name,
                    ["module"] = report.Module,
                    ["action"] = report.Action,
                };
                if (report.Dimension != null) entry["dimension"] = report.Dimension;
                entry["documentation"] = $"The {report.Name} report of the Matomo double.";
                entry["metrics"] = Texts(report.Metrics, text => text.Title);
                entry["metricsDocumentation"] = Texts(report.Metrics.Concat(report.Processed), text => text.Documentation);
                entry["processedMetrics"] = Texts(report.Processed, text => text.Title);
                entry["metricTypes"] = Texts(report.Metrics.Concat(report.Processed), text => text.Type);
                if (report.Subtables) entry["actionToLoadSubTables"] = report.Action;
                entry["imageGraphUrl"] = graph + "&date=" + (report.Module == "VisitsSummary" ? monthAgo + "," + today : "today");
                entry["imageGraphEvolutionUrl"] = graph + $"&date={monthAgo},{today}";
                entry["uniqueId"] = report.Module + "_" + report.Action;
                list.Add(entry);
            }
            return list;
        }
    }
}
