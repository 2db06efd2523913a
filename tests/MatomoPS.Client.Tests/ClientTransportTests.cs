using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    public sealed class ClientTransportTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public ClientTransportTests(FakeServerFixture fixture) => _fixture = fixture;

        private FakeRequestRecord LastRequestFor(string method) =>
            _fixture.Server.Requests.Last(request => request.ApiMethod == method);

        [Fact]
        public async Task Token_travels_only_in_the_post_body()
        {
            using var client = _fixture.Client(FakeTokens.SecureOnly);
            var ids = await client.GetSiteIdsAsync();

            Assert.Equal(new[] { 1, 2, 3 }, ids);
            var request = LastRequestFor("SitesManager.getSitesIdWithAtLeastViewAccess");
            Assert.Equal("POST", request.HttpMethod);
            Assert.DoesNotContain(FakeTokens.SecureOnly, request.RawQuery);
            Assert.Equal(FakeTokens.SecureOnly, request.Body["token_auth"]);
            Assert.Equal("API", request.Query["module"]);
            Assert.Equal("json", request.Query["format"]);
        }

        [Fact]
        public async Task A_secure_only_token_in_the_url_is_refused_by_the_double_as_by_Matomo()
        {
            using var http = new System.Net.Http.HttpClient();
            var answer = await http.GetAsync(_fixture.Server.BaseUrl + "index.php?module=API&method=SitesManager.getSitesIdWithAtLeastViewAccess&format=json&token_auth=" + FakeTokens.SecureOnly);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Contains("required to be sent as a POST parameter", await answer.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task More_than_100_site_ids_come_back_whole()
        {
            using var client = _fixture.Client(FakeTokens.ManySites);
            var ids = await client.GetSiteIdsAsync();

            Assert.Equal(Enumerable.Range(1, 150), ids);
            Assert.Equal("-1", LastRequestFor("SitesManager.getSitesIdWithAtLeastViewAccess").Query["filter_limit"]);
        }

        [Fact]
        public async Task Without_filter_limit_the_double_truncates_lists_at_100_as_Matomo_does()
        {
            using var client = _fixture.Client(FakeTokens.ManySites);
            using var document = await client.CallAsync(new MatomoRequest("SitesManager.getSitesIdWithAtLeastViewAccess", new[] { Pair("filter_limit", "100") }));
            Assert.Equal(100, document.RootElement.GetArrayLength());
        }

        [Fact]
        public async Task Site_ids_sent_as_strings_parse()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            server.Api.SiteIdsAsStrings = true;
            using var client = FakeServerFixture.NewClient(server.BaseUrl);

            Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
            Assert.Contains("\"1\"", await RawAnswer(server, FakeTokens.View));
        }

        [Fact]
        public async Task A_wrong_token_is_an_authentication_error_that_names_the_problem_but_not_the_token()
        {
            const string wrong = "ffffffffffffffffffffffffffff0001";
            using var client = _fixture.Client(wrong);
            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Authentication, error.Kind);
            Assert.Equal(401, error.HttpStatus);
            Assert.Contains("Unable to authenticate with the provided token", error.Message);
            Assert.DoesNotContain(wrong, error.ToString());
        }

        [Fact]
        public async Task A_token_that_sees_no_site_is_reported_as_not_correct()
        {
            using var client = _fixture.Client(FakeTokens.NoSites);
            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetMatomoIdAsync());

            Assert.Equal(MatomoErrorKind.Authentication, error.Kind);
            Assert.Contains("access token is not correct", error.Message);
        }

        [Fact]
        public async Task A_token_that_sees_no_site_names_the_call_that_found_it_out()
        {
            using var client = _fixture.Client(FakeTokens.NoSites);

            var byIds = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());
            var bySites = await Assert.ThrowsAsync<MatomoException>(() => client.GetSitesAsync());

            Assert.Equal("SitesManager.getSitesIdWithAtLeastViewAccess", byIds.ApiMethod);
            Assert.Equal("SitesManager.getSitesWithAtLeastViewAccess", bySites.ApiMethod);
        }

        [Fact]
        public async Task A_site_the_token_may_not_view_names_the_site_list_that_found_it_out()
        {
            using var client = _fixture.Client();

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteAccessAsync(7));

            Assert.Equal(MatomoErrorKind.Access, error.Kind);
            Assert.Equal("SitesManager.getSitesWithAtLeastViewAccess", error.ApiMethod);
            Assert.Contains("may not view site 7", error.Message);
        }

        [Fact]
        public async Task Matomo_messages_are_html_unescaped()
        {
            using var client = _fixture.Client();
            // Matomo 5.1.2 writes "Settings &gt; Plugins" in this message (tests/data/realmatomo/kit/error__unknown-module.json).
            var error = await Assert.ThrowsAsync<MatomoException>(() => client.CallAsync(new MatomoRequest("NoSuchModule.get", new[] { Pair("idSite", "1") })));

            Assert.Equal(MatomoErrorKind.InvalidRequest, error.Kind);
            Assert.Contains("The plugin NoSuchModule is not enabled. You can activate the plugin on Settings > Plugins page", error.Message);
            Assert.DoesNotContain("&gt;", error.Message);
        }

        [Fact]
        public async Task A_site_the_token_cannot_view_is_an_access_error()
        {
            using var client = _fixture.Client();
            var query = MatomoSeriesQuery.Create(new[] { 7 }, MatomoMetric.Visits, MatomoPeriod.Day, new DateTime(2023, 1, 1), new DateTime(2023, 1, 2));
            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetVisitsAsync(query));

            Assert.Equal(MatomoErrorKind.Access, error.Kind);
            Assert.Contains("website id = 7", error.Message);
        }

        [Fact]
        public void An_html_page_is_a_protocol_error_that_says_what_came_back()
        {
            byte[] page = Encoding.UTF8.GetBytes("<html><head><title>x</title><style>p{}</style></head><body><h1>Sign in</h1><p>Matomo login</p></body></html>");
            var error = ReaderTests.Failure(200, "text/html", System.Text.Encoding.UTF8.GetString(page), "API.getMatomoVersion");

            Assert.Equal(MatomoErrorKind.Protocol, error.Kind);
            Assert.Contains("HTTP 200", error.Message);
            Assert.Contains("text/html", error.Message);
            Assert.Contains("'Sign in Matomo login'", error.Message);
            Assert.DoesNotContain("invalid start of a value", error.Message);
            Assert.Null(error.InnerException);
        }

        [Fact]
        public async Task Requests_name_MatomoPS_in_the_user_agent_and_accept_gzip()
        {
            using var client = _fixture.Client();
            await client.GetSiteIdsAsync();
            var headers = LastRequestFor("SitesManager.getSitesIdWithAtLeastViewAccess").Headers;

            Assert.StartsWith("MatomoPS/", headers["User-Agent"]);
            Assert.Contains("gzip", headers["Accept-Encoding"]);
        }

        [Fact]
        public async Task Cancelling_stops_a_hung_request()
        {
            using var server = FakeMatomoServer.Start(FakeServerFixture.ServerToday);
            server.Faults.Add(new FakeFault { Delay = TimeSpan.FromMinutes(5) });
            using var client = FakeServerFixture.NewClient(server.BaseUrl);
            using var cancel = new CancellationTokenSource();

            var call = client.GetSiteIdsAsync(cancel.Token);
            while (server.RequestCount == 0) await Task.Delay(10);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        [Fact]
        public async Task The_double_answers_by_name_on_localhost_as_a_local_server_does()
        {
            using var client = FakeServerFixture.NewClient(_fixture.Server.BaseUrl.Replace("127.0.0.1", "localhost"));

            Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
        }

        [Fact]
        public async Task A_host_that_does_not_exist_is_said_at_once_and_not_retried()
        {
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            // The name is answered in process as a resolver answers a name that does not exist: no lookup leaves this machine.
            var options = new MatomoClientOptions(MatomoEndpoint.Resolve("http://no-such-host.invalid/matomo/"), MatomoToken.FromPlainText(FakeTokens.View)) { Log = log.Enqueue };
            using var client = new MatomoClient(options, new UnknownHostHandler());

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.HostNotFound, error.Kind);
            Assert.Equal(1, error.Attempts);
            Assert.Contains("The host no-such-host.invalid was not found", error.Message);
            Assert.DoesNotContain(log, line => line.Contains("trying again"));
        }

        /// <summary>Fails every request as a name lookup of a name that does not exist fails.</summary>
        private sealed class UnknownHostHandler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                throw new HttpRequestException($"Name or service not known ({request.RequestUri!.Host}:80)", new SocketException((int)SocketError.HostNotFound));
        }

        /// <summary>What a failed name lookup is, without asking DNS: a name that does not exist is said at once, a lookup that may succeed later is tried again.</summary>
        [Theory]
        [InlineData(SocketError.HostNotFound, MatomoErrorKind.HostNotFound, false, "The host matomo.example was not found")]
        [InlineData(SocketError.TryAgain, MatomoErrorKind.Transient, true, "The connection to https://matomo.example/")]
        public void A_failed_name_lookup_is_classified_by_its_socket_error(SocketError code, MatomoErrorKind kind, bool retryable, string says)
        {
            var error = new HttpRequestException("The name lookup failed.", new SocketException((int)code));

            var failure = MatomoErrorClassifier.OfConnectionError("API.getMatomoVersion", new Uri("https://matomo.example/index.php"), error, null);

            Assert.Equal(kind, failure.Kind);
            Assert.Equal(retryable, failure.Retryable);
            Assert.Contains(says, failure.Message);
        }

        [Fact]
        public async Task An_https_address_of_a_plain_http_server_says_the_server_spoke_no_TLS()
        {
            var plain = new Uri(_fixture.Server.BaseUrl);
            string https = new UriBuilder(plain) { Scheme = "https" }.Uri.ToString();
            using var client = FakeServerFixture.NewClient(https);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.NoTls, error.Kind);
            Assert.Equal(1, error.Attempts);
            Assert.Contains("did not answer with TLS", error.Message);
            Assert.Contains(_fixture.Server.BaseUrl, error.Message);
            Assert.DoesNotContain("certificate", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task An_https_address_of_a_server_that_closes_on_the_TLS_greeting_says_no_TLS_at_once()
        {
            // As PHP's built-in server does on its plain http port: it reads the greeting and closes the connection.
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int accepted = 0;
            var closing = Task.Run(async () =>
            {
                while (true)
                {
                    using var socket = await listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref accepted);
                    _ = await socket.GetStream().ReadAsync(new byte[512], 0, 512);
                }
            });
            using var client = FakeServerFixture.NewClient($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.NoTls, error.Kind);
            Assert.Equal(1, error.Attempts);
            Assert.Contains($"it may speak plain http on this port (http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/)", error.Message);
            Assert.Equal(1, Volatile.Read(ref accepted));
            listener.Stop();
        }

        [Fact]
        public void The_token_never_prints_itself()
        {
            var token = MatomoToken.FromPlainText(FakeTokens.View);
            Assert.Equal("********", token.ToString());
            Assert.DoesNotContain(FakeTokens.View, $"{token}");
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        public void A_blank_token_is_refused(string text) =>
            Assert.Throws<MatomoArgumentException>(() => MatomoToken.FromPlainText(text));

        [Theory]
        [InlineData("https://matomo.example.org", "https://matomo.example.org/index.php")]
        [InlineData("https://example.org/matomo", "https://example.org/matomo/index.php")]
        [InlineData("https://example.org/matomo/", "https://example.org/matomo/index.php")]
        [InlineData("https://example.org/matomo/index.php", "https://example.org/matomo/index.php")]
        [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/index.php")]
        public void Base_urls_may_have_a_path_or_end_in_index_php(string url, string endpoint) =>
            Assert.Equal(endpoint, MatomoEndpoint.Resolve(url).ToString());

        [Theory]
        [InlineData("matomo.example.org")]
        [InlineData("ftp://matomo.example.org")]
        [InlineData("/relative/path")]
        [InlineData("https://example.org/?module=API")]
        [InlineData("https://user:pw@example.org/")]
        [InlineData("")]
        public void Urls_that_are_not_absolute_http_are_refused(string url)
        {
            var error = Assert.Throws<MatomoArgumentException>(() => MatomoEndpoint.Resolve(url));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        private static System.Collections.Generic.KeyValuePair<string, string> Pair(string name, string value) => new(name, value);

        private static async Task<string> RawAnswer(FakeMatomoServer server, string token)
        {
            using var http = new System.Net.Http.HttpClient();
            var body = new System.Net.Http.FormUrlEncodedContent(new[] { Pair("token_auth", token) });
            var answer = await http.PostAsync(server.BaseUrl + "index.php?module=API&method=SitesManager.getSitesIdWithAtLeastViewAccess&format=json", body);
            return await answer.Content.ReadAsStringAsync();
        }
    }
}
