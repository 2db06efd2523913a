using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;

namespace MatomoPS.Tests
{
    [Collection(SessionCollection.Name)]
    public sealed class ConnectionCommandTests : IDisposable
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

        [Fact]
        public void A_blank_token_or_a_bad_url_is_an_InvalidArgument_error_before_any_request()
        {
            int before = _fixture.Server.RequestCount;
            _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString '   ' -AsPlainText -Force)", Vars());
            var blank = Assert.Single(_host.Errors);
            _host.Run("Connect-Matomo -Url 'matomo.example.org' -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            var relative = Assert.Single(_host.Errors);

            Assert.Equal(ErrorCategory.InvalidArgument, blank.CategoryInfo.Category);
            Assert.Contains("token is empty or blank", blank.ToString());
            Assert.Equal(ErrorCategory.InvalidArgument, relative.CategoryInfo.Category);
            Assert.Contains("not an absolute http or https URL", relative.ToString());
            Assert.Equal(before, _fixture.Server.RequestCount);
        }

        [Theory]
        [InlineData("-SiteId 0")]
        [InlineData("-TimeoutSec 0")]
        [InlineData("-NoSuchParameter 1")]
        public void Out_of_range_or_unknown_parameters_fail_in_binding(string parameter)
        {
            int before = _fixture.Server.RequestCount;
            _host.Run($"Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) {parameter}", Vars());

            var error = Assert.Single(_host.Errors);
            Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
            Assert.Equal(before, _fixture.Server.RequestCount);
        }

        [Fact]
        public void A_credential_whose_password_is_the_token_connects()
        {
            var output = _host.Run("$c = [pscredential]::new('matomo', (ConvertTo-SecureString $token -AsPlainText -Force)); Connect-Matomo -Url $url -Credential $c -SiteId 2 -PassThru", Vars());

            Assert.Empty(_host.Errors);
            Assert.Equal(2, Assert.Single(output).Properties["SiteId"].Value);
        }

        [Fact]
        public void A_site_the_token_cannot_view_is_refused_at_connect()
        {
            _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -SiteId 9", Vars());

            var error = Assert.Single(_host.Errors);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("may not view site 9", error.ToString());
        }

        [Fact]
        public void The_connection_object_shows_where_it_points_and_never_the_token()
        {
            var json = _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru | ConvertTo-Json -Depth 5; Get-MatomoConnection | Format-List * | Out-String", Vars());

            Assert.Empty(_host.Errors);
            string text = string.Join("\n", json.Select(o => o.ToString()));
            Assert.Contains("\"SiteId\": 1", text);
            Assert.Contains("TimeoutSec", text);
            Assert.DoesNotContain(FakeTokens.View, text);
        }

        [Fact]
        public void Disconnect_forgets_the_connection_and_commands_then_say_how_to_connect()
        {
            string? url = Environment.GetEnvironmentVariable("MATOMO_URL");
            Assert.Null(url);
            _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force); Disconnect-Matomo; Get-MatomoConnection; Get-MatomoId", Vars());

            Assert.Empty(_host.Output);
            var error = Assert.Single(_host.Errors);
            Assert.Equal("MatomoNotConnected,MatomoPS.GetMatomoIdCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Connect-Matomo", error.ToString());
        }

        [Fact]
        public void Without_Connect_the_commands_use_the_environment()
        {
            try
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", _fixture.Server.BaseUrl);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", FakeTokens.View);
                Environment.SetEnvironmentVariable("MATOMO_SITE_ID", "2");
                var rows = _host.Run("Get-MatomoVisits -Start 2023-01-02 -End 2023-01-03");

                Assert.Empty(_host.Errors);
                Assert.Equal(2, rows.Count);
                Assert.All(rows, row => Assert.Equal(2, ((MatomoPS.Client.MatomoVisitsRow)row.BaseObject).SiteId));
            }
            finally
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", null);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", null);
                Environment.SetEnvironmentVariable("MATOMO_SITE_ID", null);
            }
        }

        [Fact]
        public void Get_MatomoId_lists_every_site_with_All_even_past_100()
        {
            var first = _host.Run("Get-MatomoId -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars(FakeTokens.ManySites));
            Assert.Equal(1, Assert.Single(first).BaseObject);
            var all = _host.Run("Get-MatomoId -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -All", Vars(FakeTokens.ManySites));

            Assert.Empty(_host.Errors);
            Assert.Equal(Enumerable.Range(1, 150), all.Select(o => (int)o.BaseObject));
        }

        [Fact]
        public void Invoke_MatomoApi_returns_objects_and_enumerates_lists()
        {
            _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            var sites = _host.Run("Invoke-MatomoApi SitesManager.getSitesWithAtLeastViewAccess");
            // 2023-01-04 has visits in the double's data set (checked below against its own count).
            var visits = _host.Run("Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'day'; date = '2023-01-04' }");

            Assert.Empty(_host.Errors);
            Assert.Equal(3, sites.Count);
            Assert.Equal("Demo site", sites[0].Properties["name"].Value);
            Assert.Equal(_fixture.Server.Api.Data.Visits(1, new DateTime(2023, 1, 4)).Count, (int)Assert.Single(visits).Properties["nb_visits"].Value);
            Assert.NotEqual(0, (int)visits[0].Properties["nb_visits"].Value);
        }

        [Fact]
        public void Invoke_MatomoApi_refuses_a_method_that_is_not_Module_action_before_any_request()
        {
            _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            int before = _fixture.Server.RequestCount;
            _host.Run("Invoke-MatomoApi getVisits");

            var error = Assert.Single(_host.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(before, _fixture.Server.RequestCount);
        }

        [Fact]
        public void Ctrl_C_stops_a_hung_request()
        {
            _host.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            var hang = new FakeFault { When = r => r.ApiMethod == "VisitsSummary.getVisits", Delay = TimeSpan.FromMinutes(10) };
            _fixture.Server.Faults.Add(hang);
            try
            {
                int before = _fixture.Server.RequestCount;
                var stopped = _host.RunAndStop("Get-MatomoVisits -Start 2023-01-01 -End 2023-01-02", () => _fixture.Server.RequestCount > before);
                Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, stopped);
            }
            finally
            {
                _fixture.Server.Faults.Remove(hang);
            }
        }
    }
}
