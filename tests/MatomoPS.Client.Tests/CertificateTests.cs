using System.Threading.Tasks;
using MatomoPS.Client;

namespace MatomoPS.Client.Tests
{
    public sealed class CertificateTests
    {
        [Fact]
        public async Task An_untrusted_certificate_is_refused_at_once_with_a_clear_error()
        {
            using var server = new SelfSignedTlsServer();
            using var client = FakeServerFixture.NewClient(server.BaseUrl);

            var error = await Assert.ThrowsAsync<MatomoException>(() => client.GetSiteIdsAsync());

            Assert.Equal(MatomoErrorKind.Certificate, error.Kind);
            Assert.Contains("TLS connection to " + server.BaseUrl, error.Message);
            Assert.Equal(1, error.Attempts);
            Assert.Equal(1, server.Connections);
        }

        [Fact]
        public async Task Skipping_the_certificate_check_reaches_a_self_signed_server()
        {
            using var server = new SelfSignedTlsServer();
            using var client = FakeServerFixture.NewClient(server.BaseUrl, configure: options => options.SkipCertificateCheck = true);

            Assert.Equal(new[] { 1, 2, 3 }, await client.GetSiteIdsAsync());
        }
    }
}
