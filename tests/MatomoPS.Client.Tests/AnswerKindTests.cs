using System;
using System.Globalization;
using System.Linq;
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
    /// What decides whether an answer is data or one of Matomo's pages: a JSON answer is data whatever words it holds,
    /// and a successful answer that is not JSON is the same error on every path (series, reports, any method).
    /// </summary>
    public sealed class AnswerKindTests
    {
        private const string LockoutWords = "Too many failed logins";

        private static MatomoClient Client(Func<HttpRequestMessage, (string ContentType, string Body)> answer) =>
            new MatomoClient(new MatomoClientOptions(new Uri("http://127.0.0.1:9/index.php"), MatomoToken.FromPlainText("0123456789abcdef0123456789abcdef"))
            {
                MaxRetries = 0,
            }, new Answering(answer));

        private static MatomoReportQuery January() =>
            MatomoReportQuery.Create("Actions.getPageTitles", new[] { 1 }, MatomoPeriod.Month, new DateTime(2023, 1, 1), new DateTime(2023, 1, 31));

        [Fact]
        public async Task A_report_row_that_quotes_the_lockout_page_is_data_and_the_client_goes_on_sending()
        {
            using var client = Client(request => request.RequestUri!.Query.Contains("SitesManager")
                ? ("application/json", "[1]")
                : ("application/json", "[{\"label\":\"Help - " + LockoutWords + "\",\"nb_hits\":3}]"));

            var tables = await client.GetReportAsync(January());
            var sites = await client.GetSiteIdsAsync();

            var row = tables.Single().Rows.Single();
            Assert.Equal("Help - " + LockoutWords, row.Label);
            Assert.Equal(new[] { 1 }, sites);
        }

        [Fact]
        public async Task The_lockout_page_itself_is_still_a_lockout()
        {
            using var client = Client(_ => ("text/html", "<html><head><title>Matomo</title></head><body><div class=\"content\"><h2>" + LockoutWords
                + " from this IP address</h2></div></body></html>"));

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetReportAsync(January()));

            Assert.Equal(MatomoErrorKind.LockedOut, error.Kind);
        }

        [Theory]
        [InlineData("text/html", "<html><body><h1>Sign in</h1></body></html>", "text/html that is not JSON: 'Sign in'")]
        [InlineData("application/json", "", "an empty answer")]
        public async Task A_successful_answer_that_is_not_json_is_the_same_error_for_a_report_as_for_any_method(string contentType, string body, string says)
        {
            using var client = Client(_ => (contentType, body));

            var report = await Assert.ThrowsAsync<MatomoException>(() => client.GetReportAsync(January()));
            var call = await Assert.ThrowsAsync<MatomoException>(() => client.CallAsync(new MatomoRequest("API.getMatomoVersion")));

            Assert.Equal(MatomoErrorKind.Protocol, report.Kind);
            Assert.Contains("HTTP 200 and " + says, report.Message);
            Assert.Equal(report.Message.Replace("Actions.getPageTitles", "API.getMatomoVersion"), call.Message);
        }

        private sealed class Answering : HttpMessageHandler
        {
            private readonly Func<HttpRequestMessage, (string ContentType, string Body)> _answer;

            public Answering(Func<HttpRequestMessage, (string ContentType, string Body)> answer) => _answer = answer;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var (contentType, body) = _answer(request);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, contentType) });
            }
        }
    }
}
