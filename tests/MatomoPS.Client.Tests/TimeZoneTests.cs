using System;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>A site's day is a day of its own time zone, whichever way Matomo writes the zone.</summary>
    public sealed class TimeZoneTests
    {
        [Theory]
        [InlineData("UTC", "2025-06-30T11:00:00Z", "2025-06-30")]
        [InlineData("UTC-12", "2025-06-30T11:00:00Z", "2025-06-29")]
        [InlineData("UTC+14", "2025-06-30T11:00:00Z", "2025-07-01")]
        [InlineData("UTC+5.75", "2025-06-30T18:30:00Z", "2025-07-01")]
        [InlineData("UTC+5.75", "2025-06-30T18:00:00Z", "2025-06-30")]
        [InlineData("UTC-3.5", "2025-07-01T03:00:00Z", "2025-06-30")]
        [InlineData("Pacific/Kiritimati", "2025-06-30T11:00:00Z", "2025-07-01")]
        // Summer time: Berlin is two hours ahead in June, one in January.
        [InlineData("Europe/Berlin", "2025-06-30T22:30:00Z", "2025-07-01")]
        [InlineData("Europe/Berlin", "2025-01-30T22:30:00Z", "2025-01-30")]
        public void A_zone_gives_the_site_s_own_day_at_an_instant(string zone, string instant, string day)
        {
            var parsed = MatomoTimeZone.Parse(zone);

            Assert.True(parsed.IsKnown);
            Assert.Equal(DateTime.Parse(day), parsed.Today(DateTimeOffset.Parse(instant)));
        }

        [Theory]
        [InlineData("Mars/Olympus_Mons")]
        [InlineData("")]
        [InlineData("UTC+15")]
        public void A_zone_this_machine_cannot_resolve_counts_in_UTC_and_says_it_is_unknown(string zone)
        {
            var parsed = MatomoTimeZone.Parse(zone);

            Assert.False(parsed.IsKnown);
            Assert.Equal(zone, parsed.Name);
            Assert.Equal(new DateTime(2025, 6, 30), parsed.Today(DateTimeOffset.Parse("2025-06-30T23:30:00Z")));
        }
        [Theory]
        [InlineData("UTC", "2023-03-31 22:50:00", "2023-03-31T22:50:00+00:00")]
        [InlineData("UTC+5.75", "2023-03-31 22:50:00", "2023-03-31T22:50:00+05:45")]
        [InlineData("UTC-3.5", "2023-03-31 22:50:00", "2023-03-31T22:50:00-03:30")]
        [InlineData("Europe/Berlin", "2023-07-01 12:00:00", "2023-07-01T12:00:00+02:00")]
        [InlineData("Europe/Berlin", "2023-01-01 12:00:00", "2023-01-01T12:00:00+01:00")]
        // 02:30 is skipped when clocks go forward: counted at the offset before, the instant 03:30 summer time shows.
        [InlineData("Europe/Berlin", "2023-03-26 02:30:00", "2023-03-26T02:30:00+01:00")]
        // 02:30 comes twice when clocks go back: its first occurrence, still in summer time.
        [InlineData("Europe/Berlin", "2023-10-29 02:30:00", "2023-10-29T02:30:00+02:00")]
        public void A_time_Matomo_writes_in_the_site_s_zone_is_the_instant_it_means(string zone, string siteTime, string instant)
        {
            var parsed = MatomoTimeZone.Parse(zone);

            var at = parsed.ToInstant(DateTime.Parse(siteTime, System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), at);
            Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).Offset, at.Offset);
            Assert.Equal(at, parsed.ToInstant(parsed.ToSiteTime(at)));
        }
    }
}
