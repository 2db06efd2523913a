using System;

namespace MatomoPS.Client
{
    /// <summary>How a report is read in parts: how many requests run at once, and about how many rows one request brings.</summary>
    public sealed class MatomoReportFetchOptions
    {
        private int _throttleLimit = 4;
        private int _rowsPerRequest = 10_000;

        /// <summary>Requests in flight at once (1 to 64); their answers are written in date order all the same.</summary>
        public int ThrottleLimit
        {
            get => _throttleLimit;
            set => _throttleLimit = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), value, "The throttle limit must be between 1 and 64.");
        }

        /// <summary>Told the periods written so far and in all: first with none written, then after each part.</summary>
        public IProgress<MatomoFetchProgress>? Progress { get; set; }

        /// <summary>
        /// A limit shared with other fetches (the reports of several connections in one command): when set, every request
        /// holds it, and <see cref="ThrottleLimit"/> only says how many parts are read ahead.
        /// </summary>
        internal System.Threading.SemaphoreSlim? SharedThrottle { get; set; }

        /// <summary>
        /// About how many rows one request should bring (100 to 1,000,000; default 10,000): after the first answers,
        /// the periods of each request are chosen from the rows per period seen so far. Memory holds about
        /// <see cref="ThrottleLimit"/> + 1 requests' rows, whatever the length of the range.
        /// </summary>
        public int RowsPerRequest
        {
            get => _rowsPerRequest;
            set => _rowsPerRequest = value >= 100 && value <= 1_000_000 ? value : throw new ArgumentOutOfRangeException(nameof(RowsPerRequest), value, "The rows per request must be between 100 and 1,000,000.");
        }

        /// <summary>
        /// The cache of closed periods to read and fill (see <see cref="MatomoCacheOptions"/>); null to ask the server for
        /// every period. A report of the whole range as one table (<see cref="MatomoPeriod.Range"/>) is always asked for.
        /// </summary>
        public MatomoCacheOptions? Cache { get; set; }
    }
}
