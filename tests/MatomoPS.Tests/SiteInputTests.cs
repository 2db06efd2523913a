using System.Linq;
using System.Management.Automation;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// Sites as a user gives them: one the token may not view is refused by every command with the sites it may view,
    /// before any report is asked for; a site given once is never said to be given twice.
    /// </summary>
    public sealed class SiteInputTests : SessionTest
    {
        private const string Week = "-Start 2025-06-01 -End 2025-06-07";

        public SiteInputTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        [Theory]
        [InlineData("Get-MatomoVisits -SiteId 999 " + Week)]
        [InlineData("Get-MatomoVisits -SiteId 1, 999 " + Week)]
        [InlineData("Get-MatomoLanguageVisits de -SiteId 999 " + Week)]
        [InlineData("Get-MatomoLanguageVisits de -SiteId 999 -Source PageReport -Metric Actions " + Week)]
        [InlineData("Get-MatomoReport Actions.getPageUrls -SiteId 999 " + Week)]
        public void A_site_the_token_may_not_view_is_refused_with_the_sites_it_may_view_before_any_report(string script)
        {
            int before = Fixture.Server.RequestCount;

            var output = Shell.Run(script);

            Assert.Empty(output);
            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoAccessDenied", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains($"The token may not view site 999 on {Fixture.Server.BaseUrl}; it may view sites 1, 2, 3.", error.ErrorDetails.Message);
            Assert.DoesNotContain("API.getReportMetadata", error.ToString());
            // One look at the site list (the site might be new since connecting), and nothing else.
            var sent = Fixture.Server.Requests.Skip(before).Select(request => request.ApiMethod).ToList();
            Assert.Equal(new[] { "SitesManager.getSitesWithAtLeastViewAccess" }, sent);
        }

        [Fact]
        public void Sites_the_connection_knows_cost_no_look_at_the_site_list()
        {
            int before = Fixture.Server.RequestCount;

            Shell.Run($"Get-MatomoVisits -SiteId 2, 1 {Week}");

            Assert.Empty(Shell.Errors);
            Assert.DoesNotContain(Fixture.Server.Requests.Skip(before), request => request.ApiMethod!.StartsWith("SitesManager."));
        }

        [Theory]
        [InlineData("'de', 'en' | Get-MatomoLanguageVisits -SiteId 1, 2 " + Week)]
        [InlineData("'de', 'en', 'ar' | Get-MatomoLanguageVisits -SiteId 2 " + Week)]
        public void Sites_given_once_with_languages_from_the_pipeline_are_not_said_to_be_repeated(string script)
        {
            var rows = Rows(Shell.Run(script));

            Assert.Empty(Shell.Errors);
            Assert.Empty(Shell.Warnings);
            Assert.NotEmpty(rows);
        }

        [Fact]
        public void A_site_given_twice_is_said_once_and_fetched_once()
        {
            var rows = Rows(Shell.Run($"Get-MatomoVisits -SiteId 1, 1 {Week}"));

            Assert.Equal("The site 1 is given more than once; it is fetched once.", Assert.Single(Shell.Warnings));
            Assert.Equal(7, rows.Length);
        }
    }
}
