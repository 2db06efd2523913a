using System;

namespace MatomoPS
{
    /// <summary>No Connect-Matomo and no MATOMO_URL/MATOMO_TOKEN in the environment.</summary>
    public sealed class NotConnectedException : InvalidOperationException
    {
        public NotConnectedException()
            : base("Not connected to Matomo. Run Connect-Matomo -Url <server> -Token <token>, or set MATOMO_URL and MATOMO_TOKEN (and MATOMO_SITE_ID) in the environment.")
        {
        }
    }
}
