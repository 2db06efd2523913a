using System;
using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>The health of one site: its status, the reason in words, and the checks behind it.</summary>
    public sealed class MatomoSiteHealth
    {
        /// <summary>The site's health from its checks: the worst of them, a check that could not run counting as <see cref="MatomoHealthStatus.Warning"/>.</summary>
        public MatomoSiteHealth(MatomoSite site, IReadOnlyList<MatomoHealthCheck> checks, DateTimeOffset? latestVisit, string? matomoVersion)
        {
            if (site is null) throw new ArgumentNullException(nameof(site));
            SiteId = site.SiteId;
            Name = site.Name;
            TimeZone = site.Timezone;
            Checks = checks ?? throw new ArgumentNullException(nameof(checks));
            LatestVisit = latestVisit;
            MatomoVersion = matomoVersion;
            Status = MatomoHealthRules.StatusOf(checks);
            Reason = MatomoHealthRules.ReasonOf(Status, checks);
        }

        /// <summary>The site.</summary>
        public int SiteId { get; }

        /// <summary>The site's name.</summary>
        public string Name { get; }

        /// <summary>Ok, Warning or Failing: the worst of <see cref="Checks"/>.</summary>
        public MatomoHealthStatus Status { get; }

        /// <summary>Why the site has its status, in words: the findings of the checks that decided it.</summary>
        public string Reason { get; }

        /// <summary>The checks behind the status, in the order they are listed in <see cref="MatomoHealthCheckName"/>.</summary>
        public IReadOnlyList<MatomoHealthCheck> Checks { get; }

        /// <summary>When the latest visit of the visit log happened (Matomo answers in the site's zone; this is the instant); null when none was found or not checked.</summary>
        public DateTimeOffset? LatestVisit { get; }

        /// <summary>The server's Matomo version; null when not checked.</summary>
        public string? MatomoVersion { get; }

        /// <summary>The site's time zone, in which its days count.</summary>
        public string TimeZone { get; }

        /// <summary>Such as <c>1 Example Org: Failing (...)</c>.</summary>
        public override string ToString() => $"{SiteId} {Name}: {Status} ({Reason})";
    }
}
