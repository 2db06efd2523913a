using System;
using System.Collections.Generic;
using System.Linq;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Every exported command, succeeding and failing, with -Verbose -Debug: the token appears in no stream, no returned
    /// object (as JSON), no error (as Format-List *), and no URL the double received.
    /// </summary>
    public sealed class TokenSecrecyTests : SessionTest
    {
        private const string WrongToken = "ffffffffffffffffffffffffffff0005";
        public TokenSecrecyTests(ServerFixture fixture) : base(fixture) { }

        private const string EveryCommand = @"
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $ProgressPreference = 'Continue'
$secure = ConvertTo-SecureString $token -AsPlainText -Force
$week = @{ Start = '2025-06-01'; End = '2025-06-07' }
$returned = [Collections.Generic.List[object]]::new()
$Error.Clear()
$returned.Add((Connect-Matomo -Url $url -Token $secure -PassThru -Verbose -Debug))
$returned.Add((Get-MatomoConnection -Verbose -Debug))
$returned.Add((Get-MatomoId -All -Verbose -Debug))
$returned.Add((Get-MatomoId -Url $url -Token $secure -Verbose -Debug))
$returned.Add((Get-MatomoVisits @week -Verbose -Debug))
$returned.Add((Get-MatomoVisits @week -SiteId 7 -Verbose -Debug))
$returned.Add((Get-MatomoVisits @week -SiteId 2 -Verbose -Debug))
$returned.Add((Get-MatomoLanguageVisits -Language en, de, fr @week -BatchSize 1 -Verbose -Debug))
$returned.Add((Invoke-MatomoApi -Method API.getMatomoVersion -Verbose -Debug))
$returned.Add((Invoke-MatomoApi -Method VisitsSummary.nonsense -Verbose -Debug))
$returned.Add((Invoke-MatomoApi -Method SitesManager.getSitesIdWithAtLeastViewAccess -Raw -Verbose -Debug))
$returned.Add((Get-MatomoId -Url $url -Token (ConvertTo-SecureString $wrong -AsPlainText -Force) -Verbose -Debug))
$returned.Add((Connect-Matomo -Url $url -Token (ConvertTo-SecureString $wrong -AsPlainText -Force) -Verbose -Debug))
$returned.Add((Disconnect-Matomo -Verbose -Debug))
$returned.Add((Get-MatomoConnection -Verbose -Debug))
$returned | ConvertTo-Json -Depth 6
$Error | Format-List * -Force | Out-String -Width 400
$Error | ForEach-Object { $_.Exception | Format-List * -Force | Out-String -Width 400 }
";

        [Fact]
        public void The_token_appears_nowhere_in_a_run_of_every_command()
        {
            // The server's own pages echo the token back: a proxy's error page and Matomo's error message.
            Fixture.Server.Faults.Add(new FakeFault
            {
                Status = 503, Times = 0, Html = $"<html><body>Overloaded, request token_auth={FakeTokens.View}</body></html>",
                When = request => request.Parameter("idSite") == "2",
            });
            Fixture.Server.Faults.Add(new FakeFault
            {
                Body = $"{{\"result\":\"error\",\"message\":\"The method 'nonsense' does not exist (asked with {FakeTokens.View})\"}}", Times = 0,
                When = request => request.ApiMethod == "VisitsSummary.nonsense",
            });
            int before = Fixture.Server.RequestCount;

            var output = Shell.Run(EveryCommand, new Dictionary<string, object?>
            {
                ["url"] = Fixture.Server.BaseUrl,
                ["token"] = FakeTokens.View,
                ["wrong"] = WrongToken,
            });
            string everything = Shell.EverythingShown();

            // The run did what it should, so the absence below means something.
            Assert.Contains(Shell.Errors, error => error.FullyQualifiedErrorId.StartsWith("MatomoAccessDenied"));
            Assert.Contains(Shell.Errors, error => error.FullyQualifiedErrorId.StartsWith("MatomoUnavailable"));
            Assert.Contains(Shell.Errors, error => error.FullyQualifiedErrorId.StartsWith("MatomoInvalidRequest"));
            Assert.Equal(2, Shell.Errors.Count(error => error.FullyQualifiedErrorId.StartsWith("MatomoAuthenticationFailed")));
            Assert.Contains("********", everything);
            Assert.Contains(Shell.Verbose, line => line.Contains("POST VisitsSummary.getVisits"));
            Assert.Contains(Shell.Debug, line => line.Contains("-TimeoutSec 120"));
            Assert.Contains(Shell.Debug, line => line.Contains("Transient failure of VisitsSummary.getVisits"));
            Assert.NotEmpty(Shell.Progress);
            Assert.Contains(output, item => item.BaseObject is string text && text.Contains("\"SiteId\""));
            Assert.Contains(output, item => item.BaseObject is string text && text.Contains("FullyQualifiedErrorId"));

            foreach (string token in new[] { FakeTokens.View, WrongToken })
            {
                Assert.DoesNotContain(token, everything);
                Assert.DoesNotContain(token, string.Join("\n", output.Select(item => item?.ToString())));
            }
            var received = Fixture.Server.Requests.Skip(before).ToList();
            Assert.True(received.Count > 10);
            Assert.All(received, request => Assert.DoesNotContain("token_auth", request.RawQuery));
        }
    }
}
