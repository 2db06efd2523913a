using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>Many tokens and servers at once (issue 15): connection objects, -Connection on every command, fan-out.</summary>
    public sealed class ConnectionObjectTests : SessionTest
    {
        private const string Week = "-Start 2025-06-02 -End 2025-06-08";

        public ConnectionObjectTests(ServerFixture fixture) : base(fixture) { }

        /// <summary>$all (sites 1-3, default 1) and $two (site 2 only) as connections; $two is the default afterwards.</summary>
        private const string TwoConnections =
            "$all = Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru; " +
            "$two = Connect-Matomo -Url $url -Token (ConvertTo-SecureString $viewer -AsPlainText -Force) -PassThru; ";

        private Dictionary<string, object?> Tokens() => new()
        {
            ["url"] = Fixture.Server.BaseUrl,
            ["token"] = FakeTokens.View,
            ["viewer"] = FakeTokens.SiteTwoViewer,
        };

        private int Requests(string token) => Fixture.Server.Requests.Count(request => request.Body.TryGetValue("token_auth", out string? used) && used == token);

        [Fact]
        public void Two_connections_with_their_own_tokens_work_side_by_side_in_one_pipeline()
        {
            Shell.Run(TwoConnections, Tokens());
            int all = Requests(FakeTokens.View), two = Requests(FakeTokens.SiteTwoViewer);

            var rows = Rows(Shell.Run($"$all, $two | Get-MatomoVisits {Week}", Tokens()));

            Assert.Empty(Shell.Errors);
            Assert.Equal(Enumerable.Repeat(1, 7).Concat(Enumerable.Repeat(2, 7)), rows.Select(row => row.SiteId));
            Assert.Equal(all + 1, Requests(FakeTokens.View));
            Assert.Equal(two + 1, Requests(FakeTokens.SiteTwoViewer));
            var siteTwo = Rows(Shell.Run($"Get-MatomoVisits {Week} -SiteId 2 -Connection $all", Tokens()));
            Assert.Equal(siteTwo.Select(row => row.Value), rows.Skip(7).Select(row => row.Value));
        }

        [Fact]
        public void A_replaced_default_connection_stays_usable()
        {
            Shell.Run(TwoConnections, Tokens());

            var rows = Rows(Shell.Run($"Get-MatomoVisits {Week} -Connection $all; Get-MatomoVisits {Week}", Tokens()));

            Assert.Empty(Shell.Errors);
            Assert.Equal(Enumerable.Repeat(1, 7).Concat(Enumerable.Repeat(2, 7)), rows.Select(row => row.SiteId));
            Assert.Equal(2, Assert.Single(Shell.Run("(Get-MatomoConnection).DefaultSiteId")).BaseObject);
        }

        [Fact]
        public void Fan_out_over_connections_with_one_failing_token_names_it_and_completes_the_others()
        {
            Shell.Run(TwoConnections, Tokens());
            // The viewer's token is revoked after connecting: the server refuses it from now on.
            Fixture.Server.Faults.Add(new FakeFault
            {
                Times = 0, Status = 401,
                Body = "{\"result\":\"error\",\"message\":\"Unable to authenticate with the provided token. It is either invalid or expired.\"}",
                When = request => request.Body.TryGetValue("token_auth", out string? used) && used == FakeTokens.SiteTwoViewer,
            });
            int refused = Requests(FakeTokens.SiteTwoViewer);

            var rows = Rows(Shell.Run($"$two, $all | Get-MatomoVisits {Week} -Metric Visits, Actions, UniqueVisitors -NoBulk -ThrottleLimit 1", Tokens()));

            Assert.Equal(21, rows.Length);
            Assert.All(rows, row => Assert.Equal(1, row.SiteId));
            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoAuthenticationFailed", error.FullyQualifiedErrorId);
            Assert.StartsWith($"Matomo at {Fixture.Server.BaseUrl} (site 2): ", error.ErrorDetails.Message);
            Assert.IsType<MatomoConnection>(error.TargetObject);
            string shown = Shell.EverythingShown() + string.Join("\n", Shell.Run("$Error | Format-List * -Force | Out-String; $Error | ForEach-Object { $_.Exception | Format-List * -Force | Out-String }"));
            Assert.DoesNotContain(FakeTokens.SiteTwoViewer, shown);
            Assert.DoesNotContain(FakeTokens.View, shown);
            // One refused login for the revoked token, not one per series: its other two series were never sent.
            Assert.Equal(refused + 1, Requests(FakeTokens.SiteTwoViewer));
        }

        [Theory]
        [InlineData("Get-MatomoId -Connection $two", "2")]
        [InlineData("Get-MatomoSite -Connection $two | ForEach-Object SiteId", "2")]
        [InlineData("(Get-MatomoVisits -Start 2025-06-02 -End 2025-06-02 -Connection $two).SiteId", "2")]
        [InlineData("(Get-MatomoLanguageVisits de -Start 2025-06-02 -End 2025-06-02 -NoTotal -Connection $two).SiteId", "2")]
        [InlineData("(Invoke-MatomoApi SitesManager.getSiteFromId -Connection $two).idsite", "2")]
        [InlineData("$two | Get-MatomoId -All", "2")]
        [InlineData("Get-MatomoReport Actions.getPageUrls -Start 2025-06-02 -End 2025-06-02 -Label de -Connection $two | ForEach-Object SiteId", "2")]
        [InlineData("(Get-MatomoReportMetadata Actions.getPageUrls -Connection $two).Report", "Actions.getPageUrls")]
        public void Every_command_that_talks_to_Matomo_takes_Connection(string script, string expected)
        {
            Shell.Run("$all = Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force) -PassThru; " +
                      "$two = Connect-Matomo -Url $url -Token (ConvertTo-SecureString $viewer -AsPlainText -Force) -PassThru; " +
                      "Connect-Matomo -Url $url -Token (ConvertTo-SecureString $token -AsPlainText -Force)", Tokens());
            int before = Requests(FakeTokens.SiteTwoViewer);

            var output = Shell.Run(script, Tokens());

            Assert.Empty(Shell.Errors);
            Assert.Equal(expected, Assert.Single(output).ToString());
            Assert.True(Requests(FakeTokens.SiteTwoViewer) > before);
        }

        [Fact]
        public void A_credential_connection_shows_its_user_and_never_its_token_in_any_form()
        {
            string file = Path.Combine(Path.GetTempPath(), $"matomops-{Guid.NewGuid()}.xml");
            try
            {
                var output = Shell.Run(
                    "$c = Connect-Matomo -Url $url -Credential ([pscredential]::new('region-north', (ConvertTo-SecureString $token -AsPlainText -Force))) -PassThru; " +
                    "\"$c\"; $c | Format-List * | Out-String; $c | Format-Table | Out-String; $c | ConvertTo-Json -Depth 10; " +
                    "$c | Export-Clixml -Path $file; Get-Content -Raw $file; $c.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }",
                    new Dictionary<string, object?> { ["url"] = Fixture.Server.BaseUrl, ["token"] = FakeTokens.View, ["file"] = file });

                Assert.Empty(Shell.Errors);
                string text = string.Join("\n", output.Select(o => o.ToString()));
                Assert.Contains("region-north", text);
                Assert.Contains($"Matomo at {Fixture.Server.BaseUrl} (site 1, region-north)", text);
                Assert.Contains("DefaultSiteId", text);
                Assert.DoesNotContain(FakeTokens.View, text);
                Assert.DoesNotContain(FakeTokens.View, File.ReadAllText(file));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void A_closed_connection_is_refused_before_any_request()
        {
            Shell.Run(TwoConnections + "Disconnect-Matomo -Connection $all", Tokens());
            int before = Fixture.Server.RequestCount;

            Shell.Run($"Get-MatomoVisits {Week} -Connection $all", Tokens());

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoInvalidArgument,MatomoPS.GetMatomoVisitsCommand", error.FullyQualifiedErrorId);
            Assert.Contains("was closed with Disconnect-Matomo", error.ErrorDetails.Message);
            Assert.Equal(before, Fixture.Server.RequestCount);
            // Closing a connection that is not the default leaves the default alone.
            Assert.Equal(2, Assert.Single(Shell.Run("(Get-MatomoConnection).DefaultSiteId")).BaseObject);
        }

        [Theory]
        [InlineData("Get-MatomoVisits -Connection $null", "Connection")]
        [InlineData("Get-MatomoVisits -Connection 'https://matomo.example.org'", "Connection")]
        [InlineData("Get-MatomoSite -Connection 42", "Connection")]
        public void Something_that_is_not_a_connection_is_refused_before_any_request(string script, string parameter)
        {
            ConnectTo();
            int before = Fixture.Server.RequestCount;

            Shell.Run(script);

            var error = Assert.Single(Shell.Errors);
            Assert.Contains($"parameter '{parameter}'", error.Exception.Message);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }
    }
}
