using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>The checks of sites and dates that every query makes before any request, worded once.</summary>
    internal static class MatomoQueryChecks
    {
        /// <summary>What Matomo does with days too far ahead, in the words of every message about it.</summary>
        public const string Horizon = "Matomo answers no day after 31 December ten years from now by its own clock";

        /// <summary>The sites, in order: at least one, each a valid id, none twice.</summary>
        /// <exception cref="MatomoArgumentException">A site id is missing, not valid, or given twice.</exception>
        public static int[] SiteIds(IEnumerable<int> siteIds)
        {
            var ids = (siteIds ?? throw new ArgumentNullException(nameof(siteIds))).ToArray();
            if (ids.Length == 0) throw new MatomoArgumentException("No site id was given.");
            foreach (int id in ids) SiteId(id);
            if (ids.Distinct().Count() != ids.Length) throw new MatomoArgumentException("A site id is given more than once.");
            return ids;
        }

        /// <summary>Checks one site id: Matomo's start at 1.</summary>
        /// <exception cref="MatomoArgumentException">The site id is not valid.</exception>
        public static void SiteId(int id)
        {
            if (id < 1) throw new MatomoArgumentException($"The site id {id} is not valid; Matomo site ids start at 1.");
        }

        /// <summary>
        /// The first and last day (times of day dropped): in order, not before <see cref="MatomoDateRange.EarliestDate"/>
        /// and not after <see cref="MatomoDateRange.LatestDate"/>.
        /// </summary>
        /// <exception cref="MatomoArgumentException">The start is after the end, or a date lies outside what Matomo answers.</exception>
        public static (DateTime Start, DateTime End) Dates(DateTime start, DateTime end)
        {
            start = start.Date;
            end = end.Date;
            // The latest date first: a start far in the future is after the end too, but that says less about what is wrong.
            var latest = MatomoDateRange.LatestDate;
            if (start > latest) throw AfterLatest("start", start, latest);
            if (end > latest) throw AfterLatest("end", end, latest);
            if (start > end)
                throw new MatomoArgumentException($"The start {MatomoDateRange.Iso(start)} is after the end {MatomoDateRange.Iso(end)}.");
            if (start < MatomoDateRange.EarliestDate)
                throw new MatomoArgumentException($"The start {MatomoDateRange.Iso(start)} is before {MatomoDateRange.Iso(MatomoDateRange.EarliestDate)}, the earliest date Matomo answers for.");
            return (start, end);
        }

        private static MatomoArgumentException AfterLatest(string which, DateTime date, DateTime latest) =>
            new MatomoArgumentException($"The {which} {MatomoDateRange.Iso(date)} is after {MatomoDateRange.Iso(latest)}, the latest date MatomoPS asks for: "
                + Horizon + " and cuts a range that goes further short.");
    }
}
