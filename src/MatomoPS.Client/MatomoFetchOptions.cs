using System;

namespace MatomoPS.Client
{
    /// <summary>How many series travel together and how many requests run at once.</summary>
    public sealed class MatomoFetchOptions
    {
        private int _batchSize = 50;
        private int _throttleLimit = 4;

        /// <summary>True (default) to send series in <c>API.getBulkRequest</c> calls; false for one request per series.</summary>
        public bool UseBulk { get; set; } = true;

        /// <summary>The most series in one bulk request (1 to 1000; Matomo hosts often cap <c>max_input_vars</c> at 1000). The series are spread over <see cref="ThrottleLimit"/> requests first.</summary>
        public int BatchSize
        {
            get => _batchSize;
            set => _batchSize = value >= 1 && value <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "The batch size must be between 1 and 1000.");
        }

        /// <summary>Requests in flight at once (1 to 64); also how many requests the series are spread over, to keep that many server workers busy.</summary>
        public int ThrottleLimit
        {
            get => _throttleLimit;
            set => _throttleLimit = value >= 1 && value <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), value, "The throttle limit must be between 1 and 64.");
        }

        /// <summary>
        /// A limit shared with other fetches (several tokens on one server): when set, the requests of every fetch that
        /// shares it count together, and <see cref="ThrottleLimit"/> only shapes how the series are spread.
        /// </summary>
        internal System.Threading.SemaphoreSlim? SharedThrottle { get; set; }

        /// <summary>Told how many HTTP requests have ended and how many there are: first with none ended, then after each.</summary>
        public IProgress<MatomoFetchProgress>? Progress { get; set; }

        /// <summary>
        /// When set, a series of a segment that is 0 in every period, from a request Matomo's own guard could not
        /// watch (a bulk request, several sites, a segment too long for the URL), is checked against Matomo's visit log
        /// (<c>Live.getLastVisitsDetails</c>, one request, not retried), and this is told when the log has visits (the
        /// server never processed the segment) or could not be asked. Unsegmented series and series with any non-zero
        /// period are never checked. Called from any thread, before the series' task completes; its rows are kept as they came.
        /// </summary>
        public Action<MatomoSegmentFinding>? SegmentZeroCheck { get; set; }

        /// <summary>
        /// The cache of closed periods to read and fill (see <see cref="MatomoCacheOptions"/>); null to ask the server for every period.
        /// </summary>
        public MatomoCacheOptions? Cache { get; set; }
    }
}
