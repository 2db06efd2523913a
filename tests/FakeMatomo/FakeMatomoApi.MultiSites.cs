using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// MultiSites.getAll, Matomo's All Websites dashboard: a row per site the token may view, in site order, with the
    /// previous period's figures (<c>previous_*</c>) and the change (<c>*_evolution</c>: a fraction rounded to three
    /// places with <c>format_metrics=0</c>, else text such as "-7.5%"; 100% from nothing), field for field as Matomo
    /// 5.1.2 writes them (tests/data/realmatomo/ours). The double has no goals: revenue and conversions are 0.
    /// </summary>
    public sealed partial class FakeMatomoApi
    {
        private JsonNode? MultiSites(IReadOnlyDictionary<string, string> parameters, Access access)
        {
            string period = RequirePeriod(parameters);
            var (periods, multiple) = Periods(period, Required(parameters, "date"));
            FakeSegment? segment = ParseSegment(parameters);
            bool enhanced = parameters.TryGetValue("enhanced", out string? flag) && flag is "1" or "true";
            bool rawMetrics = parameters.TryGetValue("format_metrics", out string? formatMetrics) && formatMetrics == "0";
            JsonArray Table(FakePeriod span) => Limit(parameters,
                access.Sites.OrderBy(id => id).Select(id => (JsonNode?)MultiSitesRow(Data.Site(id)!, period, span, segment, enhanced, rawMetrics)));
            if (!multiple) return Table(periods[0]);
            var byPeriod = new JsonObject();
            foreach (var span in periods) byPeriod[span.Key] = Table(span);
            return byPeriod;
        }

        private JsonObject MultiSitesRow(FakeSite site, string period, FakePeriod span, FakeSegment? segment, bool enhanced, bool rawMetrics)
        {
            var previous = period == "range"
                ? FakePeriod.Range(span.First.AddDays(-((span.Last - span.First).Days + 1)), span.First.AddDays(-1))
                : FakePeriod.Containing(period, span.First.AddDays(-1));
            (long Visits, long Actions) Count(FakePeriod part)
            {
                var visits = Data.Visits(site.Id, part.First, part.Last).Where(visit => segment == null || segment.Matches(visit)).ToList();
                return (visits.Count, visits.Sum(visit => (long)visit.Actions));
            }
            var now = Count(span);
            var before = Count(previous);
            var row = new JsonObject
            {
                ["label"] = site.Name,
                ["nb_visits"] = now.Visits,
                ["nb_actions"] = now.Actions,
                ["nb_pageviews"] = now.Actions,
                ["revenue"] = 0,
            };
            if (enhanced) row["nb_conversions"] = 0;
            void Evolution(string name, long current, long old)
            {
                double change = old == 0 ? (current == 0 ? 0 : 1) : (double)(current - old) / old;
                row[name + "_evolution"] = rawMetrics ? Number(Math.Round(change, 3)) : JsonValue.Create(Percent(change));
                row[name + "_evolution_trend"] = Math.Sign(current - old);
            }
            Evolution("visits", now.Visits, before.Visits);
            Evolution("actions", now.Actions, before.Actions);
            Evolution("pageviews", now.Actions, before.Actions);
            Evolution("revenue", 0, 0);
            if (enhanced) Evolution("nb_conversions", 0, 0);
            row["idsite"] = site.Id;
            row["ratio"] = 1;
            row["currencySymbol"] = "$";
            row["previous_nb_visits"] = before.Visits;
            row["periodName"] = period;
            row["previousRange"] = previous.First == previous.Last ? previous.First.ToString("ddd, MMM d", CultureInfo.InvariantCulture)
                : previous.First.ToString("MMM d, yyyy", CultureInfo.InvariantCulture) + " \u2013 " + previous.Last.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
            row["previous_nb_actions"] = before.Actions;
            row["previous_Actions_nb_pageviews"] = before.Actions;
            row["previous_Goal_revenue"] = 0;
            if (enhanced) row["previous_Goal_nb_conversions"] = 0;
            row["group"] = string.Empty;
            row["main_url"] = SiteUrl(site);
            return row;
        }

        /// <summary>A change as Matomo's default format writes it: a percentage with at most one decimal, such as "-7.5%" or "150%".</summary>
        private static string Percent(double change) =>
            Math.Round(100 * change, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }
}
