using System;
using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// The faults of the server itself, as a real Matomo 5.1.2 answers them (the double's switches replay the answers of
    /// tests/data/realmatomo/faults): a database that is down and comes back, maintenance mode, and the brute-force
    /// lockout. Each is said as what it is, retried only when a retry can heal it.
    /// </summary>
    public sealed class ServerFaultTests : FaultTestBase
    {
        [Fact]
        public async Task A_database_that_stays_down_is_a_database_error_after_every_retry()
        {
            Server.Api.DatabaseDown = true;
            using var client = Client(options => options.MaxRetries = 2);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.DatabaseUnavailable, error.Kind);
            Assert.True(error.IsTransient);
            Assert.Equal(500, error.HttpStatus);
            Assert.Equal(3, error.Attempts);
            Assert.Equal(3, Server.RequestCount);
            Assert.Contains("cannot reach its database", error.Message);
            Assert.Contains(FakeMatomoApi.DatabaseDownMessage, error.Message);
            Assert.Contains("Gave up after 3 attempts", error.Message);
        }

        [Fact]
        public async Task A_database_that_comes_back_while_the_client_waits_heals_the_call()
        {
            Server.Api.DatabaseDown = true;
            using var client = Client(options => options.Log = line =>
            {
                Log.Enqueue(line);
                if (line.Contains("trying again")) Server.Api.DatabaseDown = false;
            });

            AssertRightWeek(await Visits(client));
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains(Log, line => line.Contains("cannot reach its database") && line.Contains("trying again"));
        }

        [Fact]
        public async Task Matomos_html_page_of_a_database_error_is_a_database_error_too()
        {
            // What Matomo answers when module and method are not in the query string (faults/database-down__params-in-body...).
            Server.Faults.Add(new FakeFault { Status = 500, Html = FakeErrorPage.Render(FakeMatomoApi.DatabaseDownMessage), Times = 0 });
            using var client = Client(options => options.MaxRetries = 1);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.DatabaseUnavailable, error.Kind);
            Assert.Equal(2, Server.RequestCount);
            Assert.Contains("'" + FakeMatomoApi.DatabaseDownMessage + "'", error.Message);
            Assert.DoesNotContain("<", error.Message);
        }

        [Fact]
        public async Task Maintenance_mode_that_stays_is_said_as_maintenance_after_every_retry()
        {
            Server.Api.MaintenanceMode = true;
            using var client = Client(options => options.MaxRetries = 2);

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));

            Assert.Equal(MatomoErrorKind.Maintenance, error.Kind);
            Assert.Equal(503, error.HttpStatus);
            Assert.Equal(3, error.Attempts);
            Assert.Equal(3, Server.RequestCount);
            Assert.Contains("maintenance mode", error.Message);
            Assert.DoesNotContain("overloaded", error.Message);
        }

        [Fact]
        public async Task Maintenance_that_ends_while_the_client_waits_heals_the_call()
        {
            Server.Api.MaintenanceMode = true;
            using var client = Client(options => options.Log = line =>
            {
                if (line.Contains("trying again")) Server.Api.MaintenanceMode = false;
            });

            AssertRightWeek(await Visits(client));
            Assert.Equal(2, Server.RequestCount);
        }

        [Fact]
        public async Task A_lockout_is_refused_once_and_the_client_sends_nothing_after_it()
        {
            using var client = Client();
            AssertRightWeek(await Visits(client));
            Server.Api.LockOut();

            var error = await Assert.ThrowsAsync<MatomoException>(() => Visits(client));
            var next = await Assert.ThrowsAsync<MatomoException>(() => Visits(client, Week(site: 2)));

            Assert.Equal(MatomoErrorKind.LockedOut, error.Kind);
            Assert.Equal(1, error.Attempts);
            Assert.Equal(500, error.HttpStatus);
            Assert.Contains(FakeMatomoApi.TooManyFailedLogins, error.Message);
            Assert.Contains("locked out after too many failed logins", error.Message);
            // The second call is not sent: every request from a locked-out address would only be refused again.
            Assert.Equal(MatomoErrorKind.LockedOut, next.Kind);
            Assert.Equal(0, next.Attempts);
            Assert.Contains("was not sent", next.Message);
            Assert.Equal(2, Server.RequestCount);
        }

        [Fact]
        public async Task A_lockout_lifted_on_the_server_needs_a_new_client()
        {
            Server.Api.LockOut();
            using (var locked = Client())
                Assert.Equal(MatomoErrorKind.LockedOut, (await Assert.ThrowsAsync<MatomoException>(() => Visits(locked))).Kind);
            Server.Api.Unblock();

            using var fresh = Client();
            AssertRightWeek(await Visits(fresh));
            Assert.Equal(2, Server.RequestCount);
        }

        [Fact]
        public async Task Every_series_of_a_bulk_request_refused_by_a_lockout_gets_the_lockout_error_from_one_request()
        {
            Server.Api.LockOut();
            using var client = Client();

            var results = client.FetchSeries(new[] { Language("en"), Language("de"), Week() }, new MatomoFetchOptions { ThrottleLimit = 1 });

            foreach (var result in results)
            {
                var error = await Assert.ThrowsAsync<MatomoException>(() => result);
                Assert.Equal(MatomoErrorKind.LockedOut, error.Kind);
            }
            Assert.Equal(1, Server.RequestCount);
        }

        [Fact]
        public async Task A_single_request_carries_its_parameters_in_the_url_and_only_the_token_in_the_body()
        {
            using var client = Client();

            await Visits(client, Week(segment: "pageUrl=@/de/"));

            var request = Assert.Single(Server.Requests);
            Assert.Equal(new[] { "token_auth" }, request.Body.Keys);
            Assert.Equal("pageUrl=@%2Fde%2F", request.Query["segment"]);
            Assert.Equal("2025-06-01,2025-06-07", request.Query["date"]);
        }

        [Fact]
        public async Task A_segment_too_long_for_the_url_travels_in_the_body_with_every_other_parameter()
        {
            string segment = string.Join(",", Enumerable.Range(0, 400).Select(i => $"pageUrl=@/page-{i}/"));
            using var client = Client();

            var rows = await Visits(client, Week(segment: segment));

            var request = Assert.Single(Server.Requests);
            Assert.Equal(new[] { "format", "method", "module" }, request.Query.Keys.OrderBy(key => key, StringComparer.Ordinal));
            Assert.Equal(new[] { "token_auth", "idSite", "period", "date", "segment", "filter_limit" }, request.Body.Keys);
            Assert.Equal(7, rows.Count);
            Assert.Contains(rows, row => row.Value > 0);
        }

        [Fact]
        public async Task A_parameter_MatomoPS_does_not_know_stays_in_the_body()
        {
            using var client = Client();

            using var _ = await client.CallAsync(new MatomoRequest("API.getMatomoVersion", new[] { new System.Collections.Generic.KeyValuePair<string, string>("passwordConfirmation", "secret") }));

            var request = Assert.Single(Server.Requests);
            Assert.Equal("secret", request.Body["passwordConfirmation"]);
            Assert.DoesNotContain("secret", request.RawQuery);
        }
    }
}
