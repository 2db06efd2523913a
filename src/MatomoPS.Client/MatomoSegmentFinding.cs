using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>
    /// A series of a segment that is 0 in every period, and what Matomo's visit log says about it. A segment that truly
    /// matched no visit in the range gives no finding.
    /// </summary>
    public sealed class MatomoSegmentFinding
    {
        internal MatomoSegmentFinding(MatomoSegmentFindingKind kind, MatomoSeriesQuery query, DateTime first, DateTime last, MatomoException? checkError)
        {
            Kind = kind;
            Series = query.Series;
            Segment = query.Segment;
            SiteIds = query.SiteIds;
            First = first;
            Last = last;
            CheckError = checkError;
        }

        /// <summary>What was found.</summary>
        public MatomoSegmentFindingKind Kind { get; }

        /// <summary>The series' name, such as a language code.</summary>
        public string Series { get; }

        /// <summary>The segment as the user wrote it (or as the template made it).</summary>
        public string Segment { get; }

        /// <summary>The sites of the series.</summary>
        public IReadOnlyList<int> SiteIds { get; }

        /// <summary>The first day of the series' first period: where the visit log was searched from.</summary>
        public DateTime First { get; }

        /// <summary>The last day of the series' last period.</summary>
        public DateTime Last { get; }

        /// <summary>Why the visit log could not be asked, for <see cref="MatomoSegmentFindingKind.NotChecked"/>.</summary>
        public MatomoException? CheckError { get; }
    }
}
