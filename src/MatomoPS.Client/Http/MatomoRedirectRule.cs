using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// Which redirects a request with the token may follow. The token travels in the POST body, and a client that
    /// follows a redirect sends that body again: so only a redirect within the connection's own origin (scheme, host
    /// and port) is followed, or one from http to https on the same host when the caller allows it. Everything else
    /// (another host, another port, <c>localhost</c> for <c>127.0.0.1</c>, https to http) is refused before a byte is sent there.
    /// </summary>
    internal static class MatomoRedirectRule
    {
        /// <summary>Redirects followed for one request before it is refused as a loop.</summary>
        public const int MaxHops = 5;

        /// <summary>
        /// The endpoint to send to instead of <paramref name="endpoint"/> when the server redirected to <paramref name="location"/>
        /// (absolute, or relative to <paramref name="requested"/>); null, with the failure that says where it pointed and
        /// what to do, when the redirect may not be followed.
        /// </summary>
        public static Uri? Follow(Uri endpoint, Uri requested, Uri location, bool allowHttps, string method, int status, out MatomoError? refused)
        {
            var target = Target(requested, location);
            bool sameHost = target != null && string.Equals(target.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase);
            bool sameOrigin = sameHost && string.Equals(target!.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase) && target.Port == endpoint.Port;
            bool httpsUpgrade = sameHost && endpoint.Scheme == Uri.UriSchemeHttp && target!.Scheme == Uri.UriSchemeHttps;
            if (target != null && string.IsNullOrEmpty(target.UserInfo) && (sameOrigin || (httpsUpgrade && allowHttps)))
            {
                refused = null;
                return EndpointOf(target);
            }
            // Where it points, as a user would type it for -Url: scheme, host, port and folder, nothing else.
            string described = target == null ? location.OriginalString : MatomoEndpoint.Display(EndpointOf(target));
            refused = MatomoErrorClassifier.OfRedirect(method, status, endpoint, described, httpsUpgrade);
            return null;
        }

        private static Uri? Target(Uri requested, Uri location)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(requested, location);
            return target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps ? target : null;
        }

        /// <summary>The API endpoint at a redirect's target: its path as Matomo's address (index.php added to a folder), without query or user.</summary>
        private static Uri EndpointOf(Uri target)
        {
            var bare = new UriBuilder(target.Scheme, target.Host, target.Port, target.AbsolutePath).Uri;
            return MatomoEndpoint.Resolve(bare.GetLeftPart(UriPartial.Path));
        }
    }
}
