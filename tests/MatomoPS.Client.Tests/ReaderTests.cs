using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>Every answer shape Matomo sends, read by the client's reader without a server.</summary>
    public sealed class ReaderTests
    {
        private static readonly MatomoExceptions Failures = new MatomoExceptions(MatomoToken.FromPlainText("0123456789abcdef0123456789abcdef"));
        private static readonly MatomoReader Reader = new MatomoReader(Failures, () => new DateTime(2025, 6, 30));

        private static MatomoSeriesRow[] Read(string json, MatomoPeriod period = MatomoPeriod.Day, int[]? sites = null, string start = "2023-01-01", string end = "2023-01-03")
        {
            var query = MatomoSeriesQuery.Create(sites ?? new[] { 1 }, MatomoMetric.Visits, period,
                DateTime.Parse(start, CultureInfo.InvariantCulture), DateTime.Parse(end, CultureInfo.InvariantCulture));
            using var document = JsonDocument.Parse(json);
            return Reader.ReadSeries(query, document.RootElement, CultureInfo.InvariantCulture).ToArray();
        }

        [Fact]
        public void A_date_keyed_object_gives_a_row_per_key_in_date_order()
        {
            var rows = Read("{\"2023-01-01\":5,\"2023-01-02\":7,\"2023-01-03\":0}");
            Assert.Equal(new long[] { 5, 7, 0 }, rows.Select(row => row.Value));
            Assert.Equal(new[] { "2023-01-01", "2023-01-02", "2023-01-03" }, rows.Select(row => row.Key));
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"\"")]
        [InlineData("null")]
        [InlineData("0")]
        [InlineData("{}")]
        public void Every_form_of_an_empty_period_reads_as_zero(string empty)
        {
            var rows = Read("{\"2023-01-01\":" + empty + ",\"2023-01-02\":3}", end: "2023-01-02");
            Assert.Equal(new long[] { 0, 3 }, rows.Select(row => row.Value));
        }

        [Fact]
        public void Numbers_sent_as_strings_parse()
        {
            Assert.Equal(42, Read("{\"2023-01-01\":\"42\"}", end: "2023-01-01").Single().Value);
        }

        [Fact]
        public void A_single_period_value_object_becomes_one_row()
        {
            var row = Read("{\"value\":12}", start: "2023-01-05", end: "2023-01-05").Single();
            Assert.Equal(12, row.Value);
            Assert.Equal("2023-01-05", row.Key);
        }

        [Fact]
        public void An_answer_nested_per_site_gives_rows_for_each_site()
        {
            var rows = Read("{\"1\":{\"2023-01\":4},\"2\":{\"2023-01\":[]}}", MatomoPeriod.Month, new[] { 1, 2 }, "2023-01-01", "2023-01-31");
            Assert.Equal(new[] { (1, 4L), (2, 0L) }, rows.Select(row => (row.SiteId, row.Value)));
        }

        [Fact]
        public void A_missing_site_in_a_nested_answer_is_a_protocol_error_not_a_silent_gap()
        {
            var error = Assert.Throws<MatomoException>(() => Read("{\"1\":{\"2023-01\":4}}", MatomoPeriod.Month, new[] { 1, 2 }, "2023-01-01", "2023-01-31"));
            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains("site 2", error.Message);
        }

        [Theory]
        [InlineData("{\"2023-01-01\":{\"nb_visits\":3}}")]
        [InlineData("{\"2023-01-01\":-0.5}")]
        [InlineData("{\"2023-01-01\":\"many\"}")]
        [InlineData("{\"01/02/2023\":1}")]
        [InlineData("[1,2]")]
        public void An_answer_of_the_wrong_shape_is_a_protocol_error_that_shows_it(string json)
        {
            var error = Assert.Throws<MatomoException>(() => Read(json));
            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains("VisitsSummary.getVisits", error.Message);
        }

        [Fact]
        public void A_week_key_that_is_not_Monday_to_Sunday_is_refused()
        {
            var error = Assert.Throws<MatomoException>(() => Read("{\"2023-01-03,2023-01-09\":1}", MatomoPeriod.Week));
            Assert.Contains("Monday to Sunday", error.Message);
        }

        [Theory]
        [InlineData(200, "{\"result\":\"error\",\"message\":\"The period &#039;foo&#039; is not supported\"}", MatomoErrorKind.InvalidRequest, "The period 'foo' is not supported")]
        [InlineData(401, "{\"result\":\"error\",\"message\":\"Unable to authenticate with the provided token.\"}", MatomoErrorKind.Authentication, "Unable to authenticate")]
        [InlineData(401, "{\"result\":\"error\",\"message\":\"You can&#039;t access this resource as it requires &#039;view&#039; access for the website id = 3.\"}", MatomoErrorKind.Access, "You can't access this resource")]
        [InlineData(503, "<html><body><h1>Matomo is under maintenance</h1></body></html>", MatomoErrorKind.Transient, "Matomo is under maintenance")]
        [InlineData(502, "", MatomoErrorKind.Transient, "HTTP 502 and an empty answer")]
        [InlineData(200, "{\"2023-01-01\":", MatomoErrorKind.Protocol, "HTTP 200")]
        [InlineData(500, "{\"result\":\"error\",\"message\":\"Allowed memory size of 134217728 bytes exhausted\"}", MatomoErrorKind.ServerError, "Allowed memory size of 134217728 bytes exhausted")]
        [InlineData(500, "{\"result\":\"error\",\"message\":\"Mysql server has gone away\"}", MatomoErrorKind.DatabaseUnavailable, "Mysql server has gone away")]
        public void Errors_become_MatomoExceptions_with_a_kind_and_a_readable_message(int status, string body, MatomoErrorKind kind, string text)
        {
            var error = Failure(status, "application/json", body);
            Assert.Equal(kind, error.Kind);
            Assert.Contains(text, error.Message);
            Assert.Equal(status, error.HttpStatus);
        }

        /// <summary>
        /// Matomo's error envelope with HTTP 500 is a fault of the server, never a request to change: tried again only
        /// when it names an outage that may end (its database), not when PHP ran out of memory.
        /// </summary>
        [Theory]
        [InlineData("Allowed memory size of 134217728 bytes exhausted", MatomoErrorKind.ServerError, false)]
        [InlineData("Mysql server has gone away", MatomoErrorKind.DatabaseUnavailable, true)]
        public void A_server_error_envelope_is_retried_only_when_it_names_an_outage(string message, MatomoErrorKind kind, bool retryable)
        {
            var answer = new MatomoAnswer(500, "application/json", null, Encoding.UTF8.GetBytes("{\"result\":\"error\",\"message\":\"" + message + "\"}"));

            var failure = MatomoErrorClassifier.OfAnswer("VisitsSummary.getVisits", answer);

            Assert.NotNull(failure);
            Assert.Equal(kind, failure!.Kind);
            Assert.Equal(retryable, failure.Retryable);
            Assert.NotEqual(MatomoErrorKind.InvalidRequest, failure.Kind);
        }

        /// <summary>What the client makes of a raw answer: the classifier's failure, else the reader's.</summary>
        internal static MatomoException Failure(int status, string contentType, string body, string method = "VisitsSummary.getVisits")
        {
            var answer = new MatomoAnswer(status, contentType, null, Encoding.UTF8.GetBytes(body));
            var failure = MatomoErrorClassifier.OfAnswer(method, answer);
            return failure != null ? Failures.Single(failure) : Assert.Throws<MatomoException>(() => Reader.Parse(answer, method).Dispose());
        }
    }
}
