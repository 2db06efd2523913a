using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;
using MatomoPS.Client;

namespace MatomoPS.Tests
{
    /// <summary>Get-MatomoReport as a user runs it: the objects, their columns, paging, ranges, sites, bad input, and streaming.</summary>
    public sealed class ReportCommandTests : SessionTest
    {
        private static readonly string[] Fixed = { "SiteId", "Period", "Date", "EndDate", "Key", "Report", "Segment", "Label" };

        public ReportCommandTests(ServerFixture fixture) : base(fixture) => ConnectTo();

        private int ReportRequests(int since) =>
            Fixture.Server.Requests.Count(r => r.Number > since && r.ApiMethod != null && r.ApiMethod != "API.getReportMetadata");

        [Fact]
        public void Each_row_has_the_fixed_properties_then_every_column_under_Matomos_name_as_numbers_then_its_segment_and_subtable()
        {
            var rows = Shell.Run("Get-MatomoReport Actions.getPageUrls -Period Month -Start 2025-05-01 -End 2025-05-31");

            Assert.Empty(Shell.Errors);
            var names = rows[0].Properties.Select(p => p.Name).ToList();
            Assert.Equal(Fixed, names.Take(8));
            Assert.Equal(new[] { "RowSegment", "SubtableId", "IsOthers" }, names.TakeLast(3));
            Assert.All(rows, row => Assert.False((bool)row.Properties["IsOthers"].Value));
            Assert.Contains("nb_hits", names);
            Assert.IsType<long>(rows[0].Properties["nb_hits"].Value);
            Assert.IsType<double>(rows[0].Properties["bounce_rate"].Value);
            Assert.Equal(("Actions.getPageUrls", MatomoPeriod.Month, "2025-05"), ((string)rows[0].Properties["Report"].Value, (MatomoPeriod)rows[0].Properties["Period"].Value, (string)rows[0].Properties["Key"].Value));
            Assert.All(rows, row => Assert.IsType<MatomoReportRow>(row.BaseObject));
            Assert.Contains(rows, row => (string)row.Properties["Label"].Value == "de" && row.Properties["SubtableId"].Value is int);
        }

        [Fact]
        public void Export_Csv_writes_every_column_even_those_Matomo_left_out_of_the_first_row()
        {
            var lines = Shell.Run("Get-MatomoReport Actions.getPageUrls -Flat -Sort nb_hits -Period Month -Start 2025-05-01 -End 2025-05-31 | ConvertTo-Csv -NoTypeInformation")
                .Select(line => line.ToString()).ToList();

            Assert.Empty(Shell.Errors);
            var header = lines[0].Split(',').Select(cell => cell.Trim('"')).ToList();
            Assert.Equal(Fixed, header.Take(8));
            foreach (string column in new[] { "nb_visits", "nb_hits", "entry_nb_visits", "exit_nb_visits", "bounce_rate", "url", "Actions_PageUrl", "RowSegment" })
                Assert.Contains(column, header);
            Assert.True(lines.Count > 200, $"{lines.Count} lines: every page, not Matomo's first 100");
        }

        [Fact]
        public void The_table_shows_the_period_the_label_and_the_reports_own_metrics()
        {
            var text = string.Join("\n", Shell.Run("Get-MatomoReport Actions.getPageUrls -Period Month -Start 2025-05-01 -End 2025-05-31 | Out-String -Width 200").Select(o => o.ToString()));

            var header = text.Split('\n').First(line => line.Trim().Length > 0);
            Assert.Equal(new[] { "Key", "Label", "nb_hits", "nb_visits" }, header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("sum_time_spent", text);
        }

        [Fact]
        public void A_range_is_one_table_and_sites_come_from_the_pipeline_in_the_order_given()
        {
            var rows = Shell.Run("2, 1 | Get-MatomoReport Referrers.getReferrerType -Period Range -Start 2025-04-01 -End 2025-06-30");

            Assert.Empty(Shell.Errors);
            Assert.Equal(new[] { 2, 1 }, rows.Select(r => (int)r.Properties["SiteId"].Value).Distinct());
            Assert.All(rows, r => Assert.Equal("2025-04-01,2025-06-30", r.Properties["Key"].Value));
            Assert.All(rows, r => Assert.Equal(MatomoPeriod.Range, r.Properties["Period"].Value));
            long visits = Fixture.Server.Api.Data.Visits(1, new DateTime(2025, 4, 1), new DateTime(2025, 6, 30)).Count();
            Assert.Equal(visits, rows.Where(r => (int)r.Properties["SiteId"].Value == 1).Sum(r => (long)r.Properties["nb_visits"].Value));
        }

        [Fact]
        public void First_and_Skip_page_each_period_and_the_total_count_is_exact()
        {
            var rows = Shell.Run("Get-MatomoReport Actions.getPageUrls -Flat -Period Week -Start 2025-06-02 -End 2025-06-15 -First 3 -Skip 1 -IncludeTotalCount");
            var all = Shell.Run("Get-MatomoReport Actions.getPageUrls -Flat -Period Week -Start 2025-06-02 -End 2025-06-15");

            Assert.Equal(7, rows.Count);
            foreach (string week in new[] { "2025-06-02,2025-06-08", "2025-06-09,2025-06-15" })
                Assert.Equal(all.Where(r => (string)r.Properties["Key"].Value == week).Skip(1).Take(3).Select(r => r.Properties["Label"].Value),
                    rows.Where(r => r.Properties["Key"]?.Value as string == week).Select(r => r.Properties["Label"].Value));
            // Every row of both weeks is counted, those before -Skip and after -First included.
            Assert.Equal((ulong)all.Count, rows[^1].BaseObject);
            Assert.Equal($"Total count: {all.Count}", Shell.Run("(Get-MatomoReport Actions.getPageUrls -Flat -Period Week -Start 2025-06-02 -End 2025-06-15 -First 3 -IncludeTotalCount | Select-Object -Last 1 | Out-String).Trim()").Single().ToString());
            Assert.Equal("Total count: 8", Shell.Run("(Get-MatomoReport Referrers.getReferrerType -Period Week -Start 2025-06-02 -End 2025-06-15 -First 50 -IncludeTotalCount | Select-Object -Last 1 | Out-String).Trim()").Single().ToString());
        }

        [Fact]
        public void Bad_input_is_an_error_before_any_report_request_and_an_unknown_report_names_the_closest()
        {
            int before = Fixture.Server.RequestCount;
            Shell.Run("Get-MatomoReport Actions.getPageUrls -First 0");
            Assert.Equal("MatomoInvalidArgument", Assert.Single(Shell.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Shell.Run("Get-MatomoReport Actions.getPageUrls -Skip -1");
            Assert.Equal("CannotConvertArgumentNoMessage", Assert.Single(Shell.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Shell.Run("Get-MatomoReport Actions.getPageUrls -Label 'de>>x'");
            Assert.Contains("empty label", Assert.Single(Shell.Errors).ToString());
            Shell.Run("Get-MatomoVisits -Period Range");
            Assert.Equal("ParameterArgumentValidationError", Assert.Single(Shell.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(before, Fixture.Server.RequestCount);

            Shell.Run("Get-MatomoReport Actions.getPageUrl -Period Month");
            var error = Assert.Single(Shell.Errors);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("closest are Actions.getPageUrls", error.ToString());
            Assert.Equal(0, ReportRequests(before));
        }

        [Fact]
        public void A_label_path_without_a_match_writes_nothing_and_no_error()
        {
            var rows = Shell.Run("Get-MatomoReport Actions.getPageUrls -Label 'de>no-such-page' -Period Month -Start 2025-01-01 -End 2025-03-31");

            Assert.Empty(rows);
            Assert.Empty(Shell.Errors);
            Assert.Empty(Shell.Warnings);
        }

        [Fact]
        public void Rows_stream_so_a_pipeline_that_stops_early_stops_the_requests()
        {
            int before = Fixture.Server.RequestCount;
            var rows = Shell.Run("Get-MatomoReport UserCountry.getCountry -Period Day -Start 2024-01-01 -End 2025-06-29 -ThrottleLimit 2 | Select-Object -First 3");

            Assert.Equal(3, rows.Count);
            Assert.Empty(Shell.Errors);
            // A year and a half of days takes many parts; stopping after the first rows asks for no more than the parts in flight.
            Assert.InRange(ReportRequests(before), 1, 3);
        }

        [Fact]
        public void A_segment_selects_visits_and_a_rows_segment_drills_down()
        {
            var rows = Shell.Run("Get-MatomoReport DevicesDetection.getBrowsers -Segment 'countryCode==de' -Period Range -Start 2025-05-01 -End 2025-05-31");
            var firefox = rows.Single(r => (string)r.Properties["Label"].Value == "Firefox");
            var visits = Shell.Run("Get-MatomoVisits -Segment $segment -Period Month -Start 2025-05-01 -End 2025-05-31",
                new Dictionary<string, object?> { ["segment"] = firefox.Properties["RowSegment"].Value + ";countryCode==de" });

            Assert.All(rows, r => Assert.Equal("countryCode==de", r.Properties["Segment"].Value));
            Assert.Equal("browserCode==FF", firefox.Properties["RowSegment"].Value);
            Assert.Equal((long)firefox.Properties["nb_visits"].Value, ((MatomoSeriesRow)Assert.Single(visits).BaseObject).Value);
        }
    }
}
