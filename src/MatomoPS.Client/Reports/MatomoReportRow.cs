using System;
using System.Collections.Generic;
using System.Globalization;

namespace MatomoPS.Client
{
    /// <summary>
    /// One row of a report for one site and one period: where it comes from, its label, the segment that selects its
    /// visits, its subtable, and its columns under Matomo's own names (<c>nb_visits</c>, <c>nb_hits</c>, <c>bounce_rate</c>...)
    /// in Matomo's order. Numbers are <see cref="long"/> or <see cref="double"/> (a rate is 0.43, not "43%"), text
    /// columns such as <c>url</c> are strings. The columns are read with methods, so that a row's properties are the
    /// same for every report.
    /// </summary>
    public sealed class MatomoReportRow
    {
        private readonly MatomoReportTable _table;
        private readonly MatomoReportCells _cells;
        private readonly string[] _names;
        private readonly int _first;
        private readonly long _labelAt;
        private readonly long _segmentAt;
        private string? _label;
        private string? _rowSegment;

        /// <summary>
        /// A row whose columns <paramref name="names"/> are the cells from <paramref name="first"/> on; its label and segment
        /// are texts of the answer (see <see cref="MatomoReportCells.Reference"/>, -1 for none).
        /// </summary>
        internal MatomoReportRow(MatomoReportTable table, MatomoReportCells cells, string[] names, int first, long labelAt, long segmentAt, int? subtableId)
        {
            _table = table;
            _cells = cells;
            _names = names;
            _first = first;
            _labelAt = labelAt;
            _segmentAt = segmentAt;
            SubtableId = subtableId;
        }

        /// <summary>The Matomo site id.</summary>
        public int SiteId => _table.SiteId;

        /// <summary>The period the row covers.</summary>
        public MatomoPeriod Period => _table.Period;

        /// <summary>The first day of the period.</summary>
        public DateTime Date => _table.Date;

        /// <summary>The last day of the period.</summary>
        public DateTime EndDate => _table.EndDate;

        /// <summary>Matomo's own date key, such as <c>2023-01-05</c>, <c>2023-01</c>, or <c>2023-01-01,2023-01-31</c> for a range.</summary>
        public string Key => _table.Key;

        /// <summary>The report method, such as <c>Actions.getPageUrls</c>.</summary>
        public string Report => _table.Report;

        /// <summary>The segment the report was asked for, as given; empty for none.</summary>
        public string Segment => _table.Segment;

        /// <summary>The row's label (a page, a country, a browser...), as Matomo's reports show it; empty for a report without labels.</summary>
        public string Label => _label ??= _cells.TextAt(_labelAt);

        /// <summary>
        /// The segment that selects this row's visits (Matomo's <c>segment</c> of the row), written as a user writes a segment,
        /// such as <c>pageUrl==https://example.org/en/</c>, ready for a request's segment; empty when Matomo gives none.
        /// </summary>
        public string RowSegment => _rowSegment ??= MatomoSegment.FromAnswer(_cells.TextAt(_segmentAt));

        /// <summary>The id of the row's subtable in this period (Matomo's <c>idsubdatatable</c>); null for a row without one.</summary>
        public int? SubtableId { get; }

        /// <summary>The readable name of the period (<c>January</c>, <c>Week 1</c>), for charts.</summary>
        public string GetPeriodLabel() => _table.PeriodLabel;

        /// <summary>The row's columns under Matomo's names, in Matomo's order (label, segment and subtable id apart).</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> GetMetrics()
        {
            var metrics = new KeyValuePair<string, object?>[_names.Length];
            for (int i = 0; i < metrics.Length; i++) metrics[i] = new KeyValuePair<string, object?>(_names[i], _cells.Value(_first + i));
            return metrics;
        }

        /// <summary>One column by its Matomo name (case-sensitive, as Matomo writes it); false when the row does not have it.</summary>
        public bool TryGetMetric(string name, out object? value)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (!string.Equals(_names[i], name, StringComparison.Ordinal)) continue;
                value = _cells.Value(_first + i);
                return true;
            }
            value = null;
            return false;
        }

        /// <summary>The label, the period key and the number of columns, such as <c>/en/ 2023-01 (14 columns)</c>.</summary>
        public override string ToString() =>
            $"{(Label.Length == 0 ? Report : Label)} {Key} ({_names.Length.ToString(CultureInfo.InvariantCulture)} columns)";
    }
}
