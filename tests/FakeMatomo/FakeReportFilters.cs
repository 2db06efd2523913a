using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FakeMatomo
{
    /// <summary>
    /// What Matomo does to one period's report table before it answers, in Matomo's order: the subtable asked for
    /// (<c>idSubtable</c>), flattening (<c>flat</c>), the row a label path names (<c>label</c>, an empty table when nothing
    /// matches), then its generic filters on the top level: <c>filter_pattern</c> (a case-insensitive pattern on the
    /// label), <c>filter_sort_column</c>/<c>filter_sort_order</c>, <c>filter_offset</c> and <c>filter_limit</c> (100 rows
    /// unless told), and last <c>showColumns</c>.
    /// </summary>
    public sealed class FakeReportFilters
    {
        private const int DefaultLimit = 100;

        private FakeReportFilters() { }

        public bool Flat { get; private set; }
        public bool Expanded { get; private set; }
        public bool RawMetrics { get; private set; }
        public string? Label { get; private set; }
        public int? SubtableId { get; private set; }
        public string? Pattern { get; private set; }
        public string SortColumn { get; private set; } = "nb_visits";
        public bool Ascending { get; private set; }
        public int Limit { get; private set; } = DefaultLimit;
        public int Offset { get; private set; }
        public HashSet<string>? Columns { get; private set; }

        public static FakeReportFilters From(IReadOnlyDictionary<string, string> parameters)
        {
            string? Text(string name) => parameters.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;
            int Whole(string name, int fallback) =>
                int.TryParse(Text(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value : fallback;
            return new FakeReportFilters
            {
                Flat = Text("flat") == "1",
                Expanded = Text("expanded") == "1",
                RawMetrics = Text("format_metrics") == "0",
                Label = Text("label"),
                SubtableId = Text("idSubtable") is string id ? Whole("idSubtable", 0) : (int?)null,
                Pattern = Text("filter_pattern"),
                SortColumn = Text("filter_sort_column") ?? "nb_visits",
                Ascending = Text("filter_sort_order") == "asc",
                Limit = Whole("filter_limit", DefaultLimit),
                Offset = Math.Max(0, Whole("filter_offset", 0)),
                Columns = Text("showColumns")?.Split(',').Select(name => name.Trim()).Where(name => name.Length > 0).ToHashSet(),
            };
        }

        /// <summary>The answer for one period: the table's rows after every filter, as a JSON list.</summary>
        public JsonArray Apply(List<FakeReportRow> table, Func<FakeReportRow, FakeReportRow> flatRow)
        {
            IEnumerable<FakeReportRow> rows = table;
            if (SubtableId.HasValue) rows = FindSubtable(table, SubtableId.Value) ?? new List<FakeReportRow>();
            if (Flat) rows = Flatten(rows, flatRow);
            if (Label != null) rows = FindLabel(rows.ToList(), Label);
            if (Pattern != null)
            {
                var pattern = new Regex(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                rows = rows.Where(row => pattern.IsMatch(row.Label));
            }
            // Matomo sorts every table, by nb_visits from the most unless told otherwise; rows that tie keep their order.
            {
                var keyed = rows.Select((row, index) => (row, index));
                rows = (SortColumn == "label"
                    ? (Ascending ? keyed.OrderBy(item => item.row.Label, StringComparer.Ordinal) : keyed.OrderByDescending(item => item.row.Label, StringComparer.Ordinal))
                    : (Ascending ? keyed.OrderBy(item => item.row.Number(SortColumn)) : keyed.OrderByDescending(item => item.row.Number(SortColumn))))
                    .ThenBy(item => item.index).Select(item => item.row);
            }
            rows = rows.Skip(Offset);
            if (Limit >= 0) rows = rows.Take(Limit);
            if (Columns != null) rows = rows.Select(row => row.Keep(Columns));
            return new JsonArray(rows.Select(row => (JsonNode)row.Render(RawMetrics, Expanded && !Flat)).ToArray());
        }

        private static List<FakeReportRow>? FindSubtable(List<FakeReportRow> rows, int id)
        {
            foreach (var row in rows)
            {
                if (row.Subtable == null) continue;
                if (row.SubtableId == id) return row.Subtable;
                var deeper = FindSubtable(row.Subtable, id);
                if (deeper != null) return deeper;
            }
            return null;
        }

        /// <summary>The rows of every subtable in one list, as <c>flat=1</c> gives them (the report names each row by its whole path).</summary>
        private static IEnumerable<FakeReportRow> Flatten(IEnumerable<FakeReportRow> rows, Func<FakeReportRow, FakeReportRow> flatRow)
        {
            foreach (var row in rows)
            {
                if (row.IsSummary) yield return row.MarkedSummary();
                else if (row.Subtable == null) yield return flatRow(row);
                else foreach (var child in Flatten(row.Subtable, flatRow)) yield return child;
            }
        }

        /// <summary>The row a path of labels (<c>de&gt;/article-1.html</c>) names, without its subtable; none when a label does not match exactly.</summary>
        private static IEnumerable<FakeReportRow> FindLabel(List<FakeReportRow> rows, string path)
        {
            var level = rows;
            FakeReportRow? found = null;
            foreach (string label in path.Split('>'))
            {
                found = level?.FirstOrDefault(row => row.Label == label);
                if (found == null) return Enumerable.Empty<FakeReportRow>();
                level = found.Subtable;
            }
            var copy = new FakeReportRow(found!.Label);
            copy.Columns.AddRange(found.Columns);
            return new[] { copy };
        }
    }
}
