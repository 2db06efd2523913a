using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>
    /// What <c>CoreAdminHome.invalidateArchivedReports</c> did: the reports of these sites, periods and segment are marked
    /// for processing again. Matomo serves them as before until then; the reports of the weeks, months and years that
    /// hold these periods are invalidated with them.
    /// </summary>
    public sealed class MatomoArchiveInvalidation
    {
        /// <summary>What Matomo does next, in a sentence a person reads.</summary>
        public const string NextStep = "Matomo serves these reports as before until its next archiving run (core:archive) processes them again "
            + "from the visit log; with browser-triggered archiving on, the next request for them does.";

        /// <summary>The sites whose reports were invalidated.</summary>
        public IReadOnlyList<int> SiteId { get; set; } = Array.Empty<int>();

        /// <summary>The period of the reports invalidated (the weeks, months and years that hold them go too).</summary>
        public MatomoPeriod Period { get; set; }

        /// <summary>The first day of the first period invalidated.</summary>
        public DateTime Start { get; set; }

        /// <summary>The last day of the last period invalidated.</summary>
        public DateTime End { get; set; }

        /// <summary>The dates sent, one per period (a range as <c>START,END</c>).</summary>
        public IReadOnlyList<string> Dates { get; set; } = Array.Empty<string>();

        /// <summary>The segment whose reports were invalidated; empty for the reports of all visits.</summary>
        public string Segment { get; set; } = string.Empty;

        /// <summary>True when the shorter periods inside each period were invalidated too.</summary>
        public bool CascadeDown { get; set; }

        /// <summary>Matomo's own lines about it, such as "Success. The following dates were invalidated successfully: 2023-03-10".</summary>
        public IReadOnlyList<string> Messages { get; set; } = Array.Empty<string>();

        /// <summary>The entries of these sites and days the local cache held, and dropped.</summary>
        public int CacheEntriesRemoved { get; set; }

        /// <summary>What happens next: see <see cref="NextStep"/>.</summary>
        public string Note => NextStep;

        /// <summary>The period, the days and the sites, such as <c>Day 2023-03-10 to 2023-03-10 of site 2</c>.</summary>
        public override string ToString() =>
            $"{Period} {MatomoDateRange.Iso(Start)} to {MatomoDateRange.Iso(End)} of site{(SiteId.Count == 1 ? string.Empty : "s")} {string.Join(", ", SiteId)}";
    }
}
