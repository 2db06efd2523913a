using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>What <see cref="MatomoClient.TestHealthAsync"/> checks, for which sites and days.</summary>
    public sealed class MatomoHealthOptions
    {
        /// <summary>The latest visit may be at most this long ago by default: a site with visits every day is silent for a day at most.</summary>
        public static readonly TimeSpan DefaultMaxSilence = TimeSpan.FromDays(1);

        /// <summary>The most days one check may cover: each is a look at the visit log per site.</summary>
        public const int MaxDays = 31;

        /// <summary>The sites to check, with their time zones (as <see cref="MatomoClient.GetSitesAsync"/> lists them).</summary>
        public IReadOnlyList<MatomoSite> Sites { get; set; } = Array.Empty<MatomoSite>();

        /// <summary>The first day whose archiving is checked; default: the day before <see cref="End"/>.</summary>
        public DateTime? Start { get; set; }

        /// <summary>
        /// The last day whose archiving is checked; default: yesterday in each site's zone. Given, it also moves the
        /// tracking check back: the latest visit up to the end of that day, and the silence measured from there.
        /// </summary>
        public DateTime? End { get; set; }

        /// <summary>The longest time since the latest visit before tracking is a warning.</summary>
        public TimeSpan MaxSilence { get; set; } = DefaultMaxSilence;

        /// <summary>The checks to run; default: all.</summary>
        public IReadOnlyCollection<MatomoHealthCheckName> Checks { get; set; } =
            (MatomoHealthCheckName[])Enum.GetValues(typeof(MatomoHealthCheckName));

        /// <summary>The instant of the check, from which "today", "yesterday" and the silence count.</summary>
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        /// <summary>Requests in flight at once; the checks are spread over this many bulk requests.</summary>
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The most checks in one bulk request.</summary>
        public int BatchSize { get; set; } = 50;
    }
}
