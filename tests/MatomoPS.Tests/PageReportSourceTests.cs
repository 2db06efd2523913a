using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>Get-MatomoLanguageVisits -Source PageReport: pageviews per language from the page report's folders, in one request.</summary>
    public sealed class PageReportSourceTests : SessionTest
    {
        private const string Range = "-Start 2025-05-26 -End 2025-06-22 -Period Week";

        public PageReportSourceTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        [Fact]
        public void Every_language_and_the_total_come_in_one_request_equal_to_the_page_reports_folder_rows()
        {
            int before = Fixture.Server.RequestCount;
            var rows = Rows(Shell.Run($"Get-MatomoLanguageVisits de, en, ar {Range} -Metric Actions -Source PageReport"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(before + 1, Fixture.Server.RequestCount);
            Assert.Equal("Actions.getPageUrls", Fixture.Server.Requests.Last().ApiMethod);
            Assert.Equal(new[] { "de", "en", "ar", "Total" }, rows.Select(row => row.Series).Distinct());
            Assert.All(rows, row => Assert.Equal(MatomoMetric.Actions, row.Metric));
            foreach (string code in new[] { "de", "en", "ar" })
            {
                var folder = Shell.Run($"Get-MatomoReport Actions.getPageUrls {Range} -Label {code} | ForEach-Object {{ \"$($_.Key)=$($_.nb_hits)\" }}").Select(o => o.ToString());
                var mine = rows.Where(row => row.Series == code).Select(row => $"{row.Key}={row.Value}");
                Assert.Equal(folder, mine.Where(line => !line.EndsWith("=0")));
                Assert.Contains(rows, row => row.Series == code && row.Value > 0);
            }
        }

        [Fact]
        public void The_total_is_every_pageview_of_the_period()
        {
            var rows = Rows(Shell.Run($"Get-MatomoLanguageVisits de {Range} -Metric Actions -Source PageReport"));
            var pages = Shell.Run($"Get-MatomoReport Actions.getPageUrls {Range} | Group-Object Key | ForEach-Object {{ \"$($_.Name)=$(($_.Group | Measure-Object nb_hits -Sum).Sum)\" }}");

            Assert.Empty(Shell.Errors);
            Assert.Equal(pages.Select(o => o.ToString()), rows.Where(row => row.Series == "Total").Select(row => $"{row.Key}={row.Value}"));
        }

        [Theory]
        [InlineData("-Metric Visits", "use it with -Metric Actions")]
        [InlineData("-Metric Actions -SegmentTemplate 'pageUrl=^https://{0}.example.org'", "folders at the top of the page path")]
        [InlineData("-Metric Actions -SegmentTemplate 'pageUrl=@/docs/{0}/'", "pageUrl=@/{0}/ (the default)")]
        [InlineData("-Metric Actions -SegmentTemplate 'pageUrl=@/{0}/;browserCode==FF'", "count it with segments instead")]
        [InlineData("-Metric Actions -Start 2025-06-10 -End 2025-06-01", "after the end")]
        public void A_template_or_metric_the_page_report_cannot_answer_is_refused_before_any_request(string arguments, string says)
        {
            int before = Fixture.Server.RequestCount;
            Shell.Run($"Get-MatomoLanguageVisits de -Source PageReport {arguments}");

            var error = Assert.Single(Shell.Errors);
            Assert.Equal("MatomoInvalidArgument,MatomoPS.GetMatomoLanguageVisitsCommand", error.FullyQualifiedErrorId);
            Assert.Contains(says, error.ErrorDetails.Message);
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void A_host_template_reads_the_same_folders()
        {
            var plain = Rows(Shell.Run($"Get-MatomoLanguageVisits de {Range} -Metric Actions -Source PageReport -NoTotal"));
            var host = Rows(Shell.Run($"Get-MatomoLanguageVisits de {Range} -Metric Actions -Source PageReport -NoTotal -SegmentTemplate 'pageUrl=^https://site1.example.org/{{0}}/'"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(plain.Select(row => row.Value), host.Select(row => row.Value));
        }
    }
}
