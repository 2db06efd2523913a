using System.Collections.Generic;
using System.Linq;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// -First and -Skip of Get-MatomoReport, which page each period's table, and -IncludeTotalCount. Matomo does not say
    /// how many rows a table has beyond those it sends, so an exact total needs every row: with -IncludeTotalCount every
    /// row is asked for, counted, and each table is paged here; otherwise Matomo pages each table itself
    /// (<c>filter_limit</c>, <c>filter_offset</c>) and only the page travels.
    /// </summary>
    internal sealed class MatomoReportPaging
    {
        private readonly int? _first;
        private readonly int _skip;
        private readonly bool _count;

        /// <param name="first">The most rows of each table; null for all.</param>
        /// <param name="skip">The rows of each table to skip first.</param>
        /// <param name="count">True to count every row (-IncludeTotalCount).</param>
        public MatomoReportPaging(int? first, int skip, bool count)
        {
            _first = first;
            _skip = skip;
            _count = count;
        }

        /// <summary>The most rows of each table Matomo is asked for: null for every row.</summary>
        public int? ServerLimit => _count ? null : _first;

        /// <summary>The rows of each table Matomo is asked to skip.</summary>
        public int ServerOffset => _count ? 0 : _skip;

        /// <summary>Every row of the tables paged so far, the skipped ones included (with -IncludeTotalCount).</summary>
        public ulong Count { get; private set; }

        /// <summary>The rows of <paramref name="table"/> to write.</summary>
        public IEnumerable<MatomoReportRow> Page(MatomoReportTable table)
        {
            if (!_count) return table.Rows;
            Count += (ulong)table.Rows.Count;
            var rows = table.Rows.Skip(_skip);
            return _first.HasValue ? rows.Take(_first.Value) : rows;
        }
    }
}
