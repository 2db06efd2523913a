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
        /// (absolute, or relative to <paramref name="requested"/>); null when the redirect may not be followed.
        /// </summary>
        public static Uri? Follow(Uri endpoint, Uri requested, Uri location, bool allowHttps)
        {
            var target = Target(requested, location);
            if (target == null || !string.IsNullOrEmpty(target.UserInfo)) return null;
            bool sameOrigin = string.Equals(target.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(target.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase)
                && target.Port == endpoint.Port;
            bool upgrade = allowHttps && endpoint.Scheme == Uri.UriSchemeHttp && target.Scheme == Uri.UriSchemeHttps
                && string.Equals(target.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase);
            return sameOrigin || upgrade ? EndpointOf(target) : null;
        }

        /// <summary>True when the only thing that kept a redirect from being followed is the caller's permission to move to https.</summary>
        public static bool IsHttpsUpgrade(Uri endpoint, Uri requested, Uri location)
        {
            var target = Target(requested, location);
            return target != null && endpoint.Scheme == Uri.UriSchemeHttp && target.Scheme == Uri.UriSchemeHttps
                && string.Equals(target.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Where a redirect points, as a user would type it for -Url: scheme, host, port and folder, nothing else.</summary>
        public static string Describe(Uri requested, Uri location)
        {
            var target = Target(requested, location);
            return target == null ? location.OriginalString : MatomoEndpoint.Display(EndpointOf(target));
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
