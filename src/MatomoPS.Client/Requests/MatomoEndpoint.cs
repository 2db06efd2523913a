using System;

namespace MatomoPS.Client
{
    /// <summary>Turns what a user types as the server address into the API endpoint <c>.../index.php</c>.</summary>
    public static class MatomoEndpoint
    {
        /// <summary>
        /// Accepts <c>https://host</c>, <c>https://host/matomo/</c> or <c>https://host/matomo/index.php</c>.
        /// Throws <see cref="MatomoArgumentException"/> for anything that is not an absolute http(s) URL.
        /// </summary>
        public static Uri Resolve(string? url)
        {
            if (string.IsNullOrWhiteSpace(url))
                throw new MatomoArgumentException("The Matomo URL is empty. Give the server address, such as https://matomo.example.org.");
            if (!Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new MatomoArgumentException($"'{url}' is not an absolute http or https URL. Give the server address, such as https://matomo.example.org.");
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new MatomoArgumentException($"'{url}' has a query string or fragment. Give only the server address, such as https://matomo.example.org/matomo.");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw new MatomoArgumentException("The Matomo URL must not hold a user name or password; the token travels apart from it.");

            string path = uri.AbsolutePath;
            if (path.EndsWith("/index.php", StringComparison.OrdinalIgnoreCase))
                return uri;
            if (!path.EndsWith("/", StringComparison.Ordinal)) path += "/";
            return new UriBuilder(uri) { Path = path + "index.php" }.Uri;
        }

        /// <summary>The address a user recognises: the endpoint without <c>index.php</c>.</summary>
        internal static string Display(Uri endpoint)
        {
            string text = endpoint.GetLeftPart(UriPartial.Path);
            return text.EndsWith("/index.php", StringComparison.OrdinalIgnoreCase) ? text.Substring(0, text.Length - "index.php".Length) : text;
        }

        /// <summary>True for loopback hosts, where plain http does not expose the token to the network.</summary>
        internal static bool IsLoopback(Uri endpoint) =>
            endpoint.IsLoopback || endpoint.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }
}
