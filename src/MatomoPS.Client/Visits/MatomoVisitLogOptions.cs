using System;

namespace MatomoPS.Client
{
    /// <summary>How a read of the visit log pages, where it starts and where it stops.</summary>
    public sealed class MatomoVisitLogOptions
    {
        /// <summary>The visits asked for per request unless the server fails on pages that large.</summary>
        public const int DefaultPageSize = 500;

        /// <summary>
        /// The visits asked for per request (Matomo's <c>filter_limit</c>). When the server runs out of memory or time on a
        /// page, the read asks for half as many and goes on; after a few good pages it grows back towards this size.
        /// </summary>
        public int PageSize { get; set; } = DefaultPageSize;

        /// <summary>
        /// Visits last active at or after this UTC time are left for a later read (a visit still open may gain actions,
        /// which moves it later in the log); null for none left out but those after the range.
        /// </summary>
        public DateTime? Until { get; set; }

        /// <summary>Where to go on from: the cursor of the last visit written by an earlier read; null to start at the range's first day.</summary>
        public MatomoVisitCursor? After { get; set; }

        /// <summary>Told after each page: how far in time the read has come.</summary>
        public IProgress<MatomoVisitLogProgress>? Progress { get; set; }
    }
}
