using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MatomoPS.Client;
using Xunit;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The client reads what a real Matomo 5.1.2 answered (tests/data/realmatomo/ours): MultiSites.getAll of the kit's
    /// viewer (site 2, March 2023: 5 visits after 2 in February), and the refusal of CoreAdminHome.invalidateArchivedReports
    /// to a token that is not a super user's.
    /// </summary>
    public sealed class SiteSummaryAnswerTests
    {
        private static MatomoClient Answering(string file) =>
            new MatomoClient(new MatomoClientOptions(new Uri("http://127.0.0.1:9/index.php"), MatomoToken.FromPlainText("0123456789abcdef0123456789abcdef"))
            {
                MaxRetries = 0,
            }, new CapturedAnswer(Captured.Find(file)));

        [Fact]
        public async Task A_month_of_the_real_answer_reads_as_its_figures_the_previous_month_and_the_exact_change()
        {
            using var client = Answering("client-shape__MultiSites.getAll__viewer_month_2023-03_enhanced.json");

            var site = Assert.Single(await client.GetSiteSummariesAsync(MatomoDateRange.Create(MatomoPeriod.Month, new DateTime(2023, 3, 1), new DateTime(2023, 3, 1))));

            Assert.Equal((2, "Second Site", "https://second.example.net", "$"), (site.SiteId, site.Name, site.MainUrl, site.CurrencySymbol));
            Assert.Equal((5L, 10L, 10L, 0m, 0L), (site.Visits, site.Actions, site.Pageviews!.Value, site.Revenue!.Value, site.Conversions!.Value));
            Assert.Equal((2L, 4L, 4L, 0m, 0L), (site.PreviousVisits!.Value, site.PreviousActions!.Value, site.PreviousPageviews!.Value, site.PreviousRevenue!.Value, site.PreviousConversions!.Value));
            Assert.Equal((new DateTime(2023, 3, 1), new DateTime(2023, 3, 31), new DateTime(2023, 2, 1), new DateTime(2023, 2, 28)),
                (site.Start, site.End, site.PreviousStart, site.PreviousEnd));
            Assert.Equal(1.5, site.VisitsChange);
            Assert.Null(site.RevenueChange);
        }

        [Fact]
        public async Task A_range_of_the_real_answer_is_compared_with_as_many_days_before_and_nothing_before_is_no_change()
        {
            using var client = Answering("client-shape__MultiSites.getAll__viewer_range_2023-03-01..2023-03-10_enhanced.json");

            var site = Assert.Single(await client.GetSiteSummariesAsync(MatomoDateRange.Create(MatomoPeriod.Range, new DateTime(2023, 3, 1), new DateTime(2023, 3, 10))));

            // Matomo's own previousRange there reads "Feb 19 – 28, 2023".
            Assert.Equal((new DateTime(2023, 2, 19), new DateTime(2023, 2, 28)), (site.PreviousStart, site.PreviousEnd));
            Assert.Equal((5L, 0L), (site.Visits, site.PreviousVisits!.Value));
            Assert.Null(site.VisitsChange);
        }

        [Fact]
        public async Task The_real_refusal_of_invalidation_to_a_viewer_is_an_access_failure_that_asks_for_a_super_users_token()
        {
            using var client = Answering("error__viewer-token_CoreAdminHome.invalidateArchivedReports.json");
            var query = MatomoInvalidationQuery.Create(new[] { 2 }, MatomoDateRange.Create(MatomoPeriod.Day, new DateTime(2023, 3, 10), new DateTime(2023, 3, 10)));

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.InvalidateArchivesAsync(query));

            Assert.Equal(MatomoErrorKind.Access, error.Kind);
            Assert.Equal(MatomoInvalidationQuery.Method, error.ApiMethod);
            Assert.StartsWith("CoreAdminHome.invalidateArchivedReports needs a super user's token on http://127.0.0.1:9/", error.Message);
            Assert.Contains("does not exist or is not available", error.Message);
        }

        [Fact]
        public async Task Several_days_are_not_one_period_of_a_summary()
        {
            using var client = Answering("client-shape__MultiSites.getAll__viewer_month_2023-03_enhanced.json");

            var error = await Assert.ThrowsAsync<MatomoArgumentException>(() =>
                client.GetSiteSummariesAsync(MatomoDateRange.Create(MatomoPeriod.Day, new DateTime(2023, 3, 1), new DateTime(2023, 3, 2))));

            Assert.Contains("A summary is of one day", error.Message);
        }

        /// <summary>Answers every request with one captured answer, its status and content type.</summary>
        private sealed class CapturedAnswer : HttpMessageHandler
        {
            private readonly Captured _answer;

            public CapturedAnswer(Captured answer) => _answer = answer;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage((HttpStatusCode)_answer.Status) { Content = new StringContent(_answer.Body, Encoding.UTF8, _answer.MediaType) });
        }
    }
}
