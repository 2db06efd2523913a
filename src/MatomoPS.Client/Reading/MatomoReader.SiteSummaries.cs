using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReader
    {
        /// <summary>
        /// The answer of <c>MultiSites.getAll</c> for one period with <c>enhanced=1</c>: a row per site with its figures
        /// and the previous period's (<c>previous_*</c>). Visits and actions must be there; pageviews, revenue and
        /// conversions come from plugins a server may lack, and are null where it gives none.
        /// </summary>
        public IReadOnlyList<MatomoSiteSummary> ReadSiteSummaries(JsonElement root, MatomoDateRange range, MatomoDateRange previous)
        {
            const string method = MatomoClient.SiteSummaryMethod;
            if (root.ValueKind != JsonValueKind.Array) throw _exceptions.Shape(method, "a list of sites", root);
            var (first, last) = range.Span;
            var (previousFirst, previousLast) = previous.Span;
            var summaries = new List<MatomoSiteSummary>(root.GetArrayLength());
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("idsite", out var id) || !TryReadId(id, out int siteId))
                    throw _exceptions.Shape(method, "a site with an idsite", item);
                summaries.Add(new MatomoSiteSummary
                {
                    SiteId = siteId,
                    Name = Text(item, "label"),
                    MainUrl = Text(item, "main_url"),
                    Period = range.Period,
                    Start = first,
                    End = last,
                    Visits = RequiredCount(item, "nb_visits"),
                    Actions = RequiredCount(item, "nb_actions"),
                    Pageviews = Count(item, "nb_pageviews"),
                    Revenue = Amount(item, "revenue"),
                    Conversions = Count(item, "nb_conversions"),
                    CurrencySymbol = Text(item, "currencySymbol"),
                    PreviousStart = previousFirst,
                    PreviousEnd = previousLast,
                    PreviousVisits = Count(item, "previous_nb_visits"),
                    PreviousActions = Count(item, "previous_nb_actions"),
                    PreviousPageviews = Count(item, "previous_Actions_nb_pageviews"),
                    PreviousRevenue = Amount(item, "previous_Goal_revenue"),
                    PreviousConversions = Count(item, "previous_Goal_nb_conversions"),
                });
            }
            return summaries;

            long RequiredCount(JsonElement item, string name) =>
                Count(item, name) ?? throw _exceptions.Shape(method, $"a site with {name}", item);

            long? Count(JsonElement item, string name)
            {
                decimal? value = Amount(item, name);
                if (value == null) return null;
                if (value < 0 || value != decimal.Truncate(value.Value)) throw _exceptions.Shape(method, $"a count in {name}", item);
                return (long)value.Value;
            }

            // A number, or a number in a string (PHP); absent or null is unknown. Anything else is not Matomo's answer.
            decimal? Amount(JsonElement item, string name)
            {
                if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number)) return number;
                if (value.ValueKind == JsonValueKind.String
                    && decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
                    return number;
                throw _exceptions.Shape(method, $"a number in {name}", item);
            }
        }
    }
}
