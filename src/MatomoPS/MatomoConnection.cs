using System;
using System.Collections.Generic;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// A connection to one Matomo server with one token: what Connect-Matomo returns and every command uses.
    /// It shows where it points, never the token.
    /// </summary>
    public sealed class MatomoConnection
    {
        internal MatomoConnection(MatomoClient client, MatomoSiteAccess access, string source)
        {
            Client = client;
            SiteId = access.DefaultSiteId;
            AvailableSiteIds = access.SiteIds;
            Sites = access.Sites;
            Source = source;
        }

        /// <summary>The sites the token may view, with their names, as the server listed them when connecting.</summary>
        internal IReadOnlyList<MatomoSite> Sites { get; }

        internal MatomoClient Client { get; }

        /// <summary>The server address, without <c>index.php</c>.</summary>
        public string Url => MatomoEndpoint.Display(Client.Options.Endpoint);

        /// <summary>The site commands use when -SiteId is not given.</summary>
        public int SiteId { get; }

        /// <summary>Every site id the token may view (as the server answered when connecting).</summary>
        public IReadOnlyList<int> AvailableSiteIds { get; }

        /// <summary>Seconds one request may take.</summary>
        public int TimeoutSec => (int)Client.Options.Timeout.TotalSeconds;

        /// <summary>Retries for failures that may heal (429, 502, 503, 504, timeouts, dropped connections).</summary>
        public int MaxRetries => Client.Options.MaxRetries;

        public bool SkipCertificateCheck => Client.Options.SkipCertificateCheck;

        /// <summary><c>Connect-Matomo</c>, or <c>Environment</c> for a connection built from MATOMO_URL and MATOMO_TOKEN.</summary>
        public string Source { get; }

        public override string ToString() => $"Matomo at {Url} (site {SiteId})";
    }
}
