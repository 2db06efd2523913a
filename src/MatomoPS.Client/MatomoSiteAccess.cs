using System.Collections.Generic;
using System.Linq;

namespace MatomoPS.Client
{
    /// <summary>The sites a token may view on a server, and the one a caller uses when it names none.</summary>
    public sealed class MatomoSiteAccess
    {
        internal MatomoSiteAccess(int defaultSiteId, IReadOnlyList<MatomoSite> sites)
        {
            DefaultSiteId = defaultSiteId;
            Sites = sites;
            SiteIds = sites.Select(site => site.SiteId).ToList();
        }

        /// <summary>The site asked for, else the first the token may view.</summary>
        public int DefaultSiteId { get; }

        /// <summary>Every site the token may view, in Matomo's order.</summary>
        public IReadOnlyList<MatomoSite> Sites { get; }

        /// <summary>The ids of <see cref="Sites"/>, in the same order.</summary>
        public IReadOnlyList<int> SiteIds { get; }
    }
}
