using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>
    /// How the series of one call are cut into requests. Matomo works through a bulk request's sub-requests one
    /// after another in one PHP worker, so one big bulk request leaves the server's other workers idle: the series
    /// are spread over as many requests as may run at once (the throttle limit), in sizes as equal as possible,
    /// and no request holds more than the batch size. 31 series, throttle 4, batch 50: 8, 8, 8, 7. The client deals
    /// the series to these requests in turn (series 1, 5, 9... in the first), so the busiest, listed first, spread out.
    /// </summary>
    internal static class MatomoBatchPlan
    {
        /// <summary>The number of series in each request of a fetch with these options (one series each without bulk requests).</summary>
        /// <param name="series">How many series the call fetches.</param>
        /// <param name="options">The fetch's throttle limit, batch size and use of bulk requests.</param>
        public static IReadOnlyList<int> Sizes(int series, MatomoFetchOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            return Sizes(series, options.ThrottleLimit, options.UseBulk ? options.BatchSize : 1);
        }

        /// <summary>The number of series in each request, in order; their sum is <paramref name="series"/>.</summary>
        /// <param name="series">How many series the call fetches.</param>
        /// <param name="throttleLimit">How many requests may run at once.</param>
        /// <param name="batchSize">The most series one request may hold (1 sends each series alone).</param>
        public static IReadOnlyList<int> Sizes(int series, int throttleLimit, int batchSize)
        {
            if (series < 0) throw new ArgumentOutOfRangeException(nameof(series));
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit));
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
            if (series == 0) return Array.Empty<int>();
            int requests = Math.Max(Math.Min(series, throttleLimit), (series + batchSize - 1) / batchSize);
            var sizes = new int[requests];
            for (int i = 0; i < requests; i++)
                sizes[i] = series / requests + (i < series % requests ? 1 : 0);
            return sizes;
        }
    }
}
