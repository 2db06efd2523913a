using System.Linq;
using System.Threading.Tasks;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    /// <summary>
    /// A front end that redirects: the token (in the POST body) goes only where the connection points, or within its
    /// own origin; never to another host, port or scheme, whatever the status.
    /// </summary>
    public sealed class RedirectTests : IClassFixture<FakeServerFixture>
    {
        private readonly FakeServerFixture _fixture;

        public RedirectTests(FakeServerFixture fixture) => _fixture = fixture;

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(303)]
        [InlineData(307)]
        [InlineData(308)]
        public async Task A_redirect_to_another_host_is_refused_and_the_host_gets_nothing(int status)
        {
            using var elsewhere = FakeFrontEnd.Answering("[1,2,3]", "127.0.0.2");
            using var front = FakeFrontEnd.Redirecting(status, elsewhere.BaseUrl + "matomo/");
            using var client = FakeServerFixture.NewClient(front.BaseUrl);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Redirect, error.Kind);
            Assert.Contains($"redirected SitesManager.getSitesIdWithAtLeastViewAccess (HTTP {status}) to {elsewhere.BaseUrl}matomo/", error.Message);
            Assert.Empty(elsewhere.Requests);
            Assert.Single(front.Requests);
            Assert.Equal(1, error.Attempts);
            Assert.Equal(front.BaseUrl + "index.php", client.Endpoint.ToString());
        }

        [Fact]
        public async Task Another_port_or_the_name_localhost_for_127_0_0_1_is_another_origin()
        {
            using var elsewhere = FakeFrontEnd.Answering("[1,2,3]");
            using var otherPort = FakeFrontEnd.Redirecting(307, elsewhere.BaseUrl);
            using var client = FakeServerFixture.NewClient(otherPort.BaseUrl);
            Assert.Equal(MatomoErrorKind.Redirect, (await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync())).Kind);
            Assert.Empty(elsewhere.Requests);

            FakeFrontEnd? byName = null;
            byName = FakeFrontEnd.Start(request => request.Headers["Host"].StartsWith("localhost")
                ? FakeFrontEndAnswer.Json("[1,2,3]")
                : FakeFrontEndAnswer.Redirect(308, $"http://localhost:{byName!.Port}/{request.FileAndQuery}"));
            using (byName)
            using (var named = FakeServerFixture.NewClient(byName.BaseUrl))
            {
                var error = await Assert.ThrowsAsync<MatomoException>(() => named.GetSiteIdsAsync());
                Assert.Contains($"to http://localhost:{byName.Port}/", error.Message);
                Assert.DoesNotContain(byName.Requests, request => request.Headers["Host"].StartsWith("localhost"));
            }
        }

        [Fact]
        public async Task A_redirect_within_the_same_origin_is_followed_and_the_client_keeps_the_new_address()
        {
            using (var front = FakeFrontEnd.MovedWithin("old", "new", _fixture.Server.BaseUrl))
            using (var client = FakeServerFixture.NewClient(front.BaseUrl + "old/"))
            {
                Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
                Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());

                Assert.Equal(front.BaseUrl + "new/index.php", client.Endpoint.ToString());
                Assert.Equal(new[] { "/old/", "/new/", "/new/" }, front.Requests.Select(request => request.Target.Substring(0, 5)));
                Assert.All(front.Requests, request => Assert.Equal("POST", request.Method));
                Assert.All(front.Requests, request => Assert.Contains("token_auth=" + FakeTokens.View, request.Body));
            }
        }

        [Fact]
        public async Task A_302_from_http_to_https_is_refused_naming_the_https_address_not_called_a_wrong_token()
        {
            using var tls = new SelfSignedTlsServer();
            using var front = FakeFrontEnd.Redirecting(302, tls.BaseUrl + "matomo/");
            using var client = FakeServerFixture.NewClient(front.BaseUrl);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Redirect, error.Kind);
            Assert.Contains("to " + tls.BaseUrl + "matomo/", error.Message);
            Assert.Contains("use that https address", error.Message);
            Assert.DoesNotContain("token is not correct", error.Message);
            Assert.Equal(0, tls.Connections);
        }

        [Fact]
        public async Task Allowed_to_move_to_https_the_client_follows_and_a_certificate_problem_names_the_https_address()
        {
            using var tls = new SelfSignedTlsServer();
            using var front = FakeFrontEnd.Redirecting(302, tls.BaseUrl + "matomo/");
            using var client = FakeServerFixture.NewClient(front.BaseUrl, configure: options => options.AllowHttpsRedirect = true);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Certificate, error.Kind);
            Assert.Contains("TLS connection to " + tls.BaseUrl + "matomo/", error.Message);
            Assert.DoesNotContain(front.BaseUrl, error.Message);
            Assert.Equal(tls.BaseUrl + "matomo/index.php", client.Endpoint.ToString());
        }

        [Fact]
        public async Task Allowed_to_move_to_https_a_redirect_to_another_host_is_still_refused()
        {
            using var front = FakeFrontEnd.Redirecting(308, "https://127.0.0.2:1/matomo/");
            using var client = FakeServerFixture.NewClient(front.BaseUrl, configure: options => options.AllowHttpsRedirect = true);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Redirect, error.Kind);
            Assert.Contains("nothing was sent there", error.Message);
        }

        [Fact]
        public async Task Redirects_that_never_end_stop_after_five()
        {
            FakeFrontEnd? front = null;
            front = FakeFrontEnd.Start(request => FakeFrontEndAnswer.Redirect(307, $"/loop{front!.Requests.Count}/index.php"));
            using (front)
            using (var client = FakeServerFixture.NewClient(front.BaseUrl))
            {
                var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

                Assert.Equal(MatomoErrorKind.Redirect, error.Kind);
                Assert.Contains("redirected SitesManager.getSitesIdWithAtLeastViewAccess 5 times", error.Message);
                Assert.Equal(5, front.Requests.Count);
            }
        }
    }
}
