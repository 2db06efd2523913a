using System;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS
{
    /// <summary>Connect-Matomo: checks a token against a server and makes it the default for the session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Matomo", DefaultParameterSetName = TokenSet)]
    [OutputType(typeof(MatomoConnection))]
    public sealed class ConnectMatomoCommand : MatomoCmdlet
    {
        private const string TokenSet = "Token";
        private const string CredentialSet = "Credential";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = TokenSet)]
        [ValidateNotNull]
        [SecureToken]
        public SecureString Token { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int SiteId { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 120;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 3;

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Follows a redirect from http to https on the same host; any other redirect to another address is refused.</summary>
        [Parameter]
        public SwitchParameter AllowHttpsRedirect { get; set; }

        /// <summary>The largest answer read, in MB (default 256); a larger one is refused, not read further.</summary>
        [Parameter]
        [ValidateRange(1, 2047)]
        public int MaxAnswerMB { get; set; } = MatomoSession.DefaultMaxAnswerMB;

        /// <summary>How the connection uses the local cache of closed periods: ReadWrite (the default, or MATOMOPS_CACHE_MODE), ReadOnly or Off.</summary>
        [Parameter]
        public MatomoCacheMode? Cache { get; set; }

        /// <summary>The cache folder; default: MATOMOPS_CACHE, else the user's cache folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CachePath { get; set; }

        /// <summary>The days after a period's end before it is served from the cache (default 7).</summary>
        [Parameter]
        [ValidateRange(0, 366)]
        public int? CacheSettleDays { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override object? ErrorTarget => Url;

        /// <summary>A failed Connect-Matomo changes nothing: the message says which connection is still the default.</summary>
        protected override string? FailureNote
        {
            get
            {
                var current = Session.Current;
                return current == null
                    ? "Nothing changed: there is still no connection."
                    : $"Nothing changed: {current.Url} (site {current.DefaultSiteId}) stays the default connection.";
            }
        }

        protected override async Task ProcessRecordAsync()
        {
            var endpoint = MatomoEndpoint.Resolve(Url);
            var cache = new MatomoConnectionCache(Cache, CachePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CachePath), CacheSettleDays);
            var token = new MatomoToken(ParameterSetName == CredentialSet ? Credential.Password : Token);
            if (SkipCertificateCheck)
                QueueWarning("-SkipCertificateCheck: the server's TLS certificate is not checked, so anyone between you and the server can read the token. Use it only for test servers.");
            // Told before the first request, as that request is what carries the token over the network.
            string? plainHttp = MatomoConnection.PlainHttpWarning(endpoint);
            if (plainHttp != null) QueueWarning(plainHttp);

            var client = Session.CreateClient(endpoint, token, TimeoutSec, MaxRetries, SkipCertificateCheck, AllowHttpsRedirect, MaxAnswerMB);
            try
            {
                var access = await client.WithLog(QueueVerbose).GetSiteAccessAsync(SiteId > 0 ? SiteId : (int?)null, Cancellation).ConfigureAwait(false);
                var connection = new MatomoConnection(client, access, "Connect-Matomo", ParameterSetName == CredentialSet ? Credential.UserName : null, cache);
                // The address it was told of already stays untold; the address a redirect led to is told now.
                foreach (string warning in connection.TakeWarnings())
                    if (warning != plainHttp) QueueWarning(warning);
                Session.Set(connection);
                QueueVerbose($"Connected to {connection.Url}, site {connection.DefaultSiteId} ({access.SiteIds.Count} site(s) visible).");
                if (PassThru) QueueObject(connection);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }
}
