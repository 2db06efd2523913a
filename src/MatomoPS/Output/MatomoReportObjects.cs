using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// How a report row reaches the pipeline: the typed row (for the commands that take report rows) with a note
    /// property for every fixed field and every column, in the order Export-Csv writes them: SiteId, Period, Date,
    /// EndDate, Key, Report, Segment, Label, the columns under Matomo's names, RowSegment, SubtableId, IsOthers (Matomo's
    /// sum of the rows it cut off when it archived the table). The first of
    /// its type names selects a table view of the report's main metrics.
    /// </summary>
    /// <remarks>
    /// Matomo leaves a column out of a row when it is 0 (a page nobody entered on has no entry_nb_visits), and Export-Csv
    /// takes its columns from the first object only. So every row gets every column seen so far in the report (the rows
    /// of one part of the answer are looked at before any of them is written), empty where the row has none.
    /// </remarks>
    internal static class MatomoReportObjects
    {
        /// <summary>The type name every report row carries in front of MatomoPS.Client.MatomoReportRow (then the view's own).</summary>
        public const string BaseTypeName = "MatomoPS.MatomoReportRow";

        /// <summary>The most metric columns the table view shows; Export-Csv and Format-List show every one.</summary>
        public const int ViewMetrics = 4;

        private static readonly HashSet<string> Fixed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "SiteId", "Period", "Date", "EndDate", "Key", "Report", "Segment", "Label", "RowSegment", "SubtableId", "IsOthers",
        };

        /// <summary>
        /// The properties of a report's columns, worked out once for all the rows written with them: each column's property
        /// name, and the place of its value. Two columns whose names differ only in case share the first one's property.
        /// </summary>
        internal sealed class ColumnProperties
        {
            private readonly Dictionary<string, int> _placeOf = new Dictionary<string, int>(StringComparer.Ordinal);

            public ColumnProperties(IEnumerable<string> columns)
            {
                var names = new List<string>();
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (string column in columns)
                {
                    string name = PropertyName(column);
                    if (!seen.Add(name)) continue;
                    _placeOf[column] = names.Count;
                    names.Add(name);
                }
                Names = names;
            }

            /// <summary>The property names, in the order of the columns.</summary>
            public IReadOnlyList<string> Names { get; }

            /// <summary>The row's values in the order of <see cref="Names"/>, null where the row has none.</summary>
            public object?[] ValuesOf(MatomoReportRow row)
            {
                var values = new object?[Names.Count];
                foreach (var column in row.GetMetrics())
                    if (_placeOf.TryGetValue(column.Key, out int place)) values[place] = column.Value;
                return values;
            }
        }

        /// <summary>The row as the pipeline gets it, with a property for each of the <paramref name="columns"/> (null where the row has none).</summary>
        public static PSObject ToObject(MatomoReportRow row, string? viewTypeName, ColumnProperties columns)
        {
            var item = new PSObject(row);
            item.TypeNames.Insert(0, BaseTypeName);
            if (viewTypeName != null) item.TypeNames.Insert(0, viewTypeName);
            var properties = item.Properties;
            properties.Add(new PSNoteProperty("SiteId", row.SiteId));
            properties.Add(new PSNoteProperty("Period", row.Period));
            properties.Add(new PSNoteProperty("Date", row.Date));
            properties.Add(new PSNoteProperty("EndDate", row.EndDate));
            properties.Add(new PSNoteProperty("Key", row.Key));
            properties.Add(new PSNoteProperty("Report", row.Report));
            properties.Add(new PSNoteProperty("Segment", row.Segment));
            properties.Add(new PSNoteProperty("Label", row.Label));
            var values = columns.ValuesOf(row);
            for (int i = 0; i < values.Length; i++) properties.Add(new PSNoteProperty(columns.Names[i], values[i]));
            properties.Add(new PSNoteProperty("RowSegment", row.RowSegment));
            properties.Add(new PSNoteProperty("SubtableId", row.SubtableId));
            properties.Add(new PSNoteProperty("IsOthers", row.IsOthers));
            return item;
        }

        /// <summary>
        /// With -Compare: for each of <paramref name="compared"/> (the report's number columns), the value of the row with
        /// the same label in the compared period (<c>nb_visits_previous</c>, empty when that period has no such row) and the
        /// change as a fraction (<c>nb_visits_change</c>, empty without a value before or from 0).
        /// </summary>
        public static void AddComparison(PSObject item, MatomoReportRow row, MatomoReportRow? previous, IReadOnlyList<string> compared)
        {
            foreach (string column in compared)
            {
                object? before = null;
                if (previous != null && previous.TryGetMetric(column, out object? value) && IsNumber(value)) before = value;
                object? now = row.TryGetMetric(column, out object? current) && IsNumber(current) ? current : null;
                item.Properties.Add(new PSNoteProperty(PropertyName(column) + "_previous", before));
                item.Properties.Add(new PSNoteProperty(PropertyName(column) + "_change",
                    MatomoComparedPeriods.Change(now == null ? (double?)null : Convert.ToDouble(now, System.Globalization.CultureInfo.InvariantCulture),
                        before == null ? (double?)null : Convert.ToDouble(before, System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        /// <summary>The columns of <paramref name="rows"/> that hold numbers in at least one row, in the order of <paramref name="columns"/>.</summary>
        public static IReadOnlyList<string> NumberColumns(IReadOnlyList<string> columns, IReadOnlyList<MatomoReportRow> rows) =>
            columns.Where(column => column != MatomoReportTruncation.SummaryMark && rows.Any(row => row.TryGetMetric(column, out object? value) && IsNumber(value))).ToList();

        private static bool IsNumber(object? value) => value is long || value is double;

        /// <summary>
        /// Adds the columns of <paramref name="rows"/> that <paramref name="columns"/> lacks, in the order first met; true
        /// when it added any. Only the column names are read, once per list of names the rows share.
        /// </summary>
        public static bool AddColumns(List<string> columns, IEnumerable<MatomoReportRow> rows)
        {
            var known = new HashSet<string>(columns, StringComparer.Ordinal);
            int before = columns.Count;
            IReadOnlyList<string>? last = null;
            foreach (var row in rows)
            {
                var names = row.GetColumnNames();
                if (ReferenceEquals(names, last)) continue;
                last = names;
                foreach (string column in names)
                    if (known.Add(column)) columns.Add(column);
            }
            return columns.Count > before;
        }

        /// <summary>
        /// The property of a column: Matomo's name, unless PowerShell (whose property names ignore case) would take it
        /// for a fixed property; then it gets a <c>Column_</c> prefix.
        /// </summary>
        public static string PropertyName(string column) => Fixed.Contains(column) ? "Column_" + column : column;

        /// <summary>
        /// The columns of the table view: the site when there are several, the period's key, the label, then the
        /// columns asked for, else the report's own metrics that the rows have (from the report metadata), else the
        /// first numeric columns of the rows.
        /// </summary>
        public static IReadOnlyList<string> ViewColumns(IReadOnlyList<MatomoReportRow> rows, MatomoReportMetadata? metadata, IReadOnlyList<string> asked, bool severalSites)
        {
            var present = new List<string>();
            foreach (var row in rows.Take(200))
                foreach (var column in row.GetMetrics())
                    if (!present.Contains(column.Key) && (column.Value is long || column.Value is double)) present.Add(column.Key);
            IEnumerable<string> metrics = asked.Count > 0
                ? asked.Where(present.Contains)
                : (metadata?.Metrics.Where(metric => !metric.Processed).Select(metric => metric.Name).Where(present.Contains) ?? Enumerable.Empty<string>());
            var chosen = metrics.Take(ViewMetrics).ToList();
            if (chosen.Count == 0) chosen = present.Take(ViewMetrics).ToList();
            var columns = new List<string>();
            if (severalSites) columns.Add("SiteId");
            columns.Add("Key");
            columns.Add("Label");
            columns.AddRange(chosen.Select(PropertyName));
            return columns;
        }
    }
}
