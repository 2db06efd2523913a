using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>Get-MatomoReportMetadata and the completion of -Report from the server's report list.</summary>
    public sealed class ReportMetadataCommandTests : SessionTest
    {
        public ReportMetadataCommandTests(ServerFixture fixture) : base(fixture) { }

        private List<(string Text, string Tip)> Complete(string line)
        {
            var output = Shell.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText + '|' + $_.ToolTip }",
                new Dictionary<string, object?> { ["line"] = line });
            Assert.Empty(Shell.Errors);
            return output.Select(item => item.ToString().Split('|')).Select(parts => (parts[0], parts[1])).ToList();
        }

        [Fact]
        public void It_lists_the_servers_reports_by_name_category_and_wildcard_and_never_shows_the_token()
        {
            ConnectTo(token: FakeTokens.SuperUser);
            var all = Shell.Run("Get-MatomoReportMetadata").Select(o => (MatomoReportMetadata)o.BaseObject).ToList();
            Assert.Equal(6, all.Count);
            Assert.Contains("Referrers.getReferrerType", all.Select(r => r.Report));
            Assert.DoesNotContain(FakeTokens.SuperUser, string.Join("\n", Shell.Run("Get-MatomoReportMetadata | Format-List * | Out-String -Width 300").Select(o => o.ToString())));
            Assert.DoesNotContain(FakeTokens.SuperUser, Shell.EverythingShown());

            Assert.Equal(new[] { "Actions.getPageUrls", "Actions.getPageTitles" }, Shell.Run("Get-MatomoReportMetadata -Category actions").Select(o => ((MatomoReportMetadata)o.BaseObject).Report));
            Assert.Equal(new[] { "Actions.getPageUrls", "Actions.getPageTitles" }, Shell.Run("Get-MatomoReportMetadata 'Actions.*'").Select(o => ((MatomoReportMetadata)o.BaseObject).Report));
            var metrics = Shell.Run("(Get-MatomoReportMetadata UserCountry.getCountry).Metrics").Select(o => (MatomoReportMetricInfo)o.BaseObject).ToList();
            Assert.Equal(("nb_visits", "Visits", "number", false), (metrics[0].Name, metrics[0].Title, metrics[0].Type, metrics[0].Processed));

            Shell.Run("Get-MatomoReportMetadata Actions.getPageUrl");
            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("Actions.getPageUrls", error.ToString());
        }

        [Fact]
        public void Report_completes_from_the_servers_list_with_the_reports_name_as_tooltip_read_once_per_connection()
        {
            ConnectTo();
            int before = Fixture.Server.RequestCount;

            var actions = Complete("Get-MatomoReport Actions.");
            var again = Complete("Get-MatomoReport -Period Week -Report User");

            Assert.Equal(new[] { ("Actions.getPageUrls", "Page URLs (Actions > Pages)"), ("Actions.getPageTitles", "Page titles (Actions > Page titles)") }, actions);
            Assert.Equal("UserCountry.getCountry", Assert.Single(again).Text);
            Assert.Equal(1, Fixture.Server.Requests.Count(r => r.Number > before && r.ApiMethod == "API.getReportMetadata"));
            Assert.Contains("DevicesDetection.getBrowsers", Complete("Get-MatomoReport Brows").Select(c => c.Text));
        }

        [Fact]
        public void Sort_and_Column_complete_with_the_columns_of_the_report_typed()
        {
            ConnectTo(token: FakeTokens.SuperUser);

            var sort = Complete("Get-MatomoReport Actions.getPageUrls -Sort ");
            Assert.Equal("label", sort[0].Text);
            Assert.Contains(sort, column => column.Text == "nb_hits");
            Assert.Equal(new[] { "nb_visits" }, Complete("Get-MatomoReport UserCountry.getCountry -Column nb_vi").Select(c => c.Text));
            Assert.DoesNotContain("label", Complete("Get-MatomoReport UserCountry.getCountry -Column ").Select(c => c.Text));
            Assert.Empty(Complete("Get-MatomoReport -Sort "));
        }

        [Fact]
        public void Invoke_MatomoApi_completes_its_method_with_the_servers_report_methods()
        {
            ConnectTo(token: FakeTokens.SuperUser);

            var methods = Complete("Invoke-MatomoApi UserCountry.").Select(c => c.Text).ToList();

            Assert.Equal(new[] { "UserCountry.getCountry" }, methods);
        }

        [Fact]
        public void Category_completes_with_the_categories_of_the_servers_reports()
        {
            ConnectTo(token: FakeTokens.SuperUser);

            var categories = Complete("Get-MatomoReportMetadata -Category ").Select(c => c.Text).ToList();
            Assert.Contains("Actions", categories);
            Assert.Equal(categories.Distinct().Count(), categories.Count);
            Assert.All(Complete("Get-MatomoReportMetadata -Category Ac"), c => Assert.StartsWith("Ac", c.Text.Trim('\'')));
        }

        [Fact]
        public void Report_completion_offers_nothing_without_a_connection_and_Period_offers_Range_for_reports_only()
        {
            Assert.Empty(Complete("Get-MatomoReport Act"));
            Assert.Contains("Range", Complete("Get-MatomoReport Actions.getPageUrls -Period ").Select(c => c.Text));
            Assert.DoesNotContain("Range", Complete("Get-MatomoLanguageVisits de -Period ").Select(c => c.Text));
        }
    }
}
