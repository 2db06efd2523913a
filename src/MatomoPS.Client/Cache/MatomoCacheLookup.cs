using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>
    /// The one walk over the periods of a read through the cache: every period of every site is looked up, and what the
    /// cache lacks becomes one span, from the first period any site lacks to the last, clipped to the days asked for.
    /// The closed periods found and missed count towards the cache's hits and misses.
    /// </summary>
    internal static class MatomoCacheLookup
    {
        /// <summary>Reads the entry of one site and period; false when the cache has none (or may not serve it).</summary>
        public delegate bool Reader<T>(int site, DateTime start, out T value);

        /// <summary>The entries found, by site and first day, and the days still to ask for (null when none).</summary>
        public static (List<(int Site, DateTime Start, T Value)> Found, (DateTime From, DateTime To)? Missing) Run<T>(
            MatomoPeriod period, DateTime from, DateTime to, IReadOnlyList<int> sites, Reader<T> read, Func<DateTime, bool> closed, MatomoAnswerCache cache)
        {
            var found = new List<(int, DateTime, T)>();
            DateTime? firstMissing = null, lastMissing = null;
            int misses = 0;
            foreach (var start in MatomoPeriodKey.Starts(period, from, to))
            {
                bool lacking = false;
                foreach (int site in sites)
                {
                    if (read(site, start, out T value))
                    {
                        found.Add((site, start, value));
                        continue;
                    }
                    lacking = true;
                    if (closed(start)) misses++;
                }
                if (!lacking) continue;
                firstMissing ??= start;
                lastMissing = start;
            }
            cache.Count(found.Count, misses);
            if (!firstMissing.HasValue) return (found, null);
            var lastDay = MatomoPeriodKey.Next(period, lastMissing!.Value).AddDays(-1);
            return (found, (firstMissing.Value < from ? from : firstMissing.Value, lastDay > to ? to : lastDay));
        }
    }
}
