using System.Collections.Generic;

namespace MatomoPS.Client
{
    /// <summary>The sites a token may view on a server, and the one a caller uses when it names none.</summary>
    public sealed class MatomoSiteAccess
    {
        internal MatomoSiteAccess(int defaultSiteId, IReadOnlyList<int> siteIds)
        {
            DefaultSiteId = defaultSiteId;
            SiteIds = siteIds;
        }

        /// <summary>The site asked for, else the first the token may view.</summary>
        public int DefaultSiteId { get; }

        /// <summary>Every site id the token may view, in Matomo's order.</summary>
        public IReadOnlyList<int> SiteIds { get; }
    }
}
