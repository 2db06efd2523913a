using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// How a report's range is cut into requests of whole periods, so that a long range is read part by part with
    /// memory bounded by a part, not the answer. The first requests hold a few periods; later ones as many as bring
    /// about <see cref="MatomoReportFetchOptions.RowsPerRequest"/> rows, judged by the rows per period seen so far.
    /// A range (one period) is one request.
    /// </summary>
    internal sealed class MatomoReportPlan
    {
        /// <summary>The periods of each request before any answer is seen: a week of days.</summary>
        public const int FirstPeriods = 7;

        /// <summary>The most periods in one request: a year of days.</summary>
        public const int MostPeriods = 366;

        private readonly MatomoReportQuery _query;
        private readonly int _rowsPerRequest;
        private readonly List<DateTime> _starts;
        private int _next;
        private long _rowsSeen;
        private long _periodsSeen;

        public MatomoReportPlan(MatomoReportQuery query, int rowsPerRequest)
        {
            _query = query;
            _rowsPerRequest = rowsPerRequest;
            _starts = query.Period == MatomoPeriod.Range ? new List<DateTime> { query.Start } : MatomoPeriodKey.Starts(query.Period, query.Start, query.End).ToList();
        }

        /// <summary>The first and last day of the next request, or false when every period is asked for.</summary>
        public bool TryNext(out DateTime from, out DateTime to)
        {
            from = to = default;
            if (_next >= _starts.Count) return false;
            if (_query.Period == MatomoPeriod.Range)
            {
                (from, to, _next) = (_query.Start, _query.End, 1);
                return true;
            }
            int count = Math.Min(PeriodsPerRequest(), _starts.Count - _next);
            from = _next == 0 ? _query.Start : _starts[_next];
            _next += count;
            to = _next >= _starts.Count ? _query.End : MatomoPeriodKey.Next(_query.Period, _starts[_next - 1]).AddDays(-1);
            return true;
        }

        /// <summary>Learns from an answer how many rows a period holds (all sites together).</summary>
        public void Observe(IReadOnlyList<MatomoReportTable> tables)
        {
            _rowsSeen += tables.Sum(table => (long)table.Rows.Count);
            _periodsSeen += tables.Select(table => table.Key).Distinct().Count();
        }

        private int PeriodsPerRequest()
        {
            if (_periodsSeen == 0) return FirstPeriods;
            double rowsPerPeriod = Math.Max(1.0, (double)_rowsSeen / _periodsSeen);
            return (int)Math.Max(1, Math.Min(MostPeriods, Math.Floor(_rowsPerRequest / rowsPerPeriod)));
        }
    }
}
