using System;
using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>
    /// Which archived reports to invalidate (<c>CoreAdminHome.invalidateArchivedReports</c>): sites, the periods of a
    /// range, optionally only a segment's, and whether the days and weeks inside each period go too. Checked when made.
    /// </summary>
    public sealed class MatomoInvalidationQuery
    {
        /// <summary>The API method that invalidates archived reports.</summary>
        public const string Method = "CoreAdminHome.invalidateArchivedReports";

        private MatomoInvalidationQuery(int[] siteIds, MatomoDateRange range, string segment, bool cascadeDown)
        {
            SiteIds = siteIds;
            Range = range;
            Segment = segment;
            EncodedSegment = MatomoSegment.Encode(segment);
            CascadeDown = cascadeDown;
        }

        /// <summary>The reports of <paramref name="siteIds"/> for the periods of <paramref name="range"/>.</summary>
        /// <param name="siteIds">The sites, each once.</param>
        /// <param name="range">The days, and the period whose reports go: each day, week, month or year of them, or the range.</param>
        /// <param name="segment">Only this segment's reports, as Matomo's UI writes it; null for the reports of all visits.</param>
        /// <param name="cascadeDown">Also the shorter periods inside each period (the weeks and days of a month).</param>
        /// <exception cref="MatomoArgumentException">No site, a site id below 1, or a segment that is blank or not a condition.</exception>
        public static MatomoInvalidationQuery Create(IEnumerable<int> siteIds, MatomoDateRange range, string? segment = null, bool cascadeDown = false)
        {
            if (range is null) throw new ArgumentNullException(nameof(range));
            return new MatomoInvalidationQuery(MatomoQueryChecks.SiteIds(siteIds), range, MatomoSegment.Given(segment), cascadeDown);
        }

        /// <summary>The sites, in the order given.</summary>
        public IReadOnlyList<int> SiteIds { get; }

        /// <summary>The range and the period of the reports.</summary>
        public MatomoDateRange Range { get; }

        /// <summary>The segment as the user wrote it; empty for the reports of all visits.</summary>
        public string Segment { get; }

        /// <summary>The segment as it goes on the wire, each value URL-encoded.</summary>
        internal string EncodedSegment { get; }

        /// <summary>True when the shorter periods inside each period are invalidated too.</summary>
        public bool CascadeDown { get; }

        /// <summary>The request; nothing in it is sent before the caller sends it.</summary>
        public MatomoRequest ToRequest()
        {
            var parameters = new List<KeyValuePair<string, string>> { MatomoRequest.Pair("idSites", string.Join(",", SiteIds)) };
            parameters.AddRange(Range.InvalidationParameters());
            if (EncodedSegment.Length > 0) parameters.Add(MatomoRequest.Pair("segment", EncodedSegment));
            if (CascadeDown) parameters.Add(MatomoRequest.Pair("cascadeDown", "1"));
            return new MatomoRequest(Method, parameters, $"{Method}: {this}");
        }

        /// <summary>
        /// What is invalidated, in a line a person confirms: <c>the day reports of 2023-03-10 of site 2</c>, the periods
        /// counted when there are many.
        /// </summary>
        public override string ToString()
        {
            var dates = Range.InvalidationDates();
            var (first, last) = Range.Span;
            string what = Range.Period == MatomoPeriod.Range
                ? $"the range reports of {Range.DateText.Replace(",", " to ")}"
                : dates.Count == 1
                    ? $"the {Range.PeriodName} reports of {Describe(first, last)}"
                    : $"the {Range.PeriodName} reports of {dates.Count} {Range.PeriodName}s, {Describe(first, last)}";
            string sites = SiteIds.Count == 1 ? $"site {SiteIds[0]}" : "sites " + string.Join(", ", SiteIds);
            string segment = Segment.Length == 0 ? string.Empty : $", segment {Segment}";
            string down = CascadeDown ? ", and the shorter periods inside them" : string.Empty;
            return $"{what} of {sites}{segment}{down}";
        }

        private static string Describe(DateTime first, DateTime last) =>
            first == last ? MatomoDateRange.Iso(first) : $"{MatomoDateRange.Iso(first)} to {MatomoDateRange.Iso(last)}";
    }
}
