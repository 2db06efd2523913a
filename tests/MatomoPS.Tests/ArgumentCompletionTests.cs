using System.Collections.Generic;
using System.Linq;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>What Tab offers a user for -Period, -Metric and -SiteId.</summary>
    public sealed class ArgumentCompletionTests : SessionTest
    {
        public ArgumentCompletionTests(ServerFixture fixture) : base(fixture) { }

        private List<string> Complete(string line)
        {
            var output = Shell.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText",
                new Dictionary<string, object?> { ["line"] = line });
            Assert.Empty(Shell.Errors);
            return output.Where(item => item != null).Select(item => item.ToString()).ToList();
        }

        [Theory]
        [InlineData("Get-MatomoVisits -Period ")]
        [InlineData("Get-MatomoLanguageVisits de -Period ")]
        public void Period_completes_with_every_period(string line)
        {
            Assert.Equal(new[] { "Day", "Month", "Week", "Year" }, Complete(line).OrderBy(text => text));
        }

        [Fact]
        public void Metric_completes_with_every_metric_and_filters_by_prefix()
        {
            Assert.Equal(new[] { "Actions", "UniqueVisitors", "Users", "Visits" }, Complete("Get-MatomoVisits -Metric ").OrderBy(text => text));
            Assert.Equal(new[] { "UniqueVisitors", "Users" }, Complete("Get-MatomoVisits -Metric U"));
        }

        [Theory]
        [InlineData("Get-MatomoVisits -SiteId ")]
        [InlineData("Get-MatomoLanguageVisits -Language de -SiteId ")]
        [InlineData("Invoke-MatomoApi VisitsSummary.get -SiteId ")]
        public void SiteId_completes_with_the_sites_the_connection_may_view(string line)
        {
            ConnectTo(token: FakeTokens.View);
            Assert.Equal(new[] { "1", "2", "3" }, Complete(line));
        }

        [Fact]
        public void SiteId_completion_filters_by_what_was_typed()
        {
            ConnectTo(token: FakeTokens.ManySites);
            var matches = Complete("Get-MatomoVisits -SiteId 14");
            Assert.Equal(new[] { "14", "140", "141", "142", "143", "144", "145", "146", "147", "148", "149" }, matches);
        }

        [Fact]
        public void SiteId_completion_names_each_site_and_leaves_out_ids_already_typed()
        {
            ConnectTo(token: FakeTokens.View);
            var output = Shell.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText + '|' + $_.ListItemText + '|' + $_.ToolTip }",
                new Dictionary<string, object?> { ["line"] = "Get-MatomoVisits -SiteId 1, " });

            var matches = output.Select(item => item.ToString().Split('|')).ToList();
            Assert.Equal(new[] { "2", "3" }, matches.Select(match => match[0]));
            Assert.Equal("2 Intranet", matches[0][1]);
            Assert.Contains("https://site2.example.org", matches[0][2]);
        }

        [Fact]
        public void SiteId_completes_a_site_by_the_start_of_its_name()
        {
            ConnectTo(token: FakeTokens.View);
            Assert.Equal(new[] { "2" }, Complete("Get-MatomoVisits -SiteId Intra"));
        }

        [Fact]
        public void Language_completes_with_the_sites_language_folders_the_busiest_first()
        {
            ConnectTo(token: FakeTokens.View);

            var all = Complete("Get-MatomoLanguageVisits -Language ");
            var fromD = Complete("Get-MatomoLanguageVisits -Language d");

            Assert.Equal("de", all[0]);
            Assert.True(all.Count >= 5, string.Join(", ", all));
            Assert.All(all, code => Assert.Matches("^[a-z]{2,3}$", code));
            Assert.All(fromD, code => Assert.StartsWith("d", code));
            Assert.DoesNotContain("de", Complete("Get-MatomoLanguageVisits -Language de, "));
        }

        [Fact]
        public void SiteId_offers_nothing_without_a_connection()
        {
            Assert.DoesNotContain("1", Complete("Get-MatomoVisits -SiteId "));
        }
    }
}
