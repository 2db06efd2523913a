using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;

namespace MatomoPS.Tests
{
    [Collection(EnvironmentCollection.Name)]
    public sealed class ConnectionCommandTests : SessionTest
    {
        public ConnectionCommandTests(ServerFixture fixture) : base(fixture) { }

        [Fact]
        public void Connect_takes_the_first_site_and_becomes_the_default()
        {
            var output = Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru; Get-MatomoConnection", Vars());

            Assert.Empty(Shell.Errors);
            Assert.Equal(2, output.Count);
            Assert.Equal(1, output[1].Properties["DefaultSiteId"].Value);
            Assert.Equal(Fixture.Server.BaseUrl, output[1].Properties["Url"].Value);
            Assert.DoesNotContain(FakeTokens.View, Shell.EverythingShown());
        }

        [Fact]
        public void A_wrong_token_is_an_authentication_error_without_the_token()
        {
            const string wrong = "ffffffffffffffffffffffffffff0002";
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -Verbose", Vars(wrong));

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoAuthenticationFailed", error.FullyQualifiedErrorId);
            Assert.Contains("Unable to authenticate", error.Exception.Message);
            Assert.DoesNotContain(wrong, Shell.EverythingShown());
            Assert.Null(Session.Current);
        }

        [Fact]
        public void A_blank_token_or_a_bad_url_is_an_InvalidArgument_error_before_any_request()
        {
            int before = Fixture.Server.RequestCount;
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString '   ' -AsPlainText -Force)", Vars());
            var blank = Assert.Single(Shell.Errors);
            Shell.Run("Connect-Matomo -Url 'matomo.example.org' -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            var relative = Assert.Single(Shell.Errors);

            Assert.Equal(ErrorCategory.InvalidArgument, blank.CategoryInfo.Category);
            Assert.Contains("token is empty or blank", blank.ToString());
            Assert.Equal(ErrorCategory.InvalidArgument, relative.CategoryInfo.Category);
            Assert.Contains("not an absolute http or https URL", relative.ToString());
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Theory]
        [InlineData("-SiteId 0")]
        [InlineData("-TimeoutSec 0")]
        [InlineData("-NoSuchParameter 1")]
        public void Out_of_range_or_unknown_parameters_fail_in_binding(string parameter)
        {
            int before = Fixture.Server.RequestCount;
            Shell.Run($"Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) {parameter}", Vars());

            var error = Assert.Single(Shell.Errors);
            Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void A_credential_whose_password_is_the_token_connects()
        {
            var output = Shell.Run("$c = [pscredential]::new('matomo', (ConvertTo-SecureString $token -AsPlainText -Force)); Connect-Matomo -Url $url -Credential $c -SiteId 2 -PassThru", Vars());

            Assert.Empty(Shell.Errors);
            Assert.Equal(2, Assert.Single(output).Properties["DefaultSiteId"].Value);
        }

        [Fact]
        public void A_site_the_token_cannot_view_is_refused_at_connect()
        {
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -SiteId 9", Vars());

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("may not view site 9", error.ToString());
        }

        [Fact]
        public void The_connection_object_shows_where_it_points_and_never_the_token()
        {
            var json = Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru | ConvertTo-Json -Depth 5; Get-MatomoConnection | Format-List * | Out-String", Vars());

            Assert.Empty(Shell.Errors);
            string text = string.Join("\n", json.Select(o => o.ToString()));
            Assert.Contains("\"DefaultSiteId\": 1", text);
            Assert.Contains("TimeoutSec", text);
            Assert.DoesNotContain(FakeTokens.View, text);
        }

        [Fact]
        public void Disconnect_forgets_the_connection_and_commands_then_say_how_to_connect()
        {
            string? url = Environment.GetEnvironmentVariable("MATOMO_URL");
            Assert.Null(url);
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force); Disconnect-Matomo; Get-MatomoConnection; Get-MatomoId", Vars());

            Assert.Empty(Shell.Output);
            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoNotConnected,MatomoPS.GetMatomoIdCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Connect-Matomo", error.ToString());
        }

        [Theory]
        [InlineData("Get-MatomoVisits -SiteId ", "1|2|3")]
        [InlineData("Get-MatomoReport Actions.getPageU", "Actions.getPageUrls")]
        [InlineData("Get-MatomoReport Actions.getPageUrls -Sort nb_h", "nb_hits")]
        [InlineData("Get-MatomoReportMetadata -Category Ref", "Referrers")]
        [InlineData("Get-MatomoLanguageVisits -Language de", "de")]
        public void Tab_completes_from_the_environment_connection_as_runbooks_connect(string line, string expected)
        {
            try
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", Fixture.Server.BaseUrl);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", FakeTokens.View);

                var matches = Shell.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText",
                    new Dictionary<string, object?> { ["line"] = line });

                Assert.Empty(Shell.Errors);
                Assert.Equal(expected.Split('|'), matches.Select(match => match.ToString()));
            }
            finally
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", null);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", null);
            }
        }

        [Fact]
        public void Without_Connect_the_commands_use_the_environment()
        {
            try
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", Fixture.Server.BaseUrl);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", FakeTokens.View);
                Environment.SetEnvironmentVariable("MATOMO_SITE_ID", "2");
                var rows = Shell.Run("Get-MatomoVisits -Start 2023-01-02 -End 2023-01-03");

                Assert.Empty(Shell.Errors);
                Assert.Equal(2, rows.Count);
                Assert.All(rows, row => Assert.Equal(2, ((MatomoPS.Client.MatomoSeriesRow)row.BaseObject).SiteId));
            }
            finally
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", null);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", null);
                Environment.SetEnvironmentVariable("MATOMO_SITE_ID", null);
            }
        }

        [Fact]
        public async System.Threading.Tasks.Task Runspaces_that_start_together_share_one_connection_from_the_environment()
        {
            // The site list answers slowly, so every runspace asks for the connection while the first one is being made.
            Fixture.Server.Faults.Add(new FakeFault { When = request => request.ApiMethod?.StartsWith("SitesManager.", StringComparison.Ordinal) == true, Delay = TimeSpan.FromMilliseconds(300), Times = 0 });
            var shells = Enumerable.Range(0, 4).Select(_ => new PowerShellHost(Session)).ToList();
            try
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", Fixture.Server.BaseUrl);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", FakeTokens.View);
                Environment.SetEnvironmentVariable("MATOMO_SITE_ID", "3");
                int before = SiteListRequests();

                var runs = await System.Threading.Tasks.Task.WhenAll(shells.Select(shell =>
                    System.Threading.Tasks.Task.Run(() => shell.Run("Get-MatomoVisits -Start 2023-01-02 -End 2023-01-03").Select(row => row.BaseObject.ToString()).ToList())));

                Assert.All(shells, shell => Assert.Empty(shell.Errors));
                Assert.All(runs, rows => Assert.Equal(runs[0], rows));
                Assert.Equal(2, runs[0].Count);
                Assert.Equal(1, SiteListRequests() - before);
            }
            finally
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", null);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", null);
                Environment.SetEnvironmentVariable("MATOMO_SITE_ID", null);
                shells.ForEach(shell => shell.Dispose());
            }

            int SiteListRequests() => Fixture.Server.Requests.Count(request => request.ApiMethod?.StartsWith("SitesManager.", StringComparison.Ordinal) == true);
        }

        [Fact]
        public void A_wrong_token_in_the_environment_says_to_check_MATOMO_TOKEN_not_to_connect_again()
        {
            try
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", Fixture.Server.BaseUrl);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", "ffffffffffffffffffffffffffff0013");
                Shell.Run("Get-MatomoVisits -Start 2023-01-02 -End 2023-01-03");

                var error = Assert.Single(Shell.Errors);
                Assert.Equal("MatomoAuthenticationFailed,MatomoPS.GetMatomoVisitsCommand", error.FullyQualifiedErrorId);
                Assert.Contains("MATOMO_TOKEN", error.ErrorDetails.RecommendedAction);
                Assert.DoesNotContain("Connect-Matomo", error.ErrorDetails.RecommendedAction);
            }
            finally
            {
                Environment.SetEnvironmentVariable("MATOMO_URL", null);
                Environment.SetEnvironmentVariable("MATOMO_TOKEN", null);
            }
        }

        [Fact]
        public void Get_MatomoId_lists_every_site_with_All_even_past_100()
        {
            var first = Shell.Run("Get-MatomoId -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars(FakeTokens.ManySites));
            Assert.Equal(1, Assert.Single(first).BaseObject);
            var all = Shell.Run("Get-MatomoId -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -All", Vars(FakeTokens.ManySites));

            Assert.Empty(Shell.Errors);
            Assert.Equal(Enumerable.Range(1, 150), all.Select(o => (int)o.BaseObject));
        }

        [Fact]
        public void Invoke_MatomoApi_returns_objects_and_enumerates_lists()
        {
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            var sites = Shell.Run("Invoke-MatomoApi SitesManager.getSitesWithAtLeastViewAccess");
            // 2023-01-04 has visits in the double's data set (checked below against its own count).
            var visits = Shell.Run("Invoke-MatomoApi VisitsSummary.get -Parameter @{ period = 'day'; date = '2023-01-04' }");

            Assert.Empty(Shell.Errors);
            Assert.Equal(3, sites.Count);
            Assert.Equal("Demo site", sites[0].Properties["name"].Value);
            Assert.Equal(Fixture.Server.Api.Data.Visits(1, new DateTime(2023, 1, 4)).Count, (int)Assert.Single(visits).Properties["nb_visits"].Value);
            Assert.NotEqual(0, (int)visits[0].Properties["nb_visits"].Value);
        }

        [Fact]
        public void Invoke_MatomoApi_refuses_a_method_that_is_not_Module_action_before_any_request()
        {
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            int before = Fixture.Server.RequestCount;
            Shell.Run("Invoke-MatomoApi getVisits");

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void Ctrl_C_stops_a_hung_request()
        {
            Shell.Run("Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Vars());
            var hang = new FakeFault { When = r => r.ApiMethod == "VisitsSummary.getVisits", Delay = TimeSpan.FromMinutes(10) };
            Fixture.Server.Faults.Add(hang);
            try
            {
                int before = Fixture.Server.RequestCount;
                var stopped = Shell.RunAndStop("Get-MatomoVisits -Start 2023-01-01 -End 2023-01-02", () => Fixture.Server.RequestCount > before);
                Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, stopped);
            }
            finally
            {
                Fixture.Server.Faults.Remove(hang);
            }
        }
    }
}
