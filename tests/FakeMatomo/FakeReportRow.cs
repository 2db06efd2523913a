using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace FakeMatomo
{
    /// <summary>
    /// One row of a report table of the double: its label, then its columns in the order Matomo writes them (metrics,
    /// then metadata such as <c>url</c>, <c>segment</c> and <c>idsubdatatable</c>), and the rows of its subtable.
    /// Rates are kept as fractions and written as Matomo formats them when the answer is made.
    /// </summary>
    public sealed class FakeReportRow
    {
        /// <summary>Columns kept by showColumns whatever it names: what a row is, not what it counts.</summary>
        public static readonly HashSet<string> Metadata = new HashSet<string>
        {
            "url", "Actions_PageUrl", "Actions_PageTitle", "segment", "idsubdatatable", "code", "logo", "logoHeight", "referrer_type", "is_summary",
        };

        /// <summary>Columns that are rates: 0.39 with format_metrics=0, else "39%".</summary>
        public static readonly HashSet<string> Rates = new HashSet<string> { "bounce_rate", "exit_rate" };

        public FakeReportRow(string label) => Label = label;

        public string Label { get; }

        /// <summary>Every column after the label, in Matomo's order.</summary>
        public List<KeyValuePair<string, JsonNode?>> Columns { get; } = new List<KeyValuePair<string, JsonNode?>>();

        /// <summary>The rows of the row's subtable; null for a row without one.</summary>
        public List<FakeReportRow>? Subtable { get; set; }

        /// <summary>The row's subtable id in this period's table.</summary>
        public int? SubtableId => Column("idsubdatatable") is JsonValue value ? value.GetValue<int>() : (int?)null;

        public FakeReportRow Add(string name, JsonNode? value)
        {
            Columns.Add(new KeyValuePair<string, JsonNode?>(name, value));
            return this;
        }

        public JsonNode? Column(string name) => Columns.FirstOrDefault(pair => pair.Key == name).Value;

        /// <summary>A column as a number for sorting: a missing or non-numeric column counts as 0.</summary>
        public double Number(string name)
        {
            var value = Column(name);
            if (value is not JsonValue scalar) return 0;
            if (scalar.TryGetValue(out long whole)) return whole;
            if (scalar.TryGetValue(out double real)) return real;
            return scalar.TryGetValue(out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out real) ? real : 0;
        }

        /// <summary>True for Matomo's summary row, the sum of the rows it cut off when it archived the table.</summary>
        public bool IsSummary { get; private set; }

        /// <summary>
        /// The table as Matomo archives it under a row limit: its <paramref name="limit"/> busiest rows, then one row
        /// labelled Others with the whole-number columns of the rest added up.
        /// </summary>
        public static List<FakeReportRow> Truncate(List<FakeReportRow> rows, int limit)
        {
            if (rows.Count <= limit) return rows;
            var ranked = rows.Select((row, index) => (row, index)).OrderByDescending(item => item.row.Number("nb_visits")).ThenBy(item => item.index).Select(item => item.row).ToList();
            var sums = new Dictionary<string, long>();
            foreach (var row in ranked.Skip(limit))
                foreach (var pair in row.Columns)
                    if (!Metadata.Contains(pair.Key) && pair.Value is JsonValue value && value.TryGetValue(out long whole))
                        sums[pair.Key] = (sums.TryGetValue(pair.Key, out long sum) ? sum : 0) + whole;
            var others = new FakeReportRow("Others") { IsSummary = true };
            foreach (var pair in sums) others.Add(pair.Key, JsonValue.Create(pair.Value));
            return ranked.Take(limit).Append(others).ToList();
        }

        /// <summary>The summary row as the flat report writes it: marked is_summary.</summary>
        public FakeReportRow MarkedSummary()
        {
            var copy = new FakeReportRow(Label) { IsSummary = true };
            copy.Columns.AddRange(Columns);
            copy.Add("is_summary", JsonValue.Create(true));
            return copy;
        }

        /// <summary>A copy that keeps the label, the metadata and the named metrics only (showColumns).</summary>
        public FakeReportRow Keep(ICollection<string> metrics)
        {
            var copy = new FakeReportRow(Label) { Subtable = Subtable, IsSummary = IsSummary };
            foreach (var pair in Columns)
                if (Metadata.Contains(pair.Key) || metrics.Contains(pair.Key)) copy.Columns.Add(pair);
            return copy;
        }

        /// <summary>
        /// The row as Matomo writes it: label first, rates as numbers or as percent text, and for an expanded report the
        /// subtable's rows under <c>subtable</c> (after <c>idsubdatatable</c>, which then comes before <c>segment</c>).
        /// </summary>
        public JsonObject Render(bool rawMetrics, bool expanded)
        {
            var row = new JsonObject { ["label"] = Label };
            bool nest = expanded && Subtable != null;
            foreach (var pair in Columns)
            {
                if (nest && pair.Key == "idsubdatatable") continue;
                if (nest && pair.Key == "segment") row["idsubdatatable"] = Column("idsubdatatable")?.DeepClone();
                if (expanded && pair.Key == "avg_page_load_time" && !IsFolder) continue;
                row[pair.Key] = Rates.Contains(pair.Key) ? Rate(pair.Value, rawMetrics) : pair.Value?.DeepClone();
            }
            if (nest) row["subtable"] = new JsonArray(Subtable!.Select(child => (JsonNode)child.Render(rawMetrics, expanded)).ToArray());
            return row;
        }

        private bool IsFolder => Subtable != null;

        private static JsonNode Rate(JsonNode? value, bool raw)
        {
            double fraction = value is JsonValue scalar && scalar.TryGetValue(out double real) ? real : 0;
            if (raw) return Number(Math.Round(fraction, 2, MidpointRounding.AwayFromZero));
            return JsonValue.Create(Math.Round(100 * fraction, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + "%")!;
        }

        /// <summary>A number as PHP's json_encode writes it: 0 and 1 without a fraction, else as it is.</summary>
        public static JsonNode Number(double value) =>
            value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

        public override string ToString() => Label;
    }
}
