using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>
    /// Which report to read (any Matomo report method, such as <c>Actions.getPageUrls</c>) and how: the segment, and the
    /// filters and paging Matomo applies to each period's table. Checked once when made, before any site or date is
    /// known; a <see cref="MatomoReportQuery"/> adds the sites and the range.
    /// </summary>
    public sealed class MatomoReportDefinition
    {
        /// <summary>The separator of a label path: <c>de&gt;/article-1.html</c> is the row <c>/article-1.html</c> in the subtable of <c>de</c>.</summary>
        public const char LabelSeparator = '>';

        private static readonly Regex ReportName = new Regex("^[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        private static readonly Regex ColumnName = new Regex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);

        private MatomoReportDefinition() { }

        /// <summary>The report method, <c>Module.action</c>.</summary>
        public string Report { get; private set; } = string.Empty;

        /// <summary>The segment as the user wrote it; empty for none.</summary>
        public string Segment { get; private set; } = string.Empty;

        /// <summary>The segment as it goes on the wire, each value URL-encoded.</summary>
        public string EncodedSegment { get; private set; } = string.Empty;

        /// <summary>True to ask for the report flattened (<c>flat=1</c>): the rows of every subtable in one list.</summary>
        public bool Flat { get; private set; }

        /// <summary>A row's label, or a path of labels into subtables joined by <see cref="LabelSeparator"/>; empty for every row.</summary>
        public string Label { get; private set; } = string.Empty;

        /// <summary>The subtable to read instead of the report's top level (<c>idSubtable</c>); subtable ids differ per period.</summary>
        public int? SubtableId { get; private set; }

        /// <summary>A pattern (Matomo's <c>filter_pattern</c>, a regular expression) the label must match; empty for none.</summary>
        public string Filter { get; private set; } = string.Empty;

        /// <summary>The column to sort each table by; empty for Matomo's own order.</summary>
        public string SortColumn { get; private set; } = string.Empty;

        /// <summary>True to sort from the largest value down.</summary>
        public bool Descending { get; private set; }

        /// <summary>The metric columns to keep (<c>showColumns</c>); empty for all. Labels and row metadata always stay.</summary>
        public IReadOnlyList<string> Columns { get; private set; } = Array.Empty<string>();

        /// <summary>The most rows of each table (<c>filter_limit</c>); null for every row, never Matomo's default of 100.</summary>
        public int? Limit { get; private set; }

        /// <summary>The rows of each table to skip first (<c>filter_offset</c>).</summary>
        public int Offset { get; private set; }

        /// <summary>A report and how to read it; every value is checked here.</summary>
        /// <param name="report">The report method, <c>Module.action</c>.</param>
        /// <param name="segment">A segment as Matomo's UI writes it.</param>
        /// <param name="flat">True for the flattened report.</param>
        /// <param name="label">A label, or a path of labels joined by <c>&gt;</c>.</param>
        /// <param name="subtableId">The subtable to read.</param>
        /// <param name="filter">A pattern the label must match.</param>
        /// <param name="sortColumn">The column to sort by.</param>
        /// <param name="descending">True to sort from the largest value down.</param>
        /// <param name="columns">The metric columns to keep.</param>
        /// <param name="limit">The most rows of each table; null for all.</param>
        /// <param name="offset">The rows of each table to skip.</param>
        /// <exception cref="MatomoArgumentException">A value is not valid.</exception>
        public static MatomoReportDefinition Create(string report, string? segment = null, bool flat = false, string? label = null, int? subtableId = null,
            string? filter = null, string? sortColumn = null, bool descending = false, IEnumerable<string>? columns = null, int? limit = null, int offset = 0)
        {
            string name = report?.Trim() ?? string.Empty;
            if (!ReportName.IsMatch(name))
                throw new MatomoArgumentException($"'{report}' is not a report name; use the form Module.action, such as Actions.getPageUrls.");
            if (limit.HasValue && limit.Value < 1)
                throw new MatomoArgumentException($"Asking for {limit.Value} rows per period asks for nothing; ask for at least 1 row, or leave the limit out for every row.");
            if (offset < 0) throw new MatomoArgumentException($"The offset {offset} is negative; the rows to skip start at 0.");
            if (subtableId.HasValue && subtableId.Value < 1)
                throw new MatomoArgumentException($"The subtable id {subtableId.Value} is not valid; Matomo's subtable ids start at 1.");
            string path = label ?? string.Empty;
            if (label != null && (path.Trim().Length == 0 || path.Split(LabelSeparator).Any(part => part.Trim().Length == 0)))
                throw new MatomoArgumentException($"The label path '{label}' has an empty label; write the labels from the top level down, joined by '>', such as de>/article-1.html.");
            if (filter != null && filter.Length == 0) throw new MatomoArgumentException("The label pattern is empty.");
            if (filter != null) CheckPattern(filter);
            string sort = sortColumn?.Trim() ?? string.Empty;
            if (sortColumn != null && !ColumnName.IsMatch(sort))
                throw new MatomoArgumentException($"'{sortColumn}' is not a column name (letters, digits and _, such as nb_visits or label).");
            if (descending && sort.Length == 0)
                throw new MatomoArgumentException("A descending order needs a column to sort by, such as nb_visits.");
            var kept = (columns ?? Enumerable.Empty<string>()).Select(column => column?.Trim() ?? string.Empty).ToList();
            foreach (string column in kept)
                if (!ColumnName.IsMatch(column)) throw new MatomoArgumentException($"'{column}' is not a column name (letters, digits and _, such as nb_visits).");

            string readable = MatomoSegment.Given(segment);
            return new MatomoReportDefinition
            {
                Report = name,
                Segment = readable,
                EncodedSegment = MatomoSegment.Encode(readable),
                Flat = flat,
                Label = path,
                SubtableId = subtableId,
                Filter = filter ?? string.Empty,
                SortColumn = sort,
                Descending = descending,
                Columns = kept.Distinct(StringComparer.Ordinal).ToList(),
                Limit = limit,
                Offset = offset,
            };
        }

        /// <summary>
        /// A label pattern Matomo can read: a regular expression (its <c>filter_pattern</c>, read by PHP's PCRE, which
        /// agrees with .NET's on what is malformed: an open bracket or group, a lone quantifier). A malformed one makes
        /// Matomo match nothing, in silence.
        /// </summary>
        private static void CheckPattern(string filter)
        {
            try
            {
                _ = new Regex(filter, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException error)
            {
                throw new MatomoArgumentException($"The label pattern '{filter}' is not a valid regular expression: {error.Message} Escape a character meant literally, such as \\[ for [.");
            }
        }

        /// <summary>The same reading of another report: the server's own spelling of the name given, found in its report list.</summary>
        /// <exception cref="MatomoArgumentException">The name is not of the form Module.action.</exception>
        public MatomoReportDefinition WithReport(string report)
        {
            string name = report?.Trim() ?? string.Empty;
            if (!ReportName.IsMatch(name))
                throw new MatomoArgumentException($"'{report}' is not a report name; use the form Module.action, such as Actions.getPageUrls.");
            var copy = (MatomoReportDefinition)MemberwiseClone();
            copy.Report = name;
            return copy;
        }

        /// <summary>The same reading of every row of each table: without -First and -Skip's limit and offset.</summary>
        public MatomoReportDefinition WithoutPaging()
        {
            var copy = (MatomoReportDefinition)MemberwiseClone();
            copy.Limit = null;
            copy.Offset = 0;
            return copy;
        }

        /// <summary>The parameters of the report's reading, after the sites and the range: segment, filters, paging, columns.</summary>
        internal IEnumerable<KeyValuePair<string, string>> Parameters()
        {
            // Rates as numbers (0.43), not as Matomo's display text ("43%").
            yield return MatomoRequest.Pair("format_metrics", "0");
            yield return MatomoRequest.Pair("filter_limit", Limit.HasValue ? Limit.Value.ToString(CultureInfo.InvariantCulture) : "-1");
            if (Offset > 0) yield return MatomoRequest.Pair("filter_offset", Offset.ToString(CultureInfo.InvariantCulture));
            if (EncodedSegment.Length > 0) yield return MatomoRequest.Pair("segment", EncodedSegment);
            if (Flat) yield return MatomoRequest.Pair("flat", "1");
            if (Label.Length > 0) yield return MatomoRequest.Pair("label", Label);
            if (SubtableId.HasValue) yield return MatomoRequest.Pair("idSubtable", SubtableId.Value.ToString(CultureInfo.InvariantCulture));
            if (Filter.Length > 0) yield return MatomoRequest.Pair("filter_pattern", Filter);
            if (SortColumn.Length > 0)
            {
                yield return MatomoRequest.Pair("filter_sort_column", SortColumn);
                yield return MatomoRequest.Pair("filter_sort_order", Descending ? "desc" : "asc");
            }
            if (Columns.Count > 0) yield return MatomoRequest.Pair("showColumns", string.Join(",", Columns));
        }
    }
}
