using System.Collections.Generic;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// The total number of rows of a report, for -IncludeTotalCount, as far as the answers tell it. Matomo does not
    /// say how many rows a table has beyond the ones it sends, so a table is counted exactly when it sent fewer rows
    /// than the limit (all of them after the skipped ones); when it sent as many as the limit, or nothing after a skip,
    /// the total is a lower bound and its accuracy 0.
    /// </summary>
    internal sealed class MatomoReportTotal
    {
        private readonly int? _limit;
        private readonly int _offset;
        private bool _exact = true;

        public MatomoReportTotal(int? limit, int offset)
        {
            _limit = limit;
            _offset = offset;
        }

        /// <summary>The rows of every table so far, the skipped ones included.</summary>
        public ulong Count { get; private set; }

        /// <summary>1 when <see cref="Count"/> is exact, 0 when it is at least that many.</summary>
        public double Accuracy => _exact ? 1.0 : 0.0;

        public void Add(IEnumerable<MatomoReportTable> tables)
        {
            foreach (var table in tables)
            {
                int rows = table.Rows.Count;
                bool full = _limit.HasValue && rows >= _limit.Value;
                bool skippedAll = rows == 0 && _offset > 0;
                if (full || skippedAll) _exact = false;
                Count += (ulong)(skippedAll ? 0 : _offset + rows);
            }
        }
    }
}
