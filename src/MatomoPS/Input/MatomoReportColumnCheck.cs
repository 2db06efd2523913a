using System;
using System.Collections.Generic;
using System.Linq;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// Checks -Sort and -Column of Get-MatomoReport against the columns the report has. Matomo ignores a sort column it
    /// does not know and drops every metric for a column list it does not know, without a word; so the names are checked
    /// at the first answer with rows, against the report's metrics in the server's report list and the columns of those
    /// rows (the list does not name every column, such as sum_time_spent of the page report). An unknown name ends the
    /// command before any row is written, listing the report's columns.
    /// </summary>
    internal sealed class MatomoReportColumnCheck
    {
        private readonly MatomoReportDefinition _definition;
        private readonly MatomoReportMetadata? _metadata;
        private bool _checked;

        public MatomoReportColumnCheck(MatomoReportDefinition definition, MatomoReportMetadata? metadata)
        {
            _definition = definition;
            _metadata = metadata;
            _checked = definition.SortColumn.Length == 0 && definition.Columns.Count == 0;
        }

        /// <summary>Checks the names once, at the first rows.</summary>
        /// <exception cref="MatomoArgumentException">A -Sort or -Column name is not a column of the report.</exception>
        public void Check(IReadOnlyCollection<MatomoReportRow> rows)
        {
            if (_checked || rows.Count == 0) return;
            _checked = true;
            var known = new List<string>();
            if (_metadata != null) known.AddRange(_metadata.Metrics.Select(metric => metric.Name));
            MatomoReportObjects.AddColumns(known, rows);
            var names = new HashSet<string>(known, StringComparer.Ordinal);
            var unknown = _definition.Columns.Where(column => !names.Contains(column)).Select(column => "-Column " + column).ToList();
            string sort = _definition.SortColumn;
            if (sort.Length > 0 && sort != "label" && !names.Contains(sort)) unknown.Insert(0, "-Sort " + sort);
            if (unknown.Count == 0) return;
            var listed = known.Distinct(StringComparer.Ordinal).Where(column => column != MatomoReportTruncation.SummaryMark).ToList();
            throw new MatomoArgumentException(
                $"{_definition.Report} has no column named by {string.Join(" and ", unknown)} (Matomo would ignore it without a word). "
                + $"Its columns are {string.Join(", ", listed)}{(sort.Length > 0 ? ", and label for -Sort" : string.Empty)}. Names are case-sensitive.");
        }
    }
}
