using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>The checks of sites and dates that every query makes before any request, worded once.</summary>
    internal static class MatomoQueryChecks
    {
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

        /// <summary>The first and last day (times of day dropped): in order, and not before <see cref="MatomoVisitsQuery.EarliestDate"/>.</summary>
        /// <exception cref="MatomoArgumentException">The start is after the end, or before the earliest date.</exception>
        public static (DateTime Start, DateTime End) Dates(DateTime start, DateTime end)
        {
            start = start.Date;
            end = end.Date;
            if (start > end)
                throw new MatomoArgumentException($"The start {MatomoVisitsQuery.Iso(start)} is after the end {MatomoVisitsQuery.Iso(end)}.");
            if (start < MatomoVisitsQuery.EarliestDate)
                throw new MatomoArgumentException($"The start {MatomoVisitsQuery.Iso(start)} is before {MatomoVisitsQuery.Iso(MatomoVisitsQuery.EarliestDate)}, the earliest date Matomo answers for.");
            return (start, end);
        }
    }
}
