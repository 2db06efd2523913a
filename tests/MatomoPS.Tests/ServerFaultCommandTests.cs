using System;
using System.Linq;
using System.Management.Automation;
using FakeMatomo;

namespace MatomoPS.Tests
{
    /// <summary>
    /// The server's own faults as a user of the cmdlets sees them, with the double in the states of a real Matomo 5.1.2
    /// (tests/data/realmatomo/faults): a database that is down, maintenance mode, and browser-triggered archiving off,
    /// where a segment the server never processed answers zeros that only the visit log tells from true zeros.
    /// </summary>
    public sealed class ServerFaultCommandTests : SessionTest
    {
        private const string Week = "-Start 2025-06-01 -End 2025-06-07";

        // A double of its own: its switches would fail every other runspace test.
        private readonly FakeMatomoServer _server = FakeMatomoServer.Start(ServerFixture.ServerToday);

        public ServerFaultCommandTests(ServerFixture fixture) : base(fixture) => ConnectTo(_server);

        /// <summary>Looks at the visit log, whether each went alone or in a bulk request with others.</summary>
        private int LiveCalls => _server.Api.LiveCalls;

        /// <summary>Requests that asked the visit log: plain, or bulk requests of looks.</summary>
        private int CheckRequests => _server.VisitLogRequests.Count;

        [Fact]
        public void A_database_that_stays_down_is_a_server_fault_that_says_so_and_names_the_administrator()
        {
            _server.Api.DatabaseDown = true;
            int before = _server.RequestCount;

            Shell.Run($"Get-MatomoVisits {Week}");

            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoDatabaseUnavailable", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Contains("cannot reach its database", error.Exception.Message);
            Assert.Contains("administrator", error.ErrorDetails.RecommendedAction);
            // Connect-Matomo's default of 3 retries: the database had four chances to come back.
            Assert.Equal(4, _server.RequestCount - before);
        }

        [Fact]
        public void Maintenance_mode_is_said_as_maintenance_not_as_an_overloaded_server()
        {
            _server.Api.MaintenanceMode = true;

            Shell.Run($"Get-MatomoVisits {Week}");

            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoMaintenance", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Contains("maintenance mode", error.Exception.Message);
            Assert.Contains("maintenance", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain("overloaded", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_segment_the_server_never_processed_asked_alone_is_matomos_own_error_with_the_way_out()
        {
            _server.Api.BrowserArchiving = false;

            var rows = Shell.Run($"Get-MatomoVisits {Week} -Segment 'pageUrl=@/de/'");

            Assert.Empty(rows);
            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoSegmentNotProcessed", error.FullyQualifiedErrorId);
            Assert.Contains("has not yet been created in the Segment Editor", error.Exception.Message);
            Assert.Contains("segment editor", error.ErrorDetails.RecommendedAction);
            Assert.Contains("Get-MatomoLanguageVisits -Source PageReport", error.ErrorDetails.RecommendedAction);
            Assert.Equal(0, LiveCalls);
        }

        [Fact]
        public void A_report_of_a_segment_the_server_never_processed_is_matomos_own_error_not_an_empty_report()
        {
            _server.Api.BrowserArchiving = false;

            var rows = Shell.Run($"Get-MatomoReport Actions.getPageUrls -Flat {Week} -Segment 'pageUrl=@/de/'");

            Assert.Empty(rows);
            var error = Assert.Single(Shell.Errors);
            Assert.StartsWith("MatomoSegmentNotProcessed", error.FullyQualifiedErrorId);
            Assert.Contains("has not yet been created in the Segment Editor", error.Exception.Message);
        }

        [Fact]
        public void Unprocessed_languages_in_a_bulk_request_keep_their_zeros_and_each_gets_a_warning_but_a_language_without_visits_none()
        {
            _server.Api.BrowserArchiving = false;

            var rows = Shell.Run($"Get-MatomoLanguageVisits -Language de, en, zz {Week} -ThrottleLimit 1");

            Assert.Empty(Shell.Errors);
            Assert.Equal(28, rows.Count);
            Assert.All(rows.Where(row => (string)row.Properties["Series"].Value != "Total"), row => Assert.Equal(0L, row.Properties["Value"].Value));
            Assert.Equal(2, Shell.Warnings.Count);
            Assert.Contains("The segment 'pageUrl=@/de/' (series 'de') is 0 in every period", Shell.Warnings[0] + Shell.Warnings[1]);
            Assert.Contains("The segment 'pageUrl=@/en/' (series 'en')", Shell.Warnings[0] + Shell.Warnings[1]);
            Assert.All(Shell.Warnings, warning =>
            {
                Assert.Contains("the server did not process this segment (browser-triggered archiving is off there)", warning);
                Assert.Contains("pre-processed segment in Matomo's segment editor", warning);
                Assert.Contains("SegmentEditor.getAll", warning);
                Assert.Contains("Get-MatomoLanguageVisits -Source PageReport", warning);
                Assert.Contains("from 2025-06-01 to 2025-06-07", warning);
            });
            Assert.DoesNotContain(Shell.Warnings, warning => warning.Contains("/zz/"));
            Assert.Equal((3, 1), (LiveCalls, CheckRequests));
        }

        [Fact]
        public void A_segment_of_two_sites_escapes_matomos_guard_and_is_warned_about()
        {
            _server.Api.BrowserArchiving = false;

            var rows = Shell.Run($"Get-MatomoVisits {Week} -SiteId 1, 2 -Segment 'pageUrl=@/de/'");

            Assert.Empty(Shell.Errors);
            Assert.Equal(14, rows.Count);
            var warning = Assert.Single(Shell.Warnings);
            Assert.StartsWith("The segment 'pageUrl=@/de/' is 0 in every period, but Matomo's visit log has visits for it on sites 1, 2", warning);
        }

        [Fact]
        public void A_visit_log_that_cannot_be_asked_is_said_once_per_command()
        {
            _server.Api.BrowserArchiving = false;
            _server.Api.LiveDisabled = true;

            var rows = Shell.Run($"Get-MatomoLanguageVisits -Language de, en, fr {Week} -ThrottleLimit 1");

            Assert.Empty(Shell.Errors);
            Assert.Equal(28, rows.Count);
            var warning = Assert.Single(Shell.Warnings);
            Assert.Contains("could not check them against Matomo's visit log", warning);
            Assert.Contains("The plugin Live is not enabled", warning);
            Assert.Equal(1, CheckRequests);
        }

        [Fact]
        public void Processed_segments_are_never_checked_and_a_segment_without_visits_is_checked_once_without_a_warning()
        {
            _server.Api.BrowserArchiving = false;
            _server.Api.PreProcessedSegments.Add("pageUrl=@/de/");
            Shell.Run($"Get-MatomoLanguageVisits -Language de {Week} -NoTotal -SiteId 1, 2");
            _server.Api.BrowserArchiving = true;
            Shell.Run($"Get-MatomoLanguageVisits -Language en, zz {Week} -ThrottleLimit 1");

            Assert.Empty(Shell.Errors);
            Assert.Empty(Shell.Warnings);
            Assert.Equal(1, LiveCalls);
        }

        public override void Dispose()
        {
            base.Dispose();
            _server.Dispose();
        }
    }
}
