using System;
using System.Globalization;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>Matomo's date keys, read by hand for speed, must stay as strict as the formats they name.</summary>
    public sealed class PeriodKeyTests
    {
        [Theory]
        [InlineData(MatomoPeriod.Day, "2024-02-29", "2024-02-29", "2024-02-29")]
        [InlineData(MatomoPeriod.Week, "2022-12-26,2023-01-01", "2022-12-26", "2023-01-01")]
        [InlineData(MatomoPeriod.Month, "2023-02", "2023-02-01", "2023-02-28")]
        [InlineData(MatomoPeriod.Year, "2023", "2023-01-01", "2023-12-31")]
        public void Keys_name_their_first_and_last_day(MatomoPeriod period, string key, string first, string last)
        {
            var (start, end) = MatomoPeriodKey.Parse(period, key);
            Assert.Equal(first, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(last, end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        [Theory]
        [InlineData(MatomoPeriod.Day, "2023-02-29")]
        [InlineData(MatomoPeriod.Day, "2023-13-01")]
        [InlineData(MatomoPeriod.Day, "2023-1-011")]
        [InlineData(MatomoPeriod.Day, "2023/01/01")]
        [InlineData(MatomoPeriod.Day, "2023-01-0x")]
        [InlineData(MatomoPeriod.Day, "2023-01")]
        [InlineData(MatomoPeriod.Day, "")]
        [InlineData(MatomoPeriod.Week, "2022-12-27,2023-01-02")]
        [InlineData(MatomoPeriod.Week, "2022-12-26,2023-01-08")]
        [InlineData(MatomoPeriod.Week, "2022-12-26;2023-01-01")]
        [InlineData(MatomoPeriod.Month, "2023-00")]
        [InlineData(MatomoPeriod.Month, "2023-01-01")]
        [InlineData(MatomoPeriod.Year, "0000")]
        [InlineData(MatomoPeriod.Year, "23")]
        [InlineData(MatomoPeriod.Year, "２０２３")]
        public void Keys_that_do_not_fit_the_period_are_refused(MatomoPeriod period, string key) =>
            Assert.Throws<FormatException>(() => MatomoPeriodKey.Parse(period, key));

        [Theory]
        [InlineData(MatomoPeriod.Day, "2023-01-05", false, "de-DE", "05.01.")]
        [InlineData(MatomoPeriod.Day, "2023-01-05", true, "de-DE", "05.01.2023")]
        [InlineData(MatomoPeriod.Day, "0999-12-31", true, "de-DE", "31.12.0999")]
        [InlineData(MatomoPeriod.Day, "2023-01-05", false, "en-US", "Jan 5")]
        [InlineData(MatomoPeriod.Day, "2023-01-05", true, "en-US", "Jan 5, 2023")]
        [InlineData(MatomoPeriod.Week, "2023-01-02", false, "de-DE", "KW 1")]
        [InlineData(MatomoPeriod.Week, "2022-12-26", true, "de-DE", "KW 52/2022")]
        [InlineData(MatomoPeriod.Week, "2023-01-02", false, "en-US", "Week 1")]
        [InlineData(MatomoPeriod.Week, "2022-12-26", true, "en-GB", "Week 52/2022")]
        [InlineData(MatomoPeriod.Month, "2023-01-01", false, "de-DE", "Januar")]
        [InlineData(MatomoPeriod.Month, "2023-01-01", true, "de-DE", "Januar 2023")]
        [InlineData(MatomoPeriod.Month, "2023-01-01", true, "en-US", "January 2023")]
        [InlineData(MatomoPeriod.Year, "2023-01-01", true, "en-US", "2023")]
        public void Labels_follow_the_culture_with_the_year_at_its_place(MatomoPeriod period, string start, bool withYear, string culture, string label) =>
            Assert.Equal(label, new MatomoDateLabels(period, withYear, new CultureInfo(culture)).Label(DateTime.ParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }
}
