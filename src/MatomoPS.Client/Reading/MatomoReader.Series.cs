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
        /// (<c>{"value":5}</c>) per site, in site order, then date order. Every period of the range must be there.
        /// </summary>
        public IReadOnlyList<MatomoVisitsRow> ReadSeries(MatomoVisitsQuery query, JsonElement root, CultureInfo culture)
        {
            var labels = Labels(query, culture);
            string singleKey = MatomoPeriodKey.Format(query.Period, query.Start);
            var rows = new List<MatomoVisitsRow>();
            ForEachSite(query.SiteIds, root, query.ApiMethod, (siteId, element) =>
            {
                int first = rows.Count;
                foreach (var pair in ReadDateKeyedValues(element, query.ApiMethod, singleKey))
                    rows.Add(Row(query, siteId, pair.Key, pair.Value, labels));
                CheckEveryPeriod(query, siteId, rows, first);
                SortByDate(rows, first);
            });
            return rows;
        }

        /// <summary>
        /// The labeller for a query: one per period, culture and year choice, kept while the reader lives, so the
        /// series of one fetch share the labels of their dates.
        /// </summary>
        private MatomoDateLabels Labels(MatomoVisitsQuery query, CultureInfo culture) => Labels(query.Period, query.Start, query.End, culture);

        private MatomoVisitsRow Row(MatomoVisitsQuery query, int siteId, string key, long value, MatomoDateLabels labels)
        {
            DateTime start, end;
            try
            {
                (start, end) = MatomoPeriodKey.Parse(query.Period, key);
            }
            catch (FormatException error)
            {
                throw _failures.Protocol(query.ApiMethod, $"Matomo's answer to {query.ApiMethod} has a date key that does not fit period {query.Period}: {error.Message}");
            }
            return new MatomoVisitsRow
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

        /// <summary>
        /// Matomo answers every period of the range, even empty ones: a missing period means a broken answer,
        /// and reporting it beats handing back a series that is silently shorter.
        /// </summary>
        private void CheckEveryPeriod(MatomoVisitsQuery query, int siteId, List<MatomoVisitsRow> rows, int first)
        {
            var answered = rows.Skip(first).ToList();
            var present = new HashSet<DateTime>(answered.Select(row => row.Date));
            var missing = MatomoPeriodKey.Starts(query.Period, query.Start, query.End).Where(start => !present.Contains(start)).ToList();
            if (missing.Count == 0) return;
            throw LacksPeriods(query.ApiMethod, siteId, missing.Select(start => MatomoPeriodKey.Format(query.Period, start)).ToList(),
                answered.Count > 0 ? answered.Max(row => row.EndDate) : (DateTime?)null, missing[0]);
        }

        /// <summary>Matomo answers in date order; a stable sort keeps that promise even if a proxy reorders keys.</summary>
        private static void SortByDate(List<MatomoVisitsRow> rows, int first)
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
        private IReadOnlyList<KeyValuePair<string, long>> ReadDateKeyedValues(JsonElement element, string method, string singleKey)
        {
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
                return Array.Empty<KeyValuePair<string, long>>();
            if (element.ValueKind != JsonValueKind.Object)
                throw _failures.Shape(method, "an object keyed by date", element);

            var values = new List<KeyValuePair<string, long>>();
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals("value") && values.Count == 0 && IsSingleProperty(element))
                    return new[] { new KeyValuePair<string, long>(singleKey, ReadCount(property.Value, method, singleKey)) };
                values.Add(new KeyValuePair<string, long>(property.Name, ReadCount(property.Value, method, property.Name)));
            }
            return values;
        }

        /// <summary>One count: a number, a numeric string, or an empty period (<c>[]</c>, <c>""</c>, <c>null</c>, <c>{}</c>) as 0.</summary>
        private long ReadCount(JsonElement value, string method, string key)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    if (value.TryGetInt64(out long whole)) return whole;
                    double real = value.GetDouble();
                    if (real >= 0 && real == Math.Floor(real) && real < long.MaxValue) return (long)real;
                    break;
                case JsonValueKind.String:
                    string text = value.GetString()!;
                    if (text.Length == 0) return 0;
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) return parsed;
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
            throw _failures.Shape(method, $"a count for '{key}'", value);
        }

        private static bool IsSingleProperty(JsonElement element)
        {
            int count = 0;
            foreach (var _ in element.EnumerateObject()) if (++count > 1) return false;
            return count == 1;
        }
    }
}
