using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FakeMatomo;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The double's page report is made from its own visits, so reports and visit counts agree as on a real server:
    /// the top-level folders of Actions.getPageUrls are the languages (and api), each folder's nb_hits are the pageviews
    /// under it, and the folders' nb_hits add up to every pageview (VisitsSummary's nb_actions) of each period and site.
    /// </summary>
    public sealed class DoubleReportTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public DoubleReportTests(FakeServerFixture fixture) => _fixture = fixture;

        private async Task<JsonElement> Ask(string parameters) =>
            JsonDocument.Parse((await Captured.Replay(_fixture.Server.BaseUrl, "POST", string.Empty,
                $"module=API&format=JSON&token_auth={FakeTokens.View}&{parameters}")).Body).RootElement;

        [Theory]
        [InlineData("month", "2025-01-01,2025-03-31", "1")]
        [InlineData("week", "2025-06-02,2025-06-15", "1,2")]
        [InlineData("day", "2025-06-09,2025-06-15", "2")]
        public async Task The_top_level_folders_pageviews_add_up_to_every_pageview_of_each_period_and_site(string period, string dates, string sites)
        {
            var pages = await Ask($"method=Actions.getPageUrls&idSite={sites}&period={period}&date={dates}&filter_limit=-1&showColumns=nb_hits");
            var actions = await Ask($"method=VisitsSummary.getActions&idSite={sites}&period={period}&date={dates}");

            var ids = sites.Split(',');
            foreach (string site in ids)
            {
                var sitePages = ids.Length > 1 ? pages.GetProperty(site) : pages;
                var siteActions = ids.Length > 1 ? actions.GetProperty(site) : actions;
                Assert.Equal(siteActions.EnumerateObject().Select(p => p.Name), sitePages.EnumerateObject().Select(p => p.Name));
                foreach (var periodActions in siteActions.EnumerateObject())
                {
                    long sum = sitePages.GetProperty(periodActions.Name).EnumerateArray().Sum(row => row.GetProperty("nb_hits").GetInt64());
                    Assert.Equal(periodActions.Value.GetInt64(), sum);
                }
            }
        }

        [Fact]
        public async Task A_language_folder_holds_exactly_the_pageviews_of_pages_under_it()
        {
            var first = new DateTime(2025, 5, 1);
            var last = new DateTime(2025, 5, 31);
            var rows = await Ask("method=Actions.getPageUrls&idSite=1&period=month&date=2025-05-01&filter_limit=-1&format_metrics=0");
            var visits = _fixture.Server.Api.Data.Visits(1, first, last).ToList();

            foreach (string language in new[] { "de", "en", "ar", "uk" })
            {
                var folder = rows.EnumerateArray().Single(row => row.GetProperty("label").GetString() == language);
                long pageviews = visits.Sum(visit => visit.PageUrls.Count(url => url.StartsWith($"https://demo.example.org/{language}/", StringComparison.Ordinal)));
                Assert.Equal(pageviews, folder.GetProperty("nb_hits").GetInt64());
                Assert.Equal($"pageUrl=^https%253A%252F%252Fdemo.example.org%252F{language}", folder.GetProperty("segment").GetString());
            }
            Assert.Contains(rows.EnumerateArray(), row => row.GetProperty("label").GetString() == "api");
            Assert.Equal(rows.EnumerateArray().Select(row => row.GetProperty("nb_visits").GetInt64()).OrderByDescending(v => v), rows.EnumerateArray().Select(row => row.GetProperty("nb_visits").GetInt64()));
        }

        [Fact]
        public async Task Countries_browsers_and_channels_each_split_every_visit_of_the_period_once()
        {
            long visits = _fixture.Server.Api.Data.Visits(1, new DateTime(2025, 4, 1), new DateTime(2025, 4, 30)).Count();
            foreach (string report in new[] { "UserCountry.getCountry", "DevicesDetection.getBrowsers", "Referrers.getReferrerType" })
            {
                var rows = await Ask($"method={report}&idSite=1&period=range&date=2025-04-01,2025-04-30&filter_limit=-1");
                Assert.Equal(visits, rows.EnumerateArray().Sum(row => row.GetProperty("nb_visits").GetInt64()));
                Assert.All(rows.EnumerateArray(), row => Assert.Contains("==", row.GetProperty("segment").GetString()));
            }
        }
    }
}
