using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The fault suite, one request: each scripted misbehaviour of the double either heals after N tries with the
    /// right data, or ends in a clear error of the right kind after a bounded number of tries.
    /// </summary>
    public sealed class FaultTests : FaultTestBase
    {
        [Theory]
        [InlineData(429)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task A_transient_status_heals_on_the_next_try(int status)
        {
            Server.Faults.Add(new FakeFault { Status = status, Times = 1 });
            using var client = Client();

            AssertRightWeek(await Visits(client));
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains(Log, line => line.Contains($"HTTP {status}") && line.Contains("trying again"));
        }

        [Fact]
        public async Task A_maintenance_page_heals_after_three_tries_with_the_right_data()
        {
            Server.Faults.Add(new FakeFault { Status = 503, Html = MaintenancePage, Times = 2 });
            using var client = Client();

            AssertRightWeek(await Visits(client));
            Assert.Equal(3, Server.RequestCount);
        }

        [Fact]
        public async Task A_maintenance_page_that_stays_is_a_clear_error_after_the_last_try()
        {
            Server.Faults.Add(new FakeFault { Status = 503, Html = MaintenancePage, Times = 0 });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.Transient, error.Kind);
            Assert.Equal(503, error.HttpStatus);
            Assert.Equal(4, error.Attempts);
            Assert.Equal(4, Server.RequestCount);
            Assert.Contains("HTTP 503", error.Message);
            Assert.Contains("VisitsSummary.getVisits", error.Message);
            Assert.Contains("'Down for maintenance Matomo is being upgraded & will be back soon.'", error.Message);
            Assert.Contains("Gave up after 4 attempts over ", error.Message);
            // The sentence about the retries follows Matomo's words as a sentence of its own.
            Assert.Contains(". Gave up after 4 attempts over ", error.Message);
            Assert.Contains("(3 retries allowed)", error.Message);
            Assert.DoesNotContain("<h1>", error.Message);
            Assert.DoesNotContain("reload()", error.Message);
        }

        [Fact]
        public void Retries_pause_from_one_second_up_to_thirty_seconds_by_default()
        {
            var options = new MatomoClientOptions(MatomoEndpoint.Resolve("https://matomo.example/"), MatomoToken.FromPlainText(FakeTokens.View));

            Assert.Equal(TimeSpan.FromSeconds(1), options.RetryBaseDelay);
            Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRetryDelay);
            Assert.Equal(3, options.MaxRetries);
        }

        [Fact]
        public async Task A_server_error_in_matomos_envelope_that_names_no_outage_is_a_server_error_tried_once()
        {
            Server.Faults.Add(new FakeFault { Status = 500, Body = "{\"result\":\"error\",\"message\":\"Allowed memory size of 134217728 bytes exhausted\"}", Times = 0 });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.ServerError, error.Kind);
            Assert.False(error.IsTransient);
            Assert.Equal(500, error.HttpStatus);
            Assert.Equal(1, error.Attempts);
            Assert.Equal(1, Server.RequestCount);
            Assert.Contains("Allowed memory size of 134217728 bytes exhausted", error.Message);
            Assert.DoesNotContain(Log, line => line.Contains("trying again"));
        }

        [Fact]
        public async Task A_lost_database_in_matomos_envelope_is_tried_again_and_says_how_long()
        {
            Server.Faults.Add(new FakeFault { Status = 500, Body = "{\"result\":\"error\",\"message\":\"Mysql server has gone away\"}", Times = 0 });
            using var client = Client(options => options.MaxRetries = 2);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.DatabaseUnavailable, error.Kind);
            Assert.Equal(3, error.Attempts);
            Assert.Equal(3, Server.RequestCount);
            Assert.Contains("cannot reach its database", error.Message);
            Assert.Contains("'Mysql server has gone away'. Gave up after 3 attempts over ", error.Message);
        }

        [Fact]
        public async Task With_no_retries_the_error_still_names_the_single_attempt()
        {
            Server.Faults.Add(new FakeFault { Status = 502, Html = "<html><body>Bad Gateway</body></html>", Times = 0 });
            using var client = Client(options => options.MaxRetries = 0);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(1, Server.RequestCount);
            Assert.Contains("'Bad Gateway'", error.Message);
            Assert.Contains("Gave up after 1 attempt over ", error.Message);
        }

        [Fact]
        public async Task Pauses_double_from_the_base_delay_varied_by_at_most_a_quarter()
        {
            Server.Faults.Add(new FakeFault { Status = 503, Times = 3 });
            using var client = Client(options =>
            {
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(400);
                options.MaxRetryDelay = TimeSpan.FromSeconds(10);
            });

            AssertRightWeek(await Visits(client));

            var pauses = Log.Where(line => line.Contains("trying again in"))
                .Select(line => double.Parse(System.Text.RegularExpressions.Regex.Match(line, @"trying again in ([0-9.]+) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            Assert.Equal(3, pauses.Length);
            for (int i = 0; i < 3; i++) Assert.InRange(pauses[i], 0.4 * Math.Pow(2, i) * 0.75 - 0.05, 0.4 * Math.Pow(2, i) * 1.25 + 0.05);
        }

        [Fact]
        public async Task Retry_after_in_seconds_is_honoured()
        {
            Server.Faults.Add(new FakeFault { Status = 429, RetryAfter = "1", Times = 1 });
            using var client = Client(options => options.MaxRetryDelay = TimeSpan.FromSeconds(5));

            AssertRightWeek(await Visits(client));
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains(Log, line => line.Contains("trying again in 1.0 s"));
        }

        [Fact]
        public async Task Retry_after_as_an_http_date_is_honoured_up_to_the_cap()
        {
            Server.Faults.Add(new FakeFault { Status = 503, RetryAfter = "Wed, 21 Oct 2099 07:28:00 GMT", Times = 1 });
            using var client = Client(options => options.MaxRetryDelay = TimeSpan.FromMilliseconds(300));

            AssertRightWeek(await Visits(client));
            Assert.Contains(Log, line => line.Contains("trying again in 0.3 s"));
        }

        [Fact]
        public async Task A_wait_beyond_the_total_budget_gives_up_at_once()
        {
            Server.Faults.Add(new FakeFault { Status = 503, RetryAfter = "60", Times = 0 });
            using var client = Client(options =>
            {
                options.MaxRetryDelay = TimeSpan.FromMinutes(2);
                options.TotalBudget = TimeSpan.FromSeconds(5);
            });

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(1, Server.RequestCount);
            Assert.Equal(MatomoErrorKind.Transient, error.Kind);
            Assert.Contains("time budget of 5 s for one call", error.Message);
        }

        [Fact]
        public async Task A_request_slower_than_the_timeout_is_tried_again_and_heals()
        {
            Server.Faults.Add(new FakeFault { Delay = TimeSpan.FromSeconds(30), Times = 1 });
            // Long enough for the healthy second try even on a busy machine, far shorter than the hung first one.
            using var client = Client(options => options.Timeout = TimeSpan.FromSeconds(3));

            AssertRightWeek(await Visits(client));
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains(Log, line => line.Contains("no answer within 3 s"));
        }

        [Fact]
        public async Task A_server_that_never_answers_in_time_is_a_clear_error()
        {
            Server.Faults.Add(new FakeFault { Delay = TimeSpan.FromSeconds(30), Times = 0 });
            using var client = Client(options =>
            {
                // Long enough that the double has surely logged each attempt before the client gives up on it.
                options.Timeout = TimeSpan.FromSeconds(2);
                options.MaxRetries = 1;
            });

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.Timeout, error.Kind);
            Assert.Equal(2, error.Attempts);
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains("did not answer VisitsSummary.getVisits within 2 s", error.Message);
            Assert.Contains("Gave up after 2 attempts", error.Message);
        }

        [Fact]
        public async Task A_dropped_connection_heals_on_the_next_try()
        {
            Server.Faults.Add(new FakeFault { Drop = true, Times = 1 });
            using var client = Client();

            AssertRightWeek(await Visits(client));
            Assert.Equal(2, Server.RequestCount);
        }

        [Fact]
        public async Task A_connection_that_always_drops_is_a_clear_error()
        {
            Server.Faults.Add(new FakeFault { Drop = true, Times = 0 });
            using var client = Client(options => options.MaxRetries = 2);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.Transient, error.Kind);
            Assert.Equal(3, Server.RequestCount);
            Assert.Contains("connection to " + Server.BaseUrl + " failed during VisitsSummary.getVisits", error.Message);
            Assert.Contains("Gave up after 3 attempts", error.Message);
        }

        [Fact]
        public async Task A_truncated_answer_heals_on_the_next_try_and_is_never_a_shorter_result()
        {
            Server.Faults.Add(new FakeFault { Truncate = true, Times = 1 });
            using var client = Client();

            AssertRightWeek(await Visits(client));
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains(Log, line => line.Contains("cut off"));
        }

        [Fact]
        public async Task An_answer_that_is_always_truncated_is_an_invalid_result_error()
        {
            Server.Faults.Add(new FakeFault { Truncate = true, Times = 0 });
            using var client = Client(options => options.MaxRetries = 1);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains("answer to VisitsSummary.getVisits (HTTP 200) was cut off after", error.Message);
            Assert.Contains("Gave up after 2 attempts", error.Message);
            Assert.IsNotType<NullReferenceException>(error.InnerException);
        }

        [Fact]
        public async Task An_answer_cut_off_every_time_is_transient_as_the_retries_judged_it()
        {
            // A cut-off answer is retried (a proxy may have cut it), so its error says a later try may succeed, whatever its kind.
            Server.Faults.Add(new FakeFault { Truncate = true, Times = 0 });
            using var client = Client(options => options.MaxRetries = 0);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.True(error.IsTransient);
        }

        [Theory]
        [InlineData("{\"2025-06-01\": 3, \"2025-06-0", "is not JSON")]
        [InlineData("{\"2025-06-01\": \"many\"}", "is not a count for '2025-06-01'")]
        [InlineData("[1, 2, 3]", "is not an object keyed by date")]
        [InlineData("{\"2025-06-01\": 3, \"2025-06-02\": 4}", "lacks 5 of its periods (2025-06-03, 2025-06-04, 2025-06-05, ...)")]
        [InlineData("{\"2025-06-01\": 3, \"yesterday\": 4}", "date key that does not fit period Day")]
        public async Task A_malformed_answer_is_an_invalid_result_error_and_not_retried(string body, string says)
        {
            Server.Faults.Add(new FakeFault { Body = body, Times = 0 });
            using var client = Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains(says, error.Message);
            Assert.Contains("VisitsSummary.getVisits", error.Message);
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task A_server_that_echoes_the_token_in_an_answer_does_not_get_it_into_a_message()
        {
            Server.Faults.Add(new FakeFault { Body = "{\"2025-06-01\": \"token " + FakeTokens.View + "\"}", Times = 0 });
            Server.Faults.Add(new FakeFault { Body = "{\"result\":\"error\",\"message\":\"Bad token_auth " + FakeTokens.View + "\"}", Times = 0, When = r => r.Parameter("idSite") == "2" });
            using var client = Client();

            var shape = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));
            // The first fault applies to every request; clear it so the second one answers site 2.
            Server.Faults.RemoveAt(0);
            var refused = await Assert.ThrowsAsync<MatomoException>(() => Visits(client, Week(site: 2)));

            foreach (var error in new[] { shape, refused })
            {
                Assert.DoesNotContain(FakeTokens.View, error.ToString());
                Assert.Contains("********", error.Message);
            }
        }

        [Fact]
        public async Task Errors_that_a_retry_cannot_heal_are_never_retried()
        {
            using var wrongToken = FakeServerFixture.NewClient(Server.BaseUrl, "ffffffffffffffffffffffffffff0003");
            var authentication = await Assert.ThrowsAsync<MatomoException>(() => wrongToken.GetSiteIdsAsync());
            Assert.Equal(MatomoErrorKind.Authentication, authentication.Kind);
            Assert.Equal(1, Server.RequestCount);

            using var client = Client();
            var access = await Assert.ThrowsAsync<MatomoException>(() => Visits(client, Week(site: 7)));
            Assert.Equal(MatomoErrorKind.Access, access.Kind);
            Assert.Equal(2, Server.RequestCount);

            var invalid = await Assert.ThrowsAsync<MatomoException>(() => Visits(client, Week(segment: "referrerName==x")));
            Assert.Equal(MatomoErrorKind.InvalidRequest, invalid.Kind);
            Assert.Equal(3, Server.RequestCount);

            Server.Faults.Add(new FakeFault { Status = 404, Html = "<html><body><h1>Not Found</h1></body></html>", Times = 0 });
            var notFound = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));
            Assert.Equal(MatomoErrorKind.Protocol, notFound.Kind);
            Assert.Contains("HTTP 404", notFound.Message);
            Assert.Contains("'Not Found'", notFound.Message);
            Assert.Equal(4, Server.RequestCount);

            Assert.All(new[] { authentication, access, invalid, notFound }, error => Assert.Equal(1, error.Attempts));
        }
    }
}
