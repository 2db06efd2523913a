using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MatomoPS.Client
{
    /// <summary>
    /// What one cache entry answers: the server's API address, the site, the method and every parameter that changes
    /// the answer (segment, filters, columns...), the period and the first day of its block of periods. Never the token: a cached answer is
    /// served only for a site the connection's own site list holds (see <see cref="MatomoCacheOptions"/>), and none of
    /// the methods cached depends on who asks beyond that.
    /// </summary>
    internal sealed class MatomoCacheKey
    {
        private const char Separator = '|';

        public MatomoCacheKey(Uri endpoint, int siteId, string method, string parameters, MatomoPeriod period, DateTime firstDay, DateTime lastDay)
        {
            Server = ServerOf(endpoint.AbsoluteUri);
            SiteId = siteId;
            LastDay = lastDay;
            Text = string.Join(Separator.ToString(), Server, "site=" + siteId.ToString(CultureInfo.InvariantCulture), method, parameters,
                period.ToString().ToLowerInvariant(), Iso(firstDay));
            using var sha = SHA256.Create();
            Hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(Text))).Replace("-", string.Empty).ToLowerInvariant();
        }

        /// <summary>The server's API address, without query or fragment.</summary>
        public string Server { get; }

        public int SiteId { get; }

        /// <summary>The last day of the block.</summary>
        public DateTime LastDay { get; }

        /// <summary>The whole key, kept in the entry to tell a foreign entry from ours.</summary>
        public string Text { get; }

        /// <summary>The entry's file name.</summary>
        public string Hash { get; }

        /// <summary>A server address as keys hold it: the address without its query or fragment, as the URI writes it.</summary>
        public static string ServerOf(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
            string path = uri.GetLeftPart(UriPartial.Path);
            // The API address and the server's base address name the same server.
            return path.EndsWith("/index.php", StringComparison.OrdinalIgnoreCase) ? path.Substring(0, path.Length - "index.php".Length) : path;
        }

        /// <summary>The first day of the block a key names (its last part).</summary>
        public static DateTime FirstDayOf(string text) =>
            DateTime.ParseExact(text.Substring(text.LastIndexOf(Separator) + 1), "yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>The parts of an entry that Clear-MatomoCache selects by.</summary>
        public sealed class Header
        {
            public Header(string server, int siteId, DateTime lastDay, DateTime firstDay)
            {
                Server = server;
                SiteId = siteId;
                LastDay = lastDay;
                FirstDay = firstDay;
            }

            public string Server { get; }
            public int SiteId { get; }
            public DateTime LastDay { get; }
            public DateTime FirstDay { get; }
        }
    }
}
