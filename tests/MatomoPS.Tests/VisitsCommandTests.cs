using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    public sealed class VisitsCommandTests : SessionTest
    {
        public VisitsCommandTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        [Fact]
        public void Without_dates_it_gives_the_last_30_complete_days_of_the_connections_site()
        {
            var rows = Rows(Shell.Run("Get-MatomoVisits"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(30, rows.Length);
            Assert.Equal(ServerFixture.ServerToday.AddDays(-1), rows[^1].Date);
            Assert.Equal(ServerFixture.ServerToday.AddDays(-30), rows[0].Date);
            Assert.All(rows, row => Assert.Equal(1, row.SiteId));
            Assert.All(rows, row => Assert.Equal("Total", row.Series));
            Assert.All(rows, row => Assert.Equal(string.Empty, row.Segment));
        }

        [Theory]
        [InlineData("Day", 90)]
        [InlineData("Week", 14)]
        [InlineData("Month", 3)]
        [InlineData("Year", 1)]
        public void A_quarter_gives_a_row_per_period(string period, int count)
        {
            var rows = Rows(Shell.Run($"Get-MatomoVisits -Start 2023-01-01 -End 2023-03-31 -Period {period}"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(count, rows.Length);
            Assert.All(rows, row => Assert.Equal(Enum.Parse<MatomoPeriod>(period), row.Period));
            Assert.Equal(rows.OrderBy(row => row.Date).Select(row => row.Key), rows.Select(row => row.Key));
        }

        [Fact]
        public void Several_site_ids_give_rows_for_each_site()
        {
            var rows = Rows(Shell.Run("Get-MatomoVisits -Start 2023-01-01 -End 2023-01-31 -Period Week -SiteId 1,2,3 -Metric Actions"));

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { 1, 2, 3 }, rows.Select(row => row.SiteId).Distinct());
            Assert.Equal(3 * 6, rows.Length);
            Assert.All(rows.Where(row => row.SiteId == 3), row => Assert.Equal(0, row.Value));
        }

        [Fact]
        public void Start_after_end_is_an_InvalidArgument_error_before_any_request()
        {
            int before = Fixture.Server.RequestCount;
            Shell.Run("Get-MatomoVisits -Start 2023-03-01 -End 2023-01-01");

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoInvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("after the end", error.ToString());
            Assert.Equal(before, Fixture.Server.RequestCount);
        }

        [Fact]
        public void Unique_visitors_for_a_year_pass_on_Matomos_refusal()
        {
            Shell.Run("Get-MatomoVisits -Start 2023-01-01 -End 2023-12-31 -Period Year -Metric UniqueVisitors");

            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith("MatomoInvalidRequest", error.FullyQualifiedErrorId);
            Assert.Contains("The metric nb_uniq_visitors is not enabled for the requested period", error.ToString());
        }

        [Fact]
        public void A_segment_names_the_series_and_is_encoded_on_the_wire()
        {
            var rows = Rows(Shell.Run("Get-MatomoVisits -Start 2023-01-01 -End 2023-01-31 -Period Month -Segment 'pageUrl=@/de/'"));

            var row = Assert.Single(rows);
            Assert.Equal("pageUrl=@/de/", row.Series);
            Assert.Equal("pageUrl=@/de/", row.Segment);
            Assert.Equal("pageUrl=@%2Fde%2F", Fixture.Server.Requests.Last(r => r.ApiMethod == "VisitsSummary.getVisits").Parameter("segment"));
        }

        [Fact]
        public void Rows_export_to_flat_csv_with_the_documented_columns()
        {
            var lines = Shell.Run("Get-MatomoVisits -Start 2023-01-01 -End 2023-01-14 -Period Week | ConvertTo-Csv -NoTypeInformation")
                .Select(o => o.ToString()).ToArray();

            Assert.Empty(Shell.Errors);
            Assert.Equal("\"SiteId\",\"Series\",\"Segment\",\"Period\",\"Date\",\"EndDate\",\"Key\",\"Label\",\"Metric\",\"Value\"", lines[0]);
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("\"1\",\"Total\",\"\",\"Week\",", lines[1]);
            Assert.Contains("\"2022-12-26,2023-01-01\",\"Week 52/2022\",\"Visits\",", lines[1]);
        }

        [Fact]
        public void The_default_view_is_a_table_of_date_label_series_metric_and_value()
        {
            string text = string.Join("\n", Shell.Run("Get-MatomoVisits -Start 2023-01-01 -End 2023-01-02 | Out-String -Width 200").Select(o => o.ToString()));

            Assert.Matches(@"Date\s+Label\s+Series\s+Metric\s+Value", text);
            Assert.Contains("2023-01-01", text);
            Assert.DoesNotContain("EndDate", text);
        }

        [Fact]
        public void Verbose_output_shows_each_request_without_the_token()
        {
            Shell.Run("Get-MatomoVisits -Start 2023-01-01 -End 2023-01-02 -Verbose");

            Assert.Contains(Shell.Verbose, line => line.Contains("VisitsSummary.getVisits") && line.Contains("HTTP 200") && line.Contains(" ms"));
            Assert.DoesNotContain(FakeTokens.View, Shell.EverythingShown());
        }
    }
}
