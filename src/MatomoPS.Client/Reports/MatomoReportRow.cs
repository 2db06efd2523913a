using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace MatomoPS.Client
{
    /// <summary>
    /// One row of a report for one site and one period: where it comes from, its label, the segment that selects its
    /// visits, its subtable, and its columns under Matomo's own names (<c>nb_visits</c>, <c>nb_hits</c>, <c>bounce_rate</c>...)
    /// in Matomo's order. Numbers are <see cref="long"/> or <see cref="double"/> (a rate is 0.43, not "43%"), text
    /// columns such as <c>url</c> are strings. The columns are read with methods, so that a row's properties are the
    /// same for every report.
    /// </summary>
    /// <remarks>
    /// A row is read from its answer's bytes lazily; the first <see cref="GetMetrics"/> makes its values its own and lets
    /// go of the answer, so rows kept after a filter hold only themselves, not the answers they came from.
    /// </remarks>
    public sealed class MatomoReportRow
    {
        private readonly MatomoReportTable.Origin _table;
        private readonly string[] _names;
        private MatomoReportCells? _cells;
        private object?[]? _values;
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
            _table = table.Source;
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
        public string Label => _label ?? (Volatile.Read(ref _cells) is { } cells ? _label = cells.TextAt(_labelAt) : _label!);

        /// <summary>
        /// The segment that selects this row's visits (Matomo's <c>segment</c> of the row), written as a user writes a segment,
        /// such as <c>pageUrl==https://example.org/en/</c>, ready for a request's segment; empty when Matomo gives none.
        /// </summary>
        public string RowSegment =>
            _rowSegment ?? (Volatile.Read(ref _cells) is { } cells ? _rowSegment = MatomoSegment.FromAnswer(cells.TextAt(_segmentAt)) : _rowSegment!);

        /// <summary>The id of the row's subtable in this period (Matomo's <c>idsubdatatable</c>); null for a row without one.</summary>
        public int? SubtableId { get; }

        /// <summary>
        /// True for the row Matomo adds up the rows it cut off into when it archived the table (its summary row): rows beyond
        /// its <c>datatable_archiving_maximum_rows_*</c> settings are folded into one row labelled <c>Others</c> (<c>-1</c>
        /// where Matomo leaves the label untranslated), which the flat report marks <c>is_summary</c>. Its figures are real,
        /// but it is not one page, country or referrer. A report asked for in another language names it in that language;
        /// then only the flat report's mark tells it.
        /// </summary>
        public bool IsOthers =>
            Label == MatomoReportTruncation.OthersLabel || Label == MatomoReportTruncation.UntranslatedOthersLabel
            || (TryGetMetric(MatomoReportTruncation.SummaryMark, out object? mark) && mark is true);

        /// <summary>The readable name of the period (<c>January</c>, <c>Week 1</c>), for charts.</summary>
        public string GetPeriodLabel() => _table.PeriodLabel;

        /// <summary>The row's columns under Matomo's names, in Matomo's order (label, segment and subtable id apart).</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> GetMetrics()
        {
            var values = Values();
            var metrics = new KeyValuePair<string, object?>[_names.Length];
            for (int i = 0; i < metrics.Length; i++) metrics[i] = new KeyValuePair<string, object?>(_names[i], values[i]);
            return metrics;
        }

        /// <summary>The names of the row's columns in Matomo's order, as <see cref="GetMetrics"/> gives them, without reading their values.</summary>
        /// <remarks>Rows of one answer with the same columns share one list.</remarks>
        public IReadOnlyList<string> GetColumnNames() => _names;

        /// <summary>One column by its Matomo name (case-sensitive, as Matomo writes it); false when the row does not have it.</summary>
        public bool TryGetMetric(string name, out object? value)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (!string.Equals(_names[i], name, StringComparison.Ordinal)) continue;
                value = Values()[i];
                return true;
            }
            value = null;
            return false;
        }

        /// <summary>
        /// The row's values, made its own at the first call; then the answer's bytes are let go. The label and segment are
        /// read first, and the cells let go last, so a reader that finds no cells finds everything else made.
        /// </summary>
        private object?[] Values()
        {
            var values = Volatile.Read(ref _values);
            if (values != null) return values;
            var cells = Volatile.Read(ref _cells);
            if (cells == null) return Volatile.Read(ref _values)!;
            _label ??= cells.TextAt(_labelAt);
            _rowSegment ??= MatomoSegment.FromAnswer(cells.TextAt(_segmentAt));
            values = new object?[_names.Length];
            for (int i = 0; i < values.Length; i++) values[i] = cells.Value(_first + i);
            Volatile.Write(ref _values, values);
            Volatile.Write(ref _cells, null);
            return values;
        }

        /// <summary>The label, the period key and the number of columns, such as <c>/en/ 2023-01 (14 columns)</c>.</summary>
        public override string ToString() =>
            $"{(Label.Length == 0 ? Report : Label)} {Key} ({_names.Length.ToString(CultureInfo.InvariantCulture)} columns)";
    }
}
