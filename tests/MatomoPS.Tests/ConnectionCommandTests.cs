using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;

namespace MatomoPS.Tests
{
    [Collection(SessionCollection.Name)]
    public sealed class ConnectionCommandTests : System.IDisposable
    {
        private readonly ServerFixture _fixture;
        private readonly PowerShellHost _host = new PowerShellHost();

        public ConnectionCommandTests(ServerFixture fixture)
        {
            _fixture = fixture;
            MatomoSession.Set(null);
        }

        private Dictionary<string, object?> Vars(string token = FakeTokens.View) => new()
        {
            ["url"] = _fixture.Server.BaseUrl,
            ["token"] = token,
        };

        public void Dispose() => _host.Dispose();

        [Fact]
        public void Connect_takes_the_first_site_and_becomes_the_default()
        {
            var output = _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru; Get-MatomoConnection", Vars());

            Assert.Empty(_host.Errors);
            Assert.Equal(2, output.Count);
            Assert.Equal(1, output[1].Properties["SiteId"].Value);
            Assert.Equal(_fixture.Server.BaseUrl, output[1].Properties["Url"].Value);
            Assert.DoesNotContain(FakeTokens.View, _host.EverythingShown());
        }

        [Fact]
        public void A_wrong_token_is_an_authentication_error_without_the_token()
        {
            const string wrong = "ffffffffffffffffffffffffffff0002";
            _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -Verbose", Vars(wrong));

            var error = Assert.Single(_host.Errors);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoAuthenticationFailed", error.FullyQualifiedErrorId);
            Assert.Contains("Unable to authenticate", error.Exception.Message);
            Assert.DoesNotContain(wrong, _host.EverythingShown());
            Assert.Null(MatomoSession.Current);
        }
    }
}
