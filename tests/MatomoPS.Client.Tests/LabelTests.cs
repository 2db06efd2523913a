using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    public sealed class LabelTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public LabelTests(FakeServerFixture fixture) => _fixture = fixture;

        private async Task<string[]> Labels(MatomoPeriod period, DateTime start, DateTime end, DateTime today, string culture = "en-US")
        {
            var previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            try
            {
                using var client = _fixture.Client(configure: options => options.Today = () => today);
                var rows = await client.GetVisitsAsync(MatomoSeriesQuery.Create(new[] { 1 }, MatomoMetric.Visits, period, start, end));
                return rows.Select(row => row.Label).ToArray();
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }

        private static readonly DateTime In2023 = new DateTime(2023, 6, 1);
        private static readonly DateTime In2024 = new DateTime(2024, 6, 1);

        [Fact]
        public async Task Days_read_dd_MM_under_de_DE_in_the_current_year_and_with_the_year_otherwise()
        {
            Assert.Equal(new[] { "05.01.", "06.01." }, await Labels(MatomoPeriod.Day, new DateTime(2023, 1, 5), new DateTime(2023, 1, 6), In2023, "de-DE"));
            Assert.Equal(new[] { "05.01.2023", "06.01.2023" }, await Labels(MatomoPeriod.Day, new DateTime(2023, 1, 5), new DateTime(2023, 1, 6), In2024, "de-DE"));
        }

        [Fact]
        public async Task Days_read_as_English_dates_under_en_US()
        {
            Assert.Equal(new[] { "Jan 5", "Jan 6" }, await Labels(MatomoPeriod.Day, new DateTime(2023, 1, 5), new DateTime(2023, 1, 6), In2023));
            Assert.Equal(new[] { "Jan 5, 2023", "Jan 6, 2023" }, await Labels(MatomoPeriod.Day, new DateTime(2023, 1, 5), new DateTime(2023, 1, 6), In2024));
        }

        [Fact]
        public async Task Weeks_use_ISO_8601_numbers_and_the_cultures_word_for_week_with_the_year_behind()
        {
            // 2023-01-02 is the Monday of ISO week 1; 2022-12-26 starts week 52 of 2022.
            Assert.Equal(new[] { "Week 1", "Week 2" }, await Labels(MatomoPeriod.Week, new DateTime(2023, 1, 2), new DateTime(2023, 1, 9), In2023));
            Assert.Equal(new[] { "KW 1", "KW 2" }, await Labels(MatomoPeriod.Week, new DateTime(2023, 1, 2), new DateTime(2023, 1, 9), In2023, "de-DE"));
            Assert.Equal(new[] { "Week 52/2022", "Week 1/2023" }, await Labels(MatomoPeriod.Week, new DateTime(2023, 1, 1), new DateTime(2023, 1, 2), In2024));
            // 2020 has 53 ISO weeks; 2021-01-01 still belongs to week 53 of 2020.
            Assert.Equal(new[] { "KW 53/2020" }, await Labels(MatomoPeriod.Week, new DateTime(2021, 1, 1), new DateTime(2021, 1, 1), In2024, "de-DE"));
        }

        [Fact]
        public async Task Months_are_named_in_the_current_culture()
        {
            Assert.Equal(new[] { "January", "February" }, await Labels(MatomoPeriod.Month, new DateTime(2023, 1, 1), new DateTime(2023, 2, 28), In2023));
            Assert.Equal(new[] { "Januar", "Februar" }, await Labels(MatomoPeriod.Month, new DateTime(2023, 1, 1), new DateTime(2023, 2, 28), In2023, "de-DE"));
            Assert.Equal(new[] { "January 2023" }, await Labels(MatomoPeriod.Month, new DateTime(2023, 1, 1), new DateTime(2023, 1, 31), In2024));
        }

        [Fact]
        public async Task Years_read_as_the_year()
        {
            Assert.Equal(new[] { "2022", "2023" }, await Labels(MatomoPeriod.Year, new DateTime(2022, 1, 1), new DateTime(2023, 12, 31), In2024));
        }

        [Fact]
        public void A_range_over_two_years_gets_the_year_even_when_it_ends_in_the_current_one()
        {
            Assert.False(MatomoDateLabels.IsCurrentYear(new DateTime(2022, 12, 1), new DateTime(2023, 1, 31), In2023));
            Assert.True(MatomoDateLabels.IsCurrentYear(new DateTime(2023, 1, 1), new DateTime(2023, 1, 31), In2023));
        }
    }
}
