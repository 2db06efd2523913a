using System;

namespace MatomoPS.Client
{
    /// <summary>
    /// One visit of Matomo's visit log (<c>Live.getLastVisitsDetails</c>), typed. Times are given in UTC and in the site's
    /// time zone. A property the read did not ask for (see <see cref="MatomoVisitLogQuery.Properties"/>) is null, never 0.
    /// </summary>
    public sealed class MatomoVisit
    {
        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The site of the visit.</summary>
        public int SiteId { get; internal set; }

        /// <summary>Matomo's id of the visit (<c>idVisit</c>), unique in the server's database.</summary>
        public long VisitId { get; internal set; }

        /// <summary>Matomo's visitor id (16 hexadecimal digits).</summary>
        public string? VisitorId { get; internal set; }

        /// <summary>The time of the visit's first action, in UTC.</summary>
        public DateTime? FirstActionTime { get; internal set; }

        /// <summary>The time of the visit's last action, in UTC: the visit log is ordered by it.</summary>
        public DateTime LastActionTime { get; internal set; }

        /// <summary>The time of the first action on the site's clock (its time zone).</summary>
        public DateTime? FirstActionSiteTime { get; internal set; }

        /// <summary>The time of the last action on the site's clock (its time zone).</summary>
        public DateTime? LastActionSiteTime { get; internal set; }

        /// <summary>The number of actions (page views, downloads, outlinks, events...).</summary>
        public int? Actions { get; internal set; }

        /// <summary>The length of the visit in seconds, as Matomo counts it.</summary>
        public int? DurationSeconds { get; internal set; }

        /// <summary><c>new</c> or <c>returning</c>.</summary>
        public string? VisitorType { get; internal set; }

        /// <summary>The how-manieth visit of this visitor it is.</summary>
        public int? VisitCount { get; internal set; }

        /// <summary>The user id the site set, if any.</summary>
        public string? UserId { get; internal set; }

        /// <summary>The channel: <c>direct</c>, <c>search</c>, <c>website</c>, <c>social</c>, <c>campaign</c>.</summary>
        public string? ReferrerType { get; internal set; }

        /// <summary>The referrer's name: a search engine, a social network, a host, a campaign.</summary>
        public string? ReferrerName { get; internal set; }

        /// <summary>The search keyword or campaign keyword, when Matomo knows it.</summary>
        public string? ReferrerKeyword { get; internal set; }

        /// <summary>The referring address.</summary>
        public string? ReferrerUrl { get; internal set; }

        /// <summary>The country code, lower case (<c>de</c>), as Matomo detected it.</summary>
        public string? CountryCode { get; internal set; }

        /// <summary>The country's name, in the language of the token's user.</summary>
        public string? Country { get; internal set; }

        /// <summary>The region, when Matomo's geolocation knows it.</summary>
        public string? Region { get; internal set; }

        /// <summary>The city, when Matomo's geolocation knows it.</summary>
        public string? City { get; internal set; }

        /// <summary>The device type: Desktop, Smartphone, Tablet...</summary>
        public string? DeviceType { get; internal set; }

        /// <summary>The device's brand.</summary>
        public string? DeviceBrand { get; internal set; }

        /// <summary>The device's model.</summary>
        public string? DeviceModel { get; internal set; }

        /// <summary>The operating system with its version.</summary>
        public string? OperatingSystem { get; internal set; }

        /// <summary>The browser's name.</summary>
        public string? Browser { get; internal set; }

        /// <summary>The browser's version.</summary>
        public string? BrowserVersion { get; internal set; }

        /// <summary>The browser's language, such as <c>de-de</c>.</summary>
        public string? LanguageCode { get; internal set; }

        /// <summary>The number of goal conversions of the visit.</summary>
        public int? Goals { get; internal set; }

        /// <summary>The visit's actions in order; null when they were not asked for.</summary>
        public MatomoVisitActions? ActionDetails { get; internal set; }

        /// <summary>The position after this visit: hand it to the next read to go on after it (see <see cref="MatomoVisitCursor"/>).</summary>
        public string Cursor { get; internal set; } = string.Empty;

        /// <summary>A Unix time in seconds as a UTC date and time.</summary>
        internal static DateTime FromUnixSeconds(long seconds) => UnixEpoch.AddSeconds(seconds);

        /// <summary>A UTC date and time as Unix seconds.</summary>
        internal static long ToUnixSeconds(DateTime utc) => (long)Math.Floor((utc - UnixEpoch).TotalSeconds);

        /// <summary>The visit's site, id and last action time.</summary>
        public override string ToString() => $"Visit {VisitId} of site {SiteId} ({LastActionTime:yyyy-MM-dd HH:mm:ss} UTC)";
    }
}
