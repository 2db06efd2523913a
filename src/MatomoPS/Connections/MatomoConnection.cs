using System;
using System.Collections.Generic;
using System.Threading;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>
    /// A connection to one Matomo server with one token: what Connect-Matomo -PassThru returns, what -Connection of
    /// every command takes, and what the default connection is. It shows where it points, never the token: the token
    /// lives inside its client, which no public property, format view or serializer reaches. Safe to share between
    /// runspaces and to use from several commands at once.
    /// </summary>
    public sealed class MatomoConnection
    {
        private int _closed;

        internal MatomoConnection(MatomoClient client, MatomoSiteAccess access, string source, string? user = null, MatomoConnectionCache? cache = null)
        {
            Cache = cache ?? new MatomoConnectionCache();
            Client = client;
            DefaultSiteId = access.DefaultSiteId;
            AvailableSiteIds = access.SiteIds;
            Sites = access.Sites;
            Source = source;
            User = string.IsNullOrWhiteSpace(user) ? null : user;
        }

        /// <summary>The sites the token may view, with their names, as the server listed them when connecting.</summary>
        internal IReadOnlyList<MatomoSite> Sites { get; }

        internal MatomoClient Client { get; }

        /// <summary>The server address, without <c>index.php</c>.</summary>
        public string Url => MatomoEndpoint.Display(Client.Endpoint);

        /// <summary>The site commands use with this connection when -SiteId is not given.</summary>
        public int DefaultSiteId { get; }

        /// <summary>The user name given with -Credential, for display; null when the token came alone.</summary>
        public string? User { get; }

        /// <summary>Every site id the token may view (as the server answered when connecting).</summary>
        public IReadOnlyList<int> AvailableSiteIds { get; }

        /// <summary>How this connection uses the local cache of closed periods.</summary>
        internal MatomoConnectionCache Cache { get; }

        /// <summary>The cache mode: ReadWrite, ReadOnly or Off.</summary>
        public MatomoCacheMode CacheMode => Cache.Mode;

        /// <summary>The cache folder.</summary>
        public string CachePath => Cache.Store.Folder;

        /// <summary>The days after a period's end before it is served from the cache.</summary>
        public int CacheSettleDays => Cache.SettleDays;

        /// <summary>Seconds one request may take.</summary>
        public int TimeoutSec => (int)Client.Options.Timeout.TotalSeconds;

        /// <summary>Retries for failures that may heal (429, 502, 503, 504, timeouts, dropped connections).</summary>
        public int MaxRetries => Client.Options.MaxRetries;

        /// <summary>True when the server's TLS certificate is not checked (test servers only).</summary>
        public bool SkipCertificateCheck => Client.Options.SkipCertificateCheck;

        /// <summary>The <see cref="Source"/> of a connection built from MATOMO_URL and MATOMO_TOKEN.</summary>
        internal const string EnvironmentSource = "Environment";

        /// <summary><c>Connect-Matomo</c>, or <c>Environment</c> for a connection built from MATOMO_URL and MATOMO_TOKEN.</summary>
        public string Source { get; }

        /// <summary>True for a connection built from MATOMO_URL and MATOMO_TOKEN.</summary>
        internal bool IsFromEnvironment => Source == EnvironmentSource;

        /// <summary>False once Disconnect-Matomo has closed the connection; a closed connection is refused by every command.</summary>
        public bool IsConnected => Volatile.Read(ref _closed) == 0;

        private int _warned;

        /// <summary>
        /// The one rule for an address that exposes the token, on every way of connecting: plain http to a host that is
        /// not this machine. Null when the address is safe.
        /// </summary>
        internal static string? PlainHttpWarning(Uri endpoint) =>
            endpoint.Scheme == Uri.UriSchemeHttp && !MatomoEndpoint.IsLoopback(endpoint)
                ? $"{MatomoEndpoint.Display(endpoint)} uses plain http: the token crosses the network unencrypted. Use https."
                : null;

        /// <summary>
        /// What the user should know about this connection, told once, by the first command that takes it: the server
        /// moved the address by a redirect (the connection uses the new one), and plain http where the address it ends
        /// up at is not https. Empty after the first call.
        /// </summary>
        internal IReadOnlyList<string> TakeWarnings()
        {
            if (Interlocked.Exchange(ref _warned, 1) == 1) return Array.Empty<string>();
            var warnings = new List<string>();
            var given = Client.Options.Endpoint;
            if (Client.Endpoint != given)
                warnings.Add($"The server moved {MatomoEndpoint.Display(given)} to {Url} by a redirect: this connection uses {Url}. Give that address next time.");
            string? plain = PlainHttpWarning(Client.Endpoint);
            if (plain != null) warnings.Add(plain);
            return warnings;
        }

        /// <summary>Closes the connection's client; commands then refuse it. Closing twice does nothing.</summary>
        internal void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0) Client.Dispose();
        }

        /// <summary>Where the connection points, such as <c>Matomo at https://matomo.example.org/ (site 1)</c>; never the token.</summary>
        public override string ToString() => $"Matomo at {Url} (site {DefaultSiteId}{(User == null ? string.Empty : ", " + User)})";
    }
}
