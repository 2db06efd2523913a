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
    /// <summary>The VisitsSummary module: one metric or a row of metrics per period, site and segment.</summary>
    public sealed partial class FakeMatomoApi
    {
        private JsonNode? VisitsSummary(string action, IReadOnlyDictionary<string, string> parameters, Access access)
        {
            int[] siteIds = SiteIds(parameters, access, out bool nested);
            string period = RequirePeriod(parameters);
            var (periods, multiple) = Periods(period, Required(parameters, "date"));
            string? metricNotEnabled = action switch { "getUniqueVisitors" => "nb_uniq_visitors", "getUsers" => "nb_users", _ => null };
            if (metricNotEnabled != null && period is "year" or "range")
                throw new FakeApiException($"The metric {metricNotEnabled} is not enabled for the requested period. Please see this FAQ: https://matomo.org/faq/how-to/faq_113/");
            FakeSegment? segment = ParseSegment(parameters);
            if (Unprocessed(segment, period))
            {
                GuardUnprocessed(parameters, siteIds, nested, segment!, periods);
                segment = FakeSegment.Nothing;
            }
            var columns = action == "get" ? ReadColumns(parameters) : null;
            bool rawMetrics = parameters.TryGetValue("format_metrics", out string? formatMetrics) && formatMetrics == "0";
            // One site and one period is Matomo's "flat" answer: an empty period is then a row of zeros, elsewhere [].
            bool flat = !multiple && !nested;
            return BySiteAndPeriod(siteIds, nested, periods, multiple, (siteId, span) => Value(action, period, Data.Site(siteId)!, span, segment, flat, columns, rawMetrics));
        }

        private JsonNode? Value(string action, string period, FakeSite site, FakePeriod span, FakeSegment? segment, bool flat, Columns? columns, bool rawMetrics)
        {
            var visits = Data.Visits(site.Id, span.First, span.Last).Where(visit => segment == null || segment.Matches(visit)).ToList();
            if (period == "day" && DayNotArchived(site.Id, span.First)) visits.Clear();
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


        private static Columns? ReadColumns(IReadOnlyDictionary<string, string> parameters)
        {
            foreach (string kind in new[] { "columns", "showColumns" })
                if (parameters.TryGetValue(kind, out string? list) && list.Length > 0)
                    return new Columns(kind, list.Split(',').Select(name => name.Trim()).Where(name => name.Length > 0).ToArray());
            return null;
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
