using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// Report methods (Actions, Referrers, UserCountry, DevicesDetection) answered as the real server answers them:
    /// a table per site and period, built from the double's own visits, then filtered as Matomo filters it (see
    /// <see cref="FakeReportFilters"/>); a list for one period, an object keyed by period for a date list ([] for an
    /// empty period), and an outer object keyed by site id for several sites.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        private static readonly Dictionary<string, string[]> ReportActions = new Dictionary<string, string[]>
        {
            ["Actions"] = new[] { "getPageUrls", "getPageTitles" },
            ["Referrers"] = new[] { "getReferrerType" },
            ["UserCountry"] = new[] { "getCountry" },
            ["DevicesDetection"] = new[] { "getBrowsers" },
        };

        /// <summary>
        /// Matomo's <c>datatable_archiving_maximum_rows_*</c>: when set, each report table keeps its busiest rows up to this
        /// many at the top level and adds the rest up into one row labelled Others, as the real server archives it.
        /// </summary>
        public int? ArchivedRowLimit { get; set; }

        /// <summary>Answers a report method, or API.getReportMetadata; false for a method that is neither.</summary>
        private bool TryReport(string module, string action, IReadOnlyDictionary<string, string> parameters, Access access, out JsonNode? answer)
        {
            answer = null;
            if (module == "API" && action == "getReportMetadata")
            {
                answer = ReportMetadata(parameters, access);
                return true;
            }
            if (!ReportActions.TryGetValue(module, out string[]? actions)) return false;
            if (!actions.Contains(action))
                throw new FakeApiException($"The method '{action}' does not exist or is not available in the module '\\Piwik\\Plugins\\{module}\\API'.");
            // Matomo 5.1.2 serves some reports for one site at a time (the real server's answer for idSite=1,2 or all).
            if (module + "." + action == "Referrers.getReferrerType" && (parameters.TryGetValue("idSite", out string? sites) && (sites.Contains(',') || sites == "all")))
                throw new FakeApiException($"{module}.{action} with multiple sites is not supported (yet).");
            answer = Report(parameters, access, (module + "." + action) switch
            {
                "Actions.getPageUrls" => PageUrlsTable,
                "Actions.getPageTitles" => PageTitlesTable,
                "Referrers.getReferrerType" => ReferrerTypeTable,
                "UserCountry.getCountry" => CountryTable,
                _ => BrowsersTable,
            });
            return true;
        }

        /// <summary>The days of one period, each with its visits that match the segment.</summary>
        private delegate FakeReportBuild ReportBuilder(IReadOnlyList<IReadOnlyList<FakeVisit>> days, bool day);

        private JsonNode? Report(IReadOnlyDictionary<string, string> parameters, Access access, ReportBuilder build)
        {
            int[] siteIds = SiteIds(parameters, access, out bool nested);
            string period = RequirePeriod(parameters);
            var (periods, multiple) = Periods(period, Required(parameters, "date"));
            FakeSegment? segment = ParseSegment(parameters);
            // A segment the server never processed: Matomo's guard, else empty tables (as for VisitsSummary).
            if (Unprocessed(segment, period))
            {
                GuardUnprocessed(parameters, siteIds, nested, segment!, periods);
                segment = FakeSegment.Nothing;
            }
            var filters = FakeReportFilters.From(parameters);

            JsonNode ForPeriod(int siteId, FakePeriod span)
            {
                var days = new List<IReadOnlyList<FakeVisit>>();
                for (var day = span.First; day <= span.Last; day = day.AddDays(1))
                    days.Add(Data.Visits(siteId, day).Where(visit => segment == null || segment.Matches(visit)).ToList());
                var table = build(days, period == "day");
                var rows = ArchivedRowLimit is int limit ? FakeReportRow.Truncate(table.Rows, limit) : table.Rows;
                return filters.Apply(rows, table.FlatRow);
            }

            return BySiteAndPeriod(siteIds, nested, periods, multiple, ForPeriod);
        }
    }

    /// <summary>A report's table for one period, and how one of its rows reads in the flat report.</summary>
    internal sealed class FakeReportBuild
    {
        public FakeReportBuild(List<FakeReportRow> rows, Func<FakeReportRow, FakeReportRow>? flatRow = null)
        {
            Rows = rows;
            FlatRow = flatRow ?? (row => row);
        }

        public List<FakeReportRow> Rows { get; }
        public Func<FakeReportRow, FakeReportRow> FlatRow { get; }
    }
}
