using System;
using System.Globalization;
using System.Security;
using System.Text.RegularExpressions;

namespace MatomoPS.Client
{
    /// <summary>
    /// A site's time zone as Matomo writes it (<see cref="MatomoSite.Timezone"/>): an IANA id such as
    /// <c>Europe/Berlin</c>, <c>UTC</c>, or a fixed offset such as <c>UTC+5.5</c>, <c>UTC-12</c> or <c>UTC+14</c> (half
    /// and quarter hours as .5 and .75). Matomo counts a site's days in its zone, so "today" and "yesterday" of a
    /// site are days of this zone, not of the machine that asks.
    /// </summary>
    public sealed class MatomoTimeZone
    {
        // Matomo's fixed offsets: "UTC" and a signed number of hours, decimals for the minutes.
        private static readonly Regex FixedOffset = new Regex(@"^UTC(?<sign>[+-])(?<hours>\d{1,2}(\.\d{1,2})?)$", RegexOptions.CultureInvariant);
        private static readonly TimeSpan LargestOffset = TimeSpan.FromHours(14);

        private readonly TimeZoneInfo? _zone;
        private readonly TimeSpan _offset;

        private MatomoTimeZone(string name, TimeZoneInfo? zone, TimeSpan offset, bool isKnown)
        {
            Name = name;
            _zone = zone;
            _offset = offset;
            IsKnown = isKnown;
        }

        /// <summary>Coordinated Universal Time: Matomo's default zone, and the one used for a zone this machine does not know.</summary>
        public static MatomoTimeZone Utc { get; } = new MatomoTimeZone("UTC", null, TimeSpan.Zero, isKnown: true);

        /// <summary>The zone as Matomo wrote it.</summary>
        public string Name { get; }

        /// <summary>
        /// False when this machine cannot resolve the zone: an IANA id unknown to it (Windows PowerShell 5.1 on .NET
        /// Framework knows only Windows zone names), or no zone at all. Days are then counted in UTC, and a caller should
        /// say so: the day may differ by one from the site's.
        /// </summary>
        public bool IsKnown { get; }

        /// <summary>The zone Matomo names <paramref name="name"/>; one this machine does not know counts in UTC, with <see cref="IsKnown"/> false.</summary>
        public static MatomoTimeZone Parse(string? name)
        {
            string text = name?.Trim() ?? string.Empty;
            if (text.Length == 0) return new MatomoTimeZone(text, null, TimeSpan.Zero, isKnown: false);
            if (text == "UTC") return Utc;
            var match = FixedOffset.Match(text);
            if (match.Success)
            {
                double hours = double.Parse(match.Groups["hours"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                var offset = TimeSpan.FromMinutes(Math.Round(hours * 60));
                if (match.Groups["sign"].Value == "-") offset = offset.Negate();
                bool fits = offset.Duration() <= LargestOffset;
                return new MatomoTimeZone(text, null, fits ? offset : TimeSpan.Zero, isKnown: fits);
            }
            var zone = FindSystemZone(text);
            return new MatomoTimeZone(text, zone, TimeSpan.Zero, isKnown: zone != null);
        }

        /// <summary>The calendar day of this zone at the instant <paramref name="now"/>.</summary>
        public DateTime Today(DateTimeOffset now) =>
            (_zone != null ? TimeZoneInfo.ConvertTime(now, _zone) : now.ToOffset(_offset)).DateTime.Date;

        /// <summary>The site's clock at the UTC time <paramref name="utc"/>.</summary>
        public DateTime ToSiteTime(DateTime utc)
        {
            var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
            return DateTime.SpecifyKind((_zone != null ? TimeZoneInfo.ConvertTime(instant, _zone) : instant.ToOffset(_offset)).DateTime, DateTimeKind.Unspecified);
        }

        /// <summary>
        /// The UTC time at which <paramref name="day"/> begins on the site's clock (as Matomo counts a site's days). A
        /// midnight that a change to summer time skips counts from the first minute after it.
        /// </summary>
        public DateTime StartOfDayUtc(DateTime day)
        {
            var local = DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified);
            if (_zone == null) return DateTime.SpecifyKind(local - _offset, DateTimeKind.Utc);
            while (_zone.IsInvalidTime(local)) local = local.AddMinutes(1);
            return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
        }

        /// <summary>The zone as Matomo wrote it.</summary>
        public override string ToString() => Name;

        private static TimeZoneInfo? FindSystemZone(string id)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception error) when (error is TimeZoneNotFoundException || error is InvalidTimeZoneException || error is SecurityException)
            {
                return null;
            }
        }
    }
}
