using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace MatomoPS.Client
{
    internal sealed partial class MatomoReader
    {
        /// <summary>
        /// The rows of one series: a date-keyed object (<c>{"2023-01-01":5,...}</c>) or a single period
        /// (<c>{"value":5}</c>) per site, in site order, then date order. Every period of the range must be there, once,
        /// and no other: Matomo answers each period asked for, so anything else is a damaged answer, never rows to trust.
        /// </summary>
        public IReadOnlyList<MatomoSeriesRow> ReadSeries(MatomoSeriesQuery query, JsonElement root, CultureInfo culture)
        {
            var labels = Labels(query, culture);
            string singleKey = MatomoPeriodKey.Format(query.Period, query.Start);
            var tally = new MatomoPeriodTally(query.Range, query.ApiMethod, _exceptions, _today());
            var rows = new List<MatomoSeriesRow>();
            ForEachSite(query.SiteIds, root, query.ApiMethod, (siteId, element) =>
            {
                int first = rows.Count;
                foreach (var pair in ReadDateKeyedValues(element, query.ApiMethod, singleKey, query.Range.IsOnePeriod))
                {
                    var row = Row(query, siteId, pair.Key, pair.Value, labels);
                    tally.Add(siteId, pair.Key);
                    rows.Add(row);
                }
                tally.CheckComplete(new[] { siteId });
                SortByDate(rows, first);
            });
            return rows;
        }

        /// <summary>
        /// The labeller for a query: one per period, culture and year choice, kept while the reader lives, so the
        /// series of one fetch share the labels of their dates.
        /// </summary>
        private MatomoDateLabels Labels(MatomoSeriesQuery query, CultureInfo culture) => Labels(query.Period, query.Start, query.End, culture);

        /// <summary>The label of the period starting <paramref name="start"/>, as the rows of the whole <paramref name="query"/> carry it.</summary>
        public string PeriodLabel(MatomoSeriesQuery query, DateTime start, CultureInfo culture) => Labels(query, culture).Label(start);

        private MatomoSeriesRow Row(MatomoSeriesQuery query, int siteId, string key, long value, MatomoDateLabels labels)
        {
            DateTime start, end;
            try
            {
                (start, end) = MatomoPeriodKey.Parse(query.Period, key);
            }
            catch (FormatException error)
            {
                throw _exceptions.Unreadable(query.ApiMethod, $"has a date key that does not fit period {query.Period}: {error.Message}");
            }
            return new MatomoSeriesRow
            {
                SiteId = siteId,
                Series = query.Series,
                Segment = query.Segment,
                Period = query.Period,
                Date = start,
                EndDate = end,
                Key = key,
                Label = labels.Label(start),
                Metric = query.Metric,
                Value = value,
            };
        }

        /// <summary>Matomo answers in date order; a stable sort keeps that promise even if a proxy reorders keys.</summary>
        private static void SortByDate(List<MatomoSeriesRow> rows, int first)
        {
            bool ordered = true;
            for (int i = first + 1; i < rows.Count && ordered; i++) ordered = rows[i].Date >= rows[i - 1].Date;
            if (ordered) return;
            var sorted = rows.Skip(first).OrderBy(row => row.Date).ToList();
            rows.RemoveRange(first, sorted.Count);
            rows.AddRange(sorted);
        }

        /// <summary>
        /// One site's single-metric answer as (key, count) pairs: a date-keyed object, or <c>{"value":N}</c> for a
        /// single period (with <paramref name="singleKey"/> as its key). An empty table (<c>[]</c>) has no pairs.
        /// </summary>
        private IReadOnlyList<KeyValuePair<string, long>> ReadDateKeyedValues(JsonElement element, string method, string singleKey, bool onePeriod)
        {
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
                return Array.Empty<KeyValuePair<string, long>>();
            // One date for several sites: a bare count per site ({"1":16,"2":0}).
            if (onePeriod && (element.ValueKind == JsonValueKind.Number || element.ValueKind == JsonValueKind.String))
                return new[] { new KeyValuePair<string, long>(singleKey, ReadCount(element, method, singleKey)) };
            if (element.ValueKind != JsonValueKind.Object)
                throw _exceptions.Shape(method, "an object keyed by date", element);

            var values = new List<KeyValuePair<string, long>>();
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals("value") && values.Count == 0 && IsSingleProperty(element))
                    return new[] { new KeyValuePair<string, long>(singleKey, ReadCount(property.Value, method, singleKey)) };
                values.Add(new KeyValuePair<string, long>(property.Name, ReadCount(property.Value, method, property.Name)));
            }
            return values;
        }

        /// <summary>
        /// One count: a number, a numeric string, or an empty period (<c>[]</c>, <c>""</c>, <c>null</c>, <c>{}</c>) as 0.
        /// Every series is a count (visits, actions, visitors, users), and no count is below 0.
        /// </summary>
        private long ReadCount(JsonElement value, string method, string key)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    if (value.TryGetInt64(out long whole)) return NotNegative(whole, method, key);
                    if (value.TryGetDouble(out double real) && real >= 0 && real == Math.Floor(real) && real < long.MaxValue) return (long)real;
                    break;
                case JsonValueKind.String:
                    string text = value.GetString()!;
                    if (text.Length == 0) return 0;
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) return NotNegative(parsed, method, key);
                    break;
                case JsonValueKind.Null:
                    return 0;
                case JsonValueKind.Array:
                    if (value.GetArrayLength() == 0) return 0;
                    break;
                case JsonValueKind.Object:
                    if (!value.EnumerateObject().Any()) return 0;
                    break;
            }
            throw _exceptions.Shape(method, $"a count for '{key}'", value);
        }

        private long NotNegative(long count, string method, string key) =>
            count >= 0 ? count : throw _exceptions.Unreadable(method, $"has a negative count for the period '{key}': {count}.");

        private static bool IsSingleProperty(JsonElement element)
        {
            int count = 0;
            foreach (var _ in element.EnumerateObject()) if (++count > 1) return false;
            return count == 1;
        }
    }
}
